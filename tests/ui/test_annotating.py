"""Annotating from the keyboard: highlight, note, tags, colour, delete and undo, the Notes
screen, persistence across restarts, and a damaged notes file."""

from __future__ import annotations

import os
from pathlib import Path

from tests.conftest import SEED_ID
from tests.ui.conftest import SIZE, screen_text, seed_app
from tui.core.notes.store import AnnotationStore
from tui.screens.dialogs import DamagedNotesDialog, NoteEditor, TagEditor
from tui.screens.notes import NotesScreen
from tui.screens.reader import ReaderScreen
from tui.widgets.article_view import ArticleView, BlockView


def db() -> Path:
    return Path(os.environ["BYLINE_DB"])


async def open_seed(pilot) -> ReaderScreen:  # type: ignore[no-untyped-def]
    pilot.app.open_article(SEED_ID)
    await pilot.pause()
    assert isinstance(pilot.app.screen, ReaderScreen)
    return pilot.app.screen


async def test_note_and_tag_on_the_third_quote_survive_a_restart() -> None:
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        reader = await open_seed(pilot)
        speech = [q for q in reader.entry.extraction.quotes if q.kind == "speech"]
        await pilot.press("o", "o", "o", "o")  # quotes: speech, the "peace plan" term, speech, speech
        assert reader.cursor.start == speech[2].start
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*"Rutte on consensus", "enter", *"second line", "ctrl+s")
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TagEditor)
        await pilot.press(*"nato, ukraine", "enter")
        await pilot.pause()
        assert "Rutte on consensus" in screen_text(app)
        assert "#nato" in screen_text(app)
        await pilot.press("ctrl+q")

    stored = AnnotationStore(db()).all()
    assert len(stored) == 1
    note = stored[0]
    assert note.kind == "quote" and note.speaker == "Mark Rutte"
    assert note.note == "Rutte on consensus\nsecond line"
    assert note.tags == ("nato", "ukraine")
    assert note.selector.exact.startswith('"In practice')

    again = seed_app()
    async with again.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await pilot.pause()
        assert isinstance(again.screen, NotesScreen)
        text = screen_text(again)
        assert "Rutte on consensus" in text and "nato, ukraine" in text
        await pilot.press("enter")
        await pilot.pause()
        reader = again.screen
        assert isinstance(reader, ReaderScreen)
        assert reader.cursor is not None and reader.cursor.start == note.selector.start
        assert "Rutte on consensus" in screen_text(again)
        view = reader.query_one(ArticleView)
        styles = view.component_styles()
        marked = [
            b for b in view.query(BlockView) if any(s.style == styles["article--note-yellow"] for s in b.visual.spans)
        ]
        assert len(marked) == 1 and "In practice" in marked[0].block.text


async def test_highlight_a_selection_change_colour_delete_and_undo() -> None:
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        reader = await open_seed(pilot)
        await pilot.press("w", "v", "w", "w")
        target = reader.target()
        body = reader.entry.article.body
        assert body[target.start : target.end] == "NATO Secretary General"
        await pilot.press("h")
        store = app.notebook.store
        [note] = store.all()
        assert note.selector.exact == "NATO Secretary General" and note.kind == "highlight"
        assert reader.selection_start is None
        await pilot.press("c")
        assert store.all()[0].colour == "green"
        await pilot.press("x")
        assert store.all() == []
        await pilot.press("u")
        assert [n.id for n in store.all()] == [note.id]


async def test_a_person_is_annotated_with_one_key() -> None:
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_seed(pilot)
        await pilot.press("p", "h")
        [note] = app.notebook.store.all()
        assert note.kind == "person" and note.selector.exact == "Mark Rutte"


async def test_notes_screen_filters_by_tag_and_shows_orphans(tmp_path: Path) -> None:
    article = tmp_path / "story.md"
    article.write_text("# Story\n\nThe mayor said the bridge will open in May. Then rain came.\n")
    app = seed_app([tmp_path])
    async with app.run_test(size=SIZE) as pilot:
        story = app.library.get("story")
        body = story.body
        start = body.index("the bridge")
        app.notebook.annotate(story, start, start + len("the bridge will open"), tags=("infra",))
        app.notebook.annotate(story, body.index("rain"), body.index("rain") + 4, note="weather")
    article.write_text("# Story\n\nThe mayor said the bridge will open in May. Then sun.\n")
    again = seed_app([tmp_path])
    async with again.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await pilot.pause()
        text = screen_text(again)
        assert "[orphan] rain" in text and "1 orphans" in text
        await pilot.press("f", *"#infra")
        screen = again.screen
        assert [p.annotation.selector.exact for p in screen.shown] == ["the bridge will open"]


async def test_a_damaged_notes_file_is_kept_and_read_only_unless_the_user_agrees() -> None:
    db().write_text('{"annotations": {"1": {"article_id": ')
    damaged = db().read_bytes()
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DamagedNotesDialog)
        assert "annotations.json" in screen_text(app)
        await pilot.click("#keep")
        await pilot.pause()
        await open_seed(pilot)
        await pilot.press("w", "h")
        assert "read-only" in screen_text(app)
    assert db().read_bytes() == damaged

    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.click("#backup")
        await pilot.pause()
        await open_seed(pilot)
        await pilot.press("w", "h")
        assert len(app.notebook.store.all()) == 1
    backups = list(db().parent.glob("annotations.json.corrupt-*"))
    assert len(backups) == 1 and backups[0].read_bytes() == damaged


async def test_mouse_drag_selects_text_that_h_then_highlights() -> None:
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        reader = await open_seed(pilot)
        block = reader.view.query(BlockView).first()
        await pilot.mouse_down(block, offset=(0, 0))
        await pilot.hover(block, offset=(12, 0))
        await pilot.mouse_up(block, offset=(12, 0))
        await pilot.pause()
        target = reader.target()
        assert target is not None and target.kind == "selection"
        body = reader.entry.article.body
        selected = body[target.start : target.end]
        # the drag covers the cells from column 0 to column 12, both included
        assert selected == block.block.text[:13].strip()
        await pilot.press("h")
        await pilot.pause()
    [note] = AnnotationStore(db()).all()
    assert note.selector.exact == selected


async def test_a_and_t_on_an_annotated_quote_edit_that_annotation() -> None:
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_seed(pilot)
        await pilot.press("o", "a")
        await pilot.pause()
        await pilot.press(*"first", "ctrl+s")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        await pilot.press("end", *" and more", "ctrl+s")
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        await pilot.press(*"later", "enter")
        await pilot.pause()
    [note] = AnnotationStore(db()).all()
    assert note.kind == "quote" and note.speaker == "Mark Rutte"
    assert note.note == "first and more" and note.tags == ("later",)
