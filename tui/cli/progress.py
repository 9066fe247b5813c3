"""A one-line progress bar on stderr while a big library is indexed."""

from __future__ import annotations

import time
from typing import TextIO

from tui.cli.output import terminal
from tui.core.library.indexer import Progress

MIN_FILES = 500
"""Indexing fewer files than this shows no bar: it is over before one would help."""
WIDTH = 24
_EVERY = 0.1  # seconds between redraws


class ProgressBar:
    """Draws ``indexing ▕████····▏ 1,234 / 100,000 files · 1,523/s · 1:05 left`` in place,
    on a terminal only, and clears it when done."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or terminal()
        self.shown = False
        self._last = 0.0

    def __call__(self, progress: Progress) -> None:
        if progress.total < MIN_FILES or not self.stream.isatty():
            return
        now = time.monotonic()
        if now - self._last < _EVERY and progress.done < progress.total:
            return
        self._last = now
        filled = WIDTH * progress.done // max(1, progress.total)
        bar = "█" * filled + "·" * (WIDTH - filled)
        self.stream.write(f"\r\x1b[Kindexing ▕{bar}▏ {progress.describe()}")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        """Erase the bar (the output that follows starts on a clean line)."""
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False
