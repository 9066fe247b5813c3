"""The fetch run end to end against servers on 127.0.0.1: new entries saved, nothing twice,
full text fetched for summaries, and bad feeds reported without stopping the good ones."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from tests.unit.feeds_support import (
    DORIS,
    HONG_KONG,
    MUNK,
    full_item,
    page,
    quick_options,
    rss,
    rss_item,
    silent_server,
    story,
)
from tui.core.feeds.fetch import FetchProgress, fetch_feeds
from tui.core.feeds.subscriptions import DAMAGED, FAILED, NOT_MODIFIED, OK, FeedStore
from tui.core.library.loader import load_file


def store_with(tmp_path: Path, *urls: str) -> FeedStore:
    store = FeedStore(tmp_path / "feeds.json")
    for url in urls:
        store.add(url)
    return store


def test_new_entries_are_saved_then_a_304_saves_nothing(httpserver: HTTPServer, tmp_path: Path) -> None:
    feed = rss([full_item(DORIS), full_item(MUNK)])
    httpserver.expect_request("/feed.xml", headers={"If-None-Match": '"v1"'}).respond_with_data("", status=304)
    httpserver.expect_request("/feed.xml").respond_with_data(
        feed, content_type="application/rss+xml", headers={"ETag": '"v1"'}
    )
    url = httpserver.url_for("/feed.xml")
    store = store_with(tmp_path, url)
    options = quick_options(tmp_path)

    (first,) = fetch_feeds(store, options=options)
    assert first.ok and first.new == 2 and first.status == OK and first.error is None
    assert {p.parent.name for p in first.paths} == {"localhost-feed-xml"}
    article, problems = load_file(first.paths[0])
    assert article is not None and problems == [] and article.title == story(DORIS).title
    assert article.source == "Test Times"

    (second,) = fetch_feeds(store, options=options)
    assert second.ok and second.new == 0 and second.status == NOT_MODIFIED and second.http_status == 304
    assert len(list((tmp_path / "articles").rglob("*.md"))) == 2
    state = store.get(url).state  # type: ignore[union-attr]
    assert state.etag == '"v1"' and state.articles == 2 and state.last_status == NOT_MODIFIED


def test_a_changed_feed_saves_only_the_new_entries(httpserver: HTTPServer, tmp_path: Path) -> None:
    url = httpserver.url_for("/feed.xml")
    store = store_with(tmp_path, url)
    httpserver.expect_oneshot_request("/feed.xml").respond_with_data(rss([full_item(DORIS)]))
    httpserver.expect_oneshot_request("/feed.xml").respond_with_data(rss([full_item(MUNK), full_item(DORIS)]))
    assert fetch_feeds(store, options=quick_options(tmp_path))[0].new == 1
    (again,) = fetch_feeds(store, options=quick_options(tmp_path))
    assert again.new == 1 and again.paths[0].name.endswith("walter-munk-dies-of-pneumonia-in-california.md")


def test_a_summary_only_entry_gets_the_page_text(httpserver: HTTPServer, tmp_path: Path) -> None:
    hk = story(HONG_KONG)
    httpserver.expect_request("/stories/hk.html").respond_with_data(
        page(hk.title, hk.paragraphs), content_type="text/html"
    )
    teaser = rss_item(
        hk.title, "/stories/hk.html", guid="hk", description=hk.paragraphs[0][:120] + "…", author="Wikinews"
    )
    httpserver.expect_request("/feed.xml").respond_with_data(rss([teaser]))
    store = store_with(tmp_path, httpserver.url_for("/feed.xml"))
    (result,) = fetch_feeds(store, options=quick_options(tmp_path))
    assert result.ok and result.new == 1
    article, _ = load_file(result.paths[0])
    assert article is not None
    assert article.url == httpserver.url_for("/stories/hk.html")  # the relative link, resolved
    assert hk.paragraphs[-1][:60] in article.body and "Another story number" not in article.body
    assert "tracking" not in article.body and article.authors == ("Wikinews",)


def test_a_page_that_fails_keeps_the_summary_and_says_so(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.no_handler_status_code = 404
    teaser = rss_item("Teaser", "/gone.html", guid="t", description="Only the start of it…")
    httpserver.expect_request("/feed.xml").respond_with_data(rss([teaser]))
    store = store_with(tmp_path, httpserver.url_for("/feed.xml"))
    (result,) = fetch_feeds(store, options=quick_options(tmp_path))
    assert result.ok and result.new == 1
    assert any("gone.html was not fetched (HTTP 404" in w and "saved the feed's summary" in w for w in result.warnings)
    assert "Only the start of it" in result.paths[0].read_text()


def test_one_bad_feed_never_stops_the_others(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/good.xml").respond_with_data(rss([full_item(DORIS)]))
    httpserver.expect_request("/500.xml").respond_with_data("boom", status=500)
    httpserver.no_handler_status_code = 404
    httpserver.expect_request("/page.html").respond_with_data(
        "<html><body><p>No feed here</p></body></html>", content_type="text/html"
    )
    with silent_server() as hung:
        urls = [httpserver.url_for(p) for p in ("/500.xml", "/missing.xml", "/page.html")] + [hung]
        store = store_with(tmp_path, *urls, httpserver.url_for("/good.xml"))
        results = fetch_feeds(store, options=quick_options(tmp_path))
    by_url = {r.feed: r for r in results}
    assert by_url[httpserver.url_for("/good.xml")].ok and by_url[httpserver.url_for("/good.xml")].new == 1
    assert by_url[httpserver.url_for("/500.xml")].error == "HTTP 500 INTERNAL SERVER ERROR"
    assert by_url[httpserver.url_for("/missing.xml")].http_status == 404
    assert by_url[httpserver.url_for("/page.html")].error == "not a feed (text/html) and the page names no feed"
    assert "no complete response within" in (by_url[hung].error or "")
    assert [r.feed for r in results] == [s.url for s in store.all()]
    failed = store.get(httpserver.url_for("/500.xml")).state  # type: ignore[union-attr]
    assert failed.last_status == FAILED and failed.last_error == "HTTP 500 INTERNAL SERVER ERROR"


def test_a_damaged_feed_saves_what_parsed_and_is_not_ok(httpserver: HTTPServer, tmp_path: Path) -> None:
    doc = rss([full_item(DORIS), full_item(MUNK)])
    cut = doc[: doc.index(b"<item>", doc.index(b"<item>") + 1) + 40]
    httpserver.expect_request("/feed.xml").respond_with_data(cut, headers={"ETag": '"cut"'})
    store = store_with(tmp_path, httpserver.url_for("/feed.xml"))
    (result,) = fetch_feeds(store, options=quick_options(tmp_path))
    assert not result.ok and result.status == DAMAGED and result.new >= 1
    assert result.error and result.error.startswith("the feed is damaged (") and "before the damage" in result.error
    assert store.all()[0].state.etag is None  # a damaged copy is fetched whole next time


def test_missing_titles_and_dates_are_filled_and_said(httpserver: HTTPServer, tmp_path: Path) -> None:
    doris, munk = story(DORIS), story(MUNK)
    items = [
        rss_item(
            None, "http://t.test/1", guid="1", date=None, content="".join(f"<p>{p}</p>" for p in doris.paragraphs)
        ),
        rss_item(
            "Dated by the feed", "http://t.test/2", guid="2", date=None, content=f"<p>{' '.join(munk.paragraphs)}</p>"
        ),
    ]
    feed = rss(items, extra="<lastBuildDate>Tue, 01 Jun 2021 00:00:00 +0000</lastBuildDate>")
    httpserver.expect_request("/feed.xml").respond_with_data(feed)
    store = store_with(tmp_path, httpserver.url_for("/feed.xml"))
    (result,) = fetch_feeds(store, options=quick_options(tmp_path))
    assert result.ok and result.new == 2
    assert "no title: took it from the text (1 entry)" in result.warnings
    assert "no date: used the feed's date (2 entries)" in result.warnings
    names = sorted(p.name for p in result.paths)
    assert names[1].startswith("2021-06-01-us-singer-actor-and-animal-rights-advocate-doris-day")


def test_an_entry_over_5_mib_is_skipped_with_a_message(httpserver: HTTPServer, tmp_path: Path) -> None:
    huge = rss_item("Huge", "http://t.test/huge", guid="huge", content="<p>" + "word " * 1_100_000 + "</p>")
    httpserver.expect_request("/feed.xml").respond_with_data(rss([huge, full_item(DORIS)]))
    store = store_with(tmp_path, httpserver.url_for("/feed.xml"))
    (result,) = fetch_feeds(store, options=quick_options(tmp_path))
    assert result.ok and result.new == 1 and "entry 'Huge' is over 5.0 MiB; skipped" in result.warnings


def test_progress_reports_articles_and_feeds(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/a.xml").respond_with_data(rss([full_item(DORIS), full_item(MUNK)]))
    httpserver.expect_request("/b.xml").respond_with_data("", status=404)
    store = store_with(tmp_path, httpserver.url_for("/a.xml"), httpserver.url_for("/b.xml"))
    seen: list[FetchProgress] = []
    fetch_feeds(store, options=quick_options(tmp_path), progress=seen.append)
    assert [p.saved is not None for p in seen].count(True) == 2
    finished = [p for p in seen if p.feed is not None]
    assert [p.feeds_done for p in finished] == [1, 2] and finished[-1].articles_saved == 2
    assert all(p.feeds_total == 2 for p in seen)


def test_named_urls_only_and_unknown_ones_fail(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/a.xml").respond_with_data(rss([full_item(DORIS)]))
    store = store_with(tmp_path, httpserver.url_for("/a.xml"), httpserver.url_for("/b.xml"))
    results = fetch_feeds(store, [httpserver.url_for("/a.xml"), "http://nope.test/"], options=quick_options(tmp_path))
    assert [(r.feed, r.ok, r.error) for r in results] == [
        (httpserver.url_for("/a.xml"), True, None),
        ("http://nope.test/", False, "not subscribed"),
    ]


def test_a_stop_request_leaves_the_rest_unfetched(httpserver: HTTPServer, tmp_path: Path) -> None:
    store = store_with(tmp_path, httpserver.url_for("/a.xml"))
    stop = threading.Event()
    stop.set()
    (result,) = fetch_feeds(store, options=quick_options(tmp_path), stop=stop)
    assert not result.ok and "stopped" in (result.error or "") and len(httpserver.log) == 0


def test_a_failure_of_byline_itself_is_one_feed_s_error(
    httpserver: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.core.feeds.fetch as fetch_module

    httpserver.expect_request("/good.xml").respond_with_data(rss([full_item(DORIS)]))
    httpserver.expect_request("/odd.xml").respond_with_data(rss([full_item(MUNK)], title="Odd"))
    real = fetch_module.parse_feed

    def parse(body: bytes, url: str, headers: dict[str, str]) -> object:
        if url.endswith("/odd.xml"):
            raise RuntimeError("a bug")
        return real(body, url, headers)

    monkeypatch.setattr(fetch_module, "parse_feed", parse)
    store = store_with(tmp_path, httpserver.url_for("/odd.xml"), httpserver.url_for("/good.xml"))
    odd, good = fetch_feeds(store, options=quick_options(tmp_path))
    assert good.ok and good.new == 1
    assert not odd.ok and odd.error == "unexpected error while fetching: RuntimeError: a bug"
