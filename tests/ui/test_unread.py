"""Unread articles: what a feed brought is bold in the library and counted in the status line
until opened; ``m`` toggles it, ``u`` lists only the unread; the bundled articles are never
unread; a damaged read.json or feeds.json is said, kept, and the rest works."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rich.segment import Segment

from tests.conftest import SEEDS
from tests.ui.conftest import SIZE, screen_text, until
from tests.unit.feeds_support import DORIS, MUNK, story
from tui.app import BylineApp, make_app
from tui.core.feeds.articles import Draft, articles_dir, save_article
from tui.core.feeds.readstate import ReadState, default_path
from tui.core.feeds.subscriptions import default_path as feeds_path
from tui.core.library.library import Library
from tui.screens.feeds import FeedsScreen
from tui.screens.library import LibraryScreen
from tui.screens.reader import ReaderScreen

FEED = "http://127.0.0.1:9/feed.xml"


def save(stem: str, title: str | None = None) -> Path:
    """A seed story saved as an article fetched from :data:`FEED`."""
    s = story(stem)
    draft = Draft(title or s.title, "\n\n".join(s.paragraphs), date(2030, 1, 1), "Test Times", s.url, FEED)
    return save_article(articles_dir() / "test-times", draft)


def app_with_saved() -> BylineApp:
    """The seeds and two saved articles from a feed (newest first: they come on top)."""
    save(DORIS)
    save(MUNK)
    return make_app(Library.open([SEEDS, articles_dir()]))


def library(app: BylineApp) -> LibraryScreen:
    assert isinstance(app.screen, LibraryScreen)
    return app.screen


def bold(app: BylineApp, title: str) -> bool:
    """Whether the row of the article titled ``title`` is drawn bold (its title cell; the
    cursor, bold itself, is moved off it first)."""
    screen = library(app)
    row = next(i for i, e in enumerate(screen.shown) if e.article.title == title)
    if screen.table.cursor_row == row:
        screen.table.move_cursor(row + 1 if row + 1 < len(screen.shown) else row - 1)
    line = row - round(screen.table.scroll_y) + 1  # under the header, as scrolled
    assert line >= 1, "the row is scrolled out of sight"
    segments: list[Segment] = list(screen.table.render_line(line))
    return all(s.style is not None and s.style.bold for s in segments if title[:20] in s.text)


async def test_fetched_articles_are_bold_and_counted_until_marked_read() -> None:
    app = app_with_saved()
    doris, munk = story(DORIS).title, story(MUNK).title
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "2 unread" in screen_text(app)
        assert bold(app, doris) and bold(app, munk)
        seed = next(e.article.title for e in library(app).shown if e.article.feed == "")
        assert not bold(app, seed)
        table = library(app).table
        at = next(i for i, e in enumerate(library(app).shown) if e.article.title == doris)
        table.move_cursor(at)
        await pilot.press("m")
        assert "1 unread" in screen_text(app) and not bold(app, doris) and bold(app, munk)
        assert ReadState().unread([save(DORIS)]) == []  # kept in read.json
        table.move_cursor(at)
        await pilot.press("m")
        assert "2 unread" in screen_text(app) and bold(app, doris)


async def test_u_lists_only_the_unread_and_again_all() -> None:
    app = app_with_saved()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("u")
        screen = library(app)
        assert sorted(e.article.title for e in screen.shown) == sorted([story(DORIS).title, story(MUNK).title])
        assert "only unread (u: all)" in screen_text(app)
        await pilot.press("m")  # read now: it leaves the list
        assert len(screen.shown) == 1
        await pilot.press("u")
        assert len(screen.shown) == len(app.library)


async def test_opening_an_article_marks_it_read() -> None:
    app = app_with_saved()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("u")
        title = library(app).shown[0].article.title
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, LibraryScreen) and len(library(app).shown) == 1)
        assert library(app).shown[0].article.title != title
        await pilot.press("u", "g")  # every article, from the top
        assert not bold(app, title) and "1 unread" in screen_text(app)


async def test_a_bundled_article_is_never_unread() -> None:
    app = make_app(Library.open([SEEDS]))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        await pilot.pause()
        assert "Only articles fetched from feeds are read or unread." in " ".join(
            str(n.message) for n in app._notifications
        )
        assert "unread" not in screen_text(app).splitlines()[-2]
        assert not default_path().exists()


async def test_a_damaged_read_file_is_said_and_kept_and_the_library_works() -> None:
    default_path().parent.mkdir(parents=True, exist_ok=True)
    default_path().write_bytes(b'{"format": "byline.read", "read": ')
    app = app_with_saved()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        notices = [n for n in app._notifications if n.title == "read.json is damaged"]
        assert notices and "not valid JSON" in notices[0].message and "the file is kept" in notices[0].message
        assert "read marks off: read.json is damaged" in screen_text(app)
        assert library(app).table.row_count == len(app.library)
        await pilot.press("m")  # says why, changes nothing
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ReaderScreen))
    assert default_path().read_bytes() == b'{"format": "byline.read", "read": '


async def test_a_damaged_feeds_file_is_said_and_kept_and_fetching_refuses() -> None:
    feeds_path().parent.mkdir(parents=True, exist_ok=True)
    feeds_path().write_bytes(b"not json at all")
    app = make_app(Library.open([SEEDS]))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await pilot.pause()
        assert isinstance(app.screen, FeedsScreen)
        assert "The subscriptions cannot be read" in screen_text(app)
        assert any(n.title == "feeds.json is damaged" for n in app._notifications)
        await pilot.press("r")
        await until(pilot, lambda: any(n.title == "Could not fetch" for n in app._notifications))
        assert not app.context.feeds.running
        await pilot.press("1")
        assert library(app).table.row_count == len(app.library)
    assert feeds_path().read_bytes() == b"not json at all"
