"""``byline quotes`` and ``byline people``: who said what across a library, for scripts."""

from __future__ import annotations

import argparse
from typing import Any

from rapidfuzz import fuzz, process

from tui.cli import common
from tui.core.library.library import Library


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``quotes`` and ``people`` verbs."""
    quotes = sub.add_parser(
        "quotes",
        description="list the direct quotes and their speakers",
        help="list the direct quotes and their speakers",
    )
    common.add_library_args(quotes)
    quotes.add_argument(
        "--speaker", metavar="NAME", help="only quotes by this person (name or alias; close spellings match)"
    )
    quotes.add_argument(
        "--all", action="store_true", help="include scare quotes, titles and terms (kind is not 'speech')"
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


def speaker_names(library: Library, wanted: str) -> set[str]:
    """The speaker names that ``wanted`` refers to: an exact name or alias, else close matches."""
    person = library.person(wanted)
    if person is not None:
        return {person.name, *person.aliases}
    speakers = {q.speaker for e in library.entries() for q in e.extraction.quotes if q.speaker}
    folded = wanted.casefold()
    found = {s for s in speakers if folded in s.casefold()}
    if not found:
        found = {m[0] for m in process.extract(wanted, list(speakers), scorer=fuzz.WRatio, score_cutoff=85, limit=5)}
    return found


def run_quotes(args: argparse.Namespace) -> int:
    """Print the library's quotes, newest article first."""
    library = common.open_library(args)
    names = speaker_names(library, args.speaker) if args.speaker else None
    rows: list[dict[str, Any]] = []
    for article in library.articles:
        for quote in library.extraction(article.id).quotes:
            if (quote.kind != "speech" and not args.all) or (names is not None and quote.speaker not in names):
                continue
            rows.append(
                {
                    "article": article.id,
                    "date": article.date_iso,
                    "title": article.title,
                    "speaker": quote.speaker,
                    "kind": quote.kind,
                    "text": quote.text,
                    "start": quote.start,
                    "end": quote.end,
                }
            )
    if args.json:
        common.print_json(rows)
    else:
        for row in rows:
            print(f"{row['speaker'] or '(unattributed)'}: {' '.join(row['text'].split())}")
            print(f"    — {row['title']} ({row['date'] or 'undated'}, {row['article']})")
    if names is not None and not rows:
        return common.fail(f"no quotes by {args.speaker!r}")
    return 1 if common.missing_roots(library) else 0


def run_people(args: argparse.Namespace) -> int:
    """Print everyone named in the library, most quoted first."""
    library = common.open_library(args)
    rows = [
        {
            "name": p.name,
            "aliases": list(p.aliases),
            "roles": list(p.roles),
            "quotes": p.quote_count,
            "mentions": p.mention_count,
            "articles": list(p.article_ids),
        }
        for p in library.people
    ]
    if args.json:
        common.print_json(rows)
    else:
        for row in rows:
            roles = f" — {'; '.join(row['roles'])}" if row["roles"] else ""
            print(f"{row['name']}{roles}  ({row['quotes']} quotes, {len(row['articles'])} articles)")
    return 1 if common.missing_roots(library) else 0
