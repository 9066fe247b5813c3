"""The polite HTTP client against real servers on 127.0.0.1: who it says it is, what it
refuses, and what hostile servers cost it."""

from __future__ import annotations

import gzip
import time
import zlib

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.unit.feeds_support import QUICK, send, silent_server
from tui import __version__
from tui.core.feeds.http import USER_AGENT, Client
from tui.core.feeds.options import Limits
from tui.core.feeds.urls import FetchError


async def get(url: str, limits: Limits = QUICK, **kwargs: str) -> object:
    async with Client(limits) as client:
        return await client.get(url, **kwargs)


async def fails(url: str, limits: Limits = QUICK) -> FetchError:
    with pytest.raises(FetchError) as caught:
        await get(url, limits)
    assert caught.value.url == url
    return caught.value


async def test_it_names_byline_and_its_version(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/feed").respond_with_data("hello")
    response = await get(httpserver.url_for("/feed"))
    request, _ = httpserver.log[0]
    assert request.headers["User-Agent"] == USER_AGENT
    assert USER_AGENT.startswith(f"Byline/{__version__} (+http")
    assert response.body == b"hello"  # type: ignore[attr-defined]


async def test_conditional_headers_are_sent_and_a_304_is_not_modified(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/feed", headers={"If-None-Match": '"v1"'}).respond_with_data("", status=304)
    response = await get(httpserver.url_for("/feed"), etag='"v1"', last_modified="Mon, 06 Sep 2021 16:45:00 GMT")
    assert response.not_modified  # type: ignore[attr-defined]
    request, _ = httpserver.log[0]
    assert request.headers["If-Modified-Since"] == "Mon, 06 Sep 2021 16:45:00 GMT"


@pytest.mark.parametrize(("status", "words"), [(404, "HTTP 404 NOT FOUND"), (500, "HTTP 500 INTERNAL SERVER ERROR")])
async def test_an_error_status_names_the_url_and_the_status(httpserver: HTTPServer, status: int, words: str) -> None:
    httpserver.expect_request("/feed").respond_with_data("no", status=status)
    error = await fails(httpserver.url_for("/feed"))
    assert error.status == status and error.reason.upper() == words


async def test_redirects_are_followed_up_to_five(httpserver: HTTPServer) -> None:
    for n in range(5):
        httpserver.expect_request(f"/r{n}").respond_with_data("", status=302, headers={"Location": f"/r{n + 1}"})
    httpserver.expect_request("/r5").respond_with_data("arrived")
    response = await get(httpserver.url_for("/r0"))
    assert response.body == b"arrived" and response.url.endswith("/r5")  # type: ignore[attr-defined]


async def test_a_sixth_redirect_is_refused(httpserver: HTTPServer) -> None:
    for n in range(6):
        httpserver.expect_request(f"/r{n}").respond_with_data("", status=301, headers={"Location": f"/r{n + 1}"})
    error = await fails(httpserver.url_for("/r0"))
    assert "more than 5 redirects" in error.reason


async def test_a_redirect_loop_is_caught_at_once(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/a").respond_with_data("", status=302, headers={"Location": "/b"})
    httpserver.expect_request("/b").respond_with_data("", status=302, headers={"Location": "/a"})
    error = await fails(httpserver.url_for("/a"))
    assert "redirect loop" in error.reason
    assert len(httpserver.log) == 2


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://127.0.0.1/x", "javascript:alert(1)"])
async def test_a_redirect_off_http_is_not_followed(httpserver: HTTPServer, target: str) -> None:
    httpserver.expect_request("/a").respond_with_data("", status=302, headers={"Location": target})
    error = await fails(httpserver.url_for("/a"))
    assert ("not http or https" in error.reason and target in error.reason) or "not a valid URL" in error.reason
    assert len(httpserver.log) == 1


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.test/feed", "feed.xml", "http:///nohost"])
async def test_urls_that_are_not_http_are_refused_before_any_request(url: str) -> None:
    error = await fails(url)
    assert "http" in error.reason or "host" in error.reason


async def test_a_server_that_never_answers_costs_the_deadline() -> None:
    with silent_server() as url:
        started = time.monotonic()
        error = await fails(url, Limits(connect_timeout=1.0, deadline=0.5))
        took = time.monotonic() - started
    assert "no complete response within 0.5 s" in error.reason
    assert took < 3


async def test_a_server_that_drips_is_cut_off_at_the_deadline(httpserver: HTTPServer) -> None:
    def drip(request: Request) -> Response:
        def chunks():  # type: ignore[no-untyped-def]
            for _ in range(100):
                time.sleep(0.05)
                yield b"x"

        return Response(chunks(), content_type="text/plain")

    httpserver.expect_request("/drip").respond_with_handler(drip)
    started = time.monotonic()
    error = await fails(httpserver.url_for("/drip"), Limits(deadline=0.6))
    assert "no complete response within 0.6 s" in error.reason
    assert time.monotonic() - started < 3


async def test_nobody_listening_is_a_clear_connection_error() -> None:
    import socket

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    error = await fails(f"http://127.0.0.1:{port}/feed")
    assert error.reason.startswith("cannot connect")


async def test_a_body_over_the_cap_is_refused(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/big").respond_with_data(b"x" * 5000)
    error = await fails(httpserver.url_for("/big"), Limits(max_bytes=4096))
    assert "over the 4.0 KiB limit" in error.reason


async def test_a_gzip_bomb_stops_at_the_cap_of_decompressed_bytes(httpserver: HTTPServer) -> None:
    bomb = gzip.compress(b"\0" * (50 * 1024 * 1024), 9)  # 50 MiB in about 50 KiB
    assert len(bomb) < 100_000
    httpserver.expect_request("/bomb").respond_with_data(bomb, headers={"Content-Encoding": "gzip"})
    error = await fails(httpserver.url_for("/bomb"), Limits(max_bytes=1024 * 1024))
    assert "inflates to over the 1.0 MiB limit" in error.reason


async def test_gzip_and_deflate_bodies_are_decompressed(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/gz").respond_with_data(gzip.compress(b"zipped"), headers={"Content-Encoding": "gzip"})
    httpserver.expect_request("/df").respond_with_data(
        zlib.compress(b"deflated"), headers={"Content-Encoding": "deflate"}
    )
    assert (await get(httpserver.url_for("/gz"))).body == b"zipped"  # type: ignore[attr-defined]
    assert (await get(httpserver.url_for("/df"))).body == b"deflated"  # type: ignore[attr-defined]


async def test_a_damaged_gzip_body_is_an_error(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/gz").respond_with_data(b"not gzip at all", headers={"Content-Encoding": "gzip"})
    error = await fails(httpserver.url_for("/gz"))
    assert "compressed response is damaged" in error.reason


async def test_at_most_two_connections_to_one_host() -> None:
    import asyncio

    from tests.unit.feeds_support import routed_server

    with routed_server() as server:
        for n in range(8):
            server.routes[f"/p{n}"] = lambda h: send(h, b"ok", delay=0.1)
        async with Client(QUICK) as client:
            await asyncio.gather(*(client.get(server.url(f"/p{n}")) for n in range(8)))
    assert server.peak == 2


async def test_a_chunked_body_is_counted_as_it_comes(httpserver: HTTPServer) -> None:
    def endless(request: Request) -> Response:
        return Response((b"x" * 1024 for _ in range(100)), content_type="text/plain")  # no Content-Length

    httpserver.expect_request("/chunked").respond_with_handler(endless)
    error = await fails(httpserver.url_for("/chunked"), Limits(max_bytes=10 * 1024))
    assert "over the 10.0 KiB limit; stopped reading" in error.reason
