"""The search screen (/), the quote check, and find in the reader (ctrl+f, n/N), driven by keys."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest
from textual.widgets import Static

from tests.conftest import SEED_ID
from tests.ui.conftest import SIZE, screen_text, seed_app
from tui.core.library.library import Entry, Library
from tui.core.search import CheckResult, Result
from tui.screens.help import HelpScreen
from tui.screens.library import LibraryScreen
from tui.screens.reader import MATCH, ReaderScreen
from tui.screens.search import ResultList, SearchScreen
from tui.widgets.article_view import ArticleView, BlockView

RUTTE = "there is no consensus on Ukraine's membership in NATO"


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    """Let the index build and the last search finish, and their results reach the screen."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def open_seed(pilot) -> ReaderScreen:  # type: ignore[no-untyped-def]
    pilot.app.open_article(SEED_ID)
    await pilot.pause()
    assert isinstance(pilot.app.screen, ReaderScreen)
    return pilot.app.screen


@pytest.fixture
def late(tmp_path: Path) -> Entry:
    """An article that is not in the seeds, to add to the library while the app runs."""
    (tmp_path / "late.md").write_text("# Late news\n\nThe quokka festival opens on Friday.\n")
    [entry] = Library.open([tmp_path]).entries()
    return entry


def matched_blocks(reader: ReaderScreen) -> list[str]:
    """The texts of the blocks that show a match highlight."""
    view = reader.query_one(ArticleView)
    style = view.component_styles()["article--match"]
    return [b.block.text for b in view.query(BlockView) if any(s.style == style for s in b.visual.spans)]


async def test_typing_shows_labelled_results_and_enter_opens_the_reader_at_the_match() -> None:
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"rutte no concensus on ukraine")
        await settle(pilot)
        search = app.screen
        best = search.found[0]
        assert isinstance(best, Result)
        assert best.kind == "quote" and best.article_id == SEED_ID and RUTTE in best.doc.text
        assert best.doc.speaker == "Mark Rutte"
        text = screen_text(app)
        assert "quote   In practice, the situation" in text and "— Mark Rutte" in text
        assert "passage " in text  # every result is labelled with its kind
        prompt = search.query_one(ResultList).get_option_at_index(0).prompt
        match = search.query_one(ResultList).styles_by_name()["result--match"]
        highlighted = {prompt.plain[s.start : s.end] for s in prompt.spans if s.style == match}
        assert {"consensus", "Ukraine"} <= highlighted

        await pilot.press("enter")
        await pilot.pause()
        reader = app.screen
        assert isinstance(reader, ReaderScreen) and reader.article_id == SEED_ID
        body = reader.entry.article.body
        quote_start, quote_end = best.span
        assert reader.cursor is not None and reader.cursor.kind == MATCH
        assert quote_start <= reader.cursor.start < reader.cursor.end <= quote_end
        assert {body[m.start : m.end] for m in reader.targets.spans[MATCH]} >= {"consensus", "Ukraine"}
        assert any("no consensus on Ukraine" in text for text in matched_blocks(reader))
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        assert "match 1 of" in text
        assert "there is no consensus on Ukraine's membership" in text  # scrolled to it
        assert reader.query_one(ArticleView).scroll_y > 0

        await pilot.press("escape")
        assert app.screen is search and search.query_box.value == "rutte no concensus on ukraine"
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)


async def test_escape_returns_to_the_reader_search_was_opened_from() -> None:
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        reader = await open_seed(pilot)
        await pilot.press("slash", *"budget")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("escape")
        assert app.screen is reader


async def test_quote_check_shows_the_original_its_score_and_a_word_diff() -> None:
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", "ctrl+t")
        assert "QUOTE CHECK" in screen_text(app)
        await pilot.press(*"there is no concensus about Ukraines membership in NATO")
        await settle(pilot)
        search = app.screen
        best = search.found[0]
        assert isinstance(best, CheckResult)
        assert RUTTE in best.doc.text and best.doc.speaker == "Mark Rutte"
        assert ("changed", "concensus about", "consensus on") in best.diff
        text = screen_text(app)
        assert f"{best.score:5.1f}% Mark Rutte" in text
        assert "In practice, the situation is that Ukraine's accession" in text
        assert "2025-12-02" in text
        results = search.query_one(ResultList)
        styles = results.styles_by_name()
        prompt = results.get_option_at_index(0).prompt
        styled = {
            name: {prompt.plain[s.start : s.end] for s in prompt.spans if s.style == styles[name]}
            for name in ("result--missing", "result--added")
        }
        assert "consensus on" in styled["result--missing"]
        assert "concensus about" in styled["result--added"]

        await pilot.press("enter")
        await pilot.pause()
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        assert (reader.cursor.start, reader.cursor.end) == (best.doc.start, best.doc.end)


async def test_help_on_the_search_screen_lists_the_query_syntax() -> None:
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(str(line.render()) for line in app.screen.query(Static))
        assert "Search / quote check" in text  # the keys, then the notes
        for syntax in ('"economic growth"', "@rutte", "#climate", "kind:quote", "ctrl+t"):
            assert syntax in text


async def test_ctrl_f_highlights_every_match_and_n_cycles_through_them() -> None:
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        reader = await open_seed(pilot)
        body = reader.entry.article.body
        await pilot.press("ctrl+f", *"nato")
        starts = [m.start for m in reader.targets.spans[MATCH]]
        assert len(starts) == body.lower().count("nato") > 2
        assert all(body[s : s + 4].lower() == "nato" for s in starts)
        assert f"{len(starts)} matches for 'nato'" in screen_text(app)
        await pilot.press("enter")
        assert reader.cursor.start == starts[0]
        await pilot.press("n")
        assert reader.cursor.start == starts[1]
        await pilot.press("N", "N")
        assert reader.cursor.start == starts[-1]  # wraps around
        assert f"match {len(starts)} of {len(starts)}" in screen_text(app)

        await pilot.press("ctrl+f", "escape")
        assert reader.targets.spans[MATCH] == [] and matched_blocks(reader) == []
        assert app.screen is reader


async def test_a_new_note_is_found_by_search_until_it_is_deleted() -> None:
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_seed(pilot)
        await pilot.press("o", "a", *"zanzibar briefing", "ctrl+s")
        await settle(pilot)
        [note] = app.search_index.search("zanzibar")
        assert note.kind == "note" and note.doc.ref == app.notebook.store.all()[0].id
        await pilot.press("slash", *"zanzibar")
        await settle(pilot)
        assert "note    zanzibar briefing" in screen_text(app)
        await pilot.press("escape", "x")
        await settle(pilot)
        assert app.search_index.search("zanzibar") == []


async def test_articles_indexed_and_unindexed_later_from_another_thread(late: Entry) -> None:
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.search_index.search("quokka") == []
        app.library.add([late])
        await asyncio.to_thread(app.index_entries, [late])
        await settle(pilot)
        assert {r.article_id for r in app.search_index.search("quokka")} == {"late"}
        app.library.remove(["late"])
        await asyncio.to_thread(app.unindex_articles, ["late"])
        await settle(pilot)
        assert app.search_index.search("quokka") == []


async def test_results_from_a_partial_index_are_marked_and_refresh_once_it_catches_up(late: Entry) -> None:
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        gate = threading.Event()
        app.context.search.queue(lambda cancelled: gate.wait())  # an update still running
        app.library.add([late])
        app.index_entries([late])
        try:
            await pilot.press("slash", *"quokka")
            searching = [w for w in app.workers if w.group == "search"]
            if searching:  # (finished workers leave the list; an empty list would mean all)
                await app.workers.wait_for_complete(searching)
            await pilot.pause()
            search = app.screen
            assert search.found == [] and search.partial
            assert "still being built" in screen_text(app)
        finally:
            gate.set()
        await settle(pilot)
        assert not search.partial and {r.article_id for r in search.found} == {"late"}
