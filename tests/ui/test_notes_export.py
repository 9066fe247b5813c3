"""Exporting from the Notes screen: e opens a dialog (format and destination), the export
is written where it says, and a notice gives the path and the count; ? lists the key."""

from __future__ import annotations

import csv
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input, RadioSet

from tests.conftest import SEED_ID
from tests.ui.conftest import screen_text, seed_app
from tui.app import BylineApp
from tui.screens.dialogs import ExportDialog
from tui.screens.help import HelpScreen
from tui.screens.notes import NotesScreen

SIZE = (120, 40)
QUOTE = "there is no consensus on Ukraine's membership in NATO"


def annotate(app: BylineApp) -> None:
    article = app.library.get(SEED_ID)
    start = article.body.index(QUOTE)
    app.notebook.annotate(article, start, start + len(QUOTE), note="the key line", tags=("nato",))


def notices(app: BylineApp) -> list[tuple[str, str]]:
    """Every notice the app shows from now on, as (message, severity)."""
    seen: list[tuple[str, str]] = []
    show = app.notify

    def notify(message: str, **options: Any) -> None:
        seen.append((message, options.get("severity", "information")))
        show(message, **options)

    app.notify = notify  # type: ignore[method-assign]
    return seen


@asynccontextmanager
async def export_dialog(
    *, annotated: bool = True
) -> AsyncIterator[tuple[Pilot[int], ExportDialog, list[tuple[str, str]]]]:
    """The app on the bundled seeds (with one annotation), its export dialog open from the
    Notes screen, and the notices shown from then on."""
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        if annotated:
            annotate(app)
        shown = notices(app)
        await pilot.press("4")
        await pilot.pause()
        assert isinstance(app.screen, NotesScreen)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        yield pilot, app.screen, shown


async def set_destination(pilot, path: Path) -> None:  # type: ignore[no-untyped-def]
    box = pilot.app.screen.query_one("#export-path", Input)
    box.focus()
    box.value = str(path)
    await pilot.pause()


async def export_to(pilot, destination: Path, key: str = "enter") -> None:  # type: ignore[no-untyped-def]
    """Type the destination, confirm with ``key`` and wait until the export is written."""
    await set_destination(pilot, destination)
    await pilot.press(key)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_the_help_of_the_notes_screen_lists_the_export_key() -> None:
    app = seed_app()
    async with app.run_test(size=(110, 60)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        line = next(line for line in screen_text(app).split("\n") if "Export notes" in line)
        assert line.split()[1:-1] == ["e", "Export", "notes"]


async def test_readwise_export_writes_the_csv_and_says_where_and_how_many(tmp_path: Path) -> None:
    async with export_dialog() as (pilot, dialog, shown):
        assert "1 annotation, in" in screen_text(pilot.app)
        await pilot.press("down", "down", "space")  # md, json, readwise
        assert dialog.fmt == "readwise"
        assert dialog.query_one("#export-path", Input).value.endswith("byline-notes.csv")  # follows the format
        out = tmp_path / "highlights.csv"
        await export_to(pilot, out)
        assert isinstance(pilot.app.screen, NotesScreen)
        assert shown == [(f"Wrote 1 annotation to {out}", "information")]
    [row] = csv.DictReader(out.open(encoding="utf-8", newline=""))
    assert row["Highlight"] == QUOTE and row["Note"].startswith(".nato\nthe key line")


async def test_obsidian_export_writes_a_vault_folder_and_names_the_notes_count(tmp_path: Path) -> None:
    async with export_dialog() as (pilot, dialog, shown):
        await pilot.press("up", "space")  # wraps round to the last: obsidian
        assert dialog.fmt == "obsidian"
        vault = tmp_path / "vault"
        await export_to(pilot, vault, "ctrl+s")
        assert shown == [(f"Wrote 1 annotation to 1 note in {vault} (1 changed)", "information")]
    [note] = vault.iterdir()
    assert f"> {QUOTE}" in note.read_text(encoding="utf-8")


async def test_escape_cancels_and_writes_nothing(tmp_path: Path) -> None:
    async with export_dialog(annotated=False) as (pilot, dialog, _):
        await set_destination(pilot, tmp_path / "nothing.md")
        assert dialog.fmt == "md"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, NotesScreen)
    assert list(tmp_path.iterdir()) == []


async def test_a_destination_that_cannot_be_written_is_reported(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    async with export_dialog() as (pilot, _, shown):
        await export_to(pilot, blocker / "notes.md")
        [(message, severity)] = shown
        assert message.startswith(f"Could not export to {blocker / 'notes.md'}: ") and severity == "error"
    assert blocker.read_text() == "not a folder"


async def test_an_empty_destination_is_asked_for_again() -> None:
    async with export_dialog(annotated=False) as (pilot, dialog, _):
        await set_destination(pilot, Path(""))
        dialog.query_one("#export-path", Input).value = ""
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.screen is dialog
        assert "Say where to write the export." in screen_text(pilot.app)


async def test_an_edited_destination_stays_when_the_format_changes(tmp_path: Path) -> None:
    async with export_dialog(annotated=False) as (pilot, dialog, _):
        await set_destination(pilot, tmp_path / "mine.txt")
        dialog.query_one(RadioSet).focus()
        await pilot.press("down", "space")
        assert dialog.fmt == "json"
        assert dialog.query_one("#export-path", Input).value == str(tmp_path / "mine.txt")
