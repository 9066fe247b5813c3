"""Hypothesis exports in: the API's search results (``{"rows": [...]}``), the web app's
export (``{"annotations": [...]}``) or a bare list of annotations. Each has a ``uri``, a
``text`` (the note), ``tags`` and ``target[].selector`` with a ``TextQuoteSelector`` and a
``TextPositionSelector``; they are read as :class:`~tui.core.notes.formats.parsed.Foreign`,
to be matched to an article by URL and anchored by their quote."""

from __future__ import annotations

from typing import Any

from tui.core.notes.formats.parsed import BadImport, Foreign, Parsed
from tui.core.notes.formats.w3c import quoted

ANNOTATION_URL = "https://hypothes.is/a/"
"""Where Hypothesis shows an annotation: with its id, the key of its Byline id (the same
key its W3C form has as ``id``, so both imports of one annotation meet)."""


def looks_like_hypothesis(data: Any) -> bool:
    """Whether parsed JSON is a Hypothesis export: rows (or annotations) with a ``uri``."""
    rows = _rows(data)
    first = next((row for row in rows if isinstance(row, dict)), None) if rows is not None else None
    return (isinstance(data, dict) and "rows" in data) or (first is not None and "uri" in first)


def parse_hypothesis(data: Any) -> Parsed:
    """The rows of a Hypothesis export as foreign annotations; a row without a ``uri`` or
    with a malformed selector is reported and the others kept.

    Raises :class:`BadImport` when ``data`` holds no list of rows."""
    rows = _rows(data)
    if rows is None:
        raise BadImport('not a Hypothesis export (expected {"rows": [...]}, {"annotations": [...]} or a list)')
    foreign: list[Foreign] = []
    errors: list[str] = []
    for number, row in enumerate(rows, 1):
        try:
            foreign.append(_row(row))
        except ValueError as exc:
            errors.append(f"annotation {number}: {exc}")
    return Parsed(foreign=tuple(foreign), errors=tuple(errors))


def _rows(data: Any) -> list[Any] | None:
    """The annotations of an export: its ``rows``, its ``annotations``, or the list itself."""
    if isinstance(data, dict):
        data = data.get("rows", data.get("annotations"))
    return data if isinstance(data, list) else None


def _row(row: Any) -> Foreign:
    """One Hypothesis annotation as it came."""
    if not isinstance(row, dict):
        raise ValueError(f"an annotation must be a JSON object, got {type(row).__name__}")
    uri = row.get("uri")
    if not isinstance(uri, str) or not uri:
        raise ValueError("no 'uri' (the page it was made on)")
    targets: list[Any] = _field(row, "target", list, [])
    _, quote_fields = quoted(targets)
    tags: list[Any] = _field(row, "tags", list, [])
    sources = [source for t in targets if isinstance(t, dict) for source in _strings(t.get("source"))]
    annotation_id: str = _field(row, "id", str, "")
    return Foreign(
        uri=uri,
        **quote_fields,
        note=_field(row, "text", str, ""),
        tags=tuple(tag for tag in tags if isinstance(tag, str)),
        created=_field(row, "created", str, None),
        updated=_field(row, "updated", str, None),
        key=ANNOTATION_URL + annotation_id if annotation_id else "",
        sources=tuple(source for source in sources if source != uri),
    )


def _field(row: dict[str, Any], name: str, kind: type, default: Any) -> Any:
    """``row[name]`` when it is of ``kind``, else ``default``."""
    value = row.get(name)
    return value if isinstance(value, kind) else default


def _strings(value: Any) -> list[str]:
    """A target's ``source``: one URI, or a list of them (as some clients send it)."""
    values = value if isinstance(value, list) else [value]
    return [item for item in values if isinstance(item, str) and item]
