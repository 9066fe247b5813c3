"""Subscriptions and what each feed's last fetch left behind, in ``feeds.json`` in the data
folder (crash-safe and shared between processes: see :mod:`.jsonstore`).

Per feed: its URL as subscribed, title, tags (an OPML folder becomes one), the folder its
articles are saved in, and the state of the last fetch: ETag and Last-Modified for the next
conditional GET, the entry ids already saved, the last status and error, when, and how many
articles it has saved.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tui.core.feeds.articles import slugify
from tui.core.feeds.jsonstore import DamagedFile, JsonDocument
from tui.core.feeds.urls import check_url
from tui.core.paths import data_dir

KIND = "byline.feeds"
SEEN_KEPT = 2000
"""Ids kept per feed beyond those in its latest document (oldest forgotten first)."""

OK = "ok"
NOT_MODIFIED = "not modified"
DAMAGED = "damaged"
FAILED = "failed"


@dataclass(frozen=True, slots=True)
class FeedState:
    """What the last fetch of a feed left behind (``last_status`` is None before any):
    ``articles`` saved in all, ``last_new`` by the last fetch."""

    etag: str | None = None
    last_modified: str | None = None
    seen: tuple[str, ...] = ()
    last_status: str | None = None
    http_status: int | None = None
    last_error: str | None = None
    last_fetched: str | None = None
    articles: int = 0
    last_new: int = 0


@dataclass(frozen=True, slots=True)
class Subscription:
    """One subscribed feed; ``folder`` is its articles' folder name under the articles dir."""

    url: str
    title: str = ""
    tags: tuple[str, ...] = ()
    folder: str = ""
    added: str = ""
    state: FeedState = field(default_factory=FeedState)

    @property
    def name(self) -> str:
        """The title, else the URL."""
        return self.title or self.url


@dataclass(frozen=True, slots=True)
class FetchRecord:
    """What one fetch of a feed found, for :meth:`FeedStore.record`."""

    status: str
    http_status: int | None = None
    error: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    title: str = ""
    saved_ids: tuple[str, ...] = ()
    current_ids: tuple[str, ...] = ()
    saved: int = 0
    validators: bool = False  # etag and last_modified come from this fetch's response


def default_path() -> Path:
    """``feeds.json`` in the data folder."""
    return data_dir() / "feeds.json"


class FeedStore:
    """The subscriptions. Every method reads the file afresh; writes raise :class:`DamagedFile`
    (and change nothing) when the file is damaged."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = (path or default_path()).absolute()
        self._doc = JsonDocument(self.path, KIND)

    def all(self) -> list[Subscription]:
        """Every subscription, in the order they were added."""
        return [self._sub(url, record) for url, record in self._doc.load().get("feeds", {}).items()]

    def get(self, url: str) -> Subscription | None:
        """The subscription to ``url``, if any."""
        record = self._doc.load().get("feeds", {}).get(url)
        return self._sub(url, record) if record is not None else None

    def add(self, url: str, *, title: str = "", tags: Sequence[str] = ()) -> tuple[Subscription, bool]:
        """Subscribe to ``url`` (an http(s) URL: else :class:`~.http.FetchError`); returns
        the subscription and whether it is new. Tags of an existing one are merged."""
        return self.add_many([(url, title, tags)])[0]

    def add_many(self, items: Iterable[tuple[str, str, Sequence[str]]]) -> list[tuple[Subscription, bool]]:
        """:meth:`add` for many ``(url, title, tags)`` at once, in one write."""
        items = list(items)
        for url, _, _ in items:
            check_url(url)
        added: list[tuple[Subscription, bool]] = []
        with self._doc.editing() as data:
            feeds = data.setdefault("feeds", {})
            for url, title, tags in items:
                if url in feeds:
                    old = self._sub(url, feeds[url])
                    sub = replace(old, tags=tuple(dict.fromkeys([*old.tags, *tags])), title=old.title or title)
                else:
                    taken = {str(r.get("folder", "")) for r in feeds.values() if isinstance(r, dict)}
                    folder = _free_folder(title or _host_path(url), taken)
                    sub = Subscription(url, title, tuple(dict.fromkeys(tags)), folder, now_iso())
                added.append((sub, url not in feeds))
                feeds[url] = _to_record(sub)
        return added

    def remove(self, url: str) -> Subscription:
        """Unsubscribe; its saved articles stay. Raises ``KeyError`` when not subscribed."""
        with self._doc.editing() as data:
            feeds = data.get("feeds", {})
            if url not in feeds:
                raise KeyError(url)
            return self._sub(url, feeds.pop(url))

    def record(self, url: str, fetched: FetchRecord) -> Subscription | None:
        """Keep what a fetch found (None when the feed was removed meanwhile)."""
        return self.record_many([(url, fetched)])[0]

    def record_many(self, items: Sequence[tuple[str, FetchRecord]]) -> list[Subscription | None]:
        """:meth:`record` for several feeds, in one write."""
        done: list[Subscription | None] = []
        with self._doc.editing() as data:
            feeds = data.get("feeds", {})
            for url, fetched in items:
                if url not in feeds:
                    done.append(None)
                    continue
                old = self._sub(url, feeds[url])
                state = replace(
                    old.state,
                    seen=_seen(old.state.seen, fetched),
                    last_status=fetched.status,
                    http_status=fetched.http_status,
                    last_error=fetched.error,
                    last_fetched=now_iso(),
                    articles=old.state.articles + fetched.saved,
                    last_new=fetched.saved,
                )
                if fetched.validators:
                    state = replace(state, etag=fetched.etag, last_modified=fetched.last_modified)
                new = replace(old, title=old.title or fetched.title, state=state)
                feeds[url] = _to_record(new)
                done.append(new)
        return done

    def _sub(self, url: str, record: Any) -> Subscription:
        """A record as a :class:`Subscription`; a record of the wrong shape is damage."""
        try:
            state = dict(record.get("state", {}))
            state["seen"] = tuple(str(i) for i in state.get("seen", ()))
            return Subscription(
                url=url,
                title=str(record.get("title", "")),
                tags=tuple(str(t) for t in record.get("tags", ())),
                folder=str(record.get("folder", "")) or slugify(_host_path(url), 60),
                added=str(record.get("added", "")),
                state=FeedState(**state),
            )
        except (AttributeError, TypeError, ValueError) as exc:
            raise DamagedFile(self.path, f"the record of {url} is not understood ({exc})") from exc


def _seen(before: tuple[str, ...], fetched: FetchRecord) -> tuple[str, ...]:
    """The ids to remember: every id of the latest document that was saved now or before,
    and the most recent :data:`SEEN_KEPT` others."""
    if not fetched.current_ids and not fetched.saved_ids:
        return before
    current = set(fetched.current_ids)
    known = set(before) | set(fetched.saved_ids)
    older = [i for i in before if i not in current][-SEEN_KEPT:]
    extra = [i for i in fetched.saved_ids if i not in current]
    latest = [i for i in fetched.current_ids if i in known]
    return tuple(dict.fromkeys([*older, *extra, *latest]))


def now_iso() -> str:
    """The time now, UTC, to the second: ``2024-05-01T12:00:00Z``."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _host_path(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.hostname or ''} {parts.path}"


def _free_folder(name: str, taken: set[str]) -> str:
    base = slugify(name, 60)
    folder, number = base, 1
    while folder in taken:
        number += 1
        folder = f"{base}-{number}"
    return folder


def _to_record(sub: Subscription) -> dict[str, Any]:
    record = asdict(sub)
    del record["url"]
    return record
