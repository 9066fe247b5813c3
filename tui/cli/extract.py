"""``byline extract``: quotes, speakers and people for JSON Lines input, as JSON Lines."""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``extract`` verb."""
    parser = sub.add_parser(
        "extract",
        description="extract quotes, speakers and people from JSON Lines",
        help="extract quotes, speakers and people from JSON Lines",
    )
    parser.add_argument(
        "file", nargs="?", default="-", metavar="FILE|-", help='JSON Lines of {"id", "text"} (default: standard input)'
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Read JSON Lines, write one extraction per line to stdout."""
    from tui.core.extract.jsonl import write_extractions

    if args.file == "-":
        write_extractions(sys.stdin, sys.stdout)
        return 0
    try:
        with open(args.file, encoding="utf-8", errors="replace") as infile:
            write_extractions(infile, sys.stdout)
    except OSError as exc:
        print(f"byline: error: {args.file}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    return 0
