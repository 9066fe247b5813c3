"""Sorting big lists on a worker thread without pausing the UI.

``list.sort`` holds the interpreter lock from start to end once its keys are made: sorting
200k quotes by speaker held it for about 100 ms, and every key press waited. Sorting
runs of a few thousand and merging them lets other threads in between.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")

STEP = 8_192
"""Items per run: one run's sort holds the lock for a few ms at most."""


def sorted_in_steps(items: Sequence[T], key: Callable[[T], Any], *, reverse: bool = False) -> list[T]:
    """The same list as ``sorted(items, key=key, reverse=reverse)`` (stable too), made in
    short steps that release the interpreter lock between them."""
    if len(items) <= STEP:
        return sorted(items, key=key, reverse=reverse)
    runs = [sorted(items[i : i + STEP], key=key, reverse=reverse) for i in range(0, len(items), STEP)]
    return list(heapq.merge(*runs, key=key, reverse=reverse))
