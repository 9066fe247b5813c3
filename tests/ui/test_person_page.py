"""The person page, quotes grouped by quotation, and y copying a quote with its citation."""

from __future__ import annotations

from textual_plotext import PlotextPlot

from tests.conftest import SEED_ID
from tests.ui.conftest import SIZE, screen_text, seed_app
from tui.core.who.profile import profile
from tui.screens.person import PersonScreen
from tui.screens.quotes import QuotesScreen
from tui.screens.reader import ReaderScreen

CITATION = '"I am constantly in touch with him'


async def test_person_page_shows_roles_chart_quotes_co_mentioned_and_articles() -> None:
    app = seed_app()
    async with app.run_test(size=(120, 44)) as pilot:
        person = app.context.said.person("Mark Rutte")
        assert person is not None
        app.push_screen(PersonScreen(app.context, person))
        await pilot.pause()
        await pilot.pause()
        text = screen_text(app)
        assert "Roles: NATO Secretary General (2025-12-02)" in text
        assert "Quotes and mentions per month" in text and app.screen.query_one(PlotextPlot)
        claims = len(profile(app.context.said, person).reported)
        assert claims >= 5  # the seed's reported claims by Rutte
        assert "Marco Rubio" in text and f"3 quotes · {claims} reported claims · 1 article · " in text
        copied: list[str] = []
        app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
        screen = app.screen
        assert isinstance(screen, PersonScreen)
        first_quote = next(i for i, row in enumerate(screen.shown) if row.kind == "quote")
        await pilot.press(*["down"] * first_quote)  # past the reported claims, newer in the text order
        await pilot.press("y")
        assert copied and copied[0].startswith(CITATION)
        assert copied[0].endswith("— Mark Rutte, NATO Secretary General (2025-12-02)")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen) and app.screen.article_id == SEED_ID


async def test_reader_y_copies_the_quote_under_the_cursor_with_its_citation() -> None:
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        app.open_article(SEED_ID)
        await pilot.pause()
        copied: list[str] = []
        app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
        await pilot.press("y")
        assert not copied  # not on a quote yet
        await pilot.press("o", "y")
        assert copied[0].startswith(CITATION) and 'lines" — Mark Rutte' in copied[0]


async def test_quotes_screen_groups_by_quotation() -> None:
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuotesScreen)
        every = len(screen.shown)
        await pilot.press("c")
        await pilot.pause()
        assert screen.grouped and 0 < len(screen.shown) <= every
        assert "one row per quotation" in screen_text(app)
