"""One-line progress bars on stderr: while a big library is indexed, while feeds are fetched."""

from __future__ import annotations

import time
from typing import TextIO

from tui.cli.output import terminal
from tui.core.library.indexer import Progress

MIN_FILES = 500
"""Indexing fewer files than this shows no bar: it is over before one would help."""
WIDTH = 24
_EVERY = 0.1  # seconds between redraws


class Bar:
    """A bar drawn in place on stderr (a terminal only, at most every tenth of a second, and
    always when the work is done), erased by :meth:`close`."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or terminal()
        self.shown = False
        self._last = 0.0

    def draw(self, label: str, done: int, total: int, detail: str) -> None:
        """Show ``label ▕████····▏ detail`` for ``done`` of ``total``."""
        if not self.stream.isatty():
            return
        now = time.monotonic()
        if now - self._last < _EVERY and done < total:
            return
        self._last = now
        filled = WIDTH * done // max(1, total)
        bar = "█" * filled + "·" * (WIDTH - filled)
        self.stream.write(f"\r\x1b[K{label} ▕{bar}▏ {detail}")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        """Erase the bar (the output that follows starts on a clean line)."""
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False


class ProgressBar(Bar):
    """Draws ``indexing ▕████····▏ 1,234 / 100,000 files · 1,523/s · 1:05 left`` in place,
    on a terminal only, and clears it when done."""

    def __call__(self, progress: Progress) -> None:
        if progress.total >= MIN_FILES:
            self.draw("indexing", progress.done, progress.total, progress.describe())
