"""The persistent library cache: what loading and extraction made of each file, so a library
opens without reading or analysing the files that did not change.

Where: ``<user cache dir>/libraries/<key>/shard-NN.bin``; ``key`` names the library (its
roots, in order), ``NN`` is one of :data:`SHARDS` shards a file falls in by its path, so a
changed file rewrites one shard, not the whole cache.

What: one :class:`~tui.core.library.records.Record` per file, keyed by path + size + mtime
and carrying a hash of the file's bytes: a file whose key changed is re-read and only
re-analysed when its hash changed too. A file modified within ``RACY_NS`` of being read
("racily clean", as git calls it) is re-hashed at the next open, so an edit that keeps size
and mtime is still caught.

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
import mmap
import os
import pickle
import shutil
import struct
import sys
import tempfile
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, cast

from tui.core import clean, extract, text
from tui.core.library import article, files, formats, front_matter, library, loader, records
from tui.core.library.records import Record, plain_loads
from tui.core.paths import cache_dir

FORMAT = 4
"""Bump when the layout of a record or a shard changes."""
ROWS_PER_PICKLE = 512
"""A shard's rows are pickled in pieces of this many (each a short hold of the interpreter lock)."""
SHARDS = 16
"""Files per library are spread over this many shard files."""
MAGIC = b"BYLINE-CACHE\n"
_HEADER = struct.Struct("<IQIQ")  # format, metadata length, its CRC-32, details length


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
    modules = (article, files, formats, front_matter, loader, library, records, clean, text, sys.modules[__name__])
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
        rows: dict[int, list[tuple[Any, ...]]] = {shard: [] for shard in wanted}
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


def read_shard(path: Path) -> tuple[str, tuple[str, ...], list[tuple[Any, ...]], memoryview | bytes]:
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
        stamp, roots, chunks = cast(tuple[str, tuple[str, ...], list[bytes]], plain_loads(meta))
        rows = [row for chunk in chunks for row in cast(list[tuple[Any, ...]], plain_loads(chunk))]
        start = len(head) + meta_length
        if not details_length:
            return stamp, roots, rows, b""
        if os.name == "posix":  # a mapping outlives a rename of the file over it
            mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
            return stamp, roots, rows, memoryview(mapped)[start:]
        return stamp, roots, rows, handle.read(details_length)


def _write_atomically(path: Path, *parts: bytes | memoryview) -> None:
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
