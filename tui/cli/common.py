"""What the verbs share: library arguments, loading, error and JSON output."""

from __future__ import annotations

import argparse
import json
import operator
import re
import sys
from collections.abc import Iterable
from itertools import islice
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any

from tui.cli.progress import ProgressBar
from tui.core.clean import clean_text
from tui.core.feeds.articles import articles_dir
from tui.core.library.cache import LibraryCache
from tui.core.library.indexer import Indexer
from tui.core.library.library import Library
from tui.core.paths import seeds_dir
from tui.core.processes import default_jobs


def add_library_args(parser: argparse.ArgumentParser) -> None:
    """Add the ``PATHS`` positional (files or folders; default the bundled articles) and the
    indexing options ``--no-cache`` and ``--jobs N``."""
    parser.add_argument(
        "paths", nargs="*", type=Path, metavar="PATHS", help="article files or folders (default: the bundled articles)"
    )
    parser.add_argument(
        "--no-cache", action="store_true", help="index every file afresh and write no cache (see: byline cache)"
    )
    parser.add_argument(
        "--jobs",
        type=positive,
        metavar="N",
        default=None,
        help=f"processes that index files (default: one per core, {default_jobs()})",
    )


def positive(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def library_indexer(args: argparse.Namespace) -> Indexer:
    """The indexer of the library named by ``args`` (cached unless ``--no-cache``)."""
    paths = args.paths or default_paths()
    cache = None if getattr(args, "no_cache", False) else LibraryCache(paths)
    return Indexer(paths, cache=cache, jobs=getattr(args, "jobs", None), optional=() if args.paths else paths)


def default_paths() -> list[Path]:
    """What a run without PATHS reads: the bundled articles and the saved ones. The saved
    articles' folder is a root before it exists (it is no problem then), so what the app
    fetches shows up in its library without a restart."""
    return [seeds_dir(), articles_dir()]


def search_folder(args: argparse.Namespace) -> Path | None:
    """Where the search index of the library named by ``args`` is kept: its cache folder
    (None with ``--no-cache``)."""
    if getattr(args, "no_cache", False):
        return None
    return LibraryCache(args.paths or default_paths()).folder


def add_db_arg(parser: argparse.ArgumentParser) -> None:
    """Add ``--db PATH`` (the annotation file; default ``$BYLINE_DB`` or the data folder)."""
    parser.add_argument("--db", metavar="PATH", help="annotation file (default: $BYLINE_DB, else the user data folder)")


def open_library(args: argparse.Namespace, *, quiet: bool = False) -> Library:
    """Load the library named by ``args.paths`` through the cache, with a progress bar on
    stderr while many files are indexed; report load problems on stderr."""
    indexer = library_indexer(args)
    bar = ProgressBar()
    try:
        library = indexer.sync(progress=bar)
    except KeyboardInterrupt:
        indexer.save()  # what was indexed is kept for next time
        raise
    finally:
        bar.close()
    if not quiet:
        for reason, shards in _by_reason(indexer.cache.rejected if indexer.cache else {}).items():
            which = (
                f"shard {shards[0]}" if len(shards) == 1 else f"{len(shards)} shards ({', '.join(map(str, shards))})"
            )
            print(f"byline: warning: cache {which} not used ({reason}); rebuilt", file=sys.stderr)
        for problem in library.problems:
            print(f"byline: {problem.severity}: {problem}", file=sys.stderr)
    return library


def _by_reason(rejected: dict[int, str]) -> dict[str, list[int]]:
    """Rejected cache shards grouped by why (a new version of Byline rejects them all at once)."""
    grouped: dict[str, list[int]] = {}
    for shard, reason in sorted(rejected.items()):
        grouped.setdefault(reason, []).append(shard)
    return grouped


def fail(message: str, code: int = 1) -> int:
    """Print an error to stderr and return the exit code."""
    print(f"byline: error: {message}", file=sys.stderr)
    return code


def missing_roots(library: Library) -> bool:
    """True when a PATH given on the command line could not be read at all (an error,
    unlike a bad file inside a folder, which is reported and skipped)."""
    return any(p.path in library.roots and p.severity == "error" for p in library.problems)


def print_json(data: Any) -> None:
    """Print stable, human-diffable JSON to stdout, every string cleaned."""
    sys.stdout.write(dumps(data) + "\n")


def print_json_rows(rows: Iterable[Any], chunk: int = 1_024) -> None:
    """Print a JSON array of ``rows`` exactly as :func:`print_json` prints the list, made and
    written ``chunk`` rows at a time (100k rows are never all in memory, as data or text)."""
    items = iter(rows)
    opening = "["
    while batch := list(islice(items, chunk)):
        sys.stdout.write(opening + _items(batch, "\n  "))
        opening = ","
    sys.stdout.write("[]\n" if opening == "[" else "\n]\n")


_SCALAR = json.JSONEncoder(ensure_ascii=False).encode
_KEYS: dict[str, str] = {}  # a key as JSON text, cleaned (rows repeat their keys)


def dumps(value: Any) -> str:
    """``json.dumps(clean_data(value), ensure_ascii=False, indent=2)``, several times faster:
    that indenting encoder is pure Python, here each string goes to the C one, cleaned on the way."""
    return _text(value, "\n")


def _text(value: Any, indent: str) -> str:
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = indent + "  "
        keys = [_key(k) for k in value]
        if len(set(keys)) < len(keys):  # keys the same once cleaned: the last value wins
            value = {clean_text(k): v for k, v in value.items()}
            keys = [_key(k) for k in value]
        return (
            "{"
            + ",".join(f"{inner}{k}: {_item(v, inner)}" for k, v in zip(keys, value.values(), strict=True))
            + indent
            + "}"
        )
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        return "[" + _items(value, indent + "  ") + indent + "]"
    return _item(value, indent)


def _items(values: list[Any] | tuple[Any, ...], indent: str) -> str:
    """The items of a non-empty list, each on its line at ``indent``, comma separated."""
    table = _table(values, indent) if len(values) > 1 and type(values[0]) is dict and values[0] else None
    if table is not None:
        return table
    return ",".join(indent + _item(v, indent) for v in values)


def _table(rows: list[Any] | tuple[Any, ...], indent: str) -> str | None:
    """Rows that are dicts with the same keys in the same order (``list --json``), made
    column by column: a column of strings goes to the C encoder in one call. None for
    other rows."""
    names = list(rows[0])
    if not all(type(row) is dict and list(row) == names for row in rows):
        return None
    keys = [_key(name) for name in names]
    if len(set(keys)) < len(keys):
        return None
    inner = indent + "  "
    columns = []
    for name in names:
        column = list(map(operator.itemgetter(name), rows))
        plain = set(map(type, column)) <= _PLAIN
        columns.append(_scalars(column) if plain else [_item(v, inner) for v in column])
    fields = ",".join(f"{inner}{key}: ".replace("%", "%%") + "%s" for key in keys)
    row = f"{indent}{{{fields}{indent}}}".__mod__  # one row from a tuple of its cells, in C
    return ",".join(map(row, zip(*columns, strict=True)))


def _scalars(column: list[Any]) -> list[str]:
    """Strings, whole numbers and nulls as JSON text, strings cleaned, in one call of the C
    encoder (a raw NUL, which splits them, is escaped inside any string)."""
    text = _COLUMN(column)
    if "\\u00" in text or "\\b" in text or "\\f" in text or "\\r" in text or _high_control(text):
        text = _COLUMN([clean_text(v) if type(v) is str else v for v in column])  # a control character, maybe
    return text[1:-1].split("\0")


_COLUMN = json.JSONEncoder(ensure_ascii=False, separators=("\0", ":")).encode
_PLAIN = frozenset({str, int, bool, type(None)})
_C1_UTF8 = re.compile(b"\xc2[\x80-\x9f]")


def _high_control(text: str) -> bool:
    """Whether ``text`` holds DEL or a C1 control (what JSON leaves unescaped): C1 is
    looked for only in text that is not ASCII, and in its UTF-8 bytes, which is faster."""
    if "\x7f" in text:
        return True
    return not text.isascii() and _C1_UTF8.search(text.encode("utf-8", "surrogatepass")) is not None


def _item(value: Any, indent: str) -> str:
    kind = type(value)
    if kind is str:
        return encode_basestring(clean_text(value))
    if kind is int:
        return int.__repr__(value)
    if value is None or kind is bool:
        return _SCALAR(value)
    if isinstance(value, dict | list | tuple):
        return _text(value, indent)
    return _SCALAR(clean_text(value) if isinstance(value, str) else value)


def _key(key: object) -> str:
    found = _KEYS.get(key) if type(key) is str else None
    if found is None:
        if not isinstance(key, str):
            raise TypeError(f"keys must be strings, not {type(key).__name__}")
        found = _KEYS[key] = encode_basestring(clean_text(key))
    return found
