"""Which URLs Byline fetches (absolute http and https ones) and the error a fetch raises.
No HTTP client here: subscriptions check URLs without loading one."""

from __future__ import annotations

from urllib.parse import urlsplit

SCHEMES = ("http", "https")


class FetchError(Exception):
    """A fetch that failed; ``reason`` says why in plain words, ``status`` is the HTTP status
    when the server answered."""

    def __init__(self, url: str, reason: str, status: int | None = None) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.status = status


def check_url(url: str) -> str:
    """``url`` if it is an absolute http(s) URL with a host, else :class:`FetchError`."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in SCHEMES:
        shown = f"{parts.scheme}:" if parts.scheme else "no scheme"
        raise FetchError(url, f"not an http or https URL ({shown}); only http and https are fetched")
    if not parts.hostname:
        raise FetchError(url, "the URL names no host")
    return url
