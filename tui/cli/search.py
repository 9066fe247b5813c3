"""``byline search`` and ``byline check``: fuzzy search and the quote check, for scripts."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any, TypeVar

from tui.cli import common
from tui.cli.who import open_who
from tui.core.library.library import Library
from tui.core.notes.notebook import Notebook
from tui.core.notes.store import open_store, resolve_db_path
from tui.core.search import KINDS, QUERY_SYNTAX, QUOTE, REPORTED, CheckResult, Doc, Result, parse_query
from tui.core.search.check import ADDED, CHANGED, MISSING
from tui.core.search.library_index import LibraryIndex
from tui.core.text import one_line
from tui.core.who.quotes import Said, reports_of

T = TypeVar("T")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``search`` and ``check`` verbs."""
    search = sub.add_parser(
        "search",
        description="fuzzy search over titles, passages, quotes, people and notes",
        help="fuzzy search over titles, passages, quotes, people and notes",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=f"query syntax:\n{QUERY_SYNTAX}",
    )
    search.add_argument("query", metavar="QUERY", help="what to find (quote it for the shell)")
    common.add_library_args(search)
    search.add_argument("--kind", choices=KINDS, help="only results of this kind (article means titles and passages)")
    search.add_argument("--limit", type=common.positive, default=20, metavar="N", help="at most N results (default 20)")
    search.add_argument("--json", action="store_true", help="print a JSON array, best first")
    common.add_db_arg(search)
    search.set_defaults(func=run_search)

    check = sub.add_parser(
        "check",
        description="find the original of a remembered or misquoted quote, with a word diff; the best "
        "match lists every report of that quotation across the library",
        help="find the original of a remembered or misquoted quote",
    )
    check.add_argument("quote", metavar="QUOTE", help="the quote as you remember it")
    common.add_library_args(check)
    check.add_argument("--limit", type=common.positive, default=5, metavar="N", help="at most N originals (default 5)")
    check.add_argument("--json", action="store_true", help="print a JSON array, closest first")
    check.set_defaults(func=run_check)


def run_search(args: argparse.Namespace) -> int:
    """Print the best results for the query."""
    if not args.query.strip():
        return common.fail("give a query (byline search --help shows the syntax)", 2)
    parsed = parse_query(args.query + (f" kind:{args.kind}" if args.kind else ""))
    for problem in parsed.problems:
        print(f"byline: warning: {problem}", file=sys.stderr)
    library = common.open_library(args)
    store, notice = open_store(resolve_db_path(args.db))
    if notice:
        print(f"byline: warning: {notice}", file=sys.stderr)
    index = _open_index(args, library, Notebook(store, library))
    results = _answer(index, library, lambda: index.search(parsed, args.limit))
    return _report(
        args,
        library,
        [result_json(r, library) for r in results],
        [_result_text(r, library) for r in results],
        f"nothing found for {args.query!r}",
    )


def run_check(args: argparse.Namespace) -> int:
    """Print the original quotes closest to the given one, with a word diff each."""
    if not args.quote.strip():
        return common.fail("give the quote to check", 2)
    who = open_who(args)
    library = who.library
    index = _open_index(args, library, None)
    found = _answer(index, library, lambda: index.check(args.quote, args.limit))
    reports = reports_of(who, who.node_at(found[0].doc.article_id, found[0].doc.start)) if found else []
    rows = [check_json(c, library) for c in found]
    lines = [_check_text(c, library) for c in found]
    if rows:
        rows[0]["reports"] = [report_json(r) for r in reports]
        lines[0] += _reports_text(reports)
    return _report(args, library, rows, lines, "no quote in the library is close to that")


def _open_index(args: argparse.Namespace, library: Library, notebook: Notebook | None) -> LibraryIndex:
    """The library's search index: the saved one brought up to date, else built (and saved)."""
    index = LibraryIndex.of(library, notebook, folder=common.search_folder(args))
    if index.rejected:
        print(f"byline: warning: search index not used ({index.rejected}); rebuilt", file=sys.stderr)
    return index


def _answer(index: LibraryIndex, library: Library, ask: Callable[[], list[T]]) -> list[T]:
    """``ask()``; asked again once the index is rebuilt, when it turned out damaged."""
    found = ask()
    if index.damaged:
        print(f"byline: warning: search index {index.rejected}", file=sys.stderr)
        index.catch_up(library.entries())
        index.save()
        found = ask()
    return found


def _report(
    args: argparse.Namespace, library: Library, rows: list[dict[str, Any]], lines: list[str], nothing: str
) -> int:
    """Print the rows as JSON (``--json``) or the lines; the exit code: 1 for a PATH that could
    not be read or for no result (saying ``nothing``), else 0."""
    if args.json:
        common.print_json(rows)
    else:
        for line in lines:
            print(line)
    if common.missing_roots(library):
        return 1
    return 0 if rows else common.fail(nothing)


def result_json(result: Result, library: Library) -> dict[str, Any]:
    """A search result as JSON: kind, article, text, score, span; speaker for quotes, tags for notes."""
    out = _doc_json(result.doc, result.score, library)
    if result.doc.kind in (QUOTE, REPORTED):
        out["speaker"] = result.doc.speaker
    elif result.doc.tags:
        out["tags"] = list(result.doc.tags)
    return out


def check_json(found: CheckResult, library: Library) -> dict[str, Any]:
    """A quote check result as JSON: the original quote's fields, its speaker and the diff."""
    out = _doc_json(found.doc, found.score, library)
    out["speaker"] = found.doc.speaker
    out["diff"] = [
        {"op": e.op, "text": e.text, **({"original": e.original} if e.op == CHANGED else {})} for e in found.diff
    ]
    return out


def report_json(report: Said) -> dict[str, Any]:
    """One report of a quotation (the same words in one article) as JSON."""
    article = report.article
    return {
        "article": article.id,
        "date": article.date_iso,
        "title": article.title,
        "source": article.source or None,
        "speaker": report.quote.speaker,
        "text": report.quote.text,
        "start": report.quote.start,
        "end": report.quote.end,
    }


def _reports_text(reports: list[Said]) -> str:
    """Every report of the best match, earliest first (nothing when it is the only one)."""
    if len(reports) < 2:
        return ""
    lines = [f"  reported {len(reports)} times, earliest first:"]
    for r in reports:
        where = " · ".join(x for x in (r.article.date_iso or "undated", r.article.source, r.article.title) if x)
        lines.append(f"    {where} ({r.article.id}) — {r.quote.speaker or 'speaker unknown'}")
        lines.append(f"        {one_line(r.quote.text)}")
    return "\n".join(lines) + "\n"


def _doc_json(doc: Doc, score: float, library: Library) -> dict[str, Any]:
    article = library.get(doc.article_id)
    return {
        "kind": doc.kind,
        "article": doc.article_id,
        "title": article.title if article else None,
        "date": article.date_iso if article else None,
        "text": doc.text,
        "score": score,
        "start": doc.start,
        "end": doc.end,
    }


def _where(doc: Doc, library: Library) -> str:
    article = library.get(doc.article_id)
    if article is None:
        return f"({doc.article_id})"
    return f"{article.title} ({article.date_iso or 'undated'}, {doc.article_id})"


def _result_text(result: Result, library: Library) -> str:
    doc = result.doc
    who = f"{doc.speaker}: " if doc.speaker else ""
    return f"{result.score:5.1f}  {doc.kind:<7}  {who}{one_line(doc.text)}\n{'':16}— {_where(doc, library)}"


def _check_text(found: CheckResult, library: Library) -> str:
    doc = found.doc
    marks = {MISSING: "[-{}-]", ADDED: "{{+{}+}}"}
    diff = " ".join(
        f"[-{e.original}-] {{+{e.text}+}}" if e.op == CHANGED else marks.get(e.op, "{}").format(e.text)
        for e in found.diff
    )
    return (
        f"{found.score:5.1f}%  {doc.speaker or 'speaker unknown'} — {_where(doc, library)}\n"
        f"        “{one_line(doc.text)}”\n"
        f"  diff  {diff}\n"
    )
