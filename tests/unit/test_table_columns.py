"""How a table's columns share a line, without a terminal."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.widgets.table_columns import Column, column_layout, fit_cell

widths = st.one_of(st.none(), st.integers(min_value=1, max_value=30))


@given(st.lists(widths, min_size=1, max_size=6), st.integers(min_value=0, max_value=200))
def test_columns_fill_the_line_exactly_when_flexible_ones_have_room(sizes: list[int | None], width: int) -> None:
    columns = [Column(f"c{i}", f"C{i}", width=w, min_width=1) for i, w in enumerate(sizes)]
    layout = column_layout(columns, width)
    fixed = sum(w for w in sizes if w is not None)
    room = width - len(sizes) - 1 - fixed
    for (start, cells), (next_start, _) in pairwise(layout):
        assert next_start == start + cells + 1  # one space between cells
    assert layout[0][0] == 1  # one space before the first
    for column, (_, cells) in zip(columns, layout, strict=True):
        assert cells == column.width if column.width is not None else cells >= column.min_width
    flexible = [cells for column, (_, cells) in zip(columns, layout, strict=True) if column.width is None]
    if flexible and room >= len(flexible):
        start, cells = layout[-1]
        assert start + cells + 1 == width  # and one after the last: the line is full
        assert max(flexible) - min(flexible) <= 1  # shared evenly, the odd cells first
        assert flexible == sorted(flexible, reverse=True)


def test_a_flexible_column_never_goes_below_its_minimum() -> None:
    layout = column_layout([Column("a", "A", width=50), Column("b", "B", min_width=6)], 20)
    assert layout == [(1, 50), (52, 6)]


@pytest.mark.parametrize(
    ("cell", "align", "expected"),
    [("abcdef", "left", "abc…"), ("ab", "left", "ab  "), ("ab", "right", "  ab"), ("a\nb\tc", "left", "a b…")],
)
def test_a_cell_is_cut_with_an_ellipsis_or_padded_to_its_width(cell: str, align: str, expected: str) -> None:
    assert fit_cell(cell, 4, align).plain == expected
