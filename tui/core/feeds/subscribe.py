"""Checking a URL before subscribing (``byline feeds add``): it must be a feed, or a page
that names one with ``<link rel="alternate">`` (then that feed is what is subscribed)."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass

from tui.core.feeds.discover import feed_links
from tui.core.feeds.fetch import FEED_ACCEPT, not_a_feed
from tui.core.feeds.http import Client
from tui.core.feeds.options import Options
from tui.core.feeds.parse import parse_feed
from tui.core.feeds.urls import FetchError


@dataclass(frozen=True, slots=True)
class FeedCheck:
    """What a URL turned out to be: ``feed`` is the feed URL to subscribe (the URL itself,
    or the feed its page names), None when there is none (``error`` says why)."""

    url: str
    feed: str | None
    title: str = ""
    error: str | None = None
    discovered: bool = False
    entries: int = 0


def check_feeds(urls: Sequence[str], options: Options | None = None) -> list[FeedCheck]:
    """Check each URL (at the same time, within the limits); one result each, in order."""
    return asyncio.run(_check_all(urls, options or Options()))


async def _check_all(urls: Sequence[str], options: Options) -> list[FeedCheck]:
    async with Client(options.limits) as client:
        return list(await asyncio.gather(*(check_feed(client, url) for url in urls)))


async def check_feed(client: Client, url: str) -> FeedCheck:
    """Fetch ``url`` once; if it is a page, follow the first feed it names."""
    try:
        response = await client.get(url, accept=FEED_ACCEPT)
    except FetchError as exc:
        return FeedCheck(url, None, error=exc.reason)
    parsed = await asyncio.to_thread(parse_feed, response.body, response.url, dict(response.headers))
    if parsed.is_feed:
        return FeedCheck(url, url, parsed.title, entries=len(parsed.entries))
    named = feed_links(response.body, response.url)
    if not named:
        return FeedCheck(url, None, error=not_a_feed(response, parsed))
    feed_url = named[0].url
    try:
        found = await client.get(feed_url, accept=FEED_ACCEPT)
    except FetchError as exc:
        return FeedCheck(url, None, error=f"the page names the feed {feed_url}, which failed: {exc.reason}")
    feed = await asyncio.to_thread(parse_feed, found.body, found.url, dict(found.headers))
    if not feed.is_feed:
        return FeedCheck(url, None, error=f"the page names {feed_url}, which is {not_a_feed(found, feed)}")
    return FeedCheck(url, feed_url, feed.title or named[0].title, discovered=True, entries=len(feed.entries))
