"""The app's feeds: subscribing, unsubscribing and fetch runs, the network off the UI thread.

A fetch run goes on in a thread of its own and tells the app how it goes with
:class:`~tui.messages.FetchProgressed` (after each saved article and each finished feed)
and :class:`~tui.messages.FetchFinished`; one run at a time. The thread is a daemon: the
network and the feeds' deadlines never hold up quitting (what was saved is complete, and
an entry whose saving was cut short is fetched again next time).
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar, cast

from textual.app import App

from tui.core.feeds.jsonstore import DamagedFile
from tui.core.feeds.options import Options
from tui.core.feeds.subscriptions import FeedStore, Subscription
from tui.core.feeds.urls import FetchError
from tui.core.processes import prepare_workers
from tui.messages import FetchFinished, FetchProgressed

if TYPE_CHECKING:  # the HTTP client and the extractors load in the thread that first needs them
    from tui.core.feeds.fetch import FeedResult, FetchProgress
    from tui.core.feeds.subscribe import FeedCheck

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Subscribed:
    """What adding a URL came to: the subscription (None when it failed: ``error`` says
    why), whether it is new, and the check that found its feed."""

    check: FeedCheck
    subscription: Subscription | None = None
    new: bool = False
    error: str | None = None


class FeedService:
    """The subscriptions (:attr:`store`) and the fetch run going on, if any."""

    def __init__(self, app: App[Any], store: FeedStore | None = None, options: Options | None = None) -> None:
        self.app = app
        self.store = store or FeedStore()
        self.options = options or Options()
        self.running = False
        """Whether a fetch run is going on."""
        self.progress: FetchProgress | None = None
        """Where the run is (None before its first step, and when idle)."""
        self.version = 0
        """Grows whenever the subscriptions or their state may have changed."""
        self._stop = threading.Event()
        if self.options.processes != 0:
            prepare_workers()  # a big run extracts in worker processes: start their tracker before the UI

    def fetch(self, urls: Sequence[str] | None = None) -> bool:
        """Start fetching every subscription (or those in ``urls``) unless a run is going
        on; returns whether one started. Call from the UI thread."""
        if self.running:
            return False
        self.running, self.progress = True, None
        self._stop.clear()
        threading.Thread(target=self._run, args=(urls,), name="byline-fetch", daemon=True).start()
        return True

    def stop(self) -> None:
        """End the run early: the feeds being fetched finish, the others are not fetched."""
        self._stop.set()

    def _run(self, urls: Sequence[str] | None) -> None:
        problem = None
        results: list[FeedResult] = []
        try:
            from tui.core.feeds.fetch import FetchProgress, fetch_feeds

            total = len(self.store.all() if urls is None else urls)
            self.progress = FetchProgress(0, total, 0)
            results = fetch_feeds(self.store, urls, options=self.options, progress=self._report, stop=self._stop)
        except DamagedFile as exc:
            problem = str(exc)
        except Exception as exc:  # a failure of Byline's own: said, never a dead thread
            problem = f"the fetch failed: {type(exc).__name__}: {exc}"
        finally:
            self.running, self.progress = False, None
            self.version += 1
        self.app.post_message(FetchFinished(tuple(results), problem, stopped=self._stop.is_set()))

    def _report(self, progress: FetchProgress) -> None:
        self.progress = progress
        if progress.feed is not None:
            self.version += 1
        self.app.post_message(FetchProgressed(progress))

    # -- subscriptions -------------------------------------------------------------------

    async def check(self, url: str) -> FeedCheck:
        """Fetch ``url`` once (off the UI thread) to find the feed it is or names."""

        def check() -> FeedCheck:
            from tui.core.feeds.subscribe import check_feeds

            return check_feeds([url], self.options)[0]

        return await detached(check)

    def subscribe(self, check: FeedCheck) -> Subscribed:
        """Subscribe to the feed a check found (a write of ``feeds.json``)."""
        if check.feed is None:
            return Subscribed(check, error=check.error or "no feed found")
        try:
            subscription, new = self.store.add(check.feed, title=check.title)
        except (DamagedFile, FetchError) as exc:
            return Subscribed(check, error=str(exc))
        except OSError as exc:
            return Subscribed(check, error=f"{self.store.path}: cannot be written ({exc.strerror or exc})")
        self.version += 1
        return Subscribed(check, subscription, new)

    def unsubscribe(self, url: str) -> str | None:
        """Remove a subscription (its saved articles stay); returns why it failed, or None."""
        try:
            self.store.remove(url)
        except KeyError:
            return f"{url} is not subscribed"
        except DamagedFile as exc:
            return str(exc)
        except OSError as exc:
            return f"{self.store.path}: cannot be written ({exc.strerror or exc})"
        self.version += 1
        return None


def run_summary(results: Sequence[FeedResult], *, stopped: bool = False) -> str:
    """How a run went, in a line: the feeds fetched, the articles saved, what failed."""
    new = sum(r.new for r in results)
    text = f"Fetched {len(results)} feed{'s' * (len(results) != 1)}: {new} new article{'s' * (new != 1)}."
    failed = [r for r in results if not r.ok]
    if len(failed) == 1:
        text += f" {failed[0].title or failed[0].feed}: {failed[0].error}"
    elif failed:
        text += f" {len(failed)} failed: the Feeds screen (5) says why."
    return f"Fetch stopped. {text}" if stopped else text


def detached(function: Callable[[], T]) -> asyncio.Future[T]:
    """``function()`` in a daemon thread, awaited on the calling loop; a caller that stops
    waiting (a dialog closed) leaves it to finish unseen, and it never holds up quitting."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def settle(result: T | None, error: Exception | None) -> None:
        if future.done():  # the caller stopped waiting
            return
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(cast(T, result))

    def run() -> None:
        result, error = None, None
        try:
            result = function()
        except Exception as exc:
            error = exc
        with contextlib.suppress(RuntimeError):  # the app has closed meanwhile
            loop.call_soon_threadsafe(settle, result, error)

    threading.Thread(target=run, name="byline-feed-check", daemon=True).start()
    return future
