"""The who-index on disk: ``who.bin`` beside the library cache's shards.

Format: a header (magic, :data:`FORMAT`, metadata length and CRC-32, details length), the
metadata (a pickle of plain data: code stamp, roots, and named sections, each itself a
pickle of plain data), then the details: every article's blobs, one after another. As in the
cache's shards, everything is read by the plain-data unpickler, which refuses every class
or function, so a damaged or foreign file is rejected, never executed; the details are
mapped, not read, and each blob is checked when decoded (a damaged one is made again from
its article). Sections are unpickled when first asked for (a person's page does not read
the clusters). A file written by other code (its stamp, given by the index, hashes the code
that shapes it), for other roots, or failing any check is rebuilt, never trusted. It is
written to a temporary file and renamed into place (``durable.atomic_write``).
"""

from __future__ import annotations

import mmap
import os
import pickle
import struct
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

from tui.core.durable import atomic_write
from tui.core.library.records import plain_loads

FORMAT = 1
"""Bump when the layout of the file changes."""
MAGIC = b"BYLINE-WHO\n"
FILE_NAME = "who.bin"
_HEADER = struct.Struct("<IQIQ")  # format, metadata length, its CRC-32, details length


def write(
    folder: Path, stamp: str, roots: tuple[str, ...], sections: dict[str, bytes], details: Sequence[bytes | memoryview]
) -> None:
    """Write the sections (each a pickle of plain data) and the detail blobs, in order,
    atomically to ``folder``/who.bin."""
    meta = pickle.dumps((stamp, roots, sections), protocol=5)
    size = sum(len(d) for d in details)
    folder.mkdir(parents=True, exist_ok=True)
    header = MAGIC + _HEADER.pack(FORMAT, len(meta), zlib.crc32(meta), size)
    atomic_write(folder / FILE_NAME, b"".join([header, meta, *details]))


def read(folder: Path, stamp: str, roots: tuple[str, ...]) -> tuple[dict[str, bytes], memoryview | bytes]:
    """The sections of ``folder``/who.bin (still pickled: see :func:`section`) and its details
    (mapped); FileNotFoundError when there is none, ValueError (or an unpickling error) when
    it is not a whole, undamaged file of this code for these roots."""
    with open(folder / FILE_NAME, "rb") as handle:
        head = handle.read(len(MAGIC) + _HEADER.size)
        if not head.startswith(MAGIC) or len(head) < len(MAGIC) + _HEADER.size:
            raise ValueError("not a Byline who-index")
        version, length, crc, details_length = _HEADER.unpack_from(head, len(MAGIC))
        if version != FORMAT:
            raise ValueError(f"format {version}, expected {FORMAT}")
        if os.fstat(handle.fileno()).st_size != len(head) + length + details_length:
            raise ValueError("truncated or padded")
        meta = handle.read(length)
        if zlib.crc32(meta) != crc:
            raise ValueError("checksum mismatch")
        their_stamp, their_roots, sections = cast(tuple[str, tuple[str, ...], dict[str, bytes]], plain_loads(meta))
        if their_stamp != stamp:
            raise ValueError("written by another version of Byline")
        if tuple(their_roots) != roots:
            raise ValueError("written for another library")
        if not details_length:
            return sections, b""
        if os.name == "posix":  # a mapping outlives a rename of the file over it
            mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
            return sections, memoryview(mapped)[len(head) + length :]
        return sections, handle.read(details_length)


def section(sections: dict[str, bytes], name: str) -> Any:
    """One section's plain data; KeyError when missing."""
    return plain_loads(sections[name])
