"""Byline's own JSON: every field of every annotation, in a versioned document that
:func:`parse_json` reads back into equal annotations."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from tui.core.notes.annotations import Annotation
from tui.core.notes.db_file import SCHEMA_VERSION
from tui.core.notes.formats.parsed import BadImport, Parsed

EXPORT_FORMAT = "byline.annotations.export"


def export_json(annotations: Iterable[Annotation]) -> str:
    """``{"format": "byline.annotations.export", "schema_version": 1, "annotations": [...]}``
    with each annotation as :meth:`Annotation.to_dict` gives it."""
    document = {
        "format": EXPORT_FORMAT,
        "schema_version": SCHEMA_VERSION,
        "annotations": [annotation.to_dict() for annotation in annotations],
    }
    return json.dumps(document, indent=2) + "\n"


def looks_like_json_export(data: Any) -> bool:
    """Whether ``data`` (parsed JSON) is a Byline export, or an array of annotation objects
    as ``byline notes list --json`` prints them."""
    if isinstance(data, dict):
        return data.get("format") == EXPORT_FORMAT
    first = next((item for item in data if isinstance(item, dict)), None) if isinstance(data, list) else None
    return isinstance(data, list) and (first is None or "article_id" in first)


def parse_json(data: Any) -> Parsed:
    """The annotations of an :func:`export_json` document (or of a bare array of annotation
    objects); a record that does not parse is reported and the others kept.

    Raises :class:`BadImport` when ``data`` is neither."""
    annotations: list[Annotation] = []
    errors: list[str] = []
    for number, record in enumerate(_records(data), 1):
        try:
            annotations.append(Annotation.from_dict(record))
        except ValueError as exc:
            errors.append(f"annotation {number}: {exc}")
    return Parsed(annotations=tuple(annotations), errors=tuple(errors))


def _records(data: Any) -> list[Any]:
    """The list of annotation records in an export; raises :class:`BadImport` if there is none."""
    if isinstance(data, list):
        return data
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise BadImport(
            f"not a Byline annotations export (expected a JSON array or an object with format {EXPORT_FORMAT!r})"
        )
    version = data.get("schema_version")
    if not isinstance(version, int) or version > SCHEMA_VERSION:
        raise BadImport(f"export schema version {version!r} is not one this Byline reads (up to {SCHEMA_VERSION})")
    records = data.get("annotations")
    if not isinstance(records, list):
        raise BadImport("the export's 'annotations' is not a list")
    return records
