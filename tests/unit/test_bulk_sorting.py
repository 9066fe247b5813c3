"""sorted_in_steps gives exactly what sorted() gives, ties in the same order, both ways."""

from __future__ import annotations

import random

import pytest

from tui.core import bulk as sorting
from tui.core.bulk import sorted_in_steps


@pytest.mark.parametrize("reverse", [False, True])
@pytest.mark.parametrize("size", [0, 1, 10, 1000, 2503])
def test_equals_sorted_with_stable_ties(monkeypatch: pytest.MonkeyPatch, reverse: bool, size: int) -> None:
    monkeypatch.setattr(sorting, "STEP", 100)  # many runs to merge
    rng = random.Random(size)
    items = [(rng.randrange(20), n) for n in range(size)]  # many equal keys; n tells ties apart
    key = lambda item: item[0]  # noqa: E731
    assert sorted_in_steps(items, key, reverse=reverse) == sorted(items, key=key, reverse=reverse)
