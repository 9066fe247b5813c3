"""What the verbs share: library arguments, loading, error and JSON output."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..core.library import Library
from ..core.paths import seeds_dir


def add_library_args(parser: argparse.ArgumentParser) -> None:
    """Add the ``PATHS`` positional (files or folders; default the bundled articles)."""
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATHS",
                        help="article files or folders (default: the bundled articles)")


def add_db_arg(parser: argparse.ArgumentParser) -> None:
    """Add ``--db PATH`` (the annotation file; default ``$BYLINE_DB`` or the data folder)."""
    parser.add_argument("--db", metavar="PATH",
                        help="annotation file (default: $BYLINE_DB, else the user data folder)")


def open_library(args: argparse.Namespace, *, quiet: bool = False) -> Library:
    """Load the library named by ``args.paths``; report load problems on stderr."""
    library = Library.open(args.paths or [seeds_dir()])
    if not quiet:
        for problem in library.problems:
            print(f"byline: {problem.severity}: {problem}", file=sys.stderr)
    return library


def fail(message: str, code: int = 1) -> int:
    """Print an error to stderr and return the exit code."""
    print(f"byline: error: {message}", file=sys.stderr)
    return code


def missing_roots(library: Library) -> bool:
    """True when a PATH given on the command line could not be read at all (an error,
    unlike a bad file inside a folder, which is reported and skipped)."""
    return any(p.path in library.roots and p.severity == "error" for p in library.problems)


def print_json(data: Any) -> None:
    """Print stable, human-diffable JSON to stdout."""
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
