"""BigTable: a line-API table that stays fast at a million rows.

Only the rows on screen are ever rendered (the toolong pattern): `set_rows` stores
references and sets the virtual size, `render_line` renders one visible row on demand
and rendered rows are kept in an LRU cache of strips. The header is line 0 of the
widget and never scrolls vertically.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Region, Size, Spacing, clamp
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style

from tui.widgets.table_columns import Cell, Column, column_layout, fit_cell

_SORT_MARKS = {False: "▲", True: "▼"}


class BigTable(ScrollView, can_focus=True):
    """A fast table of pre-formatted rows with a row cursor and a fixed header."""

    HELP_TITLE = "Table"

    DEFAULT_CSS = """
    BigTable {
        background: $surface;
        overflow-x: hidden;
        & > .big-table--header { background: $panel; color: $foreground; text-style: bold; }
        & > .big-table--even { background: $surface-lighten-1 50%; }
        & > .big-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus > .big-table--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
        & > .big-table--match { color: $text-accent; text-style: bold underline; }
        & > .big-table--empty { color: $text-muted; text-style: italic; }
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "big-table--header",
        "big-table--even",
        "big-table--cursor",
        "big-table--match",
        "big-table--empty",
    }
    """Restyle these from `.tcss`. A cell span styled ".big-table--match" (or any other
    of these classes, with the leading dot) takes that class's style."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor_up", "Up", show=False, id="big-table.up"),
        Binding("down,j", "cursor_down", "Down", show=False, id="big-table.down"),
        Binding("pageup", "page_up", "Page up", show=False, id="big-table.page-up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="big-table.page-down"),
        Binding("ctrl+u", "half_page_up", "Half page up", show=False, id="big-table.half-up"),
        Binding("ctrl+d", "half_page_down", "Half page down", show=False, id="big-table.half-down"),
        Binding("home,g", "first", "First row", show=False, id="big-table.first"),
        Binding("end,G", "last", "Last row", show=False, id="big-table.last"),
        Binding("enter", "select", "Open", id="big-table.select"),
    ]

    cursor_row: reactive[int] = reactive(-1, repaint=False, init=False)
    """Index of the highlighted row; -1 when the table is empty."""

    empty_text: reactive[str] = reactive("No rows")
    """Placeholder shown under the header when there are no rows."""

    @dataclass
    class RowHighlighted(Message):
        """The cursor moved, or `set_rows` put another row (or moved its row) under it."""

        table: BigTable
        row: int
        key: str

        @property
        def control(self) -> BigTable:
            return self.table

        def can_replace(self, message: Message) -> bool:
            """Collapse a flood of highlights (a held key) into the latest."""
            return isinstance(message, BigTable.RowHighlighted) and message.table is self.table

    @dataclass
    class RowSelected(Message):
        """Enter, or a click on the already highlighted row."""

        table: BigTable
        row: int
        key: str

        @property
        def control(self) -> BigTable:
            return self.table

    @dataclass
    class HeaderClicked(Message):
        """A header cell was clicked (screens sort on it)."""

        table: BigTable
        column_key: str

        @property
        def control(self) -> BigTable:
            return self.table

    def __init__(
        self,
        columns: Sequence[Column],
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.columns: tuple[Column, ...] = tuple(columns)
        self._rows: Sequence[Sequence[Cell]] = ()
        self._keys: Sequence[str] | None = None
        self._sort: tuple[str | None, bool] = (None, False)
        self._strips: LRUCache[tuple[int, int, bool, bool], Strip] = LRUCache(1024)
        self._layouts: dict[int, list[tuple[int, int]]] = {}
        self.virtual_size = Size(0, 2)

    # -- data ---------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        """Number of rows."""
        return len(self._rows)

    @property
    def cursor_key(self) -> str | None:
        """Key of the highlighted row, or None when empty."""
        return None if self.cursor_row < 0 else self.key_at(self.cursor_row)

    def key_at(self, row: int) -> str:
        """The key of the row at index `row` (IndexError when out of range)."""
        if not 0 <= row < len(self._rows):
            raise IndexError(f"row {row} out of range 0..{len(self._rows) - 1}")
        return str(row) if self._keys is None else self._keys[row]

    def _index_of(self, key: str) -> int | None:
        """Index of the row with `key`, or None."""
        if self._keys is None:
            row = int(key) if key.isdigit() else -1
            return row if 0 <= row < len(self._rows) and str(row) == key else None
        try:
            return self._keys.index(key)
        except ValueError:
            return None

    def set_rows(
        self,
        rows: Sequence[Sequence[Cell]],
        keys: Sequence[str] | None = None,
        *,
        keep_cursor: bool = True,
    ) -> None:
        """Replace all rows: one pre-formatted cell per column, one stable key per row.

        The table keeps references to `rows` and `keys` (call again rather than mutate
        them). With `keep_cursor` the cursor follows its key, staying on the same screen
        line when it can; otherwise it clamps. Without it the cursor goes to the top.
        """
        if keys is not None and len(keys) != len(rows):
            raise ValueError(f"{len(keys)} keys for {len(rows)} rows")
        old_row, old_key = self.cursor_row, self.cursor_key
        screen_line = old_row - round(self.scroll_y)

        self._rows = rows
        self._keys = keys if keys is None or isinstance(keys, list | tuple) else list(keys)
        self._strips.clear()
        self.virtual_size = Size(0, len(rows) + 1 if rows else 2)

        if not rows:
            new_row = -1
        elif not keep_cursor or old_key is None:
            new_row = 0
        else:
            found = self._index_of(old_key)
            new_row = min(old_row, len(rows) - 1) if found is None else found

        if self._laid_out:
            if not keep_cursor:
                y = 0.0
            elif 0 <= screen_line < self._page_rows:
                y = new_row - screen_line
            else:
                y = min(self.scroll_y, self.max_scroll_y)
            self.scroll_to(y=y, animate=False, force=True)
        self.refresh()

        if new_row != old_row:
            self.cursor_row = new_row
        elif new_row >= 0 and self.key_at(new_row) != old_key:
            self.post_message(self.RowHighlighted(self, new_row, self.key_at(new_row)))

    def set_sort_indicator(self, column_key: str | None, reverse: bool) -> None:
        """Show ▲ (ascending) or ▼ (descending) after a column's label; None clears it."""
        self._sort = (column_key, reverse)
        self.refresh(Region(0, 0, self.size.width, 1))

    # -- cursor -------------------------------------------------------------------------

    def validate_cursor_row(self, row: int) -> int:
        return -1 if not self._rows else clamp(row, 0, len(self._rows) - 1)

    def watch_cursor_row(self, old_row: int, new_row: int) -> None:
        for row in (old_row, new_row):
            if row >= 0:
                self.refresh_line(row + 1)
        if new_row >= 0:
            self._scroll_cursor_into_view()
            self.post_message(self.RowHighlighted(self, new_row, self.key_at(new_row)))

    def move_cursor(self, row: int) -> None:
        """Highlight `row` (clamped) and scroll it into view."""
        self.cursor_row = row
        self._scroll_cursor_into_view()

    @property
    def _laid_out(self) -> bool:
        return self.scrollable_content_region.height > 1

    @property
    def _page_rows(self) -> int:
        """Rows visible under the header."""
        return max(1, self.scrollable_content_region.height - 1)

    def _scroll_cursor_into_view(self) -> None:
        """Scroll so the cursor row shows under the header (on_resize catches up later)."""
        if self.cursor_row < 0 or not self._laid_out:
            return
        self.scroll_to_region(
            Region(0, self.cursor_row + 1, 1, 1),
            spacing=Spacing(top=1),
            animate=False,
            force=True,
            x_axis=False,
            immediate=True,
        )

    def _page(self, rows: int) -> None:
        """Move the cursor and the view together by `rows`."""
        if self.cursor_row >= 0:
            self.scroll_to(y=self.scroll_y + rows, animate=False, force=True)
            self.cursor_row += rows

    def action_cursor_up(self) -> None:
        """Move the cursor up one row."""
        if self.cursor_row > 0:
            self.cursor_row -= 1

    def action_cursor_down(self) -> None:
        """Move the cursor down one row."""
        if self.cursor_row >= 0:
            self.cursor_row += 1

    def action_page_up(self) -> None:
        """Move up a page."""
        self._page(-self._page_rows)

    def action_page_down(self) -> None:
        """Move down a page."""
        self._page(self._page_rows)

    def action_half_page_up(self) -> None:
        """Move up half a page."""
        self._page(-max(1, self._page_rows // 2))

    def action_half_page_down(self) -> None:
        """Move down half a page."""
        self._page(max(1, self._page_rows // 2))

    def action_first(self) -> None:
        """Go to the first row."""
        self.move_cursor(0)

    def action_last(self) -> None:
        """Go to the last row."""
        self.move_cursor(len(self._rows) - 1)

    def action_select(self) -> None:
        """Select the highlighted row."""
        if self.cursor_row >= 0:
            self.post_message(self.RowSelected(self, self.cursor_row, self.key_at(self.cursor_row)))

    # -- mouse and events ---------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        event.stop()
        if offset.y == 0:
            column = self._column_at(offset.x)
            if column is not None:
                self.post_message(self.HeaderClicked(self, column.key))
            return
        row = round(self.scroll_y) + offset.y - 1
        if not 0 <= row < len(self._rows):
            return
        if row == self.cursor_row:
            self.action_select()
        else:
            self.cursor_row = row

    def _column_at(self, x: int) -> Column | None:
        """The column under content x: a cell plus the space to its right."""
        for column, (start, width) in zip(self.columns, self._layout(self._width), strict=False):
            if x <= start + width:
                return column
        return None

    def on_resize(self) -> None:
        self._strips.clear()
        self._scroll_cursor_into_view()

    def notify_style_update(self) -> None:
        """Theme, focus or CSS changed: rendered rows are stale."""
        super().notify_style_update()
        self._strips.clear()
        self.refresh()

    # -- rendering ----------------------------------------------------------------------

    @property
    def _width(self) -> int:
        return self.scrollable_content_region.width

    def _layout(self, width: int) -> list[tuple[int, int]]:
        """(start, width) of each column at this width (laid out once per width)."""
        if (layout := self._layouts.get(width)) is None:
            layout = self._layouts[width] = column_layout(self.columns, width)
        return layout

    def _span_style(self, style: str | Style) -> Style:
        """Resolve a cell span style; ".big-table--x" means that component class."""
        if isinstance(style, Style):
            return style
        if style.startswith(".") and style[1:] in self.COMPONENT_CLASSES:
            return self.get_visual_style(style[1:], partial=True)
        return Style.parse(style)

    def _strip(self, cells: Sequence[Cell], width: int, style: Style) -> Strip:
        """Lay cells out in the columns and render them over `style`."""
        layout = self._layout(width)
        fitted = [
            fit_cell(cells[i] if i < len(cells) else "", cell_width, column.align)
            for i, (column, (_, cell_width)) in enumerate(zip(self.columns, layout, strict=False))
        ]
        line = Content(" ").join(fitted).pad(1, 1).truncate(width, pad=True)
        segments = [
            Segment(text, part.rich_style) for text, part in line.render(style, end="", parse_style=self._span_style)
        ]
        return Strip(segments, width)

    def _header_strip(self, width: int) -> Strip:
        sort_key, reverse = self._sort
        labels: list[Cell] = []
        for column, (_, cell_width) in zip(self.columns, self._layout(width), strict=False):
            if column.key == sort_key:
                label = Content(column.label).truncate(max(0, cell_width - 2), ellipsis=True)
                labels.append(label + f" {_SORT_MARKS[reverse]}")
            else:
                labels.append(column.label)
        return self._strip(labels, width, self.get_visual_style("big-table--header"))

    def render_line(self, y: int) -> Strip:
        """Render line `y` of the widget: the header, a visible row, or blank."""
        width = self._width
        if y == 0:
            return self._header_strip(width)
        row = round(self.scroll_y) + y - 1
        if not self._rows:
            if y == 1:
                text = Content(self.empty_text).pad_left(1).truncate(width, pad=True)
                style = self.get_visual_style("big-table--empty")
                return Strip([Segment(text.plain, style.rich_style)], width)
            return Strip.blank(width, self.rich_style)
        if row >= len(self._rows):
            return Strip.blank(width, self.rich_style)
        is_cursor = row == self.cursor_row
        cache_key = (row, width, is_cursor, self.has_focus)
        if (strip := self._strips.get(cache_key)) is None:
            if is_cursor:
                style = self.get_visual_style("big-table--cursor")
            elif row % 2 == 0:
                style = self.get_visual_style("big-table--even")
            else:
                style = self.get_visual_style()
            strip = self._strips[cache_key] = self._strip(self._rows[row], width, style)
        return strip
