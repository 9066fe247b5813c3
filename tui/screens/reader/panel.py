"""The reader's side panel: the note and the person under the cursor."""

from __future__ import annotations

from textual.content import Content

from tui.core.extract import Person
from tui.core.library.library import Library
from tui.core.notes.notebook import Placed
from tui.core.search.check import ADDED, CHANGED, MISSING, Edit, word_diff
from tui.core.search.docs import quote_text
from tui.core.text import counted
from tui.core.who.quotes import Said

REPORTS_SHOWN = 6
"""At most this many other reports of a quote are shown in the panel."""


def note_lines(placed: Placed | None) -> list[Content]:
    """The side panel's lines for the annotation under the cursor (none without one)."""
    if placed is None:
        return []
    note = placed.annotation
    lines = [Content.styled(f"{note.kind.capitalize()} · {note.colour}", "bold")]
    if note.note:
        lines += [Content(""), Content(note.note)]
    if note.tags:
        lines += [Content(""), Content("Tags: " + ", ".join(f"#{t}" for t in note.tags))]
    lines += [Content(""), Content.styled(f"Updated {note.updated[:16].replace('T', ' ')}", "italic")]
    if placed.anchor.status == "fuzzy":
        lines.append(Content.styled("Re-found after the article changed", "italic"))
    return [*lines, Content("")]


def person_lines(person: Person | None, library: Library, article_id: str) -> list[Content]:
    """The side panel's lines for the person under the cursor: roles, counts, other articles."""
    if person is None:
        return []
    lines = [Content.styled(person.name, "bold")]
    if person.roles:
        lines += [Content(""), Content.styled("Roles", "underline")]
        lines += [Content(f"• {role}") for role in person.roles[:6]]
    lines += [
        Content(""),
        Content(f"{counted(person.quote_count, 'quote')} · {counted(person.mention_count, 'mention')}"),
    ]
    others = [library.get(a) for a in person.article_ids if a != article_id]
    if others:
        lines += [Content(""), Content.styled(f"Also in {counted(len(others), 'article')}", "underline")]
        lines += [Content(f"• {a.title}") for a in others[:8] if a is not None]
        if len(others) > 8:
            lines.append(Content(f"  … and {len(others) - 8} more"))
    lines += [Content(""), Content.styled("Enter: all quotes and mentions", "italic")]
    return lines


def report_lines(reports: list[Said], article_id: str, start: int) -> list[Content]:
    """The side panel's lines for a quote reported elsewhere too: each other report (date,
    source, title) with a word diff against the earliest report."""
    others = [r for r in reports if (r.article.id, r.quote.start) != (article_id, start)]
    if not others:
        return []
    earliest = reports[0]
    original = quote_text(earliest.article.body, earliest.quote)
    lines = [Content.styled(f"Reported {len(reports)} times", "bold")]
    if (earliest.article.id, earliest.quote.start) != (article_id, start):
        lines.append(Content.styled("(this is not the earliest report)", "italic"))
    for report in others[:REPORTS_SHOWN]:
        article = report.article
        where = " · ".join(x for x in (article.date_iso or "undated", article.source or article.title) if x)
        lines += [Content(""), Content.styled(where, "underline")]
        if report is earliest:
            lines.append(Content.styled("the earliest report", "italic"))
        else:
            lines.append(_diff(word_diff(original, quote_text(article.body, report.quote))))
    if len(others) > REPORTS_SHOWN:
        lines.append(Content(f"  … and {len(others) - REPORTS_SHOWN} more"))
    lines += [Content(""), Content.styled("e: every report", "italic"), Content("")]
    return lines


def _diff(edits: list[Edit]) -> Content:
    """A word diff: words the report lacks struck through, its own underlined."""
    pieces = []
    for op, text, was in edits:
        if op == MISSING:
            pieces.append(Content.styled(text, "strike dim"))
        elif op == ADDED:
            pieces.append(Content.styled(text, "underline"))
        elif op == CHANGED:
            pieces += [Content.styled(was, "strike dim"), Content.styled(text, "underline")]
        else:
            pieces.append(Content(text))
    return Content(" ").join(pieces)
