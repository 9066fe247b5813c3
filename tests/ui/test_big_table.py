"""Pilot tests of BigTable: what it renders, how keys and the mouse move it, what it posts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from textual import events
from textual.app import App, ComposeResult
from textual.content import Content
from textual.message import Message

from tui.widgets.big_table import BigTable
from tui.widgets.table_columns import Cell, Column

M = TypeVar("M", bound=Message)

SIZE = (100, 30)
PAGE = SIZE[1] - 1  # rows visible under the header
COLUMNS = [
    Column("date", "Date", width=10),
    Column("title", "Title"),
    Column("words", "Words", width=7, align="right"),
]


def make_rows(n: int) -> tuple[list[tuple[str, str, str]], list[str]]:
    """Rows like "Title 12" with keys like "k12"."""
    rows = [(f"2024-{i % 12 + 1:02d}-01", f"Title {i}", str(i * 10)) for i in range(n)]
    return rows, [f"k{i}" for i in range(n)]


class TableApp(App[None]):
    """One focused BigTable filling the screen; records the table's messages."""

    def __init__(self, rows: Sequence[Sequence[Cell]] = (), keys: Sequence[str] | None = None) -> None:
        super().__init__()
        self.rows, self.keys = rows, keys
        self.messages: list[Message] = []

    def compose(self) -> ComposeResult:
        yield BigTable(COLUMNS)

    def on_mount(self) -> None:
        table = self.query_one(BigTable)
        table.set_rows(self.rows, self.keys)
        table.focus()

    def on_big_table_row_highlighted(self, message: BigTable.RowHighlighted) -> None:
        self.messages.append(message)

    def on_big_table_row_selected(self, message: BigTable.RowSelected) -> None:
        self.messages.append(message)

    def on_big_table_header_clicked(self, message: BigTable.HeaderClicked) -> None:
        self.messages.append(message)


def lines(table: BigTable) -> list[str]:
    """The text of every line the table shows, header first."""
    return [table.render_line(y).text for y in range(table.size.height)]


def line_of(table: BigTable, needle: str) -> int:
    """The screen line showing the cell `needle` exactly (as a whole cell)."""
    hits = [y for y, text in enumerate(lines(table)) if f" {needle} " in text]
    assert len(hits) == 1, (needle, hits)
    return hits[0]


def of_type(app: TableApp, kind: type[M]) -> list[M]:
    """The messages of one kind the app received, oldest first."""
    return [m for m in app.messages if isinstance(m, kind)]


async def test_100k_rows_render_the_first_rows_under_a_header() -> None:
    rows, keys = make_rows(100_000)
    app = TableApp(rows, keys)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.query_one(BigTable)
        shown = lines(table)
        assert shown[0].split() == ["Date", "Title", "Words"]
        assert shown[1].split() == ["2024-01-01", "Title", "0", "0"]
        assert shown[PAGE].split() == ["2024-05-01", "Title", f"{PAGE - 1}", f"{(PAGE - 1) * 10}"]
        assert table.row_count == 100_000
        assert (table.cursor_row, table.cursor_key) == (0, "k0")


async def test_keys_move_the_cursor_and_scroll_with_it() -> None:
    rows, keys = make_rows(100_000)
    app = TableApp(rows, keys)
    async with app.run_test(size=SIZE) as pilot:
        table = app.query_one(BigTable)
        await pilot.press("j", "j", "down", "k")
        assert table.cursor_key == "k2"
        await pilot.press("pagedown")
        assert table.cursor_row == 2 + PAGE
        assert line_of(table, f"Title {2 + PAGE}") == 3, "a page keeps the cursor on its screen line"
        await pilot.press("ctrl+d")
        assert table.cursor_row == 2 + PAGE + PAGE // 2
        await pilot.press("G")
        assert table.cursor_key == "k99999"
        assert line_of(table, "Title 99999") == PAGE, "the last row sits on the last line"
        await pilot.press("ctrl+u", "pageup")
        assert table.cursor_row == 99_999 - PAGE // 2 - PAGE
        await pilot.press("g")
        assert table.cursor_row == 0
        assert line_of(table, "Title 0") == 1
        await pilot.press("end")
        assert table.cursor_row == 99_999
        await pilot.press("home", "up")
        assert table.cursor_row == 0
        assert of_type(app, BigTable.RowHighlighted)[-1].key == "k0"


async def test_enter_selects_the_highlighted_row() -> None:
    rows, keys = make_rows(50)
    app = TableApp(rows, keys)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j", "j", "enter")
        selected = of_type(app, BigTable.RowSelected)
        assert [(m.row, m.key) for m in selected] == [(3, "k3")]
        assert selected[0].table is app.query_one(BigTable)


async def test_click_highlights_and_a_second_click_selects() -> None:
    rows, keys = make_rows(50)
    app = TableApp(rows, keys)
    async with app.run_test(size=SIZE) as pilot:
        table = app.query_one(BigTable)
        await pilot.click(BigTable, offset=(20, 4))
        assert table.cursor_key == "k3"
        assert of_type(app, BigTable.RowHighlighted)[-1].key == "k3"
        assert not of_type(app, BigTable.RowSelected)
        await pilot.click(BigTable, offset=(20, 4))
        assert [m.key for m in of_type(app, BigTable.RowSelected)] == ["k3"]


async def test_click_on_a_header_cell_names_its_column() -> None:
    rows, keys = make_rows(50)
    app = TableApp(rows, keys)
    async with app.run_test(size=SIZE) as pilot:
        table = app.query_one(BigTable)
        header = lines(table)[0]
        await pilot.click(BigTable, offset=(header.index("Words"), 0))
        await pilot.click(BigTable, offset=(header.index("Title") + 10, 0))
        await pilot.click(BigTable, offset=(1, 0))
        assert [m.column_key for m in of_type(app, BigTable.HeaderClicked)] == ["words", "title", "date"]
        assert table.cursor_row == 0, "a header click does not move the cursor"


async def test_wheel_scrolls_without_moving_the_cursor() -> None:
    rows, keys = make_rows(1000)
    app = TableApp(rows, keys)
    async with app.run_test(size=SIZE) as pilot:
        table = app.query_one(BigTable)
        await pilot.pause()
        for _ in range(3):
            table.post_message(events.MouseScrollDown(table, 10, 5, 0, 1, 0, False, False, False))
        await pilot.pause()
        assert table.scroll_y > 0
        assert table.cursor_row == 0
        assert lines(table)[1].split()[2] == str(int(table.scroll_y))


async def test_set_rows_keeps_the_cursor_on_its_key_after_a_resort() -> None:
    rows, keys = make_rows(1000)
    app = TableApp(rows, keys)
    async with app.run_test(size=SIZE) as pilot:
        table = app.query_one(BigTable)
        table.move_cursor(500)
        await pilot.pause()
        screen_line = line_of(table, "Title 500")

        table.set_rows(rows[::-1], keys[::-1])
        await pilot.pause()
        assert (table.cursor_row, table.cursor_key) == (499, "k500")
        assert line_of(table, "Title 500") == screen_line, "the cursor stays on its screen line"
        assert of_type(app, BigTable.RowHighlighted)[-1].key == "k500"

        table.set_rows(rows[:5], keys[:5])
        await pilot.pause()
        assert (table.cursor_row, table.cursor_key) == (4, "k4"), "a vanished key clamps"
        assert line_of(table, "Title 4") == 5

        table.set_rows(rows, keys, keep_cursor=False)
        await pilot.pause()
        assert (table.cursor_row, table.cursor_key) == (0, "k0")


async def test_cells_truncate_with_an_ellipsis_and_numbers_align_right() -> None:
    long_title = "A headline far too long for its column " * 5
    app = TableApp([("2024-01-01", long_title, "7"), ("2024-01-02", "Short", "12345")])
    async with app.run_test(size=(60, 10)) as pilot:
        await pilot.pause()
        table = app.query_one(BigTable)
        header, first, second = lines(table)[:3]
        assert len(first) == 60
        words = len(" 1234567 ")  # the last column: 7 cells between spaces
        assert header.endswith("   Words ")
        assert first.startswith(" 2024-01-01 A headline far")
        assert first[:-words].endswith("…")
        assert first[-words:] == "       7 "
        assert second[-words:] == "   12345 "
        assert table.key_at(1) == "1", "keys default to the row index"


class PrefilledApp(App[None]):
    """Fills the table and moves its cursor in compose, before it has a size."""

    def compose(self) -> ComposeResult:
        table = BigTable(COLUMNS)
        rows, keys = make_rows(5000)
        table.set_rows(rows, keys)
        table.move_cursor(3000)
        yield table


async def test_rows_and_cursor_set_before_mount_show_once_laid_out() -> None:
    app = PrefilledApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.query_one(BigTable)
        assert table.cursor_key == "k3000"
        assert line_of(table, "Title 3000") == PAGE


async def test_an_empty_table_shows_a_placeholder() -> None:
    app = TableApp()
    async with app.run_test(size=SIZE) as pilot:
        table = app.query_one(BigTable)
        assert lines(table)[1].strip() == "No rows"
        assert (table.cursor_row, table.cursor_key) == (-1, None)
        await pilot.press("j", "G", "enter")
        assert not app.messages
        table.empty_text = "Nothing matches"
        await pilot.pause()
        assert lines(table)[1].strip() == "Nothing matches"


async def test_sort_indicator_and_styled_cells() -> None:
    title = Content("Brexit vote looms").stylize(".big-table--match", 0, 6)
    app = TableApp([("2024-01-01", title, "3")])
    async with app.run_test(size=SIZE) as pilot:
        table = app.query_one(BigTable)
        table.set_sort_indicator("title", reverse=True)
        await pilot.pause()
        assert "Title ▼" in lines(table)[0]
        table.set_sort_indicator(None, reverse=False)
        await pilot.pause()
        assert "▼" not in lines(table)[0] and "▲" not in lines(table)[0]

        match = table.get_visual_style("big-table--match", partial=True).rich_style
        segments = {seg.text: seg.style for seg in table.render_line(1)}
        assert segments["Brexit"].bold and segments["Brexit"].underline
        assert segments["Brexit"].color == match.color
        assert not any(style.underline for text, style in segments.items() if text != "Brexit")


async def test_cursor_is_brighter_when_focused() -> None:
    rows, keys = make_rows(10)
    app = TableApp(rows, keys)
    async with app.run_test(size=SIZE) as pilot:
        table = app.query_one(BigTable)
        focused = table.render_line(1).text, next(iter(table.render_line(1))).style
        table.blur()
        await pilot.pause()
        blurred = table.render_line(1).text, next(iter(table.render_line(1))).style
        assert focused[0] == blurred[0]
        assert focused[1].bgcolor != blurred[1].bgcolor
        plain_row = next(iter(table.render_line(2))).style
        assert plain_row.bgcolor not in (focused[1].bgcolor, blurred[1].bgcolor)


class SnapshotApp(App[None]):
    """A small table with a sorted column, a highlighted match and a long title."""

    def compose(self) -> ComposeResult:
        yield BigTable(COLUMNS)

    def on_mount(self) -> None:
        table = self.query_one(BigTable)
        rows: list[tuple[str, Cell, str]] = [
            ("2024-03-01", Content("Senate passes the budget").stylize(".big-table--match", 7, 13), "812"),
            ("2024-02-11", "A very long headline about a storm that goes on and on and on", "1204"),
            ("2024-01-05", "Quiet week", "95"),
        ]
        table.set_rows(rows)
        table.set_sort_indicator("date", reverse=True)
        table.move_cursor(1)
        table.focus()


def test_snapshot(snap_compare) -> None:
    assert snap_compare(SnapshotApp(), terminal_size=(60, 8))
