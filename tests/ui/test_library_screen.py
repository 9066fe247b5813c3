"""Pilot tests of the library screen: table, filter, sort, problems, opening the reader."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import SEED_ID, SEEDS
from tests.ui.conftest import SIZE, screen_text, seed_app
from tui.screens.library import LibraryScreen
from tui.screens.problems import ProblemsScreen
from tui.screens.reader import ReaderScreen
from tui.widgets.big_table import BigTable


async def test_table_lists_every_article_newest_first() -> None:
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.screen.query_one(BigTable)
        assert table.row_count == len(app.library.articles)
        dates = [app.library.get(table.key_at(i)).date for i in range(table.row_count)]
        assert dates == sorted(dates, reverse=True)
        text = screen_text(app)
        assert f"{len(app.library.articles)} articles" in text
        assert "no load problems" in text


async def test_filter_as_you_type_narrows_and_escape_clears() -> None:
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f", *"nato")
        table = app.screen.query_one(BigTable)
        assert [table.key_at(i) for i in range(table.row_count)] == [SEED_ID]
        assert f"1 of {len(app.library.articles)} articles" in screen_text(app)
        await pilot.press("escape")
        assert table.row_count == len(app.library.articles)
        assert table.has_focus


async def test_sort_cycles_columns_and_reverses() -> None:
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        table = screen.query_one(BigTable)
        await pilot.press("s")
        titles = [app.library.get(table.key_at(i)).title.casefold() for i in range(table.row_count)]
        assert titles == sorted(titles)
        assert "sorted by title" in screen_text(app)
        await pilot.press("S")
        titles = [app.library.get(table.key_at(i)).title.casefold() for i in range(table.row_count)]
        assert titles == sorted(titles, reverse=True)


async def test_enter_opens_the_reader_on_the_highlighted_article() -> None:
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f", *"rutte", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.article_id == SEED_ID


async def test_problems_are_counted_and_listed(tmp_path: Path) -> None:
    (tmp_path / "good.md").write_text("# Good\n\nBody.\n")
    (tmp_path / "empty.md").write_text("")
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02" * 100)
    app = seed_app([tmp_path])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "2 files skipped" in screen_text(app)
        await pilot.press("p")
        assert isinstance(app.screen, ProblemsScreen)
        text = screen_text(app)
        assert "empty.md" in text and "empty file" in text
        assert "blob.txt" in text and "binary" in text
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)


async def test_seed_folder_default_is_what_the_screen_shows() -> None:
    app = seed_app([SEEDS])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "NATO Secretary General Mark Rutte admitted" in screen_text(app)
