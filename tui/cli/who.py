"""``byline quotes``, ``byline people`` and ``byline person``: who said what across a
library, for scripts. They read the who-index (kept beside the library cache), so a warm
library answers without reading its articles."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from tui.cli import common
from tui.core.extract import Person
from tui.core.text import counted, one_line
from tui.core.who.facts import REPORTED
from tui.core.who.index import WhoIndex
from tui.core.who.profile import Profile, Statement, profile
from tui.core.who.quotes import Said, cluster_of, library_quotes


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``quotes``, ``people`` and ``person`` verbs."""
    quotes = sub.add_parser(
        "quotes",
        description="list the direct quotes and their speakers; each speech quote names its cluster "
        "(the same quotation reported in other articles) and how many reports it has",
        help="list the direct quotes and their speakers",
    )
    common.add_library_args(quotes)
    quotes.add_argument(
        "--speaker", metavar="NAME", help="only quotes by this person (matched like @speaker in search)"
    )
    quotes.add_argument(
        "--all", action="store_true", help="include scare quotes, titles and terms (kind is not 'speech')"
    )
    quotes.add_argument(
        "--reported",
        action="store_true",
        help="include reported claims, said without quote marks (kind 'reported', with the 'cue' that reports them)",
    )
    quotes.add_argument("--json", action="store_true", help="print a JSON array")
    quotes.set_defaults(func=run_quotes)

    people = sub.add_parser(
        "people",
        description="list the people named across the library",
        help="list the people named across the library",
    )
    common.add_library_args(people)
    people.add_argument("--json", action="store_true", help="print a JSON array")
    people.set_defaults(func=run_people)

    person = sub.add_parser(
        "person",
        description="one person's page: names, roles with dates, quotes and reported claims (newest first), "
        "quotes and mentions per month, people named with them, and articles. NAME is matched like "
        "@speaker in search; when several people match, they are listed and the exit code is 1",
        help="one person: names, roles, quotes, timeline, co-mentioned people, articles",
    )
    person.add_argument("name", metavar="NAME", help="the person (a name, alias or surname; typos are forgiven)")
    common.add_library_args(person)
    person.add_argument("--json", action="store_true", help="print a JSON object")
    person.set_defaults(func=run_person)


def open_who(args: argparse.Namespace) -> WhoIndex:
    """The library named by ``args`` with its who-index, brought up to date (and saved in the
    library cache unless ``--no-cache``)."""
    library = common.open_library(args)
    cache = common.library_indexer(args).cache
    who = WhoIndex(library, cache.folder if cache else None)
    who.refresh()
    if who.problem:
        print(f"byline: warning: who-index not used ({who.problem}); rebuilt", file=sys.stderr)
    return who


def quote_json(said: Said, who: WhoIndex) -> dict[str, Any]:
    """One quote as ``byline quotes --json`` prints it, with its cluster and report count."""
    cluster, reports = cluster_of(who, said)
    quote = said.quote
    return {
        "article": said.article.id,
        "date": said.article.date_iso,
        "title": said.article.title,
        "speaker": quote.speaker,
        "kind": quote.kind,
        "text": quote.text,
        "start": quote.start,
        "end": quote.end,
        "cluster": cluster or None,
        "reports": reports,
        **({"cue": said.cue} if quote.kind == REPORTED else {}),
    }


def run_quotes(args: argparse.Namespace) -> int:
    """Print the library's quotes, newest article first."""
    who = open_who(args)
    names = who.speaker_names(args.speaker) if args.speaker else None
    found = library_quotes(who, every_kind=args.all, reported=args.reported, speakers=names)
    rows = [quote_json(said, who) for said in found]
    if args.json:
        common.print_json(rows)
    else:
        for row in rows:
            claim = f" ({row['cue']}, reported)" if row["kind"] == REPORTED else ""
            print(f"{row['speaker'] or '(unattributed)'}{claim}: {one_line(row['text'])}")
            again = f" · reported {row['reports']} times" if row["reports"] > 1 else ""
            print(f"    — {row['title']} ({row['date'] or 'undated'}, {row['article']}){again}")
    if names is not None and not rows:
        return common.fail(f"no quotes by {args.speaker!r}")
    return 1 if common.missing_roots(who.library) else 0


def person_row(p: Person) -> dict[str, Any]:
    """A person as a row of ``byline people --json``."""
    return {
        "name": p.name,
        "aliases": list(p.aliases),
        "roles": list(p.roles),
        "quotes": p.quote_count,
        "mentions": p.mention_count,
        "articles": list(p.article_ids),
    }


def _person_line(p: Person) -> str:
    roles = f" — {'; '.join(p.roles[:4])}" if p.roles else ""
    return f"{p.name}{roles}  ({counted(p.quote_count, 'quote')}, {counted(len(p.article_ids), 'article')})"


def run_people(args: argparse.Namespace) -> int:
    """Print everyone named in the library, most quoted first."""
    who = open_who(args)
    people = who.people()
    if args.json:
        common.print_json([person_row(p) for p in people])
    else:
        for p in people:
            print(_person_line(p))
    return 1 if common.missing_roots(who.library) else 0


def run_person(args: argparse.Namespace) -> int:
    """Print one person's page; several matches are listed (exit 1)."""
    who = open_who(args)
    found = who.find(args.name)
    if not found:
        return common.fail(f"nobody in the library is named like {args.name!r}")
    if len(found) > 1:
        if args.json:
            common.print_json([person_row(p) for p in found])
        else:
            for p in found:
                print(_person_line(p))
        return common.fail(f"{len(found)} people match {args.name!r}: give more of the name")
    page = profile(who, found[0])
    if args.json:
        common.print_json(profile_json(page, who))
    else:
        print(profile_text(page))
    return 1 if common.missing_roots(who.library) else 0


def statement_json(s: Statement, who: WhoIndex | None = None) -> dict[str, Any]:
    """A quote or reported claim of a person page as JSON."""
    out: dict[str, Any] = {
        "article": s.article.id,
        "date": s.article.date_iso,
        "title": s.article.title,
        "source": s.article.source or None,
        "url": s.article.url or None,
        "text": s.text,
        "start": s.start,
        "end": s.end,
    }
    if s.cue:
        out["cue"] = s.cue
    if who is not None and s.node >= 0:
        out["cluster"], out["reports"] = who.cluster(s.node)
    return out


def profile_json(page: Profile, who: WhoIndex) -> dict[str, Any]:
    """``byline person --json``: name, aliases, roles, quotes (with their cluster), reported
    claims, articles, timeline and co-mentioned people."""
    person = page.person
    return {
        "name": person.name,
        "aliases": list(person.aliases),
        "roles": [
            {
                "role": r.role,
                "articles": r.articles,
                "first": r.first.isoformat() if r.first else None,
                "last": r.last.isoformat() if r.last else None,
            }
            for r in page.roles
        ],
        "quotes": [statement_json(s, who) for s in page.quotes],
        "reported": [statement_json(s) for s in page.reported],
        "articles": [
            {"article": a.id, "date": a.date_iso, "title": a.title, "source": a.source or None} for a in page.articles
        ],
        "timeline": [{"month": m.month, "quotes": m.quotes, "mentions": m.mentions} for m in page.timeline],
        "co_mentioned": [{"name": name, "count": count} for name, count in page.co_mentioned],
    }


def profile_text(page: Profile) -> str:
    """A person page as text: who they are, what they said, who is named with them."""
    person = page.person
    lines = [person.name]
    if person.aliases:
        lines.append(f"  also: {', '.join(person.aliases)}")
    for r in page.roles[:8]:
        when = f"{r.first} – {r.last}" if r.first and r.first != r.last else str(r.first or "undated")
        lines.append(f"  role: {r.role} ({when}, {counted(r.articles, 'article')})")
    lines.append(f"  {page.summary}")
    if page.co_mentioned:
        named = ", ".join(f"{name} ({count})" for name, count in page.co_mentioned[:10])
        lines.append(f"  named with: {named}")
    for s in page.said:
        label = "said" if s.kind == "quote" else f"reported ({s.cue or 'said'})"
        lines.append(f"{s.article.date_iso or 'undated'}  {label}: {one_line(s.text)}")
        lines.append(f"    — {s.article.title} ({s.article.id})")
    return "\n".join(lines)
