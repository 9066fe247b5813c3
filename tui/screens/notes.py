"""The notes screen: every annotation (orphans included), filterable; Enter jumps to it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from textual import work
from textual.binding import Binding

from tui.core.notes.formats.exporting import write_export
from tui.core.notes.notebook import Placed
from tui.core.text import one_line
from tui.messages import OpenArticle
from tui.screens.dialogs import ExportChoice, ExportDialog
from tui.screens.table_screen import SortKey, TableScreen, marked
from tui.widgets.table_columns import Cell, Column


class NotesScreen(TableScreen[Placed]):
    """Highlights, notes and tags across the library."""

    HELP_TITLE = "Notes"
    HELP = (
        "Every annotation with its article, text, note and tags. An [b]orphan[/b] is one "
        "whose text can no longer be found in its article (the file changed or is gone): "
        "it is kept, never dropped. Press [b]f[/b] to filter (words, or #tag); [b]Enter[/b] "
        "opens the article at the annotation; [b]e[/b] exports every annotation (Markdown, Byline "
        "JSON, Readwise CSV, W3C Web Annotation, or an Obsidian vault that later exports update)."
    )
    NOUN = "annotations"
    FILTER_HINT = "Filter notes by words or #tag (f)…"
    COLUMNS = (
        Column("article", "Article", 24),
        Column("text", "Text"),
        Column("note", "Note", 28),
        Column("tags", "Tags", 16),
        Column("updated", "Updated", 10),
    )
    BINDINGS = [
        Binding("escape,q", "app.switch_mode('library')", "Library"),
        Binding("e", "export", "Export notes"),
    ]

    def on_screen_resume(self) -> None:
        self.reload()

    def sort_keys(self) -> list[SortKey[Placed]]:
        return [
            SortKey("updated", "updated", lambda p: p.annotation.updated, descending=True),
            SortKey("article", "article", lambda p: (_title(p).casefold(), p.anchor.start)),
            SortKey("tags", "tags", lambda p: ",".join(p.annotation.tags).casefold()),
        ]

    def records(self) -> list[Placed]:
        return self.context.notebook.all()

    def record_estimate(self) -> int:
        return 0

    def record_key(self, record: Placed) -> str:
        return record.annotation.id

    def haystack(self, record: Placed) -> str:
        note = record.annotation
        tags = " ".join(f"#{t}" for t in note.tags)
        return f"{_title(record)}\n{note.selector.exact}\n{note.note}\n{tags}\n{note.speaker or ''}"

    def cells(self, record: Placed, words: Sequence[str]) -> Sequence[Cell]:
        note = record.annotation
        text = one_line(note.selector.exact)
        if record.orphan:
            text = f"[orphan] {text}"
        return (
            marked(_title(record), words),
            marked(text, words),
            marked(one_line(note.note), words),
            marked(", ".join(note.tags), words),
            note.updated[:10],
        )

    def open_record(self, record: Placed) -> None:
        if record.article is None:
            self.notify(f"The article {record.annotation.article_id!r} is not in this library", severity="warning")
            return
        if record.orphan:
            self.notify("This annotation's text is no longer in the article; opening the article", severity="warning")
        offset = record.anchor.start if not record.orphan else None
        order = list(dict.fromkeys(p.annotation.article_id for p in self.shown if p.article))
        self.post_message(OpenArticle(record.article.id, order, offset))

    def action_export(self) -> None:
        """Ask for a format and a destination, then export every annotation there."""
        count = len(self.context.notebook.store.all())
        self.app.push_screen(ExportDialog(count, Path.cwd()), self._export_chosen)

    def _export_chosen(self, choice: ExportChoice | None) -> None:
        if choice is not None:
            self.export_notes(choice)

    @work(thread=True, exclusive=True, group="export")
    def export_notes(self, choice: ExportChoice) -> None:
        """Write the export off the UI thread (a vault is a file per article), then say
        where it went and how many annotations it holds."""
        annotations = self.context.notebook.store.all()
        articles = {article.id: article for article in self.context.library.articles}
        try:
            written = write_export(choice.fmt, annotations, articles, choice.path)
        except OSError as exc:
            message = f"Could not export to {choice.path}: {exc.strerror or exc}"
            self.app.call_from_thread(self.notify, message, severity="error", timeout=10, markup=False)
            return
        summary = written.summary()
        self.app.call_from_thread(self.notify, summary[0].upper() + summary[1:], timeout=10, markup=False)
        for left in written.left_alone:
            self.app.call_from_thread(self.notify, left, severity="warning", timeout=10, markup=False)

    def status_parts(self) -> list[str]:
        orphans = sum(1 for p in self._all or () if p.orphan)
        store = self.context.notebook.store
        parts = [f"{orphans} orphans" if orphans else "no orphans", f"file: {store.path}"]
        if store.read_only:
            parts.append("READ-ONLY")
        return parts


def _title(placed: Placed) -> str:
    return placed.article.title if placed.article else f"({placed.annotation.article_id})"
