"""The fetch run: every subscription (or some) fetched, new entries saved as articles, the
state recorded, progress reported as it goes.

One event loop fetches (at most ``per_host`` connections a host, ``jobs`` feeds at once);
feed parsing and page extraction run in :class:`~.workers.Workers`; files are written from
threads. A feed that fails is reported and recorded and never stops the others.

For the TUI::

    results = fetch_feeds(FeedStore(), progress=callback)        # in a worker thread

``callback(FetchProgress)`` is called on that thread after each saved article and each
finished feed; ``stop`` (a ``threading.Event``) ends the run early, between feeds.
"""

from __future__ import annotations

import asyncio
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from tui.core.durable import fsync_dir, human_size
from tui.core.feeds.articles import ArticleTooBig, Draft, articles_dir, save_article
from tui.core.feeds.discover import feed_links
from tui.core.feeds.entries import MAX_ENTRY_BYTES, FeedEntry, ParsedFeed
from tui.core.feeds.http import Client, Response
from tui.core.feeds.jsonstore import DamagedFile
from tui.core.feeds.options import Options
from tui.core.feeds.page import PageText, page_from_bytes, without_title_heading
from tui.core.feeds.parse import parse_feed
from tui.core.feeds.subscriptions import DAMAGED, FAILED, NOT_MODIFIED, OK, FeedStore, FetchRecord, Subscription
from tui.core.feeds.urls import FetchError
from tui.core.feeds.workers import Workers
from tui.core.library.formats import derive_title

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml, "
    "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5"
)
HTML_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
PAGES_IN_FLIGHT = 48


@dataclass(frozen=True, slots=True)
class FeedResult:
    """How one feed's fetch went. ``feed`` is the URL as subscribed; ``new`` the articles
    saved; ``error`` None when ``ok``; ``warnings`` what was worked around."""

    feed: str
    ok: bool
    new: int = 0
    error: str | None = None
    title: str = ""
    status: str = OK
    http_status: int | None = None
    warnings: tuple[str, ...] = ()
    paths: tuple[Path, ...] = ()

    def to_json(self) -> dict[str, object]:
        """The ``byline fetch --json`` object."""
        return {
            "feed": self.feed,
            "ok": self.ok,
            "new": self.new,
            "error": self.error,
            "title": self.title,
            "status": self.status,
            "http_status": self.http_status,
            "warnings": list(self.warnings),
            "paths": [str(p) for p in self.paths],
        }


@dataclass(frozen=True, slots=True)
class FetchProgress:
    """Where a run is: feeds finished of all, articles saved so far; ``feed`` is the result
    that just came in, ``saved`` the article file just written (one of the two is set)."""

    feeds_done: int
    feeds_total: int
    articles_saved: int
    feed: FeedResult | None = None
    saved: Path | None = None


ProgressCallback = Callable[[FetchProgress], None]


def fetch_feeds(
    store: FeedStore,
    urls: Sequence[str] | None = None,
    *,
    options: Options | None = None,
    progress: ProgressCallback | None = None,
    stop: threading.Event | None = None,
) -> list[FeedResult]:
    """Fetch the subscriptions (those in ``urls``, else all) and return one result each, in
    subscription order. A URL that is not subscribed gets a failed result."""
    subscriptions = store.all()
    chosen = subscriptions if urls is None else [s for s in subscriptions if s.url in urls]
    run = _Run(store, options or Options(), progress, stop, len(chosen))
    results = asyncio.run(run.all(chosen))
    known = {s.url for s in subscriptions}
    missing = [FeedResult(u, ok=False, error="not subscribed", status=FAILED) for u in urls or () if u not in known]
    return results + missing


class _Run:
    def __init__(
        self,
        store: FeedStore,
        options: Options,
        progress: ProgressCallback | None,
        stop: threading.Event | None,
        total: int,
    ) -> None:
        self.store = store
        self.options = options
        self.root = articles_dir(options.into)
        self.progress = progress
        self.stop = stop
        self.total = total
        self.done = 0
        self.saved = 0
        self.workers = Workers(options.processes)
        self.client = Client(options.limits)
        self.pages = asyncio.Semaphore(PAGES_IN_FLIGHT)
        self.pending: list[tuple[str, FetchRecord]] = []
        self.writer: asyncio.Task[None] | None = None
        self.unsaved: dict[str, str] = {}

    def _report(self, feed: FeedResult | None = None, saved: Path | None = None) -> None:
        if self.progress is not None:
            self.progress(FetchProgress(self.done, self.total, self.saved, feed, saved))

    async def all(self, subscriptions: Sequence[Subscription]) -> list[FeedResult]:
        gate = asyncio.Semaphore(max(1, self.options.jobs))
        self.workers.expect(len(subscriptions))  # at least one parse job a feed

        async def one(sub: Subscription) -> FeedResult:
            async with gate:
                if self.stop is not None and self.stop.is_set():
                    result = FeedResult(sub.url, ok=False, error="stopped before it was fetched", status=FAILED)
                else:
                    result = await self.guarded(sub)
            self.done += 1
            self._report(feed=result)
            return result

        try:
            async with self.client:
                results = list(await asyncio.gather(*(one(s) for s in subscriptions)))
        finally:
            self.workers.close()
            while self.writer is not None:
                await self.writer
        return [self._unsaved(r) for r in results]

    def _record(self, url: str, record: FetchRecord) -> None:
        """Queue a feed's state; one thread writes whatever is queued, in one write at a time
        (the file is rewritten whole, so one write per feed would cost the run a feed's worth
        each). Saving articles is idempotent, so a crash before the write loses nothing."""
        self.pending.append((url, record))
        if self.writer is None:
            self.writer = asyncio.create_task(self._write_state())

    async def _write_state(self) -> None:
        while self.pending:
            batch, self.pending = self.pending, []
            try:
                await asyncio.to_thread(self.store.record_many, batch)
            except (OSError, DamagedFile) as exc:
                for url, _ in batch:
                    self.unsaved[url] = f"the feed state could not be saved ({exc})"
        self.writer = None

    def _unsaved(self, result: FeedResult) -> FeedResult:
        problem = self.unsaved.get(result.feed)
        return replace(result, ok=False, error=result.error or problem) if problem else result

    async def guarded(self, sub: Subscription) -> FeedResult:
        """:meth:`feed`, with a failure of Byline's own (a bug, a full disk) reported as that
        feed's error rather than ending the run."""
        try:
            return await self.feed(sub)
        except Exception as exc:  # one feed never stops the others
            reason = f"unexpected error while fetching: {type(exc).__name__}: {exc}"
            return self._finish(sub, FetchRecord(FAILED, None, reason), reason)

    async def feed(self, sub: Subscription) -> FeedResult:
        """Fetch, parse and save one feed; record the outcome."""
        state = sub.state
        try:
            response = await self.client.get(
                sub.url, etag=state.etag, last_modified=state.last_modified, accept=FEED_ACCEPT
            )
        except FetchError as exc:
            return self._finish(sub, FetchRecord(FAILED, exc.status, exc.reason), exc.reason)
        if response.not_modified:
            return self._finish(sub, FetchRecord(NOT_MODIFIED, 304))
        parsed = await self.workers.run(parse_feed, response.body, response.url, dict(response.headers))
        if not parsed.is_feed:
            reason = not_a_feed(response, parsed)
            return self._finish(sub, FetchRecord(FAILED, response.status, reason), reason)
        seen = set(state.seen)
        fresh = [e for e in parsed.entries if e.id not in seen]
        notes = Notes(list(parsed.notes))
        if parsed.repeated_ids:
            notes.add(f"{parsed.repeated_ids} entries repeat an id of an earlier one; kept the first")
        fetched = datetime.now(UTC)
        outcomes = await asyncio.gather(*(self.entry(e, parsed, sub, fetched, notes) for e in fresh))
        saved = tuple(p for p in outcomes if isinstance(p, Path))
        if saved:  # the names are durable before the state says the entries were saved
            await asyncio.to_thread(fsync_dir, self.root / sub.folder)
        done_ids = tuple(e.id for e, p in zip(fresh, outcomes, strict=True) if p is not None)
        failed = len(fresh) - len(done_ids)
        error = None
        status = OK
        if parsed.damaged:
            status = DAMAGED
            error = f"the feed is damaged ({parsed.damaged}); saved the {len(saved)} new entries before the damage"
        elif failed:
            status = FAILED
            error = f"{failed} new entries could not be saved (they are tried again next time)"
        record = FetchRecord(
            status,
            response.status,
            error,
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
            title=parsed.title,
            saved_ids=done_ids,
            current_ids=tuple(e.id for e in parsed.entries),
            saved=len(saved),
            validators=status == OK,
        )
        return self._finish(sub, record, error, parsed.title, notes.summary(), saved)

    def _finish(
        self,
        sub: Subscription,
        record: FetchRecord,
        error: str | None = None,
        title: str = "",
        warnings: tuple[str, ...] = (),
        saved: tuple[Path, ...] = (),
    ) -> FeedResult:
        self._record(sub.url, record)
        return FeedResult(
            sub.url,
            error is None,
            len(saved),
            error,
            title or sub.title,
            record.status,
            record.http_status,
            warnings,
            saved,
        )

    async def entry(
        self, entry: FeedEntry, parsed: ParsedFeed, sub: Subscription, fetched: datetime, notes: Notes
    ) -> Path | bool | None:
        """Save one new entry: its path; True when it is settled without a file (skipped for
        good); None when it failed and is to be tried again."""
        name = entry.title or entry.link or entry.id
        if entry.too_big:
            notes.add(f"entry {name!r} is over {human_size(MAX_ENTRY_BYTES)}; skipped")
            return True
        body, page = entry.body, None
        if entry.summary_only and entry.link:
            try:
                page = await self.page(entry.link, metadata=not (entry.title and entry.authors))
            except FetchError as exc:
                notes.add(f"the full text of {entry.link} was not fetched ({exc.reason}); saved the feed's summary")
            except Exception as exc:  # a page the extractor chokes on costs only its full text
                notes.add(f"the text of {entry.link} could not be extracted ({exc}); saved the feed's summary")
            else:
                body = page.body if len(page.body) > len(body) else body
        if not body.strip():
            notes.add(f"entry {name!r} has no text; skipped")
            return True
        title = entry.title or (page.title if page else "")
        if not title:
            title = derive_title(body)
            notes.count("no title: took it from the text")
        when = entry.published or parsed.updated
        if entry.published is None:
            notes.count("no date: used the feed's date" if when else "no date: used the fetch time")
        draft = Draft(
            title=title,
            body=without_title_heading(body, title),
            date=(when or fetched).date(),
            source=parsed.title or sub.title or sub.url,
            url=entry.link,
            feed=sub.url,
            authors=entry.authors or (page.authors if page else ()),
            fetched=fetched,
        )
        return await self.save(sub.folder, draft, notes)

    async def page(self, url: str, *, metadata: bool) -> PageText:
        """Fetch a page and extract its main text (in a worker). At most
        :data:`PAGES_IN_FLIGHT` pages are held between the two, so memory stays bounded
        when fetching outruns extraction."""
        async with self.pages:
            response = await self.client.get(url, accept=HTML_ACCEPT)
            return await self.workers.run(page_from_bytes, response.body, response.charset, response.url, metadata)

    async def save(self, folder: str, draft: Draft, notes: Notes) -> Path | bool | None:
        try:
            path = await asyncio.to_thread(save_article, self.root / folder, draft, sync_folder=False)
        except ArticleTooBig as exc:
            notes.add(f"{draft.url or draft.title}: {exc}; skipped")
            return True
        except OSError as exc:
            notes.add(f"{draft.url or draft.title}: cannot be saved ({exc.strerror or exc})")
            return None
        self.saved += 1
        self._report(saved=path)
        return path


def not_a_feed(response: Response, parsed: ParsedFeed) -> str:
    """Why a document is no feed, and which feeds it names if it is a page that does."""
    named = feed_links(response.body, response.url) if "html" in response.content_type or not parsed.damaged else []
    kind = response.content_type or "no content type"
    if named:
        return f"not a feed ({kind}); the page names the feed {named[0].url}"
    broken = f": {parsed.damaged}" if parsed.damaged else ""
    return f"not a feed ({kind}{broken}) and the page names no feed"


class Notes:
    """Warnings of one feed: each message once; counted ones summed up (``… (3 entries)``)."""

    def __init__(self, messages: list[str] | None = None) -> None:
        self.messages = messages or []
        self.counts: Counter[str] = Counter()

    def add(self, message: str) -> None:
        if message not in self.messages:
            self.messages.append(message)

    def count(self, message: str) -> None:
        self.counts[message] += 1

    def summary(self) -> tuple[str, ...]:
        counted = (f"{message} ({n} {'entry' if n == 1 else 'entries'})" for message, n in self.counts.items())
        return (*self.messages, *counted)
