"""A reported content before overlaps are settled, and the checks that keep one: long enough,
no direct quotation."""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass

_TRIM = " \t\n\r\u00a0.,;:!?\u2014\u2013-"
_MIN_WORDS = 2
Speaker = Callable[[], "str | None"]  # resolves the speaker when the content is kept


@dataclass(slots=True)
class Found:
    """A content before overlaps are settled; its speaker is resolved only if it stays."""

    start: int
    end: int
    cue: str
    speaker: Speaker


def given(who: str | None) -> Speaker:
    """A speaker already known."""
    return lambda: who


class Contents:
    """Makes the contents of one text, knowing its speech quotations."""

    def __init__(self, text: str, speech: list[tuple[int, int]]) -> None:
        self.text = text
        self.speech = sorted(speech)
        self.speech_starts = [s for s, _ in self.speech]
        self.by_end = sorted((e, s) for s, e in self.speech)

    def quote_at(self, pos: int) -> tuple[int, int] | None:
        """The speech quotation that opens at ``pos`` (or a character later), if any."""
        k = bisect.bisect_right(self.speech_starts, pos + 1) - 1
        return self.speech[k] if k >= 0 and self.speech[k][0] >= pos else None

    def _direct(self, start: int, end: int) -> bool:
        """Does ``[start, end)`` lie inside one speech quotation?"""
        k = bisect.bisect_right(self.speech_starts, start + 1) - 1
        return k >= 0 and self.speech[k][1] >= end - 2

    def make(
        self, start: int, end: int, speaker: Speaker, cue: str, embedded: bool = False, one_name: bool = False
    ) -> Found | None:
        """The content ``[start, end)`` trimmed, unless it is too short or a direct quotation
        (``embedded``: quoted words after "that" are a partial quote, and stay; ``one_name``: a
        single capitalised word will do, the object of "endorsed Cruz")."""
        text = self.text
        while start < end and text[start] in " \t\n\r\u00a0,":
            start += 1
        while end > start and text[end - 1] in _TRIM:
            end -= 1
        n = len(text[start:end].split(maxsplit=_MIN_WORDS))  # counted up to more than _MIN_WORDS
        if end - start < 2 or (n < _MIN_WORDS and not (n == 1 and one_name)):
            return None
        if not embedded and self._direct(start, end):
            return None
        return Found(start, end, cue, speaker)
