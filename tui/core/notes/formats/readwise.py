"""Notes as the CSV Readwise imports (readwise.io/import_bulk): one row per highlight.

Columns ``Highlight, Title, Author, URL, Note, Location, Date``. Tags ride in the note as
Readwise's inline tags: a note that starts with ``.tag`` words is tagged with them when
Readwise imports it, so the tags come first, on a line of their own, then the note, then
the speaker of a quote (``— name``). Location is the highlight's place among the article's
highlights (1, 2, …: Readwise reads it as a number and orders by it); Date is when the
annotation was made, ``YYYY-MM-DD HH:MM:SS`` in UTC. RFC 4180 quoting (the ``csv``
module's), so commas, quotes and newlines survive.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping

from tui.core.library.article import Article
from tui.core.notes.annotations import Annotation, parse_utc
from tui.core.notes.formats.markdown import articles_in_order, by_article
from tui.core.text import one_line

COLUMNS = ("Highlight", "Title", "Author", "URL", "Note", "Location", "Date")


def export_readwise(annotations: Iterable[Annotation], articles_by_id: Mapping[str, Article]) -> str:
    """The annotations as Readwise CSV, grouped by article (oldest first), in body order."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    groups = by_article(annotations)
    for article_id in articles_in_order(groups, articles_by_id):
        article = articles_by_id.get(article_id)
        title = one_line(article.title) if article and article.title.strip() else f"Unknown article ({article_id})"
        author = (", ".join(article.authors) or article.source) if article else ""
        for location, annotation in enumerate(groups[article_id], 1):
            writer.writerow(
                (
                    annotation.selector.exact.strip(),
                    title,
                    one_line(author),
                    article.url if article else "",
                    readwise_note(annotation),
                    location,
                    readwise_date(annotation.created),
                )
            )
    return out.getvalue()


def readwise_note(annotation: Annotation) -> str:
    """The Note cell: inline tags (``.tag``) first, then the note, then a quote's speaker."""
    tags = " ".join(tag for tag in map(inline_tag, annotation.tags) if tag)
    speaker = f"— {one_line(annotation.speaker)}" if annotation.kind == "quote" and annotation.speaker else ""
    return "\n".join(part for part in (tags, annotation.note.strip(), speaker) if part)


def inline_tag(tag: str) -> str:
    """A tag as a Readwise inline tag: ``.`` and one word (spaces become ``-``); empty if
    nothing of it is left."""
    word = re.sub(r"\s+", "-", tag.strip().lstrip(".#"))
    return f".{word}" if word else ""


def readwise_date(created: str) -> str:
    """An ISO time as ``YYYY-MM-DD HH:MM:SS`` in UTC, the form Readwise reads; empty if unparsable."""
    moment = parse_utc(created)
    return moment.strftime("%Y-%m-%d %H:%M:%S") if moment else ""
