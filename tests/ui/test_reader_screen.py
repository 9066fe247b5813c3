"""Pilot tests of the reader: header, body, scrolling keys, moving between articles, back."""

from __future__ import annotations

from pathlib import Path

from textual.events import MouseScrollDown

from tests.conftest import SEED_ID
from tests.ui.conftest import SIZE, screen_text, seed_app
from tui.screens.library import LibraryScreen
from tui.screens.reader import ReaderScreen
from tui.widgets.article_view import ArticleView


async def open_seed(pilot) -> ReaderScreen:  # type: ignore[no-untyped-def]
    pilot.app.open_article(SEED_ID)
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ReaderScreen)
    return screen


async def test_reader_shows_header_caption_and_body() -> None:
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_seed(pilot)
        text = screen_text(app)
        assert "NATO Secretary General Mark Rutte admitted" in text
        assert "2025-12-02" in text
        assert "Photo caption: Mark Rutte (Photo: Olivier Matthys/EPA)" in text
        assert "no consensus in the" in text


async def test_scroll_keys_move_the_view() -> None:
    app = seed_app()
    async with app.run_test(size=(80, 20)) as pilot:
        screen = await open_seed(pilot)
        view = screen.query_one(ArticleView)
        assert view.scroll_y == 0
        await pilot.press("j", "j")
        assert view.scroll_y == 2
        await pilot.press("k")
        assert view.scroll_y == 1
        await pilot.press("space")
        paged = view.scroll_y
        assert paged > 5
        await pilot.press("b")
        assert view.scroll_y < paged
        await pilot.press("G")
        assert view.scroll_y == view.max_scroll_y > 0
        assert "Washington Summit in 2024" in screen_text(app)
        await pilot.press("g")
        assert view.scroll_y == 0
        await pilot.press("pagedown")
        assert view.scroll_y > 0
        await pilot.press("home", "down")
        assert view.scroll_y == 1


async def test_brackets_walk_the_library_order() -> None:
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_seed(pilot)
        order = screen.order
        index = order.index(SEED_ID)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert screen.article_id == order[index + 1]
        assert app.library.get(order[index + 1]).title[:30] in screen_text(app)
        await pilot.press("left_square_bracket", "left_square_bracket")
        await pilot.pause()
        assert screen.article_id == order[index - 1]


async def test_escape_and_q_go_back_to_the_library() -> None:
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_seed(pilot)
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)
        await open_seed(pilot)
        await pilot.press("q")
        assert isinstance(app.screen, LibraryScreen)


async def test_markdown_is_rendered_not_shown_raw(tmp_path: Path) -> None:
    (tmp_path / "md.md").write_text(
        "---\ntitle: Markdown test\ndate: 2024-01-01\n---\n\n"
        "Some *emphasis* and **strength** with a [link](https://example.org).\n\n"
        "> Quoted block text\n\n- first item\n- second item\n\n## Subhead\n"
    )
    app = seed_app([tmp_path])
    async with app.run_test(size=SIZE) as pilot:
        app.open_article("md")
        await pilot.pause()
        text = screen_text(app)
        assert "Some emphasis and strength with a link." in text
        assert "**" not in text and "](" not in text
        assert "• first item" in text and "• second item" in text
        assert "Subhead" in text and "## Subhead" not in text
        assert "Quoted block text" in text and "> Quoted" not in text


async def test_mouse_wheel_scrolls_the_article() -> None:
    app = seed_app()
    async with app.run_test(size=(80, 20)) as pilot:
        screen = await open_seed(pilot)
        view = screen.query_one(ArticleView)
        await pilot._post_mouse_events([MouseScrollDown], view, offset=(5, 5))
        await pilot.pause()
        assert view.scroll_y > 0
