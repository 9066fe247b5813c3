"""Export annotations as Markdown or JSON, and import a JSON export back into a store."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from tui.core.notes.anchoring import reanchor
from tui.core.notes.annotations import Annotation
from tui.core.notes.db_file import SCHEMA_VERSION
from tui.core.notes.store import AnnotationStore
from tui.core.text import one_line

EXPORT_FORMAT = "byline.annotations.export"


class ArticleInfo(Protocol):
    """What the Markdown export needs to know about an article. An object that also has a
    ``body`` (str) lets the export mark annotations that no longer anchor in it."""

    @property
    def title(self) -> str: ...

    @property
    def date(self) -> Any: ...  # a date, a string, or None


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import did: how many annotations were added, how many were already there,
    and a message for each record (or the whole text) that could not be read."""

    added: int
    duplicates: int
    errors: tuple[str, ...] = ()


def export_json(annotations: Iterable[Annotation]) -> str:
    """Every field of every annotation, as a versioned JSON document :func:`import_json` reads."""
    document = {
        "format": EXPORT_FORMAT,
        "schema_version": SCHEMA_VERSION,
        "annotations": [annotation.to_dict() for annotation in annotations],
    }
    return json.dumps(document, indent=2) + "\n"


def import_json(store: AnnotationStore, text: str) -> ImportResult:
    """Add the annotations of an :func:`export_json` document (or of a bare JSON array of
    annotation objects) to ``store``, skipping those already there (same id, or same
    article, text, start and note). Valid records are added even if others are not.

    Raises :class:`~tui.core.store.StoreReadOnly` if the store cannot be written.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return ImportResult(0, 0, (f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}",))
    records = _export_records(data)
    if isinstance(records, str):
        return ImportResult(0, 0, (records,))
    annotations: list[Annotation] = []
    errors: list[str] = []
    for number, record in enumerate(records, 1):
        try:
            annotations.append(Annotation.from_dict(record))
        except ValueError as exc:
            errors.append(f"annotation {number}: {exc}")
    added, duplicates = store.add_many(annotations)
    return ImportResult(len(added), len(duplicates), tuple(errors))


def _export_records(data: Any) -> list[Any] | str:
    """The list of annotation records in an export, or a message saying why there is none."""
    if isinstance(data, list):
        return data
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        return f"not a Byline annotations export (expected a JSON array or an object with format {EXPORT_FORMAT!r})"
    version = data.get("schema_version")
    if not isinstance(version, int) or version > SCHEMA_VERSION:
        return f"export schema version {version!r} is not one this Byline reads (up to {SCHEMA_VERSION})"
    records = data.get("annotations")
    return records if isinstance(records, list) else "the export's 'annotations' is not a list"


def export_markdown(annotations: Iterable[Annotation], articles_by_id: Mapping[str, ArticleInfo]) -> str:
    """A Markdown document of the annotations grouped by article: title, date, each
    highlighted text as a block quote (with its speaker for quotes), the note and the tags.

    Articles come oldest first, those missing from ``articles_by_id`` last; annotations in
    body order. Orphans (the article is missing, or its ``body`` no longer holds the text)
    are marked."""
    groups: dict[str, list[Annotation]] = {}
    for annotation in annotations:
        groups.setdefault(annotation.article_id, []).append(annotation)
    count = sum(len(group) for group in groups.values())
    lines = [
        "# Byline notes",
        "",
        f"{count} annotation{'s' * (count != 1)} on {len(groups)} article{'s' * (len(groups) != 1)}",
        "",
    ]
    for article_id in sorted(groups, key=lambda key: _article_order(key, articles_by_id.get(key))):
        lines += _article_section(article_id, articles_by_id.get(article_id), groups[article_id])
    return "\n".join(lines).rstrip("\n") + "\n"


def _format_date(value: Any) -> str:
    """A date as ``YYYY-MM-DD`` (or the string given); empty when unknown."""
    if value is None:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _article_order(article_id: str, article: ArticleInfo | None) -> tuple[bool, bool, str, str, str]:
    """Sort key: dated articles first, oldest first, then by title; unknown articles last."""
    date = _format_date(article.date) if article else ""
    title = article.title if article else ""
    return (article is None, not date, date, title.casefold(), article_id)


def _article_section(article_id: str, article: ArticleInfo | None, annotations: list[Annotation]) -> list[str]:
    """The Markdown lines for one article and its annotations."""
    title = one_line(article.title) if article and article.title.strip() else "Unknown article"
    details = " · ".join(part for part in (_format_date(article.date) if article else "", f"`{article_id}`") if part)
    lines = [f"## {title}", "", details, ""]
    if article is None:
        lines += ["*This article is not in the library: its annotations are orphans.*", ""]
    body = getattr(article, "body", None)
    for annotation in sorted(annotations, key=lambda a: (a.selector.start, a.selector.end, a.created)):
        lines += [f"> {line}".rstrip() for line in annotation.selector.exact.strip("\n").split("\n")]
        if annotation.kind == "quote" and annotation.speaker:
            lines += [">", f"> — {annotation.speaker}"]
        lines.append("")
        if isinstance(body, str) and not reanchor(annotation, body).found:
            lines += ["*Orphaned: this text is no longer in the article.*", ""]
        if annotation.note.strip():
            lines += [annotation.note.rstrip(), ""]
        if annotation.tags:
            lines += ["Tags: " + ", ".join(annotation.tags), ""]
    return lines
