"""What the CLI writes passes the border for untrusted text once more: a second guard, for
text that entered before the loader cleaned it (an older cache) or that a message echoes (a
path, a query). JSON stays valid JSON: strings are cleaned before they are encoded."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from tui.core.clean import clean_text


class CleanWriter(io.TextIOBase):
    """A text stream that removes escape sequences and control characters (newline and tab
    kept) from everything written to it, then writes to ``stream``."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(clean_text(text))
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self.stream.encoding


_terminal: list[TextIO] = []


@contextmanager
def guarded() -> Iterator[None]:
    """Clean stdout and stderr while the block runs (a verb); :func:`terminal` is the raw
    stderr for what draws on the terminal itself (the progress bar)."""
    out, err = sys.stdout, sys.stderr
    _terminal.append(err)
    sys.stdout, sys.stderr = CleanWriter(out), CleanWriter(err)
    try:
        yield
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        sys.stdout, sys.stderr = out, err
        _terminal.pop()


def terminal() -> TextIO:
    """stderr as the terminal sees it, for drawing (not for text from outside)."""
    return _terminal[-1] if _terminal else sys.stderr
