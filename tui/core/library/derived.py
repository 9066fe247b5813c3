"""Files derived from a library's records (a search index…), kept in its cache folder beside
the shards and checked like them: never trusted, never unpickled unsafely, mapped not read.

Layout: :data:`MAGIC`, then named sections of raw bytes (each starting at a multiple of 8,
so typed views of them are aligned), then the head (a plain-data pickle: the file's kind,
its code stamp, the caller's metadata and, per section, where it lies and a CRC-32 of each
:data:`BLOCK` bytes), then the footer (format, head offset, head length, head CRC-32, and
MAGIC again). Opening reads the footer and the head only: a foreign, truncated or padded
file, another format or stamp, or a head that fails its CRC is refused with
``ValueError`` (or ``pickle.UnpicklingError``: the head is read by the plain-data unpickler,
so a planted payload is an error, never run). Sections are mapped, not read, and each block
is checked on first use (:class:`DamagedFile` when it fails), so opening costs the same at
1k or 1M articles. A section holding data that checks itself (zlib streams) may skip the
block CRCs. Files are written to a temporary file and renamed into place.
"""

from __future__ import annotations

import mmap
import os
import pickle
import struct
import zlib
from array import array
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, cast

from tui.core.durable import TEMP_SUFFIX
from tui.core.library.records import plain_loads

MAGIC = b"BYLINE-DERIVED\n\0"
FORMAT = 1
"""Bump when this container's layout changes."""
BLOCK = 4096
"""Bytes per checked block: a lookup checks only the blocks it reads."""
_FOOTER = struct.Struct("<IQQI")  # format, head offset, head length, head CRC-32
_ALIGN = 8

IntCode = Literal["B", "i", "I", "Q"]
"""The item types of mapped arrays: bytes, signed and unsigned 32-bit, unsigned 64-bit ints."""
Chunks = Iterable["bytes | bytearray | memoryview | array[Any]"]
"""A section's bytes, in pieces (written as they come: a big section is never whole in memory)."""


class DamagedFile(ValueError):
    """A block of a derived file failed its check after the file was opened."""


@dataclass(frozen=True, slots=True)
class Section:
    """What to write in one section: its bytes in pieces; ``checked`` False for bytes that
    check themselves (zlib streams), which get no block CRCs."""

    chunks: Chunks
    checked: bool = True


def write_derived(path: Path, kind: str, stamp: str, meta: object, sections: Mapping[str, Section]) -> int:
    """Write a derived file atomically; returns its size. ``meta`` must be plain data
    (tuples, lists, dicts, strings, numbers, bytes)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f"{path.name}.{os.getpid()}{TEMP_SUFFIX}")
    table: list[tuple[str, int, int, bytes | None]] = []
    try:
        with os.fdopen(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as out:
            out.write(MAGIC)
            at = len(MAGIC)
            for name, section in sections.items():
                pad = -at % _ALIGN
                out.write(b"\0" * pad)
                at += pad
                crcs = array("I") if section.checked else None
                length = _write_section(out, section.chunks, crcs)
                table.append((name, at, length, crcs.tobytes() if crcs is not None else None))
                at += length
            head = pickle.dumps((kind, stamp, meta, table), protocol=5)
            out.write(head)
            out.write(_FOOTER.pack(FORMAT, at, len(head), zlib.crc32(head)) + MAGIC)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return at + len(head) + _FOOTER.size + len(MAGIC)


def _write_section(out: Any, chunks: Chunks, crcs: array[int] | None) -> int:
    """Write the pieces; with ``crcs``, append the CRC-32 of every BLOCK bytes to it."""
    length = 0
    crc, filled = 0, 0  # the running CRC of the block being filled, and its bytes so far
    for chunk in chunks:
        view = memoryview(chunk).cast("B")
        out.write(view)
        length += len(view)
        if crcs is None:
            continue
        at = 0
        while at < len(view):
            take = min(BLOCK - filled, len(view) - at)
            crc = zlib.crc32(view[at : at + take], crc)
            filled += take
            at += take
            if filled == BLOCK:
                crcs.append(crc)
                crc, filled = 0, 0
    if crcs is not None and filled:
        crcs.append(crc)
    return length


class MappedArray:
    """A read-only typed array over a section, each block checked the first time it is read."""

    def __init__(self, raw: memoryview, crcs: bytes | None, typecode: IntCode) -> None:
        self._raw = raw
        self._crcs = array("I", crcs) if crcs is not None else None
        self._seen = bytearray(len(self._crcs) if self._crcs is not None else 0)
        self._items = raw.cast(typecode) if len(raw) else memoryview(array(typecode))
        self._size = self._items.itemsize

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, i: int) -> int:
        if self._crcs is not None:
            self._check(i * self._size, (i + 1) * self._size)
        return self._items[i]

    def view(self, start: int = 0, stop: int | None = None) -> memoryview:
        """Items ``start:stop`` as a memoryview, their blocks checked."""
        stop = len(self._items) if stop is None else stop
        if self._crcs is not None and stop > start:
            self._check(start * self._size, stop * self._size)
        return self._items[start:stop]

    def bytes(self, start: int, stop: int) -> memoryview:
        """Raw bytes ``start:stop`` of a byte section, their blocks checked."""
        if self._crcs is not None and stop > start:
            self._check(start, stop)
        return self._raw[start:stop]

    def _check(self, lo: int, hi: int) -> None:
        seen = self._seen
        first, last = lo // BLOCK, (hi - 1) // BLOCK + 1
        block = seen.find(0, first, last)
        while block >= 0:
            crcs = cast("array[int]", self._crcs)
            if zlib.crc32(self._raw[block * BLOCK : (block + 1) * BLOCK]) != crcs[block]:
                raise DamagedFile(f"block {block} fails its checksum")
            seen[block] = 1
            block = seen.find(0, block + 1, last)


@dataclass(frozen=True, slots=True)
class DerivedFile:
    """An opened derived file: its metadata, and its sections to view as typed arrays."""

    path: Path
    meta: Any
    size: int
    _sections: dict[str, tuple[memoryview, bytes | None]]
    _mapped: mmap.mmap | None

    def release(self) -> None:
        """Let go of the pages read so far (they are read again from the file when needed):
        a pass over a whole big file need not keep it all in memory."""
        if self._mapped is not None and hasattr(mmap, "MADV_DONTNEED"):
            self._mapped.madvise(mmap.MADV_DONTNEED)

    def array(self, name: str, typecode: IntCode) -> MappedArray:
        """Section ``name`` as a checked read-only array of ``typecode`` items."""
        raw, crcs = self._sections[name]
        return MappedArray(raw, crcs, typecode)


def open_derived(path: Path, kind: str, stamp: str) -> DerivedFile:
    """Open a derived file of this ``kind`` written by code of this ``stamp``; raises
    ``FileNotFoundError`` when there is none, ``OSError`` when it cannot be read and
    ``ValueError`` or ``pickle.UnpicklingError`` when it is not one to trust."""
    with open(path, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        tail = _FOOTER.size + len(MAGIC)
        if size < len(MAGIC) + tail or handle.read(len(MAGIC)) != MAGIC:
            raise ValueError("not a Byline derived file")
        handle.seek(size - tail)
        footer = handle.read(tail)
        if footer[_FOOTER.size :] != MAGIC:
            raise ValueError("truncated, padded or damaged footer")
        version, head_at, head_length, crc = _FOOTER.unpack_from(footer)
        if version != FORMAT:
            raise ValueError(f"format {version}, expected {FORMAT}")
        if head_at + head_length + tail != size:
            raise ValueError("truncated or padded")
        handle.seek(head_at)
        head = handle.read(head_length)
        if zlib.crc32(head) != crc:
            raise ValueError("checksum mismatch")
        found_kind, found_stamp, meta, table = cast(tuple[Any, Any, Any, Any], plain_loads(head))
        if found_kind != kind:
            raise ValueError(f"a {found_kind!r} file, not {kind!r}")
        if found_stamp != stamp:
            raise ValueError("written by another version of Byline")
        mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    whole = memoryview(mapped)
    sections: dict[str, tuple[memoryview, bytes | None]] = {}
    for name, at, length, crcs in table:
        if not (len(MAGIC) <= at <= at + length <= head_at) or at % _ALIGN:
            raise ValueError(f"section {name!r} lies outside the file")
        if crcs is not None and len(crcs) != 4 * -(-length // BLOCK):
            raise ValueError(f"section {name!r} has {len(crcs) // 4} checksums for {length} bytes")
        sections[name] = (whole[at : at + length], crcs)
    return DerivedFile(path, meta, size, sections, mapped)
