"""Read and unread: a fetched article is unread until it is opened.

Kept in ``read.json`` in the data folder (crash-safe, shared between processes: see
:mod:`.jsonstore`). An article is known by its file's path relative to the articles folder,
so the state survives re-indexing and a library that gives the file another id. Only
articles under the articles folder are ever unread: the bundled ones and the user's own
files are not news.

The TUI keeps one :class:`ReadState`, asks :meth:`~ReadState.is_unread` per row (a set
look-up), and calls :meth:`~ReadState.set_read` or :meth:`~ReadState.toggle` on ``m`` and on
opening an article; :meth:`~ReadState.refresh` picks up what another process wrote.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from tui.core.feeds.articles import articles_dir
from tui.core.feeds.jsonstore import JsonDocument
from tui.core.feeds.subscriptions import now_iso
from tui.core.paths import data_dir

KIND = "byline.read"


def default_path() -> Path:
    """``read.json`` in the data folder."""
    return data_dir() / "read.json"


class ReadState:
    """Which fetched articles were read. Reading a damaged file raises
    :class:`~.jsonstore.DamagedFile` (and the file is kept)."""

    def __init__(self, path: Path | None = None, root: Path | None = None) -> None:
        self.path = (path or default_path()).absolute()
        self.root = (root or articles_dir()).absolute()
        self._doc = JsonDocument(self.path, KIND)
        self._read: frozenset[str] = frozenset()
        self.refresh()

    def refresh(self) -> None:
        """Read the file again (another process may have changed it)."""
        self._read = frozenset(self._doc.load().get("read", {}))

    def key(self, path: Path | str) -> str | None:
        """How an article file is known here: its path under the articles folder, or None
        for a file elsewhere (never unread)."""
        try:
            return Path(path).absolute().relative_to(self.root).as_posix()
        except ValueError:
            return None

    def is_unread(self, path: Path | str) -> bool:
        """Whether this article was fetched and not yet read."""
        key = self.key(path)
        return key is not None and key not in self._read

    def unread(self, paths: Iterable[Path | str]) -> list[Path | str]:
        """The unread ones among ``paths``, in order."""
        return [p for p in paths if self.is_unread(p)]

    def set_read(self, paths: Iterable[Path | str], read: bool = True) -> None:
        """Mark articles read (or unread again), durably, in one write."""
        keys = [k for k in (self.key(p) for p in paths) if k is not None]
        if not keys:
            return
        with self._doc.editing() as data:
            table = data.setdefault("read", {})
            for key in keys:
                if read:
                    table.setdefault(key, now_iso())
                else:
                    table.pop(key, None)
            self._read = frozenset(table)

    def toggle(self, path: Path | str) -> bool:
        """Flip one article between read and unread; returns whether it is now read."""
        read = self.is_unread(path)
        self.set_read([path], read)
        return read
