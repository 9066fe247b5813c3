"""Small modal dialogs: the note editor, the tag editor, the damaged-notes-file question,
the notes export and a yes-or-no question."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Button, Input, RadioButton, RadioSet, Static, TextArea

from tui.core.notes.formats.exporting import EXPORT_FORMATS, LABELS, default_path
from tui.core.text import one_line


class NoteEditor(ModalScreen[str | None]):
    """Edit a multi-line note; ctrl+s saves, Escape cancels (returns None)."""

    HELP_TITLE = "Note editor"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save note"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, quoted: str, note: str = "") -> None:
        super().__init__()
        self.quoted = quoted
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog"):
            yield Static(Content("Note on"), classes="dialog-title")
            yield Static(Content(_clip(self.quoted, 240)), classes="dialog-quoted")
            yield TextArea(self.note, id="note-text", soft_wrap=True, show_line_numbers=False)
            yield Static(Content("ctrl+s saves · Escape cancels"), classes="dialog-foot")

    def on_mount(self) -> None:
        area = self.query_one("#note-text", TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        self.dismiss(self.query_one("#note-text", TextArea).text.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)


class TagSuggester(Suggester):
    """Completes the last comma-separated tag from the tags already in use."""

    def __init__(self, tags: Sequence[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.tags = list(tags)

    async def get_suggestion(self, value: str) -> str | None:
        head, _, last = value.rpartition(",")
        stem = last.lstrip().casefold()
        if not stem:
            return None
        for tag in self.tags:
            if tag.casefold().startswith(stem) and tag.casefold() != stem:
                prefix = f"{head}, " if head else ""
                return prefix + tag
        return None


class TagEditor(ModalScreen[tuple[str, ...] | None]):
    """Edit tags as comma-separated words, completing from tags in use (→ accepts)."""

    HELP_TITLE = "Tag editor"
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, quoted: str, tags: Sequence[str], known: Sequence[str]) -> None:
        super().__init__()
        self.quoted = quoted
        self.tags = list(tags)
        self.known = list(known)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog"):
            yield Static(Content("Tags for"), classes="dialog-title")
            yield Static(Content(_clip(self.quoted, 160)), classes="dialog-quoted")
            yield Input(
                ", ".join(self.tags), placeholder="tag, another tag", suggester=TagSuggester(self.known), id="tags"
            )
            known = ", ".join(self.known[:20]) or "none yet"
            yield Static(Content(f"In use: {known}"), classes="dialog-foot")
            yield Static(Content("Enter saves · → completes · Escape cancels"), classes="dialog-foot")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(tuple(t.strip() for t in event.value.split(",") if t.strip()))

    def action_cancel(self) -> None:
        self.dismiss(None)


class DamagedNotesDialog(ModalScreen[bool]):
    """Asks before moving a damaged annotation file aside; True means the user agreed."""

    BINDINGS = [Binding("escape", "dismiss(False)", "Keep read-only")]

    def __init__(self, problem: str) -> None:
        super().__init__()
        self.problem = problem

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog"):
            yield Static(Content("Your notes file cannot be used"), classes="dialog-title")
            yield Static(Content(self.problem), classes="dialog-quoted")
            yield Static(
                Content(
                    "Nothing has been changed. You can keep reading with notes read-only, or move "
                    "the damaged file aside to a timestamped backup (kept, never deleted) and start "
                    "a new notes file."
                )
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Keep read-only", id="keep", variant="primary")
                yield Button("Back up and start fresh", id="backup", variant="warning")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "backup")


class ConfirmDialog(ModalScreen[bool]):
    """Asks before doing something that cannot be undone: ``y`` (or the button) does it
    (True), ``n`` or Escape does not (False). The safe answer has the focus."""

    HELP_TITLE = "Confirm"
    BINDINGS = [Binding("y", "dismiss(True)", "Yes"), Binding("n,escape", "dismiss(False)", "No")]

    def __init__(self, question: str, detail: str, action: str) -> None:
        super().__init__()
        self.question = question
        self.detail = detail
        self.action = action

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog"):
            yield Static(Content(self.question), classes="dialog-title")
            yield Static(Content(self.detail), classes="dialog-quoted")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel (n)", id="no", variant="primary")
                yield Button(f"{self.action} (y)", id="yes", variant="error")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


@dataclass(frozen=True, slots=True)
class ExportChoice:
    """What the export dialog was told: the format and where to write it."""

    fmt: str
    path: Path


class ExportDialog(ModalScreen[ExportChoice | None]):
    """Choose an export format and a destination (a file, or a folder for a vault); ctrl+s,
    Enter in the destination or Export confirms, Escape cancels (None). The destination
    follows the format until the user edits it."""

    HELP_TITLE = "Export notes"
    BINDINGS = [Binding("ctrl+s", "export", "Export"), Binding("escape", "cancel", "Cancel")]

    def __init__(self, count: int, folder: Path, fmt: str = EXPORT_FORMATS[0]) -> None:
        super().__init__()
        self.count = count
        self.folder = folder
        self.fmt = fmt

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog"):
            yield Static(Content("Export notes"), classes="dialog-title")
            yield Static(Content(f"{self.count} annotation{'s' * (self.count != 1)}, in"), classes="dialog-quoted")
            with RadioSet(id="export-formats"):
                for name in EXPORT_FORMATS:
                    yield RadioButton(LABELS[name], value=name == self.fmt, id=f"format-{name}")
            yield Static(Content("to"), classes="dialog-quoted")
            yield Input(str(default_path(self.fmt, self.folder)), id="export-path")
            yield Static(id="export-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Export", id="export", variant="primary")
            yield Static(
                Content(
                    "↑/↓ and Space pick a format · Tab, then the destination · Enter or ctrl+s exports · Escape cancels"
                ),
                classes="dialog-foot",
            )

    def on_mount(self) -> None:
        self.query_one(RadioSet).focus()

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        path = self.query_one("#export-path", Input)
        followed = path.value == str(default_path(self.fmt, self.folder))
        self.fmt = EXPORT_FORMATS[event.index]
        if followed:
            path.value = str(default_path(self.fmt, self.folder))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_export()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "export":
            self.action_export()
        else:
            self.action_cancel()

    def action_export(self) -> None:
        text = self.query_one("#export-path", Input).value.strip()
        if not text:
            self.query_one("#export-error", Static).update(Content("Say where to write the export."))
            return
        self.dismiss(ExportChoice(self.fmt, self.folder / Path(text).expanduser()))

    def action_cancel(self) -> None:
        self.dismiss(None)


def _clip(text: str, width: int) -> str:
    text = one_line(text)
    return text if len(text) <= width else text[: width - 1] + "…"
