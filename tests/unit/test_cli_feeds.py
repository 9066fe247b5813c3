"""``byline feeds``, ``byline fetch`` and ``byline add`` from the command line, against
servers on 127.0.0.1: messages, JSON shapes, exit codes, and the library seeing the result."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from tests.unit.feeds_support import DORIS, HONG_KONG, MUNK, full_item, page, rss, rss_item, silent_server, story
from tui.cli import main

FAST = ("--timeout", "2")


@pytest.fixture
def server(httpserver: HTTPServer) -> HTTPServer:
    httpserver.no_handler_status_code = 404
    return httpserver


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def serve_feed(server: HTTPServer, path: str = "/feed.xml", *stems: str) -> str:
    server.expect_request(path).respond_with_data(rss([full_item(s) for s in stems or (DORIS, MUNK)]))
    return server.url_for(path)


def test_feeds_add_a_feed_then_list_it(server: HTTPServer, capsys: pytest.CaptureFixture[str]) -> None:
    url = serve_feed(server)
    code, out, err = run(capsys, "feeds", "add", url, "--tag", "world", *FAST)
    assert code == 0 and out == f"subscribed: {url} Test Times\n" and err == ""
    code, out, _ = run(capsys, "feeds", "list", "--json")
    assert code == 0
    assert json.loads(out) == [
        {"url": url, "title": "Test Times", "tags": ["world"], "last_fetched": None, "last_status": None,
         "http_status": None, "articles": 0, "last_error": None}
    ]  # fmt: skip
    code, out, _ = run(capsys, "feeds", "add", url, *FAST)
    assert code == 0 and out.startswith("already subscribed")


def test_feeds_add_finds_the_feed_a_page_names(server: HTTPServer, capsys: pytest.CaptureFixture[str]) -> None:
    feed = serve_feed(server, "/news/rss")
    head = '<link rel="alternate" type="application/rss+xml" title="All news" href="/news/rss">'
    server.expect_request("/").respond_with_data(page("Home", ["Welcome."], head=head), content_type="text/html")
    code, out, _ = run(capsys, "feeds", "add", server.url_for("/"), "--json", *FAST)
    assert code == 0
    (row,) = json.loads(out)
    assert row == {
        "url": server.url_for("/"),
        "ok": True,
        "feed": feed,
        "title": "Test Times",
        "new": True,
        "error": None,
    }


@pytest.mark.parametrize(
    ("path", "reason"),
    [("/missing", "HTTP 404 NOT FOUND"), ("/page", "not a feed (text/html) and the page names no feed")],
)
def test_feeds_add_refuses_what_is_no_feed(
    server: HTTPServer, capsys: pytest.CaptureFixture[str], path: str, reason: str
) -> None:
    server.expect_request("/page").respond_with_data("<html><body><p>hi</p></body></html>", content_type="text/html")
    url = server.url_for(path)
    code, out, err = run(capsys, "feeds", "add", url, *FAST)
    assert code == 1 and out == ""
    assert err == f"byline: error: {url}: {reason}; not subscribed\n"
    assert run(capsys, "feeds", "list", "--json")[1] == "[]\n"


def test_feeds_add_of_a_hung_server_times_out(capsys: pytest.CaptureFixture[str]) -> None:
    with silent_server() as url:
        code, _, err = run(capsys, "feeds", "add", url, "--timeout", "0.5")
    assert code == 1 and url in err and "no complete response within 0.5 s" in err


def test_feeds_remove(server: HTTPServer, capsys: pytest.CaptureFixture[str]) -> None:
    url = serve_feed(server)
    run(capsys, "feeds", "add", url, *FAST)
    code, out, _ = run(capsys, "feeds", "remove", url)
    assert code == 0 and out == f"removed: {url} (its 0 saved articles stay)\n"
    code, _, err = run(capsys, "feeds", "remove", url)
    assert code == 1 and err == f"byline: error: {url}: not subscribed\n"


def test_import_subscribes_without_fetching_and_export_round_trips(
    server: HTTPServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    opml = tmp_path / "subs.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="1.0"><head/><body><outline text="News">'
        f'<outline text="One" xmlUrl="{server.url_for("/one.xml")}"/></outline>'
        '<outline text="Two" xmlUrl="http://two.test/rss"/><outline text="Bad" xmlUrl="file:///etc/passwd"/>'
        "</body></opml>"
    )
    code, out, err = run(capsys, "feeds", "import", str(opml))
    assert code == 1 and "file:///etc/passwd: not an http or https URL" in err
    assert out == f"imported 3 feeds from {opml}: 2 new, 0 already subscribed\n"
    assert len(server.log) == 0
    subs = json.loads(run(capsys, "feeds", "list", "--json")[1])
    assert [(s["url"], s["title"], s["tags"]) for s in subs] == [
        (server.url_for("/one.xml"), "One", ["News"]),
        ("http://two.test/rss", "Two", []),
    ]
    code, exported, _ = run(capsys, "feeds", "export")
    assert code == 0 and exported.startswith("<?xml")
    again = tmp_path / "again.opml"
    again.write_text(exported)
    assert run(capsys, "feeds", "import", str(again))[1].endswith("0 new, 2 already subscribed\n")


def test_import_of_a_bad_file_names_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.opml"
    bad.write_text("<opml><body><outline")
    code, _, err = run(capsys, "feeds", "import", str(bad))
    assert code == 1 and err.startswith(f"byline: error: {bad}: not well-formed XML (line 1")
    code, _, err = run(capsys, "feeds", "import", str(tmp_path / "none.opml"))
    assert code == 1 and "cannot be read" in err


def test_fetch_json_and_exit_codes(server: HTTPServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = serve_feed(server)
    run(capsys, "feeds", "add", good, *FAST)
    code, out, err = run(capsys, "fetch", "--json", *FAST)
    assert code == 0
    (row,) = json.loads(out)
    assert {k: row[k] for k in ("feed", "ok", "new", "error")} == {"feed": good, "ok": True, "new": 2, "error": None}
    assert "2 new articles in" in err
    opml = tmp_path / "one.opml"  # imported feeds are not checked: this one is gone
    opml.write_text(
        f'<opml version="2.0"><body><outline text="Gone" xmlUrl="{server.url_for("/gone.xml")}"/></body></opml>'
    )
    run(capsys, "feeds", "import", str(opml))
    code, out, _ = run(capsys, "fetch", "--json", *FAST)
    rows = {r["feed"]: r for r in json.loads(out)}
    assert code == 1
    assert rows[good]["ok"] and rows[good]["new"] == 0
    assert rows[server.url_for("/gone.xml")] | {"warnings": [], "paths": []} == {
        "feed": server.url_for("/gone.xml"), "ok": False, "new": 0, "error": "HTTP 404 NOT FOUND", "title": "Gone",
        "status": "failed", "http_status": 404, "warnings": [], "paths": [],
    }  # fmt: skip
    code, out, _ = run(capsys, "fetch", good, *FAST)
    assert code == 0 and out == "ok      Test Times: 0 new\n"


def test_fetch_with_nothing_subscribed(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "fetch", "--json")
    assert code == 0 and out == "[]\n" and "no subscriptions yet" in err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    for args in (["fetch", "--jobs", "0"], ["fetch", "--timeout", "-1"], ["add"], ["feeds"]):
        with pytest.raises(SystemExit) as caught:
            main(args)
        assert caught.value.code == 2
    capsys.readouterr()


def test_fetched_articles_are_in_the_library(server: HTTPServer, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "feeds", "add", serve_feed(server, "/feed.xml", DORIS), *FAST)
    assert run(capsys, "fetch", *FAST)[0] == 0
    listing = json.loads(run(capsys, "list", "--json")[1])
    fetched = [a for a in listing if a["id"] == "2021-09-06-actor-doris-day-dies-at-97"]
    assert len(fetched) == 1 and fetched[0]["source"] == "Test Times"
    assert len(listing) > 20  # the bundled articles are still there
    code, out, _ = run(capsys, "show", "2021-09-06-actor-doris-day-dies-at-97")
    assert code == 0 and out.startswith("Actor Doris Day dies at 97\n2021-09-06 · Test Times\n")
    quotes = json.loads(run(capsys, "quotes", "--json")[1])
    assert any("Doris Day was America" in q["text"] for q in quotes if "2021-09-06-actor-doris" in json.dumps(q))
    hits = json.loads(run(capsys, "search", "Goody Two-Shoes", "--json")[1])
    assert any("2021-09-06-actor-doris-day" in json.dumps(h) for h in hits)


def test_add_pages_from_urls_and_files(server: HTTPServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    hk = story(HONG_KONG)
    head = '<meta property="og:site_name" content="Test Times"><meta name="author" content="Jo Reporter">'
    head += '<meta property="article:published_time" content="2019-09-04T10:00:00Z">'
    html = page(hk.title, hk.paragraphs, head=head)
    server.expect_request("/hk.html").respond_with_data(html, content_type="text/html; charset=utf-8")
    saved = tmp_path / "saved.html"
    saved.write_text(page("A page on disk", story(MUNK).paragraphs), encoding="utf-8")
    into = tmp_path / "into"
    args = ("add", server.url_for("/hk.html"), str(saved), server.url_for("/404"), "--json", "--into", str(into))
    code, out, _ = run(capsys, *args, *FAST)
    assert code == 1
    first, second, third = json.loads(out)
    assert first["ok"] and first["source"] == server.url_for("/hk.html") and first["title"] == hk.title
    assert first["id"] == "2019-09-04-" + first["id"][11:] and Path(first["path"]).parent == into / "test-times"
    assert first["error"] is None and set(first) >= {"source", "ok", "id", "path", "title", "error"}
    text = Path(first["path"]).read_text()
    assert 'authors:\n  - "Jo Reporter"' in text and hk.paragraphs[1][:50] in text
    assert second["ok"] and second["title"] == "A page on disk" and Path(second["path"]).is_file()
    assert "the page states no date: used the fetch time" in second["warnings"]
    assert third == third | {"ok": False, "id": None, "path": None, "error": "HTTP 404 NOT FOUND"}


def test_add_refuses_what_is_not_a_file_or_http(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "add", str(tmp_path), "ftp://x.test/a", str(tmp_path / "none.html"), *FAST)
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == f"failed  {tmp_path}: cannot be used: a directory, not a regular file"
    assert lines[1].startswith("failed  ftp://x.test/a: not an http or https URL")
    assert lines[2].startswith(f"failed  {tmp_path / 'none.html'}: cannot be read")


def test_terminal_escapes_in_a_feed_never_reach_the_terminal(
    server: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    item = rss_item("Fine", "http://t.test/1", description="short")
    server.expect_request("/evil.xml").respond_with_data(rss([item], title="Evil\x1b]0;owned\x07 Feed\x1b[2J"))
    run(capsys, "feeds", "add", server.url_for("/evil.xml"), *FAST)
    for args in (["feeds", "list"], ["feeds", "list", "--json"], ["fetch"], ["feeds", "export"]):
        _, out, err = run(capsys, *args, *(FAST if args[0] == "fetch" else ()))
        assert "\x1b" not in out + err and "\x07" not in out + err


def test_adding_the_same_page_again_keeps_one_file(server: HTTPServer, capsys: pytest.CaptureFixture[str]) -> None:
    doris = story(DORIS)
    server.expect_request("/doris.html").respond_with_data(
        page(doris.title, doris.paragraphs), content_type="text/html"
    )
    first = json.loads(run(capsys, "add", server.url_for("/doris.html"), "--json", *FAST)[1])[0]
    again = json.loads(run(capsys, "add", server.url_for("/doris.html"), "--json", *FAST)[1])[0]
    assert first["ok"] and again["path"] == first["path"]
    assert len(list(Path(first["path"]).parent.iterdir())) == 1
