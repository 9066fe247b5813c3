"""A table's columns and how they share a line: what BigTable lays out, kept apart from
the widget so it can be read (and tested) without a terminal."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.content import Content

Cell = str | Content
"""A pre-formatted cell: plain text, or `Content` carrying its own styled spans."""

_ONE_LINE = str.maketrans("\n\r\t", "   ")


@dataclass(frozen=True)
class Column:
    """One table column.

    `width=None` makes the column flexible: flexible columns share what the fixed
    columns leave, never going below `min_width`.
    """

    key: str
    label: str
    width: int | None = None
    align: str = "left"
    min_width: int = 4

    def __post_init__(self) -> None:
        if self.align not in ("left", "right"):
            raise ValueError(f"column {self.key!r}: align must be 'left' or 'right', not {self.align!r}")


def _one_line(content: Content) -> Content:
    """Content with line breaks and tabs turned into spaces (lengths unchanged)."""
    plain = content.plain
    if "\n" in plain or "\r" in plain or "\t" in plain:
        return Content(plain.translate(_ONE_LINE), list(content.spans))
    return content


def fit_cell(cell: Cell, width: int, align: str) -> Content:
    """A cell truncated with "…" and padded to exactly `width` cells."""
    content = _one_line(cell if isinstance(cell, Content) else Content(cell))
    if align == "right":
        return content.right(width, ellipsis=True)
    return content.truncate(width, ellipsis=True, pad=True)


def column_layout(columns: Sequence[Column], width: int) -> list[tuple[int, int]]:
    """(start, width) of each column in a line of ``width`` cells: one space before, between
    and after cells; flexible columns share what the fixed ones leave (the first ones get
    the odd cells), never going below their ``min_width``."""
    room = width - len(columns) - 1 - sum(c.width for c in columns if c.width is not None)
    flexible = [c for c in columns if c.width is None]
    share, extra = divmod(max(0, room), len(flexible)) if flexible else (0, 0)
    layout, x = [], 1
    for column in columns:
        if column.width is None:
            cells = max(column.min_width, share + (1 if extra > 0 else 0))
            extra -= 1
        else:
            cells = column.width
        layout.append((x, cells))
        x += cells + 1
    return layout
