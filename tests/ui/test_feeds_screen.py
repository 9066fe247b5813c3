"""The feeds screen (5) against servers on 127.0.0.1: adding a feed (found on a page, or
refused with the reason), fetching all or one with a progress line while the articles
reach the library, removing after a question, and Enter listing one feed's articles."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler

import pytest
from textual.widgets import Input, Static

from tests.conftest import SEEDS
from tests.ui.conftest import SIZE, screen_text, until
from tests.unit.feeds_support import (
    DORIS,
    HONG_KONG,
    MUNK,
    QUICK,
    RoutedServer,
    full_item,
    page,
    routed_server,
    rss,
    send,
    story,
)
from tui.app import BylineApp, make_app
from tui.core.feeds.articles import articles_dir
from tui.core.feeds.options import Limits, Options
from tui.core.feeds.subscriptions import FeedStore
from tui.core.library.indexer import Indexer
from tui.core.library.library import Library
from tui.screens.add_feed import AddFeedDialog
from tui.screens.dialogs import ConfirmDialog
from tui.screens.feeds import FeedsScreen
from tui.screens.library import LibraryScreen
from tui.widgets.big_table import BigTable
from tui.widgets.fetch_line import FetchLine

RSS = "application/rss+xml"


@pytest.fixture
def server() -> Iterator[RoutedServer]:
    with routed_server() as running:
        yield running


def serve(server: RoutedServer, path: str, body: bytes, content_type: str = RSS) -> str:
    """Answer ``path`` with ``body``; returns its URL."""
    server.routes[path] = lambda handler: send(handler, body, content_type)
    return server.url(path)


def feeds_app(limits: Limits = QUICK) -> BylineApp:
    """The app as ``byline`` starts it: the seeds and the (not yet made) articles folder,
    watched; fetching with short timeouts (``limits``) and no worker processes."""
    roots = [SEEDS, articles_dir()]
    indexer = Indexer(roots, jobs=1, optional=roots)
    indexer.update(indexer.plan())
    return make_app(indexer.library, indexer=indexer, fetch_options=Options(limits=limits, processes=0))


def feeds_table(app: BylineApp) -> BigTable:
    assert isinstance(app.screen, FeedsScreen)
    return app.screen.table


def fetched(app: BylineApp, feed: str) -> list[str]:
    """The titles of the library's articles from ``feed``."""
    return sorted(a.title for a in app.library.articles if a.feed == feed)


def outcome(app: BylineApp) -> str:
    """What the add-a-feed dialog says under its box."""
    return str(app.screen.query_one("#feed-outcome", Static).content)


def notices(app: BylineApp) -> str:
    """Every notification shown so far, one after another."""
    return " ".join(str(n.message) for n in app._notifications)


def requests_for(server: RoutedServer, path: str) -> int:
    return sum(1 for p, _ in server.requests if p == path)


async def add_feed(pilot, url: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("a")
    await until(pilot, lambda: isinstance(pilot.app.screen, AddFeedDialog))
    await pilot.press(*url, "enter")


async def test_adding_a_page_subscribes_to_the_feed_it_names_and_says_so(server: RoutedServer) -> None:
    feed = serve(server, "/news/rss", rss([full_item(DORIS), full_item(MUNK)]))
    head = '<link rel="alternate" type="application/rss+xml" title="All news" href="/news/rss">'
    home = serve(server, "/", page("Home", ["Welcome."], head=head).encode(), "text/html")
    app = feeds_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        assert "No feeds yet: press a to add one" in screen_text(app)
        await add_feed(pilot, home)
        await until(pilot, lambda: isinstance(app.screen, FeedsScreen))
        await pilot.pause()
        assert [s.url for s in FeedStore().all()] == [feed]
        assert f"Subscribed to Test Times: {feed} (named by the page {home}), 2 entries now" in notices(app)
        text = screen_text(app)
        assert "Test Times" in text and "never fetched" in text
        assert feeds_table(app).cursor_key == feed


async def test_a_url_that_is_no_feed_is_refused_in_the_dialog_with_the_reason(server: RoutedServer) -> None:
    nothing = serve(server, "/plain.html", b"<html><body><p>No feed here</p></body></html>", "text/html")
    app = feeds_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        missing = server.url("/missing.xml")
        await add_feed(pilot, missing)
        await until(pilot, lambda: "HTTP 404" in outcome(app))
        assert outcome(app) == f"{missing}: HTTP 404 Not Found; not subscribed"
        app.screen.query_one("#feed-url", Input).value = nothing
        await pilot.press("enter")
        await until(pilot, lambda: "names no feed" in outcome(app))
        assert outcome(app) == f"{nothing}: not a feed (text/html) and the page names no feed; not subscribed"
        app.screen.query_one("#feed-url", Input).value = "example.com/feed"  # refused before any connection
        await pilot.press("enter")
        await until(pilot, lambda: "no scheme" in outcome(app))
        assert outcome(app).startswith("example.com/feed: not an http or https URL")
        assert isinstance(app.screen, AddFeedDialog)
        await pilot.press("escape")
        assert isinstance(app.screen, FeedsScreen)
        assert FeedStore().all() == []


async def test_fetch_all_shows_progress_and_articles_reach_the_library_as_they_are_saved(
    server: RoutedServer,
) -> None:
    quick = serve(server, "/quick.xml", rss([full_item(DORIS)], title="Quick News"))
    held = threading.Event()

    def slow(handler: BaseHTTPRequestHandler) -> None:
        held.wait(30)
        send(handler, rss([full_item(MUNK), full_item(HONG_KONG)], title="Slow News"), RSS)

    server.routes["/slow.xml"] = slow
    FeedStore().add(quick)
    slow_url = FeedStore().add(server.url("/slow.xml"))[0].url
    app = feeds_app(Limits(connect_timeout=2.0, deadline=30.0))  # the held feed waits on the test, not a clock
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "r")
        assert app.context.feeds.running
        line = app.screen.query_one(FetchLine)
        await until(pilot, lambda: fetched(app, quick) == [story(DORIS).title])  # the other feed is still held
        assert app.context.feeds.running
        line.update_progress()
        await pilot.pause()
        assert "Fetching feeds: 1 / 2 done · 1 articles saved" in screen_text(app)
        await pilot.press("r")  # a second run does not start while one goes on
        await pilot.pause()
        assert "A fetch is already going on" in notices(app)
        held.set()
        await until(pilot, lambda: not app.context.feeds.running)
        await until(pilot, lambda: len(fetched(app, slow_url)) == 2)
        assert requests_for(server, "/slow.xml") == 1 and requests_for(server, "/quick.xml") == 1
        line.update_progress()
        await until(pilot, lambda: "Slow News" in screen_text(app))
        assert not line.display
        assert "Fetched 2 feeds: 3 new articles." in notices(app)
        await until(pilot, lambda: "3 unread" in screen_text(app))  # once the library has all three
        table = feeds_table(app)
        rows = {table.key_at(i): table._rows[i] for i in range(table.row_count)}
        assert [str(c) for c in rows[slow_url][1:3]] == ["2", "2"]  # new, unread
        assert [str(c) for c in rows[quick][1:3]] == ["1", "1"]


async def test_fetch_one_fetches_only_the_highlighted_feed_and_a_failure_shows_in_its_row(
    server: RoutedServer,
) -> None:
    good = serve(server, "/good.xml", rss([full_item(DORIS)], title="Good News"))
    FeedStore().add(good, title="Good News")
    FeedStore().add(server.url("/gone.xml"), title="Gone News")
    app = feeds_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        table = feeds_table(app)
        table.move_cursor(table._keys.index(server.url("/gone.xml")))  # type: ignore[union-attr]
        await pilot.press("R")
        await until(pilot, lambda: "failed: HTTP 404" in screen_text(app))
        assert requests_for(server, "/good.xml") == 0
        assert "Gone News: HTTP 404" in notices(app)
        table.move_cursor(table._keys.index(good))  # type: ignore[union-attr]
        await pilot.press("R")
        await until(pilot, lambda: len(fetched(app, good)) == 1)
        assert requests_for(server, "/good.xml") == 1 and requests_for(server, "/gone.xml") == 1


async def test_remove_asks_first_and_keeps_the_saved_articles(server: RoutedServer) -> None:
    url = serve(server, "/feed.xml", rss([full_item(DORIS)]))
    FeedStore().add(url, title="Test Times")
    app = feeds_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "R")
        await until(pilot, lambda: len(fetched(app, url)) == 1 and " ok " in screen_text(app))
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.pause()
        assert "Remove the feed Test Times?" in screen_text(app)
        assert "Its saved articles (1) stay in the library." in screen_text(app)
        await pilot.press("n")
        assert isinstance(app.screen, FeedsScreen) and [s.url for s in FeedStore().all()] == [url]
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await until(pilot, lambda: feeds_table(app).row_count == 0)
        assert FeedStore().all() == []
        await pilot.pause(2.5)  # a folder poll or two: the article file is still there
        assert fetched(app, url) == [story(DORIS).title]


async def test_enter_lists_the_feeds_articles_in_the_library_and_escape_lists_all(server: RoutedServer) -> None:
    one = serve(server, "/one.xml", rss([full_item(DORIS), full_item(MUNK)], title="One"))
    two = serve(server, "/two.xml", rss([full_item(HONG_KONG)], title="Two"))
    FeedStore().add(one, title="One")
    FeedStore().add(two, title="Two")
    app = feeds_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "r")
        await until(pilot, lambda: not app.context.feeds.running and len(fetched(app, one)) == 2)
        table = feeds_table(app)
        table.move_cursor(table._keys.index(one))  # type: ignore[union-attr]
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, LibraryScreen))
        library = app.screen
        assert isinstance(library, LibraryScreen)
        await until(pilot, lambda: library.table.row_count == 2)
        assert sorted(e.article.title for e in library.shown) == fetched(app, one)
        assert "feed: One (esc: all)" in screen_text(app)
        await pilot.press("escape")
        assert library.table.row_count == len(app.library)
        assert "feed: One" not in screen_text(app)


async def test_a_library_that_does_not_read_the_articles_folder_says_where_they_went(server: RoutedServer) -> None:
    FeedStore().add(serve(server, "/feed.xml", rss([full_item(DORIS)])))
    app = make_app(Library.open([SEEDS]), fetch_options=Options(limits=QUICK, processes=0))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "r")
        await until(pilot, lambda: "Fetched 1 feed" in notices(app))
        assert f"They are not shown here: they are saved in {articles_dir()}, which this library" in notices(app)
