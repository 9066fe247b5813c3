"""Numbered lists of numbers and sorted keys, mapped from a saved index with what was added
since kept in memory: the storage under the vocabulary (postings, buckets) and the speakers.

A :class:`Lists` holds list ``n`` as a mapped part (from the saved index, read-only) followed
by an appended part in memory; numbers appended are always higher than the ones before, so
a list stays sorted. :class:`Keys` finds a string in a saved sorted table by bisection, so
a saved vocabulary needs no dict built at start.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Sequence
from typing import Protocol

from tui.core.library.derived import IntCode, MappedArray


class Mapped(Protocol):
    """What a saved index hands over: its sections as checked arrays."""

    def array(self, name: str, typecode: IntCode) -> MappedArray: ...


class Lists:
    """Lists of numbers by number: saved ones mapped, new items and new lists in memory."""

    def __init__(self, saved: Mapped | None = None, name: str = "") -> None:
        if saved is None:
            self._offsets: MappedArray | None = None
            self._items: MappedArray | None = None
            self._saved = 0
        else:
            self._offsets = saved.array(f"{name}.offsets", "Q")
            self._items = saved.array(f"{name}.items", "I")
            self._saved = len(self._offsets) - 1
        self._grown: dict[int, array[int]] = {}  # saved list -> items appended to it
        self._new: list[array[int]] = []  # lists numbered from ``self._saved`` on

    def __len__(self) -> int:
        return self._saved + len(self._new)

    def new(self) -> int:
        """Start an empty list; returns its number."""
        self._new.append(array("I"))
        return len(self) - 1

    def append(self, no: int, item: int) -> None:
        """Append ``item`` (higher than any in the list) to list ``no``."""
        if no >= self._saved:
            self._new[no - self._saved].append(item)
        else:
            grown = self._grown.get(no)
            if grown is None:
                grown = self._grown[no] = array("I")
            grown.append(item)

    def append_to_each(self, nos: Iterable[int], item: int) -> None:
        """Append ``item`` to each of the lists ``nos`` (one call for a doc's every word)."""
        new, saved = self._new, self._saved
        for no in nos:
            if no >= saved:
                new[no - saved].append(item)
            else:
                self.append(no, item)

    def size(self, no: int) -> int:
        """How many items list ``no`` holds."""
        if no >= self._saved:
            return len(self._new[no - self._saved])
        offsets = self._offsets
        assert offsets is not None
        grown = self._grown.get(no)
        return offsets[no + 1] - offsets[no] + (len(grown) if grown else 0)

    def parts(self, no: int) -> tuple[Sequence[int], ...]:
        """List ``no`` as its sorted parts, lowest items first (a mapped one, an appended one)."""
        if no >= self._saved:
            return (self._new[no - self._saved],)
        offsets, items = self._offsets, self._items
        assert offsets is not None and items is not None
        saved = items.view(offsets[no], offsets[no + 1])
        grown = self._grown.get(no)
        return (saved, grown) if grown else (saved,)

    def items(self, no: int) -> list[int]:
        """List ``no`` whole."""
        return [item for part in self.parts(no) for item in part]

    def compact(self, keep: Callable[[int], object]) -> None:
        """Drop the items ``keep`` refuses from the lists in memory (saved parts stay as
        they are: they are rewritten when the index is saved whole)."""
        self._grown = {no: array("I", filter(keep, items)) for no, items in self._grown.items()}
        self._new = [array("I", filter(keep, items)) for items in self._new]


class Keys:
    """A saved sorted table of strings (UTF-8, sorted by their bytes): number of a string,
    string of a number, and the numbers of the strings with a given start. The table is
    checked whole when first used (a few bytes per word): bisection reads all over it."""

    def __init__(self, saved: Mapped, name: str) -> None:
        self._saved = saved
        self._name = name
        self._views: tuple[memoryview, memoryview] | None = None
        self._count = len(saved.array(f"{name}.offsets", "Q")) - 1

    def __len__(self) -> int:
        return self._count

    def _checked(self) -> tuple[memoryview, memoryview]:
        if self._views is None:
            offsets = self._saved.array(f"{self._name}.offsets", "Q").view()
            self._views = offsets, self._saved.array(f"{self._name}.blob", "B").view()
        return self._views

    def key(self, no: int) -> bytes:
        """String ``no``, encoded."""
        offsets, blob = self._checked()
        return bytes(blob[offsets[no] : offsets[no + 1]])

    def text(self, no: int) -> str:
        """String ``no``."""
        return self.key(no).decode("utf-8", "surrogatepass")

    def find(self, text: str) -> int | None:
        """The number of ``text``, or None."""
        key = text.encode("utf-8", "surrogatepass")
        at = self._bisect(key)
        return at if at < len(self) and self.key(at) == key else None

    def starting(self, text: str) -> range:
        """The numbers of the strings that start with ``text`` (a contiguous range)."""
        key = text.encode("utf-8", "surrogatepass")
        return range(self._bisect(key), self._bisect(key, prefix=True))

    def _bisect(self, key: bytes, *, prefix: bool = False) -> int:
        """The first number whose string is not below ``key`` (with ``prefix``: neither
        below it nor starting with it)."""
        offsets, blob = self._checked()
        lo, hi = 0, len(self)
        while lo < hi:
            mid = (lo + hi) // 2
            found = bytes(blob[offsets[mid] : offsets[mid + 1]])
            if found < key or (prefix and found.startswith(key)):
                lo = mid + 1
            else:
                hi = mid
        return lo
