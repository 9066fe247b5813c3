"""Who said what on screen: highlighted quotes with speakers, people, cursor keys, person panel,
and the Quotes, People and Person screens."""

from __future__ import annotations

from tests.conftest import SEED_ID
from tests.ui.conftest import SIZE, screen_text, seed_app
from tui.screens.library import LibraryScreen
from tui.screens.people import PeopleScreen
from tui.screens.person import PersonScreen
from tui.screens.quotes import QuotesScreen
from tui.screens.reader import ReaderScreen
from tui.widgets.article_view import ArticleView, BlockView
from tui.widgets.big_table import BigTable


async def open_seed(pilot, offset: int | None = None) -> ReaderScreen:  # type: ignore[no-untyped-def]
    pilot.app.open_article(SEED_ID, offset=offset)
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ReaderScreen)
    return screen


def styled_text(view: BlockView, component: str, styles) -> list[str]:  # type: ignore[no-untyped-def]
    """The pieces of a block shown in a component's style."""
    content = view.visual
    return [content.plain[s.start : s.end] for s in content.spans if s.style == styles[component]]


async def test_speech_quotes_show_their_speaker_under_the_paragraph() -> None:
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_seed(pilot)
        text = screen_text(app)
        assert text.count("— Mark Rutte") >= 1
        view = app.screen.query_one(ArticleView)
        labels = [label for block in view.query(BlockView) for label in block.labels]
        assert [label.text for label in labels if label.component == "article--speaker"] == ["— Mark Rutte"] * 3


async def test_reported_claims_are_marked_quietly_with_their_speaker_and_r_moves_through_them() -> None:
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_seed(pilot)
        screen = app.screen
        view = screen.query_one(ArticleView)
        labels = [label for block in view.query(BlockView) for label in block.labels]
        reported = [label.text for label in labels if label.component == "article--reported-speaker"]
        assert reported.count("— Mark Rutte, reported") >= 5  # the seed's five claims by Rutte, at least
        styles = view.component_styles()
        assert styles["article--reported"] != styles["article--quote"]
        claimed = [
            piece for block in view.query(BlockView) for piece in styled_text(block, "article--reported", styles)
        ]
        assert any("Rubio is very actively involved" in piece for piece in claimed)
        await pilot.press("r")
        assert screen.cursor is not None and screen.cursor.kind == "claim"
        first = screen.cursor
        assert "claim 1 of" in screen_text(app) and "— Mark Rutte" in screen_text(app)
        assert app.library.entry(SEED_ID).article.body[first.start : first.end].startswith("there is no consensus")
        await pilot.press("r", "r")
        assert "claim 3 of" in screen_text(app)
        await pilot.press("R")
        assert "claim 2 of" in screen_text(app)


async def test_quotes_scare_quotes_and_people_are_styled_apart() -> None:
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_seed(pilot)
        view = app.screen.query_one(ArticleView)
        styles = view.component_styles()
        blocks = list(view.query(BlockView))
        quoted = [piece for b in blocks for piece in styled_text(b, "article--quote", styles)]
        scare = [piece for b in blocks for piece in styled_text(b, "article--scare", styles)]
        people = {piece for b in blocks for piece in styled_text(b, "article--person", styles)}
        assert len(quoted) == 3 and all(q.startswith('"') for q in quoted)
        assert scare == ['"peace plan"']
        assert {"Mark Rutte", "Marco Rubio", "Christopher Landau"} <= people


async def test_o_and_p_move_the_cursor_to_quotes_and_people() -> None:
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_seed(pilot)
        await pilot.press("o")
        assert screen.cursor is not None and screen.cursor.kind == "quote"
        assert screen.cursor.label == "Mark Rutte"
        body = screen.entry.article.body
        assert body[screen.cursor.start :].startswith('"I am constantly')
        assert "quote 1 of 4 — Mark Rutte" in screen_text(app)
        await pilot.press("o", "o")
        assert body[screen.cursor.start :].startswith('"I think any negotiation')
        await pilot.press("O")
        assert body[screen.cursor.start :].startswith('"peace plan"')
        await pilot.press("p")
        assert screen.cursor.kind == "person"
        await pilot.press("g")
        first_person = screen.targets.spans["person"][0]
        screen.set_cursor(None)
        await pilot.press("p")
        assert screen.cursor == first_person


async def test_sentence_and_paragraph_keys_move_the_cursor() -> None:
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_seed(pilot)
        body = screen.entry.article.body
        await pilot.press("right_parenthesis")
        assert body[screen.cursor.start : screen.cursor.end].startswith("NATO Secretary General")
        await pilot.press("right_parenthesis")
        assert body[screen.cursor.start : screen.cursor.end] == "He said that said at a briefing in Brussels."
        await pilot.press("right_curly_bracket")
        assert body[screen.cursor.start :].startswith("First, he commented")
        await pilot.press("left_curly_bracket")
        assert screen.cursor.start == 0


async def test_person_panel_shows_roles_quotes_and_opens_the_person() -> None:
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_seed(pilot)
        await pilot.press("p")
        assert screen.cursor.label == "Mark Rutte"
        text = screen_text(app)
        assert "NATO Secretary General" in text and "3 quotes" in text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PersonScreen)
        assert app.screen.person.name == "Mark Rutte"
        table = app.screen.query_one(BigTable)
        kinds = [app.screen.shown[i].kind for i in range(table.row_count)]
        assert kinds.count("quote") == 3


async def test_opening_at_an_offset_puts_the_cursor_there() -> None:
    app = seed_app()
    async with app.run_test(size=(100, 20)) as pilot:
        entry = app.library.entry(SEED_ID)
        last = entry.extraction.quotes[-1]
        screen = await open_seed(pilot, offset=last.start)
        assert screen.cursor is not None and screen.cursor.start == last.start
        assert "Washington Summit" in screen_text(app)


async def test_library_table_has_quote_and_people_counts() -> None:
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f", *"nato")
        table = app.screen.query_one(BigTable)
        assert table.row_count == 1
        row = table.render_line(1).text
        assert row.rstrip().endswith("3      4")


async def test_quotes_screen_filters_by_speaker_and_opens_at_the_quote() -> None:
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        assert isinstance(app.screen, QuotesScreen)
        await pilot.press("f", *"rutte")
        screen = app.screen
        assert [r.quote.speaker for r in screen.shown] == ["Mark Rutte"] * 3
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.cursor is not None and app.screen.cursor.kind == "quote"
        await pilot.press("escape")
        assert isinstance(app.screen, QuotesScreen)
        await pilot.press("1")
        assert isinstance(app.screen, LibraryScreen)


async def test_people_screen_lists_people_with_counts() -> None:
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        assert isinstance(app.screen, PeopleScreen)
        await pilot.press("f", *"mark rutte", "enter")
        screen = app.screen
        assert screen.shown[0].name == "Mark Rutte"
        assert "NATO Secretary General" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PersonScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, PeopleScreen)


async def test_quotes_screen_shows_reported_claims_on_request_and_y_cites_them_as_reported() -> None:
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuotesScreen)
        quotes_only = screen.query_one(BigTable).row_count
        assert all(row.quote.kind == "speech" for row in screen.shown)
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        claims = [row for row in screen.shown if row.quote.kind == "reported"]
        assert len(claims) >= 5 and screen.query_one(BigTable).row_count == quotes_only + len(claims)
        assert "with reported claims (r: hide)" in screen.status_parts()
        assert any(str(screen.cells(row, [])[1]).startswith("[said] Rubio is very actively") for row in claims)
        copied: list[str] = []
        app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
        screen.table.move_cursor(screen.shown.index(claims[0]))
        await pilot.press("y")
        assert copied and copied[0].startswith("Reported: ") and claims[0].quote.text in copied[0]
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.query_one(BigTable).row_count == quotes_only
