"""Notes as one Markdown document, grouped by article; and the pieces other Markdown
formats (the Obsidian vault) share with it: quoting, grouping and ordering."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol

from tui.core.notes.anchoring import reanchor
from tui.core.notes.annotations import Annotation
from tui.core.text import one_line


class ArticleInfo(Protocol):
    """What the Markdown export needs to know about an article. An object that also has a
    ``body`` (str) lets the export mark annotations that no longer anchor in it."""

    @property
    def title(self) -> str: ...

    @property
    def date(self) -> Any: ...  # a date, a string, or None


def export_markdown(annotations: Iterable[Annotation], articles_by_id: Mapping[str, ArticleInfo]) -> str:
    """A Markdown document of the annotations grouped by article: title, date, each
    highlighted text as a block quote (with its speaker for quotes), the note and the tags.

    Articles come oldest first, those missing from ``articles_by_id`` last; annotations in
    body order. Orphans (the article is missing, or its ``body`` no longer holds the text)
    are marked."""
    groups = by_article(annotations)
    count = sum(len(group) for group in groups.values())
    lines = [
        "# Byline notes",
        "",
        f"{count} annotation{'s' * (count != 1)} on {len(groups)} article{'s' * (len(groups) != 1)}",
        "",
    ]
    for article_id in articles_in_order(groups, articles_by_id):
        lines += _article_section(article_id, articles_by_id.get(article_id), groups[article_id])
    return "\n".join(lines).rstrip("\n") + "\n"


def by_article(annotations: Iterable[Annotation]) -> dict[str, list[Annotation]]:
    """The annotations grouped by article id, each group in body order."""
    groups: dict[str, list[Annotation]] = {}
    for annotation in annotations:
        groups.setdefault(annotation.article_id, []).append(annotation)
    for group in groups.values():
        group.sort(key=lambda a: (a.selector.start, a.selector.end, a.created))
    return groups


def articles_in_order(article_ids: Iterable[str], articles_by_id: Mapping[str, ArticleInfo]) -> list[str]:
    """The ids with dated articles first, oldest first, then by title; unknown articles last."""

    def key(article_id: str) -> tuple[bool, bool, str, str, str]:
        article = articles_by_id.get(article_id)
        date = format_date(article.date) if article else ""
        title = article.title if article else ""
        return (article is None, not date, date, title.casefold(), article_id)

    return sorted(article_ids, key=key)


def format_date(value: Any) -> str:
    """A date as ``YYYY-MM-DD`` (or the string given); empty when unknown."""
    if value is None:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def quote_lines(annotation: Annotation) -> list[str]:
    """The highlighted text as Markdown block-quote lines, with ``— speaker`` for a quote."""
    lines = [f"> {line}".rstrip() for line in annotation.selector.exact.strip("\n").split("\n")]
    if annotation.kind == "quote" and annotation.speaker:
        lines += [">", f"> — {one_line(annotation.speaker)}"]
    return lines


def is_orphaned(annotation: Annotation, article: object | None) -> bool:
    """Whether the annotation's text is no longer in the article's ``body`` (False when the
    article has no body to look in)."""
    body = getattr(article, "body", None)
    return isinstance(body, str) and not reanchor(annotation, body).found


def _article_section(article_id: str, article: ArticleInfo | None, annotations: list[Annotation]) -> list[str]:
    """The Markdown lines for one article and its annotations."""
    title = one_line(article.title) if article and article.title.strip() else "Unknown article"
    details = " · ".join(part for part in (format_date(article.date) if article else "", f"`{article_id}`") if part)
    lines = [f"## {title}", "", details, ""]
    if article is None:
        lines += ["*This article is not in the library: its annotations are orphans.*", ""]
    for annotation in annotations:
        lines += [*quote_lines(annotation), ""]
        if is_orphaned(annotation, article):
            lines += ["*Orphaned: this text is no longer in the article.*", ""]
        if annotation.note.strip():
            lines += [annotation.note.rstrip(), ""]
        if annotation.tags:
            lines += ["Tags: " + ", ".join(annotation.tags), ""]
    return lines
