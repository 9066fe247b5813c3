"""``byline quotes`` and ``byline people``: who said what across a library, for scripts."""

from __future__ import annotations

import argparse
from typing import Any

from tui.cli import common
from tui.core.text import one_line
from tui.core.who.quotes import library_quotes, speaker_names


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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


def run_quotes(args: argparse.Namespace) -> int:
    """Print the library's quotes, newest article first."""
    library = common.open_library(args)
    names = speaker_names(library, args.speaker) if args.speaker else None
    rows: list[dict[str, Any]] = [
        {
            "article": said.article.id,
            "date": said.article.date_iso,
            "title": said.article.title,
            "speaker": said.quote.speaker,
            "kind": said.quote.kind,
            "text": said.quote.text,
            "start": said.quote.start,
            "end": said.quote.end,
        }
        for said in library_quotes(library, every_kind=args.all, speakers=names)
    ]
    if args.json:
        common.print_json(rows)
    else:
        for row in rows:
            print(f"{row['speaker'] or '(unattributed)'}: {one_line(row['text'])}")
            print(f"    — {row['title']} ({row['date'] or 'undated'}, {row['article']})")
    if names is not None and not rows:
        return common.fail(f"no quotes by {args.speaker!r}")
    return 1 if common.missing_roots(library) else 0


def run_people(args: argparse.Namespace) -> int:
    """Print everyone named in the library, most quoted first."""
    library = common.open_library(args)
    rows: list[dict[str, Any]] = [
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
