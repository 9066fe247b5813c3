"""Fixture feeds, pages and servers for the feeds tests, all on 127.0.0.1.

Article text comes from the Wikinews articles bundled in ``seeds/wikinews`` (English
Wikinews, CC BY 2.5, by Wikinews contributors: see ``seeds/ATTRIBUTION.md``) or is our own.
"""

from __future__ import annotations

import html
import socket
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tests.conftest import SEEDS
from tui.core.feeds.options import Limits, Options

WIKINEWS = SEEDS / "wikinews"
ATTRIBUTION = "English Wikinews (CC BY 2.5), by Wikinews contributors; see seeds/ATTRIBUTION.md"
QUICK = Limits(connect_timeout=2.0, deadline=2.0)
"""Short enough that a hung server costs a test two seconds, long enough for a busy CI."""


def quick_options(tmp: Path, **changes: object) -> Options:
    """Options for tests: short timeouts, extraction in a thread, articles under ``tmp``."""
    values: dict[str, object] = {"limits": QUICK, "processes": 0, "into": tmp / "articles"}
    values.update(changes)
    return Options(**values)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Story:
    """A Wikinews seed article: its title, date, URL and paragraphs."""

    title: str
    date: str
    url: str
    paragraphs: tuple[str, ...]


def story(stem: str) -> Story:
    """The seed ``seeds/wikinews/<stem>.md``."""
    text = (WIKINEWS / f"{stem}.md").read_text(encoding="utf-8")
    _, head, body = text.split("---", 2)
    meta = dict(line.split(": ", 1) for line in head.strip().splitlines())
    paragraphs = tuple(p.strip() for p in body.split("\n\n") if p.strip())
    return Story(meta["title"], meta["date"], meta["url"], paragraphs)


DORIS = "2019-05-16-actor-doris-day-dies-at-97"
MUNK = "2019-02-11-pioneering-oceanographer-walter-munk-dies-of-pneumonia-in-california"
HONG_KONG = "2019-09-06-hong-kong-leader-announces-withdrawal-of-extradition-bill"


def paragraphs_html(paragraphs: Sequence[str]) -> str:
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)


def page(title: str, paragraphs: Sequence[str], head: str = "", charset: str | None = "utf-8") -> str:
    """A news page: navigation, the article, related links and a footer around it."""
    meta = f'<meta charset="{charset}">' if charset else ""
    nav = "".join(f'<li><a href="/section/{n}">Section {n}</a></li>' for n in range(12))
    related = "".join(f'<li><a href="/story/{n}">Another story number {n}</a></li>' for n in range(8))
    return (
        f"<!DOCTYPE html><html><head>{meta}<title>{html.escape(title)} | Test Times</title>{head}"
        "<script>var tracking = 1;</script><style>body { color: #111 }</style></head><body>"
        f'<header><ul class="nav">{nav}</ul></header><main><article><h1>{html.escape(title)}</h1>'
        f'<p class="byline">By Test Reporter</p>{paragraphs_html(paragraphs)}</article></main>'
        f"<aside><h2>Related</h2><ul>{related}</ul></aside><footer><p>© Test Times. All rights reserved.</p>"
        "</footer></body></html>"
    )


def rss_item(
    title: str | None = "A story",
    link: str | None = None,
    guid: str | None = None,
    date: str | None = "Mon, 06 Sep 2021 16:45:00 +0000",
    description: str = "",
    content: str = "",
    author: str | None = None,
) -> str:
    parts = ["<item>"]
    if title is not None:
        parts.append(f"<title>{html.escape(title)}</title>")
    if link is not None:
        parts.append(f"<link>{html.escape(link)}</link>")
    if guid is not None:
        parts.append(f'<guid isPermaLink="false">{html.escape(guid)}</guid>')
    if date is not None:
        parts.append(f"<pubDate>{date}</pubDate>")
    if author is not None:
        parts.append(f"<dc:creator>{html.escape(author)}</dc:creator>")
    if description:
        parts.append(f"<description>{html.escape(description)}</description>")
    if content:
        parts.append(f"<content:encoded><![CDATA[{content}]]></content:encoded>")
    parts.append("</item>")
    return "".join(parts)


def rss(items: Sequence[str], title: str = "Test Times", extra: str = "", encoding: str = "utf-8") -> bytes:
    """An RSS 2.0 document of ``items``."""
    return (
        f'<?xml version="1.0" encoding="{encoding}"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
        f"<title>{html.escape(title)}</title><link>http://example.test/</link>{extra}"
        + "".join(items)
        + "</channel></rss>"
    ).encode(encoding, "xmlcharrefreplace")


def full_item(stem: str, link: str | None = None, guid: str | None = None) -> str:
    """An RSS item with a seed story's whole text in ``content:encoded``."""
    s = story(stem)
    return rss_item(
        s.title, link or s.url, guid or s.url, description=s.paragraphs[0], content=paragraphs_html(s.paragraphs)
    )


# --- servers that misbehave ------------------------------------------------------------------


@contextmanager
def silent_server() -> Iterator[str]:
    """A server that accepts connections and never says a word; yields its URL."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            held.append(conn)

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/feed.xml"
    finally:
        stop.set()
        thread.join(2)
        for conn in held:
            conn.close()
        listener.close()


class _Handler(BaseHTTPRequestHandler):
    """Serves ``server.routes[path]`` (a callable taking the handler), counting connections
    open at once per server."""

    server: RoutedServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        server = self.server
        with server.lock:
            server.active += 1
            server.peak = max(server.peak, server.active)
            server.requests.append((self.path, dict(self.headers)))
        try:
            route = server.routes.get(self.path.split("?", 1)[0])
            if route is None:
                self.send_error(404)
            else:
                route(self)
        finally:
            with server.lock:
                server.active -= 1

    def log_message(self, format: str, *args: object) -> None:
        pass


class RoutedServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.routes: dict[str, object] = {}
        self.lock = threading.Lock()
        self.active = 0
        self.peak = 0
        self.requests: list[tuple[str, dict[str, str]]] = []

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{path}"


@contextmanager
def routed_server() -> Iterator[RoutedServer]:
    """A threaded server whose routes the test sets: ``server.routes["/x"] = handler_fn``."""
    server = RoutedServer()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def send(handler: BaseHTTPRequestHandler, body: bytes, content_type: str = "text/html", delay: float = 0.0) -> None:
    """Answer with ``body`` after ``delay`` seconds."""
    if delay:
        time.sleep(delay)
    handler.send_response(200)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)
