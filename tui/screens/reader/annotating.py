"""Annotating in the reader: selecting, highlighting, notes, tags, deleting and undoing.

Actions over the article screen's cursor, target and placed annotations; they write through
the notebook, and each change posts :class:`~tui.messages.NotesChanged`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from textual import events

from tui.core.notes.annotations import COLOURS, Annotation
from tui.core.notes.db_file import StoreError
from tui.core.notes.notebook import Placed
from tui.core.reading.navigation import PERSON, QUOTE, Span
from tui.messages import NotesChanged
from tui.screens.dialogs import NoteEditor, TagEditor
from tui.screens.reader.article import ArticleScreen
from tui.widgets.article_view import BlockView

T = TypeVar("T")


class AnnotatingScreen(ArticleScreen):
    """The article screen with the annotation actions the reader binds to keys."""

    def action_toggle_selection(self) -> None:
        if self.cursor is None:
            self.notify("Move the cursor first (w, ), }, o or p), then v to select", timeout=3)
            return
        old = self.target()
        self.selection_start = None if self.selection_start is not None else self.cursor
        self.restyle(old, self.target())
        self.update_status()

    def on_text_selected(self, event: events.TextSelected) -> None:
        """A mouse selection in the body becomes the reader's selection, for h, a and t."""
        spans = [
            view.body_span(selection) for view, selection in self.selections.items() if isinstance(view, BlockView)
        ]
        self.clear_selection()
        if self.entry is None or not spans:
            return
        body = self.entry.article.body
        start, end = min(s for s, _ in spans), max(e for _, e in spans)
        while start < end and body[start].isspace():
            start += 1
        while end > start and body[end - 1].isspace():
            end -= 1
        if end <= start:
            return
        span = Span(start, end, "selection")
        self.selection_start = span
        self.set_cursor(span)

    def _write(self, what: str, action: Callable[[], T]) -> T | None:
        """Run a store write; on failure say so and keep everything as it was."""
        try:
            return action()
        except StoreError as exc:
            self.notify(f"Could not {what}: {exc}", severity="error", timeout=8)
            return None

    def _refresh_notes(self) -> None:
        """Re-read the article's annotations and redraw it."""
        self.placed = self.notebook.for_article(self.article_id)
        self.view.restyle(self.highlights())
        self.update_panel()
        self.update_status()
        self.post_message(NotesChanged(self.article_id))

    def _annotate(self, **fields: object) -> Annotation | None:
        """Store a new annotation on the target span (quote and person kinds kept)."""
        target, entry = self.target(), self.entry
        if target is None or entry is None:
            self.notify("Move the cursor to something first (w, ), }, o or p)", timeout=3)
            return None
        if target.kind == QUOTE:
            fields.setdefault("kind", "quote")
            fields.setdefault("speaker", target.label or None)
        elif target.kind == PERSON:
            fields.setdefault("kind", "person")
        note = self._write(
            "save the annotation", lambda: self.notebook.annotate(entry.article, target.start, target.end, **fields)
        )
        self.selection_start = None
        self._refresh_notes()
        return note

    def action_highlight(self) -> None:
        if self.selection_start is None and self.placed_at(self.cursor) is not None:
            self.action_cycle_colour()
            return
        if self._annotate() is not None:
            self.notify("Highlighted", timeout=1.5)

    def action_cycle_colour(self) -> None:
        placed = self.placed_at(self.cursor)
        if placed is None:
            self.notify("No annotation under the cursor", timeout=2)
            return
        colour = COLOURS[(COLOURS.index(placed.annotation.colour) + 1) % len(COLOURS)]
        self._save(placed, "colour", colour=colour)

    def _editing(self) -> tuple[Placed | None, Span | None, str] | None:
        """What a note or tags edit applies to: the annotation under the cursor (unless a
        selection is open), else the cursor or selection; and the text it covers."""
        placed = self.placed_at(self.cursor) if self.selection_start is None else None
        target = self.target()
        if placed is None and target is None:
            self.notify("Move the cursor to something first (w, ), }, o or p)", timeout=3)
            return None
        body = self.entry.article.body if self.entry else ""
        quoted = placed.annotation.selector.exact if placed else body[target.start : target.end]  # type: ignore[union-attr]
        return placed, target, quoted

    def _save(self, placed: Placed | None, what: str, **fields: object) -> None:
        """Change the annotation under the cursor, or annotate the target with ``fields``."""
        if placed is None:
            self._annotate(**fields)
            return
        self._write(f"save the {what}", lambda: self.notebook.store.update(placed.annotation.id, **fields))
        self._refresh_notes()

    def action_note(self) -> None:
        editing = self._editing()
        if editing is None:
            return
        placed, target, quoted = editing

        def done(text: str | None) -> None:
            if text is None:
                return
            plain = placed is None and target is not None and target.kind not in (QUOTE, PERSON)
            self._save(placed, "note", note=text, **({"kind": "note"} if plain else {}))

        self.app.push_screen(NoteEditor(quoted, placed.annotation.note if placed else ""), done)

    def action_tags(self) -> None:
        editing = self._editing()
        if editing is None:
            return
        placed, _, quoted = editing

        def done(tags: tuple[str, ...] | None) -> None:
            if tags is not None:
                self._save(placed, "tags", tags=tags)

        known = self.notebook.store.tags()
        self.app.push_screen(TagEditor(quoted, placed.annotation.tags if placed else (), known), done)

    def action_delete_note(self) -> None:
        placed = self.placed_at(self.cursor)
        if placed is None:
            self.notify("No annotation under the cursor", timeout=2)
            return
        removed = self._write("delete the annotation", lambda: self.notebook.store.delete(placed.annotation.id))
        if removed is not None:
            self.deleted.append(removed)
            self.notify("Annotation deleted — u undoes", timeout=3)
        self._refresh_notes()

    def action_undo_delete(self) -> None:
        if not self.deleted:
            self.notify("Nothing to undo", timeout=2)
            return
        annotation = self.deleted.pop()
        if self._write("restore the annotation", lambda: self.notebook.store.restore(annotation)) is None:
            self.deleted.append(annotation)
            return
        self.notify("Annotation restored", timeout=2)
        self._refresh_notes()
