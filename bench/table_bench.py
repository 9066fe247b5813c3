"""How fast does a big article list open? Prints figures, with Textual's DataTable as the peer.

Time to ready = app start, mount, filling the table and the first paint, headless
(`App.run_test`). Rows are built before the clock starts; both widgets get the same
pre-formatted string cells. BigTable runs at 10k, 100k and 1M rows; DataTable at 10k
and 100k (1M would take a minute). Each figure is the best of `--runs` runs.

Usage: python bench/table_bench.py [--runs N]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import time
from collections.abc import Sequence

from textual.app import App, ComposeResult
from textual.widget import Widget
from textual.widgets import DataTable

from tui.widgets.big_table import BigTable, Column

SIZE = (120, 40)
COLUMNS = [
    Column("date", "Date", width=10),
    Column("title", "Title"),
    Column("source", "Source", width=16),
    Column("words", "Words", width=6, align="right"),
]
Rows = Sequence[tuple[str, str, str, str]]


def make_rows(n: int) -> Rows:
    """Article-like rows: a date, a title, a source and a word count."""
    return [
        (
            f"2024-{i % 12 + 1:02d}-{i % 28 + 1:02d}",
            f"Headline number {i} about something",
            f"Source {i % 40}",
            str(i % 5000),
        )
        for i in range(n)
    ]


class BenchApp(App[None]):
    """One table, filled in on_mount."""

    def __init__(self, kind: str, rows: Rows) -> None:
        super().__init__()
        self.kind, self.rows = kind, rows

    def compose(self) -> ComposeResult:
        yield BigTable(COLUMNS) if self.kind == "BigTable" else DataTable()

    def on_mount(self) -> None:
        if self.kind == "BigTable":
            self.query_one(BigTable).set_rows(self.rows)
        else:
            table = self.query_one(DataTable)
            table.add_columns(*(column.label for column in COLUMNS))
            table.add_rows(self.rows)


def first_row_text(table: Widget) -> str:
    """The first data line the table paints (under its header)."""
    return table.render_line(1).text


async def time_to_ready(kind: str, rows: Rows) -> float:
    """Seconds from app start to the first paint of a filled table."""
    app = BenchApp(kind, rows)
    gc.collect()  # don't bill this run for the garbage of the last one
    start = time.perf_counter()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.query_one(BigTable if kind == "BigTable" else DataTable)
        app.screen._compositor.render_update(full=True)
        elapsed = time.perf_counter() - start
        assert "Headline number 0 " in first_row_text(table), first_row_text(table)
    return elapsed


async def best_of(runs: int, kind: str, rows: Rows) -> float:
    return min([await time_to_ready(kind, rows) for _ in range(runs)])


async def main(runs: int) -> None:
    print(f"Time to ready (mount + fill + first paint), headless {SIZE[0]}x{SIZE[1]}, best of {runs}")
    for kind in ("BigTable", "DataTable"):  # warm up imports and CSS parsing, untimed
        await time_to_ready(kind, make_rows(10))
    print(f"{'rows':>10}  {'BigTable':>9}  {'DataTable':>9}  {'DataTable/BigTable':>18}")
    for n in (10_000, 100_000, 1_000_000):
        rows = make_rows(n)
        big = await best_of(runs, "BigTable", rows)
        if n <= 100_000:
            peer = await best_of(runs, "DataTable", rows)
            print(f"{n:>10,}  {big:>8.3f}s  {peer:>8.3f}s  {peer / big:>17.0f}x")
        else:
            print(f"{n:>10,}  {big:>8.3f}s  {'-':>9}  {'-':>18}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="runs per figure; the best is printed")
    asyncio.run(main(parser.parse_args().runs))
