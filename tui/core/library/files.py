"""Which files are articles, and reading them safely: folders walked (links followed, loops
caught), only regular files of bounded size read, every problem named once."""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tui.core.clean import clean_line
from tui.core.durable import UnreadableFile, kind_of, read_regular

MAX_BYTES = 5 * 1024 * 1024
"""A bigger file is skipped: no article is this long."""
ARTICLE_SUFFIXES = frozenset({".md", ".markdown", ".txt", ".text"})
NOT_ARTICLES = re.compile(r"^(readme|attribution|license|licence|changelog|copying)(\.|$)", re.I)


@dataclass(frozen=True, slots=True)
class LoadProblem:
    """Something wrong with one file: ``error`` means it was skipped, ``warning`` loaded anyway."""

    path: Path
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        return f"{clean_line(str(self.path))}: {self.message}"


class Skip(Exception):
    """Raised while loading when a file can't become an article; the message says why."""


def read_article_bytes(path: Path | str, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of an article file; :class:`Skip` (with the reason in plain words) for one
    that is not a regular file, is over ``max_bytes`` or cannot be read. Never blocks."""
    try:
        return read_regular(path, max_bytes)
    except UnreadableFile as exc:
        raise Skip(f"{exc.reason}; skipped") from exc
    except OSError as exc:
        raise Skip(os_reason(exc)) from exc


def os_reason(exc: OSError) -> str:
    """Why a file could not be read, in plain words."""
    if exc.errno == errno.ELOOP:
        return "symbolic link loop; skipped"
    if exc.errno == errno.ENOENT:
        return "no such file or directory"
    if exc.errno == errno.EACCES or isinstance(exc, PermissionError):
        return "permission denied; skipped"
    if exc.errno == errno.EISDIR:
        return "is a directory"
    return f"cannot read ({exc.strerror or exc}); skipped"


def discover(paths: Sequence[Path]) -> tuple[list[Path], list[LoadProblem]]:
    """Expand files and folders (recursively, following links safely) into article files."""
    found, problems = scan(paths)
    return [Path(name) for name, _ in found], problems


def scan(paths: Sequence[Path], limit: int | None = None) -> tuple[list[tuple[str, os.stat_result]], list[LoadProblem]]:
    """Like :func:`discover`, but cheap at 100k files: paths as strings, each with its stat
    (one ``stat`` per file; what a cache compares to know whether a file changed). Only
    regular files are found: a FIFO, socket or device (also behind a link) is named as a
    problem and left out. With a ``limit``, the walk stops once more than ``limit`` files are
    found."""
    found: list[tuple[str, os.stat_result]] = []
    problems: list[LoadProblem] = []
    for path in paths:
        if limit is not None and len(found) > limit:
            break
        if path.is_dir():
            _walk(str(path), set(), found, problems, limit)
            continue
        try:
            _take(str(path), path.stat(), found, problems)
        except OSError as exc:
            problems.append(LoadProblem(path, _missing_reason(path, exc)))
    return found, problems


def _take(
    path: str, info: os.stat_result, found: list[tuple[str, os.stat_result]], problems: list[LoadProblem]
) -> None:
    if stat.S_ISREG(info.st_mode):
        found.append((path, info))
    else:
        problems.append(LoadProblem(Path(path), f"{kind_of(info.st_mode)}, not a regular file; skipped"))


def _missing_reason(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ENOENT and path.is_symlink():
        return "broken symbolic link; skipped"
    return os_reason(exc)


def _walk(
    folder: str,
    seen: set[tuple[int, int]],
    found: list[tuple[str, os.stat_result]],
    problems: list[LoadProblem],
    limit: int | None = None,
) -> None:
    """Depth first, names sorted, files of a folder before its subfolders (as ``os.walk``)."""
    try:
        here = os.stat(folder)
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as exc:
        problems.append(LoadProblem(Path(exc.filename or folder), os_reason(exc)))
        return
    if (here.st_dev, here.st_ino) in seen:
        problems.append(LoadProblem(Path(folder), "symbolic link loop (folder already visited); skipped"))
        return
    seen.add((here.st_dev, here.st_ino))
    folders = []
    for entry in entries:
        if limit is not None and len(found) > limit:
            return
        name = entry.name
        if name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            folders.append(entry.path)
            continue
        if NOT_ARTICLES.match(name) or os.path.splitext(name)[1].lower() not in ARTICLE_SUFFIXES:
            continue
        try:
            _take(entry.path, entry.stat(), found, problems)
        except OSError as exc:
            problems.append(LoadProblem(Path(entry.path), _missing_reason(Path(entry.path), exc)))
    for sub in folders:
        if limit is not None and len(found) > limit:
            return
        _walk(sub, seen, found, problems, limit)
