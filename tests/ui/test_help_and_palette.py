"""The help screen lists the live keys of the screen beneath; the palette reaches every action."""

from __future__ import annotations

from tests.conftest import SEED_ID
from tests.ui.conftest import screen_text, seed_app
from tui.screens.help import HelpScreen, screen_keys
from tui.screens.library import LibraryScreen
from tui.screens.reader import ReaderScreen

SIZE = (110, 60)


async def test_question_mark_opens_help_for_the_library() -> None:
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for words in ("Filter", "Sort", "Problems", "Quit", "Help", "Light/dark theme"):
            assert words in text
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)


async def test_help_for_the_reader_lists_its_keys() -> None:
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        app.open_article(SEED_ID)
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        text = screen_text(app)
        for words in ("Back", "Scroll down", "Page down", "Top", "Bottom", "Previous article", "Next article"):
            assert words in text, words
        assert "[" in text and "]" in text


async def test_every_bound_action_of_the_screen_is_in_the_help() -> None:
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        app.open_article(SEED_ID)
        await pilot.pause()
        screen = app.screen
        described = {line.description for line in screen_keys(screen)}
        for binding in ReaderScreen.BINDINGS:
            assert binding.description in described  # type: ignore[union-attr]


async def test_palette_offers_the_screens_actions() -> None:
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Filter", "Sort", "Problems", "Light/dark theme", "Help"} <= titles


async def test_theme_toggles_between_dark_and_light() -> None:
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        assert app.theme == "textual-dark"
        await pilot.press("T")
        assert app.theme == "textual-light"
        await pilot.press("T")
        assert app.theme == "textual-dark"
