"""What the cache keeps of one file, and articles restored from it.

A :class:`Record` holds a file's key (path, size, mtime), the hash of its bytes and what it
became: the table columns as plain fields, the body and extraction as one zlib blob
(decoded on first use and not kept, but for a small LRU shared by every record). A
:class:`CachedArticle` reads its fields from the record, so a 100k library holds only its
metadata in memory. Blobs are read by an unpickler that refuses every class or function.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import threading
import zlib
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any, cast

from tui.core.extract import Extraction, PersonMention, Quote, Reported
from tui.core.library.article import Article
from tui.core.library.files import LoadProblem
from tui.core.library.library import Entry, analyse
from tui.core.library.loader import load_file

RACY_NS = 2_000_000_000
"""A file modified less than this long (ns) before it was read is re-hashed next time."""
_DETAILS_KEPT = 512

Meta = tuple[Any, ...]
"""An article's fields in a record: (stem, title, date ordinal or 0, source, url, authors,
license, caption, format, body hash, feed)."""


@dataclass(slots=True)
class Record:
    """What the cache keeps about one file: its key, its hash and what it became.

    ``meta`` is None for a file that was skipped (its ``problems`` say why); otherwise
    (stem, title, date ordinal or 0, source, url, authors, license, caption, format, body
    hash, feed). ``detail`` is the compressed body and extraction (see :func:`detail`).
    """

    path: str
    size: int
    mtime_ns: int
    digest: bytes
    checked_ns: int
    meta: Meta | None
    problems: tuple[tuple[str, str], ...] = ()
    speech: int = 0
    people: int = 0
    detail: bytes | memoryview = b""

    def matches(self, stat: os.stat_result) -> bool:
        """True when the file still has the size and mtime it had when read."""
        return self.size == stat.st_size and self.mtime_ns == stat.st_mtime_ns

    @property
    def racy(self) -> bool:
        """True when the file was read so soon after a change that a later edit could keep
        its mtime: its hash must be checked again."""
        return self.mtime_ns + RACY_NS > self.checked_ns

    def load_problems(self) -> list[LoadProblem]:
        """The file's load problems."""
        path = Path(self.path)
        return [LoadProblem(path, message, severity) for message, severity in self.problems]


@dataclass(frozen=True, slots=True)
class Detail:
    """The heavy part of a record, decoded: the body and what extraction found in it."""

    body: str
    extraction: Extraction
    credits: tuple[PersonMention, ...]


def file_digest(data: bytes) -> bytes:
    """The hash that tells whether a file's bytes changed (not a security measure)."""
    return hashlib.sha1(data, usedforsecurity=False).digest()


def make_record(
    path: str, stat: os.stat_result, data: bytes, checked_ns: int, entry: Entry | None, problems: Sequence[LoadProblem]
) -> Record:
    """Encode what loading and analysing one file produced."""
    issues = tuple((p.message, p.severity) for p in problems)
    base = Record(path, stat.st_size, stat.st_mtime_ns, file_digest(data), checked_ns, None, issues)
    if entry is None:
        return base
    a = entry.article
    meta = (
        a.id,
        a.title,
        a.ordinal,
        a.source,
        a.url,
        tuple(a.authors),
        a.license,
        a.caption,
        a.format,
        a.content_hash,
        a.feed,
    )
    extraction = entry.extraction
    payload = (
        a.body,
        tuple((q.start, q.end, q.text, q.kind, q.speaker, q.spans) for q in extraction.quotes),
        tuple(_mention(p) for p in extraction.people),
        tuple(_mention(p) for p in entry.caption_people),
        tuple((r.text, r.start, r.end, r.speaker, r.cue) for r in extraction.reported),
    )
    blob = zlib.compress(pickle.dumps(payload, protocol=5), 1)
    return replace(base, meta=meta, speech=entry.speech_count, people=entry.people_count, detail=blob)


def _mention(p: PersonMention) -> tuple[Any, ...]:
    return (p.start, p.end, p.text, p.name, p.roles, p.credit)


class _PlainUnpickler(pickle.Unpickler):
    """Reads plain data only: any class or function in the stream is an error."""

    def find_class(self, module: str, name: str) -> object:
        raise pickle.UnpicklingError(f"not plain data ({module}.{name})")


def plain_loads(data: bytes) -> object:
    return _PlainUnpickler(io.BytesIO(data)).load()


class _DetailCache:
    """A small thread-safe LRU of decoded details, by record."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[int, tuple[Record, Detail]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, record: Record) -> Detail:
        key = id(record)  # valid while the record is held here
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
                return found[1]
        made = _decode(record)
        with self._lock:
            self._items[key] = (record, made)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return made


def _decode(record: Record) -> Detail:
    """Decompress a record's detail; one damaged on disk since it was loaded (zlib checks
    it) is made again from the file."""
    try:
        body, quotes, people, credits, reported = cast(tuple[Any, ...], plain_loads(zlib.decompress(record.detail)))
        return Detail(
            str(body),
            Extraction(
                [Quote(*q) for q in quotes], [PersonMention(*p) for p in people], [Reported(*r) for r in reported]
            ),
            tuple(PersonMention(*p) for p in credits),
        )
    except Exception:
        article, _ = load_file(Path(record.path))
        if article is None:
            return Detail("", Extraction(), ())
        entry = analyse(article)
        return Detail(article.body, entry.extraction, entry.caption_people)


_DETAILS = _DetailCache(_DETAILS_KEPT)


def detail(record: Record) -> Detail:
    """The record's body and extraction (decoded now, or recently)."""
    return _DETAILS.get(record)


def _meta(index: int, doc: str) -> Any:
    """A read-only field of :class:`CachedArticle`: item ``index`` of its record's meta."""
    return property(lambda self: self.meta[index], doc=doc)


class CachedArticle(Article):
    """An article restored from a record: its fields are read from the record's metadata
    (nothing to build for 100k articles), its body is decompressed whenever it is read
    (recent ones stay in a small LRU)."""

    __slots__ = ("_path", "id", "meta", "record")

    def __init__(self, record: Record, article_id: str | None = None) -> None:
        self.record = record
        self.meta: Meta = record.meta or ()
        self.id = article_id or str(self.meta[0])

    title = _meta(1, "The title.")
    source = _meta(3, "The publisher, or ''.")
    url = _meta(4, "The URL, or ''.")
    authors = _meta(5, "The authors.")
    license = _meta(6, "The licence, or ''.")
    caption = _meta(7, "The photo caption, or ''.")
    format = _meta(8, "markdown, scraped or text.")
    content_hash = _meta(9, "SHA-256 of the body.")
    feed = _meta(10, "The feed it was fetched from, or ''.")

    ordinal = _meta(2, "The date as a day number (0 without a date).")

    @property
    def date(self) -> date | None:  # type: ignore[override]
        """The date, or None."""
        ordinal = self.meta[2]
        return date.fromordinal(ordinal) if ordinal else None

    @property
    def path(self) -> Path:  # type: ignore[override]
        """The file the article was read from."""
        try:
            return self._path
        except AttributeError:
            self._path: Path = Path(self.record.path)
            return self._path

    @property
    def body(self) -> str:  # type: ignore[override]
        """The Markdown body."""
        return detail(self.record).body


class CachedEntry(Entry):
    """A library entry restored from a record; the counts come from the record, the
    extraction is decoded when asked for."""

    __slots__ = ()

    def __init__(self, article: CachedArticle) -> None:
        self.article = article

    @property
    def record(self) -> Record:
        """The record the entry was restored from."""
        return cast(CachedArticle, self.article).record

    @property
    def extraction(self) -> Extraction:  # type: ignore[override]
        return detail(self.record).extraction

    @property
    def caption_people(self) -> tuple[PersonMention, ...]:  # type: ignore[override]
        return detail(self.record).credits

    @property
    def speech_count(self) -> int:
        return self.record.speech

    @property
    def people_count(self) -> int:
        return self.record.people
