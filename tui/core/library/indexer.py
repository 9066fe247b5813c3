"""Indexing a library: which files changed since the cache was written, loading and analysing
them on every core, and keeping a :class:`Library` in step as results come in.

The flow, for the CLI and the app alike::

    indexer = Indexer(paths, cache=LibraryCache(paths), jobs=4)
    indexer.restore()                 # the cached library, at once (not yet checked)
    plan = indexer.plan()             # stat every file: what is new, changed, gone
    indexer.begin(plan)               # drop the files that are gone
    for batch in indexer.run(plan):   # load + extract what must be, in chunks
        indexer.apply(batch)          # the library grows (the app does this on its UI thread)
    indexer.finish()                  # every file's problems, in order
    indexer.save()                    # the changed shards of the cache

``update(plan)`` does begin … save in one go in the calling thread; ``sync()`` is restore,
plan and update. ``run`` does no harm when stopped early (``cancelled()`` turning true):
what was applied stays in the library and :meth:`Indexer.save` keeps it for next time.
"""

from __future__ import annotations

import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import islice
from pathlib import Path
from typing import overload

from tui.core.bulk import long_lived
from tui.core.library.cache import LibraryCache, shard_of
from tui.core.library.files import MAX_BYTES, LoadProblem, Skip, os_reason, read_article_bytes, scan
from tui.core.library.formats import parse_bytes
from tui.core.library.library import Library, analyse
from tui.core.library.records import CachedArticle, CachedEntry, Record, file_digest, make_record
from tui.core.processes import default_jobs, worker_pool

CHUNK = 48
"""Files per task sent to a worker process."""
POOL_MIN = 200
"""Fewer files than this are indexed in this process: starting workers would cost more."""
IN_FLIGHT = 4
"""Chunks queued per worker: enough to keep each busy, few enough to stop quickly."""
PLAN_BEFORE_UI = 2_000
"""A library of at most this many files is checked before the UI shows (a few ms); a bigger
one shows from the cache at once and is checked by the app."""
INDEX_BEFORE_UI = 200
"""At most this many files to index (about a quarter of a second) are indexed before the UI
shows; more are indexed with the UI up, filling in."""
POLL_SECONDS = 2.0
"""How often the app checks the library folders for added, changed or deleted files."""
POLL_COST_FACTOR = 10
"""A scan may take at most 1/this of the time between scans (a big library is checked less
often: scanning 100k files takes about a second)."""


@dataclass(frozen=True, slots=True)
class Progress:
    """How far indexing is: files done of ``total`` after ``elapsed`` seconds."""

    done: int
    total: int
    elapsed: float

    @property
    def rate(self) -> float:
        """Files per second so far."""
        return self.done / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def eta(self) -> float | None:
        """Seconds left at the current rate (None before there is a rate)."""
        return (self.total - self.done) / self.rate if self.rate else None

    def describe(self) -> str:
        """``1,234 / 100,000 articles · 1,523/s · 1:05 left``"""
        parts = [f"{self.done:,} / {self.total:,} files"]
        if self.rate:
            parts.append(f"{self.rate:,.0f}/s")
        if self.eta is not None:
            minutes, seconds = divmod(round(self.eta), 60)
            parts.append(f"{minutes}:{seconds:02d} left")
        return " · ".join(parts)


@dataclass(slots=True)
class Plan:
    """What a scan of the library's folders found against what is known."""

    order: list[str]
    """Every article file, in discovery order."""
    todo: list[tuple[str, bytes | None]]
    """Files to read: (path, the digest it had, when its content may be unchanged)."""
    removed: list[str]
    """Known files that are gone."""
    problems: list[LoadProblem]
    """Problems of the scan itself (a missing root, a broken link)."""

    @property
    def changes(self) -> int:
        """How many files must be read or dropped."""
        return len(self.todo) + len(self.removed)


@dataclass(frozen=True, slots=True)
class Touched:
    """A file whose key changed but whose bytes did not: only its key is updated."""

    path: str
    size: int
    mtime_ns: int
    checked_ns: int


@dataclass(slots=True)
class Batch:
    """What a chunk of indexing produced, with the progress so far."""

    records: list[Record | Touched]
    progress: Progress


def index_file(path: str, known: bytes | None = None, *, max_bytes: int = MAX_BYTES) -> Record | Touched:
    """Read, load and analyse one file into a record; never raises, never blocks (only
    regular files are read). When the bytes still hash to ``known``, nothing is redone: the
    file is only :class:`Touched`."""
    checked = time.time_ns()
    try:
        stat = os.stat(path)
    except OSError as exc:  # a key that never matches: tried again at every scan
        return Record(path, -1, -1, b"", checked, None, ((os_reason(exc), "error"),))
    try:
        data = read_article_bytes(path, max_bytes)
    except Skip as exc:
        return make_record(path, stat, b"", checked, None, [LoadProblem(Path(path), str(exc))])
    if known is not None and file_digest(data) == known:
        return Touched(path, stat.st_size, stat.st_mtime_ns, checked)
    article, problems = parse_bytes(Path(path), data)
    return make_record(path, stat, data, checked, analyse(article) if article else None, problems)


def _index_chunk(items: Sequence[tuple[str, bytes | None]]) -> list[Record | Touched]:
    return [index_file(path, known) for path, known in items]


class Indexer:
    """Keeps a :class:`Library` in step with its folders, through the cache when there is one."""

    def __init__(
        self,
        roots: Sequence[Path],
        *,
        cache: LibraryCache | None = None,
        jobs: int | None = None,
        optional: Sequence[Path] = (),
    ) -> None:
        self.roots = tuple(roots)
        self.optional = frozenset(optional)
        """Roots that may not exist yet (the saved articles' folder before the first fetch):
        one that is missing is no problem, and its files are found once it appears."""
        self.cache = cache
        self.jobs = max(1, jobs or default_jobs())
        self.library = Library(self.roots)
        self._records: dict[str, Record] = {}
        self._ids: dict[str, str] = {}  # path -> article id
        self._order: list[str] = []
        self.scan_problems: list[LoadProblem] = []
        """Problems of the last scan taken (a missing root, a broken link)."""
        self._dirty: set[int] = set()
        self._saving = threading.Lock()

    # -- what is known ------------------------------------------------------------------

    def restore(self) -> int:
        """Fill the library from the cache, unchecked (``plan`` finds what changed); returns
        how many files the cache knew."""
        if self.cache is None:
            return 0
        with long_lived():  # a burst of objects that live for the session: never rescan them
            self._records = self.cache.load()
            self._dirty.update(self.cache.rejected)
            articles = [r for r in self._records.values() if r.meta is not None]
            if len({r.meta[0] for r in articles}) == len(articles):  # type: ignore[index]
                # Unique stems are the ids, in any order; only problems need discovery
                # order here (``plan`` gives the full order later).
                self._order = sorted((p for p, r in self._records.items() if r.problems), key=_walk_order)
                entries = [CachedEntry(CachedArticle(r)) for r in articles]
                self._ids.update((r.path, r.meta[0]) for r in articles)  # type: ignore[index]
                self.library.add(entries)
            else:  # -2, -3… go by discovery order
                self._order = sorted(self._records, key=_walk_order)
                for path in self._order:
                    if self._records[path].meta is not None:
                        self._add(self._records[path])
        self._refresh_problems()
        return len(self._records)

    @overload
    def plan(self) -> Plan: ...

    @overload
    def plan(self, limit: int) -> Plan | None: ...

    def plan(self, limit: int | None = None) -> Plan | None:
        """Stat every file under the roots and compare with what is known (None when there
        are more than ``limit`` files: a library too big to plan in a moment)."""
        # The roots are walked by their real paths, as the cache is keyed: a library opened
        # as a relative path, an absolute one or through a link finds the same records.
        given = {Path(os.path.realpath(root)): root for root in self.roots}
        found, problems = scan(tuple(given), limit)
        problems = [replace(p, path=given.get(p.path, p.path)) for p in problems]
        problems = [p for p in problems if not (p.path in self.optional and not os.path.lexists(p.path))]
        if limit is not None and len(found) > limit:
            return None
        todo: list[tuple[str, bytes | None]] = []
        for path, stat in found:
            record = self._records.get(path)
            if record is None:
                todo.append((path, None))
            elif not record.matches(stat) or record.racy:
                todo.append((path, record.digest))
        order = [path for path, _ in found]
        seen = set(order)
        return Plan(order, todo, [path for path in self._records if path not in seen], problems)

    # -- indexing -----------------------------------------------------------------------

    def run(self, plan: Plan, cancelled: Callable[[], bool] = lambda: False) -> Iterator[Batch]:
        """Index the plan's files in chunks (in worker processes when there are many and
        ``jobs`` > 1), yielding batches in discovery order; stops when ``cancelled()``."""
        start = time.perf_counter()
        total = len(plan.todo)
        chunks = [plan.todo[i : i + CHUNK] for i in range(0, total, CHUNK)]
        done = 0
        for records in self._results(chunks, cancelled):
            done += len(records)
            yield Batch(records, Progress(done, total, time.perf_counter() - start))

    def _results(
        self, chunks: list[list[tuple[str, bytes | None]]], cancelled: Callable[[], bool]
    ) -> Iterator[list[Record | Touched]]:
        if self.jobs == 1 or sum(len(c) for c in chunks) < POOL_MIN:
            for chunk in chunks:
                if cancelled():
                    return
                yield _index_chunk(chunk)
            return
        pool = worker_pool(self.jobs, __name__)
        try:
            queue = iter(chunks)
            pending = deque(pool.submit(_index_chunk, c) for c in islice(queue, IN_FLIGHT * self.jobs))
            while pending and not cancelled():
                yield pending.popleft().result()
                pending.extend(pool.submit(_index_chunk, c) for c in islice(queue, 1))
        finally:
            pool.shutdown(wait=False, cancel_futures=True)

    # -- keeping the library in step ----------------------------------------------------

    def begin(self, plan: Plan) -> list[str]:
        """Take a plan's scan: its order and problems, and drop the files that are gone;
        returns the ids of the articles removed. The library's problems are brought up to
        date by ``finish``."""
        self._order = plan.order
        self.scan_problems = plan.problems
        removed = [self._ids.pop(path) for path in plan.removed if path in self._ids]
        for path in plan.removed:
            del self._records[path]
            self._dirty.add(shard_of(path))
        self.library.remove(removed)
        return removed

    def apply(self, batch: Batch) -> tuple[list[str], list[str]]:
        """Put a batch into the library (on the thread that owns it); returns the ids of the
        articles added or replaced, and of those gone (a file that no longer loads)."""
        added: list[str] = []
        gone: list[str] = []
        for item in batch.records:
            self._dirty.add(shard_of(item.path))
            if isinstance(item, Touched):
                old = self._records[item.path]
                self._records[item.path] = replace(
                    old, size=item.size, mtime_ns=item.mtime_ns, checked_ns=item.checked_ns
                )
                continue
            previous = self._records.get(item.path)
            self._records[item.path] = item
            if previous is None:  # in order in a first run; ``finish`` puts changes in place
                self.library.problems.extend(item.load_problems())
            old_id = self._ids.pop(item.path, None)
            if old_id is not None:
                self.library.remove([old_id])
                gone.append(old_id)
            if item.meta is not None:
                added.append(self._add(item))
        return added, [i for i in gone if i not in added]

    def finish(self) -> None:
        """After a run: every file's problems, in discovery order. It reads every file's
        record, so an app calls it off the UI thread (after the last ``apply``)."""
        self._refresh_problems()

    def save(self) -> None:
        """Write the shards that changed since the last save (nothing without a cache)."""
        with self._saving:
            if self.cache is None or not self._dirty:
                return
            dirty, self._dirty = self._dirty, set()
            self.cache.save(list(self._records.values()), dirty)

    def sync(
        self, cancelled: Callable[[], bool] = lambda: False, progress: Callable[[Progress], None] | None = None
    ) -> Library:
        """Restore, plan, index and save in one go (the CLI's way); returns the library."""
        self.restore()
        return self.update(self.plan(), cancelled, progress)

    def update(
        self,
        plan: Plan,
        cancelled: Callable[[], bool] = lambda: False,
        progress: Callable[[Progress], None] | None = None,
    ) -> Library:
        """Carry out a plan in this thread: begin, index, apply, finish, save."""
        self.begin(plan)
        for batch in self.run(plan, cancelled):
            self.apply(batch)
            if progress is not None:
                progress(batch.progress)
        self.finish()
        self.save()
        return self.library

    def _add(self, record: Record) -> str:
        """Add a record's article under its stem, made unique (``-2``, ``-3``…)."""
        assert record.meta is not None, "only records of articles are added"
        stem = str(record.meta[0])
        article_id, n = stem, 1
        while self.library.entry(article_id) is not None:
            n += 1
            article_id = f"{stem}-{n}"
        self._ids[record.path] = article_id
        self.library.add([CachedEntry(CachedArticle(record, article_id))])
        return article_id

    def _refresh_problems(self) -> None:
        problems = list(self.scan_problems)
        for path in self._order:
            record = self._records.get(path)
            if record is not None and record.problems:
                problems.extend(record.load_problems())
        self.library.problems[:] = problems


def _walk_order(path: str) -> tuple[tuple[str, ...], str]:
    """Discovery order of a path: a folder's files before its subfolders, names sorted."""
    head, _, name = path.rpartition(os.sep)
    return tuple(head.split(os.sep)), name
