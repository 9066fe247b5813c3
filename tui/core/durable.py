"""Files that survive crashes and other processes, and reads that can neither block nor grow
without bound.

* :func:`atomic_write` replaces a file so that a crash leaves the old or the new one whole,
  and the new one is on disk when it returns; :func:`file_lock` serialises writers across
  processes. The annotation store, feed subscriptions and read state all write this way.
* :func:`read_regular` reads only regular files (a FIFO, socket or device, also behind a
  symbolic link, is refused before a byte is read, so nothing can block) and counts the
  bytes it actually reads against a cap (a link to ``/dev/zero`` reports size 0).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

TEMP_SUFFIX = ".byline-tmp"
_READ_STEP = 1 << 20


class UnreadableFile(OSError):
    """A file that :func:`read_regular` refuses: not a regular file, or over the cap.
    ``reason`` says which in plain words ("a FIFO (named pipe), not a regular file")."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(errno.EINVAL, reason, str(path))
        self.reason = reason


def kind_of(mode: int) -> str:
    """What a file of this ``st_mode`` is, in words ("a FIFO (named pipe)", "a directory")."""
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISDIR(mode):
        return "a directory"
    return "not a regular file"


def human_size(size: float) -> str:
    """``812 bytes``, ``4.2 KiB``, ``5.0 MiB``."""
    for unit in ("bytes", "KiB", "MiB"):
        if size < 1024:
            return f"{size:.0f} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} GiB"


def read_regular(path: Path | str, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``.

    Raises :class:`UnreadableFile` for anything that is not a regular file (checked on the
    opened file, so a symbolic link to a device is caught too) and for a file that turns
    out longer than the cap while being read (whatever its size claimed); ``OSError`` as
    ``open`` raises it otherwise (missing, permission denied, a symbolic link loop).
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a socket, or a FIFO with no writer on some systems
            raise UnreadableFile(path, "a socket or FIFO, not a regular file") from exc
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile(path, f"{kind_of(info.st_mode)}, not a regular file")
        if info.st_size > max_bytes:
            raise UnreadableFile(path, f"file is {human_size(info.st_size)}, over the {human_size(max_bytes)} limit")
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(_READ_STEP, max_bytes + 1 - total))
            if not chunk:
                return b"".join(chunks)
            total += len(chunk)
            if total > max_bytes:
                raise UnreadableFile(path, f"over the {human_size(max_bytes)} limit")
            chunks.append(chunk)
    finally:
        os.close(fd)


def fsync_dir(directory: Path) -> None:
    """Make a rename or a new entry in ``directory`` durable."""
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def make_dirs(directory: Path) -> None:
    """Create ``directory`` and missing parents, durably."""
    if directory.is_dir():
        return
    missing = [d for d in (directory, *directory.parents) if not d.exists()]
    for created in reversed(missing):
        created.mkdir(exist_ok=True)
        fsync_dir(created.parent)


def is_temp_name(path: Path, name: str) -> bool:
    """Whether ``name`` is one of the temp files :func:`atomic_write` makes for ``path``."""
    return name.startswith(f".{path.name}.") and name.endswith(TEMP_SUFFIX)


def atomic_write(path: Path, payload: bytes) -> None:
    """Replace ``path`` with ``payload`` so that a crash leaves the old or the new file whole,
    and the new one is on disk when this returns. Keeps the old file's permissions."""
    make_dirs(path.parent)
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as temp:
            temp.write(payload)
            temp.flush()
            os.fsync(temp.fileno())
        with contextlib.suppress(FileNotFoundError):
            os.chmod(temp_name, path.stat().st_mode & 0o7777)
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def remove_stray_temps(path: Path) -> None:
    """Delete temp files of ``path`` left by writers that were killed. Done under the lock,
    when no writer can be between creating and renaming its temp file."""
    directory = path.parent
    try:
        if not any(is_temp_name(path, name) for name in os.listdir(directory)):
            return
        with file_lock(path):
            for name in os.listdir(directory):
                if is_temp_name(path, name):
                    (directory / name).unlink(missing_ok=True)
    except OSError:
        return  # a missing or read-only directory: nothing to clean, or no right to


def lock_path(path: Path) -> Path:
    """The lock file that guards ``path`` (never deleted: deleting lock files races)."""
    return path.with_name(path.name + ".lock")


@contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive ``flock`` on ``<path>.lock`` (between processes and between threads,
    since every call opens its own file description)."""
    fd = os.open(lock_path(path), os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)
