"""Importing notes: read the file (regular, bounded, UTF-8), parse it as JSON and clean every
string at the border, detect its format, then save what it holds in one durable write.

A file that cannot be imported as a whole raises :class:`BadImport` before the store is
touched; a record that cannot be read is reported and the others are kept.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.core.clean import clean_data
from tui.core.durable import UnreadableFile, read_regular
from tui.core.library.library import Library
from tui.core.notes.annotations import Annotation
from tui.core.notes.formats.byline_json import looks_like_json_export, parse_json
from tui.core.notes.formats.hypothesis import looks_like_hypothesis, parse_hypothesis
from tui.core.notes.formats.matching import LeftOut, place_all
from tui.core.notes.formats.parsed import BadImport, Parsed
from tui.core.notes.formats.w3c import looks_like_w3c, parse_w3c
from tui.core.notes.store import AnnotationStore

MAX_IMPORT_BYTES = 64 * 1024 * 1024
"""A bigger file is refused before it is read whole."""

PARSERS: dict[str, tuple[Callable[[Any], bool], Callable[[Any], Parsed]]] = {
    "json": (looks_like_json_export, parse_json),
    "w3c": (looks_like_w3c, parse_w3c),
    "hypothesis": (looks_like_hypothesis, parse_hypothesis),
}
"""Each import format: whether parsed JSON looks like it, and how to read it."""
IMPORT_FORMATS: tuple[str, ...] = tuple(PARSERS)


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import did: how many annotations were added, how many were already there,
    a message for each record that could not be read, and the annotations from other tools
    that were left out (no article has their page, or their quote is not in it)."""

    added: int
    duplicates: int
    errors: tuple[str, ...] = ()
    left_out: tuple[LeftOut, ...] = ()


def read_import(path: Path) -> str:
    """The text of an import file; raises :class:`BadImport` for a file that is missing,
    not a regular file, over :data:`MAX_IMPORT_BYTES` or not UTF-8."""
    try:
        raw = read_regular(path, MAX_IMPORT_BYTES)
    except UnreadableFile as exc:
        raise BadImport(f"cannot be imported: {exc.reason}") from exc
    except OSError as exc:
        raise BadImport(f"cannot read ({exc.strerror or exc})") from exc
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise BadImport(f"not UTF-8 text: a bad byte at line {line}") from exc


def parse_import(text: str, fmt: str | None = None) -> tuple[str, Parsed]:
    """The format (``fmt``, else the one the document looks like) and what the document
    holds, every string in it cleaned of escape sequences and control characters.

    Raises :class:`BadImport` for text that is not JSON or not a document of the format."""
    try:
        data = clean_data(json.loads(text))
    except json.JSONDecodeError as exc:
        raise BadImport(f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from exc
    except (ValueError, RecursionError) as exc:  # a number too long to convert, nesting too deep
        raise BadImport(f"not JSON Byline can read ({exc})") from exc
    chosen = fmt or detect(data)
    return chosen, PARSERS[chosen][1](data)


def detect(data: Any) -> str:
    """The import format parsed JSON looks like; raises :class:`BadImport` if none."""
    for name, (looks_like, _) in PARSERS.items():
        if looks_like(data):
            return name
    raise BadImport(f"not a notes export Byline reads ({', '.join(IMPORT_FORMATS)})")


def save_import(store: AnnotationStore, parsed: Parsed, library: Library | None = None) -> ImportResult:
    """Add the parsed annotations that are not already in ``store`` (same id, or same
    article, text, start and note), in one durable write. Annotations from other tools are
    first placed on ``library``'s articles (required when ``parsed.foreign`` is not empty).

    Raises :class:`~tui.core.notes.store.StoreReadOnly` if the store cannot be written."""
    placed: list[Annotation] = []
    left_out: list[LeftOut] = []
    if parsed.foreign:
        if library is None:
            raise ValueError("annotations from other tools need a library to be placed on")
        placed, left_out = place_all(parsed.foreign, library)
    added, duplicates = store.add_many([*parsed.annotations, *placed])
    return ImportResult(len(added), len(duplicates), parsed.errors, tuple(left_out))
