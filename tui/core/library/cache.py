"""The persistent library cache: what loading and extraction made of each file, so a library
opens without reading or analysing the files that did not change.

Where: ``<user cache dir>/libraries/<key>/shard-NN.bin``; ``key`` names the library (its
roots, in order), ``NN`` is one of :data:`SHARDS` shards a file falls in by its path, so a
changed file rewrites one shard, not the whole cache.

What: one :class:`Record` per file, keyed by path + size + mtime and carrying a hash of the
file's bytes: a file whose key changed is re-read and only re-analysed when its hash changed
too. A file modified within :data:`RACY_NS` of being read ("racily clean", as git calls it)
is re-hashed at the next open, so an edit that keeps size and mtime is still caught. The
table columns (metadata and counts) are plain fields; the body and the extraction are one
zlib blob per file, decoded on first use and not kept (a small LRU shares recent ones), so a
100k library holds only its metadata in memory.

Format: a header (magic, :data:`FORMAT`, metadata length and CRC-32, details length),
the metadata (a pickle of plain tuples, strings, numbers and bytes: one row per file, with
where its detail lies), then the details, one zlib blob each. The metadata is read by an
unpickler that refuses every class or function, so a damaged, truncated or foreign file is
rejected, never executed; pickle of plain data is the fastest reader in the standard
library. The details are mapped, not read (a warm start reads only the metadata) and
checked by zlib when decoded; a damaged one is made again from its file. A shard written
by other code (its stamp hashes the loader's and extractor's sources), for other roots, or
failing any check is ignored and rebuilt. Shards are written to a temporary file and
renamed into place, so a killed process leaves the old shard or the new one, never half.
"""

from __future__ import annotations

import hashlib
import io
import mmap
import os
import pickle
import shutil
import struct
import sys
import tempfile
import threading
import zlib
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from pathlib import Path

from tui.core import clean, extract, text
from tui.core.extract import Extraction, PersonMention, Quote
from tui.core.library import article, files, formats, front_matter, library, loader
from tui.core.library.article import Article
from tui.core.library.files import LoadProblem
from tui.core.library.library import Entry, analyse
from tui.core.library.loader import load_file
from tui.core.paths import cache_dir

FORMAT = 3
"""Bump when the layout of a record or a shard changes."""
ROWS_PER_PICKLE = 512
"""A shard's rows are pickled in pieces of this many (each a short hold of the interpreter lock)."""
SHARDS = 16
"""Files per library are spread over this many shard files."""
RACY_NS = 2_000_000_000
"""A file modified less than this long (ns) before it was read is re-hashed next time."""
MAGIC = b"BYLINE-CACHE\n"
_HEADER = struct.Struct("<IQIQ")  # format, metadata length, its CRC-32, details length
_DETAILS_KEPT = 512


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
    meta: tuple | None
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
    )
    blob = zlib.compress(pickle.dumps(payload, protocol=5), 1)
    return replace(base, meta=meta, speech=entry.speech_count, people=entry.people_count, detail=blob)


def _mention(p: PersonMention) -> tuple:
    return (p.start, p.end, p.text, p.name, p.roles, p.credit)


class _PlainUnpickler(pickle.Unpickler):
    """Reads plain data only: any class or function in the stream is an error."""

    def find_class(self, module: str, name: str) -> object:
        raise pickle.UnpicklingError(f"not plain data ({module}.{name})")


def _plain_loads(data: bytes) -> object:
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
        body, quotes, people, credits = _plain_loads(zlib.decompress(record.detail))  # type: ignore[misc]
        return Detail(
            body,
            Extraction([Quote(*q) for q in quotes], [PersonMention(*p) for p in people]),
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


def _meta(index: int, doc: str) -> property:
    return property(lambda self: self.record.meta[index], doc=doc)


class CachedArticle(Article):
    """An article restored from a record: its fields are read from the record's metadata
    (nothing to build for 100k articles), its body is decompressed whenever it is read
    (recent ones stay in a small LRU)."""

    __slots__ = ("_path", "id", "record")

    def __init__(self, record: Record, article_id: str | None = None) -> None:
        self.record = record
        self.id = article_id or record.meta[0]  # type: ignore[index]

    title = _meta(1, "The title.")  # type: ignore[assignment]
    source = _meta(3, "The publisher, or ''.")  # type: ignore[assignment]
    url = _meta(4, "The URL, or ''.")  # type: ignore[assignment]
    authors = _meta(5, "The authors.")  # type: ignore[assignment]
    license = _meta(6, "The licence, or ''.")  # type: ignore[assignment]
    caption = _meta(7, "The photo caption, or ''.")  # type: ignore[assignment]
    format = _meta(8, "markdown, scraped or text.")  # type: ignore[assignment]
    content_hash = _meta(9, "SHA-256 of the body.")  # type: ignore[assignment]
    feed = _meta(10, "The feed it was fetched from, or ''.")  # type: ignore[assignment]

    ordinal = _meta(2, "The date as a day number (0 without a date).")  # type: ignore[assignment]

    @property  # type: ignore[override]
    def date(self) -> date | None:
        """The date, or None."""
        ordinal = self.record.meta[2]
        return date.fromordinal(ordinal) if ordinal else None

    @property  # type: ignore[override]
    def path(self) -> Path:
        """The file the article was read from."""
        try:
            return self._path
        except AttributeError:
            self._path = Path(self.record.path)
            return self._path

    @property  # type: ignore[override]
    def body(self) -> str:
        """The Markdown body."""
        return detail(self.record).body


class CachedEntry(Entry):
    """A library entry restored from a record; the counts come from the record, the
    extraction is decoded when asked for."""

    __slots__ = ()

    def __init__(self, article: CachedArticle) -> None:
        self.article = article

    @property  # type: ignore[override]
    def extraction(self) -> Extraction:
        return detail(self.article.record).extraction  # type: ignore[attr-defined]

    @property  # type: ignore[override]
    def caption_people(self) -> tuple[PersonMention, ...]:
        return detail(self.article.record).credits  # type: ignore[attr-defined]

    @property
    def speech_count(self) -> int:
        return self.article.record.speech  # type: ignore[attr-defined]

    @property
    def people_count(self) -> int:
        return self.article.record.people  # type: ignore[attr-defined]


@cache
def code_stamp() -> str:
    """A fingerprint of the code that makes records: a new loader or extractor means a new
    cache, never stale extractions."""
    digest = hashlib.sha1(usedforsecurity=False)
    for path in stamped_sources():
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return f"{FORMAT}:{digest.hexdigest()}"


def stamped_sources() -> list[Path]:
    """The source files whose code decides what a record holds: the modules that read and
    clean files, the library's analysis, this cache, and every module of the extractor. Named
    as modules, not file names, so a module that moves is still stamped (or fails to import)."""
    modules = (article, files, formats, front_matter, loader, library, clean, text, sys.modules[__name__])
    sources = [Path(m.__file__ or "") for m in modules]
    sources += sorted(Path(extract.__file__ or "").parent.glob("*.py"))
    return sources


def library_key(roots: Sequence[Path]) -> str:
    """The cache folder name of a library: a hash of its roots (absolute, in order)."""
    joined = "\0".join(str(Path(r).resolve()) for r in roots)
    return hashlib.sha1(joined.encode("utf-8", "surrogateescape"), usedforsecurity=False).hexdigest()[:20]


def shard_of(path: str) -> int:
    """The shard a file's record lives in."""
    return zlib.crc32(path.encode("utf-8", "surrogateescape")) % SHARDS


def cache_root(folder: Path | None = None) -> Path:
    """The folder of every library's cache."""
    return (folder or cache_dir()) / "libraries"


@dataclass(frozen=True, slots=True)
class CacheInfo:
    """What ``byline cache info`` reports."""

    path: Path
    libraries: int
    entries: int
    size: int


class LibraryCache:
    """The cache of one library (its roots): load every record, save the changed shards."""

    def __init__(self, roots: Sequence[Path], folder: Path | None = None) -> None:
        self.roots = tuple(str(Path(r).resolve()) for r in roots)
        self.folder = cache_root(folder) / library_key(roots)
        self.rejected: dict[int, str] = {}
        """Shards not trusted at the last :meth:`load`, and why (each one is rebuilt)."""

    def shard_path(self, shard: int) -> Path:
        return self.folder / f"shard-{shard:02d}.bin"

    def load(self) -> dict[str, Record]:
        """Every record of every valid shard, by path; bad shards are noted and skipped."""
        self.rejected = {}
        records: dict[str, Record] = {}
        for shard in range(SHARDS):
            path = self.shard_path(shard)
            try:
                stamp, roots, rows, details = read_shard(path)
                if stamp != code_stamp():
                    raise ValueError("written by another version of Byline")
                if tuple(roots) != self.roots:
                    raise ValueError("written for another library")
                for r in rows:  # (Record fields but the detail, its offset, its length)
                    records[r[0]] = Record(
                        r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], details[r[9] : r[9] + r[10]]
                    )
            except FileNotFoundError:
                continue
            except OSError as exc:
                self.rejected[shard] = f"unreadable ({exc.strerror})"
            except Exception as exc:
                self.rejected[shard] = str(exc) or type(exc).__name__
        return records

    def save(self, records: Iterable[Record], shards: Iterable[int] | None = None) -> None:
        """Write the given shards (default all) from ``records``, each atomically."""
        wanted = set(range(SHARDS) if shards is None else shards)
        rows: dict[int, list[tuple]] = {shard: [] for shard in wanted}
        blobs: dict[int, list[bytes | memoryview]] = {shard: [] for shard in wanted}
        offsets = dict.fromkeys(wanted, 0)
        for r in records:
            shard = shard_of(r.path)
            if shard in wanted:
                rows[shard].append(
                    (
                        r.path,
                        r.size,
                        r.mtime_ns,
                        r.digest,
                        r.checked_ns,
                        r.meta,
                        r.problems,
                        r.speech,
                        r.people,
                        offsets[shard],
                        len(r.detail),
                    )
                )
                blobs[shard].append(r.detail)
                offsets[shard] += len(r.detail)
        self.folder.mkdir(parents=True, exist_ok=True)
        for shard, shard_rows in rows.items():
            # rows are pickled a few hundred at a time: pickling a whole shard of a 100k
            # library held the interpreter lock for 50+ ms, and the UI waited
            chunks = [
                pickle.dumps(shard_rows[i : i + ROWS_PER_PICKLE], protocol=5)
                for i in range(0, len(shard_rows), ROWS_PER_PICKLE)
            ]
            meta = pickle.dumps((code_stamp(), self.roots, chunks), protocol=5)
            header = MAGIC + _HEADER.pack(FORMAT, len(meta), zlib.crc32(meta), offsets[shard])
            _write_atomically(self.shard_path(shard), header, meta, *blobs[shard])


def read_shard(path: Path) -> tuple[str, tuple[str, ...], list[tuple], memoryview | bytes]:
    """A shard's (code stamp, roots, rows, details); ValueError or UnpicklingError when it
    is not a whole shard of this format with undamaged metadata. The details (the blobs
    the rows point into) are mapped, not read: each is checked by zlib when decoded."""
    with open(path, "rb") as handle:
        head = handle.read(len(MAGIC) + _HEADER.size)
        if not head.startswith(MAGIC):
            raise ValueError("not a Byline cache file")
        if len(head) < len(MAGIC) + _HEADER.size:
            raise ValueError("truncated header")
        version, meta_length, crc, details_length = _HEADER.unpack_from(head, len(MAGIC))
        if version != FORMAT:
            raise ValueError(f"format {version}, expected {FORMAT}")
        size = os.fstat(handle.fileno()).st_size
        if size != len(head) + meta_length + details_length:
            raise ValueError(f"truncated or padded: {size} bytes, not {len(head) + meta_length + details_length}")
        meta = handle.read(meta_length)
        if zlib.crc32(meta) != crc:
            raise ValueError("checksum mismatch")
        stamp, roots, chunks = _plain_loads(meta)  # type: ignore[misc]
        rows = [row for chunk in chunks for row in _plain_loads(chunk)]  # type: ignore[attr-defined]
        start = len(head) + meta_length
        if not details_length:
            return stamp, roots, rows, b""
        if os.name == "posix":  # a mapping outlives a rename of the file over it
            mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
            return stamp, roots, rows, memoryview(mapped)[start:]
        return stamp, roots, rows, handle.read(details_length)


def _write_atomically(path: Path, *parts: bytes) -> None:
    """Write to a temporary file beside ``path``, then rename it over ``path``."""
    fd, temp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            for part in parts:
                out.write(part)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def info(folder: Path | None = None) -> CacheInfo:
    """Where the cache is, how many libraries and entries it holds and its size on disk."""
    root = cache_root(folder)
    files = sorted(root.glob("*/shard-*.bin")) if root.is_dir() else []
    entries = 0
    for path in files:
        try:
            entries += len(read_shard(path)[2])
        except Exception:
            continue
    size = sum(p.stat().st_size for p in root.rglob("*") if p.is_file()) if root.is_dir() else 0
    return CacheInfo(root, len({p.parent for p in files}), entries, size)


def clear(folder: Path | None = None) -> int:
    """Delete the whole library cache; returns the bytes freed."""
    root = cache_root(folder)
    if not root.is_dir():
        return 0
    size = sum(p.stat().st_size for p in root.rglob("*") if p.is_file())
    shutil.rmtree(root)
    return size
