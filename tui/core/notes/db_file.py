"""The annotation file itself: its layout, reading and checking it (a damaged or foreign
file is named, never trusted), and moving a damaged one aside when the user agrees.

Layout (a TinyDB database)::

    {"_meta": {"1": {"format": "byline.annotations", "schema_version": 1}},
     "annotations": {"<id>": {<Annotation.to_dict()>}, ...}}
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

from tui.core.durable import UnreadableFile, file_lock, fsync_dir, read_regular

SCHEMA_VERSION = 1
FORMAT = "byline.annotations"
META_TABLE = "_meta"
TABLE = "annotations"
MAX_DB_BYTES = 256 * 1024 * 1024
"""A bigger annotation file is refused (read-only), never read whole into memory."""


class StoreError(Exception):
    """A store operation failed; the message says what and where."""


class UnusableFile(StoreError):
    """The file exists but is not a readable Byline annotations file (corrupt or foreign)."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def read_db_file(path: Path) -> dict[str, Any] | None:
    """The parsed database at ``path``; ``None`` for a missing or zero-byte file.

    Raises :class:`UnusableFile` for anything else that is not a Byline annotations file
    this version understands, with the JSON line and column where parsing failed.
    """
    try:
        raw = read_regular(path, MAX_DB_BYTES)
    except FileNotFoundError:
        return None
    except UnreadableFile as exc:
        raise UnusableFile(path, f"cannot be used: {exc.reason}") from exc
    except OSError as exc:
        raise UnusableFile(path, f"cannot be read ({exc.strerror})") from exc
    if not raw:
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise UnusableFile(path, f"not UTF-8 text: a bad byte at line {line}, column {column}") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        at_end = exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string")
        truncated = " (the file looks truncated)" if at_end else ""
        raise UnusableFile(
            path, f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}{truncated}"
        ) from exc
    _check_format(path, data)
    return cast(dict[str, Any], data)


def _check_format(path: Path, data: Any) -> None:
    """Raise :class:`UnusableFile` unless ``data`` is a Byline database of a known schema."""
    if not isinstance(data, dict):
        raise UnusableFile(
            path, f"valid JSON but not a Byline annotations file: the top level is {_json_kind(data)}, not an object"
        )
    meta = data.get(META_TABLE)
    record = meta.get("1") if isinstance(meta, dict) else None
    if not isinstance(record, dict) or record.get("format") != FORMAT:
        keys = ", ".join(repr(key) for key in list(data)[:5]) or "none"
        raise UnusableFile(
            path, f"valid JSON but not a Byline annotations file: no {META_TABLE!r} record (top-level keys: {keys})"
        )
    version = record.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise UnusableFile(path, f"unknown schema version {version!r}")
    if version > SCHEMA_VERSION:
        raise UnusableFile(
            path, f"written by a newer Byline (schema version {version}; this version reads up to {SCHEMA_VERSION})"
        )
    for name, table in data.items():
        if not isinstance(table, dict) or not all(isinstance(doc, dict) for doc in table.values()):
            raise UnusableFile(path, f"table {name!r} is not an object of records")


def _json_kind(value: Any) -> str:
    """How JSON would name the type of ``value``."""
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    return "a number"


def backup_damaged(path: str | Path) -> Path:
    """Move a damaged or foreign file aside to ``<name>.corrupt-<UTC time>`` and return the
    new path, so a fresh file can be started. Only call it with the user's consent.

    Raises :class:`StoreError` if the file is missing, empty or healthy (nothing to move).
    """
    path = Path(path).absolute()
    if not path.exists():
        raise StoreError(f"{path}: nothing to back up, there is no such file")
    with file_lock(path):
        try:
            read_db_file(path)
        except UnusableFile:
            pass
        else:
            raise StoreError(f"{path}: nothing to back up, the file is not damaged")
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        target = path.with_name(f"{path.name}.corrupt-{stamp}")
        counter = 1
        while target.exists():
            counter += 1
            target = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
        os.rename(path, target)
        fsync_dir(path.parent)
    return target


def salvage(path: Path) -> list[Mapping[str, Any]]:
    """What can still be read from an unusable file: the records of its annotations table
    if it is JSON with one (e.g. written by a newer schema), else nothing."""
    try:
        data = json.loads(read_regular(path, MAX_DB_BYTES))
    except (OSError, ValueError):
        return []
    table = data.get(TABLE) if isinstance(data, dict) else None
    if not isinstance(table, dict):
        return []
    return [record for record in table.values() if isinstance(record, dict)]
