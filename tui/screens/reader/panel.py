"""The reader's side panel: the note and the person under the cursor."""

from __future__ import annotations

from textual.content import Content

from tui.core.extract import Person
from tui.core.library.library import Library
from tui.core.notes.notebook import Placed


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
    lines += [Content(""), Content(f"{person.quote_count} quotes · {person.mention_count} mentions")]
    others = [library.get(a) for a in person.article_ids if a != article_id]
    if others:
        lines += [Content(""), Content.styled(f"Also in {len(others)} articles", "underline")]
        lines += [Content(f"• {a.title}") for a in others[:8] if a is not None]
        if len(others) > 8:
            lines.append(Content(f"  … and {len(others) - 8} more"))
    lines += [Content(""), Content.styled("Enter: all quotes and mentions", "italic")]
    return lines
