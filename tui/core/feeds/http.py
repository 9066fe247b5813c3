"""The polite HTTP client: who we are, how long we wait, how much we read, how often we knock.

Every request names Byline in its User-Agent, goes to http(s) URLs only, follows at most
:attr:`Limits.max_redirects` redirects (a loop is caught at once), waits at most
``connect_timeout`` for a connection and ``deadline`` for the whole response, and holds at
most ``per_host`` connections to one host while other hosts are fetched at the same time.

The body is read raw and decompressed here, a chunk at a time with ``max_length``, so both
the bytes on the wire and the bytes they inflate to are counted against ``max_bytes``: a
gzip bomb stops after ``max_bytes`` of output, whatever one chunk would inflate to.
"""

from __future__ import annotations

import asyncio
import ssl
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import TracebackType
from urllib.parse import urljoin, urlsplit

import httpx

from tui import __version__
from tui.core.durable import human_size
from tui.core.feeds.options import Limits
from tui.core.feeds.urls import SCHEMES, FetchError, check_url

PROJECT_URL = "https://github.com/byline-reader/byline"
USER_AGENT = f"Byline/{__version__} (+{PROJECT_URL})"
_REDIRECTS = (301, 302, 303, 307, 308)


@dataclass(frozen=True, slots=True)
class Response:
    """A whole response: ``url`` is where it came from after redirects; ``body`` is
    decompressed; a 304 has ``not_modified`` set and an empty body."""

    url: str
    status: int
    headers: Mapping[str, str]
    body: bytes = b""

    @property
    def not_modified(self) -> bool:
        """The server said the copy we have is current (304)."""
        return self.status == 304

    @property
    def content_type(self) -> str:
        """The media type without parameters, lower case ("" when absent)."""
        return self.headers.get("content-type", "").split(";", 1)[0].strip().lower()

    @property
    def charset(self) -> str | None:
        """The ``charset`` parameter of Content-Type, if any."""
        for part in self.headers.get("content-type", "").split(";")[1:]:
            name, _, value = part.partition("=")
            if name.strip().lower() == "charset" and value.strip():
                return value.strip().strip("\"'").lower()
        return None


class _Body:
    """Counts and inflates a raw body, refusing more than ``cap`` bytes either way."""

    def __init__(self, url: str, encoding: str, cap: int) -> None:
        self.url = url
        self.cap = cap
        self.raw = 0
        self.parts: list[bytes] = []
        self.size = 0
        encoding = encoding.strip().lower()
        if encoding in ("", "identity"):
            self.inflater = None
        elif encoding in ("gzip", "x-gzip", "deflate"):
            self.inflater = zlib.decompressobj(zlib.MAX_WBITS | 32)  # gzip or zlib header
        else:
            raise FetchError(url, f"the server sent an encoding Byline did not ask for ({encoding})")

    def feed(self, chunk: bytes) -> None:
        self.raw += len(chunk)
        if self.raw > self.cap:
            raise FetchError(self.url, f"the response is over the {human_size(self.cap)} limit; stopped reading")
        if self.inflater is None:
            self._keep(chunk)
            return
        data = chunk
        while data:
            try:
                out = self.inflater.decompress(data, self.cap - self.size + 1)
            except zlib.error as exc:
                raise FetchError(self.url, f"the compressed response is damaged ({exc})") from exc
            self._keep(out)
            data = self.inflater.unconsumed_tail

    def _keep(self, data: bytes) -> None:
        self.size += len(data)
        if self.size > self.cap:
            raise FetchError(
                self.url, f"the response inflates to over the {human_size(self.cap)} limit (a compression bomb?)"
            )
        if data:
            self.parts.append(data)

    def bytes(self) -> bytes:
        if self.inflater is not None:
            self._keep(self.inflater.flush(self.cap - self.size + 1))
        return b"".join(self.parts)


@dataclass
class Client:
    """An async HTTP client that keeps to :class:`Limits`; use as ``async with Client() as c``.

    Each host gets its own connection pool of ``per_host`` connections (httpcore scans a
    whole pool for every request, so one shared pool of many hosts costs time in proportion
    to hosts x requests), and a gate so that waiting for a free connection does not count
    against the deadline.
    """

    limits: Limits = field(default_factory=Limits)
    _pools: dict[str, tuple[asyncio.Semaphore, httpx.AsyncClient]] = field(default_factory=dict)
    _tls: ssl.SSLContext | None = None

    async def __aenter__(self) -> Client:
        self._tls = httpx.create_ssl_context()  # once: loading the CA bundle takes tens of ms
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._tls = None
        pools, self._pools = self._pools, {}
        for _, http in pools.values():
            await http.aclose()

    def _host(self, url: str) -> tuple[asyncio.Semaphore, httpx.AsyncClient]:
        """The gate and the pool of this URL's host (scheme, name and port)."""
        assert self._tls is not None, "use the client inside 'async with'"
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.hostname}:{parts.port}"
        found = self._pools.get(key)
        if found is None:
            http = httpx.AsyncClient(
                follow_redirects=False,
                verify=self._tls,
                timeout=httpx.Timeout(self.limits.deadline, connect=self.limits.connect_timeout),
                limits=httpx.Limits(
                    max_connections=self.limits.per_host, max_keepalive_connections=self.limits.per_host
                ),
                headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
            )
            found = self._pools[key] = (asyncio.Semaphore(self.limits.per_host), http)
        return found

    async def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None, accept: str = "*/*"
    ) -> Response:
        """GET ``url`` within the limits, following redirects; raises :class:`FetchError`.
        With ``etag`` or ``last_modified`` the request is conditional and may return a 304."""
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        seen = [check_url(url)]
        current = url
        while True:
            gate, http = self._host(current)
            async with gate:
                response, location = await self._one(http, current, headers)
            if location is None:
                assert response is not None
                return response
            target = urljoin(current, location)
            if urlsplit(target).scheme.lower() not in SCHEMES:
                raise FetchError(url, f"redirected to {target}, which is not http or https; not followed")
            if target in seen:
                raise FetchError(url, f"redirect loop ({current} sends back to {target})")
            if len(seen) > self.limits.max_redirects:
                raise FetchError(url, f"more than {self.limits.max_redirects} redirects (last to {target})")
            seen.append(target)
            current = target

    async def _one(
        self, http: httpx.AsyncClient, url: str, headers: dict[str, str]
    ) -> tuple[Response | None, str | None]:
        """One request: the response, or the redirect location to follow."""
        try:
            async with asyncio.timeout(self.limits.deadline):
                return await self._exchange(http, url, headers)
        except TimeoutError as exc:
            raise FetchError(url, f"no complete response within {self.limits.deadline:g} s") from exc
        except httpx.ConnectTimeout as exc:
            raise FetchError(url, f"no connection within {self.limits.connect_timeout:g} s") from exc
        except httpx.TimeoutException as exc:
            raise FetchError(url, f"the server stopped answering (no data for {self.limits.deadline:g} s)") from exc
        except httpx.ConnectError as exc:
            raise FetchError(url, f"cannot connect ({_cause(exc)})") from exc
        except httpx.TransportError as exc:
            raise FetchError(url, f"the connection failed ({_cause(exc)})") from exc
        except httpx.InvalidURL as exc:
            raise FetchError(url, f"not a valid URL, or redirected to one ({exc})") from exc

    async def _exchange(
        self, http: httpx.AsyncClient, url: str, headers: dict[str, str]
    ) -> tuple[Response | None, str | None]:
        async with http.stream("GET", url, headers=headers) as reply:
            status = reply.status_code
            if status in _REDIRECTS and "location" in reply.headers:
                return None, reply.headers["location"]
            found = {k.lower(): v for k, v in reply.headers.items()}
            if status == 304:
                return Response(url, status, found), None
            if not 200 <= status < 300:
                raise FetchError(url, f"HTTP {status} {reply.reason_phrase}".rstrip(), status)
            declared = found.get("content-length", "")
            if declared.isdigit() and int(declared) > self.limits.max_bytes:
                raise FetchError(
                    url,
                    f"the response is {human_size(int(declared))}, over the {human_size(self.limits.max_bytes)} limit",
                )
            body = _Body(url, found.get("content-encoding", ""), self.limits.max_bytes)
            async for chunk in reply.aiter_raw():
                body.feed(chunk)
            return Response(str(reply.url), status, found, body.bytes()), None


def _cause(exc: Exception) -> str:
    """The innermost reason of a transport error, in the OS's words where there is one."""
    inner: BaseException = exc
    while inner.__cause__ is not None or inner.__context__ is not None:
        inner = inner.__cause__ or inner.__context__  # type: ignore[assignment]
    return getattr(inner, "strerror", None) or str(inner) or type(inner).__name__
