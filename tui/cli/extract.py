"""``byline extract``: quotes, speakers, reported speech and people for JSON Lines input, as JSON Lines."""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``extract`` verb."""
    parser = sub.add_parser(
        "extract",
        description="extract quotes, speakers, reported speech and people from JSON Lines",
        help="extract quotes, speakers, reported speech and people from JSON Lines",
    )
    parser.add_argument(
        "file", nargs="?", default="-", metavar="FILE|-", help='JSON Lines of {"id", "text"} (default: standard input)'
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Read JSON Lines, write one extraction per good line to stdout; 1 when a line was skipped."""
    from tui.core.extract.jsonl import write_extractions

    if args.file == "-":
        written = write_extractions(sys.stdin, sys.stdout, "<stdin>")
    else:
        try:
            with open(args.file, encoding="utf-8", errors="replace") as infile:
                written = write_extractions(infile, sys.stdout, args.file)
        except OSError as exc:
            print(f"byline: error: {args.file}: {exc.strerror or exc}", file=sys.stderr)
            return 1
    return 1 if written.skipped else 0
