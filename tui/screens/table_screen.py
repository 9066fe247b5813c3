"""A screen of one filterable, sortable table: the shape of the library, quotes and people screens.

Rows are built lazily (only the visible ones are ever formatted), and filtering or
sorting large lists runs on a worker thread, so typing never waits for a million rows.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from typing import ClassVar, Generic, TypeVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, Static
from textual.worker import get_current_worker

from tui.core.bulk import long_lived, sorted_in_steps
from tui.services.context import Context
from tui.widgets.big_table import BigTable
from tui.widgets.fetch_line import FetchLine
from tui.widgets.index_progress import IndexProgress
from tui.widgets.table_columns import Cell, Column

R = TypeVar("R")

BACKGROUND_ROWS = 20_000
"""Above this many records, filtering and sorting run on a worker thread."""
REFRESH_SECONDS = 1.0
"""How often a table checks whether the library changed (it fills in while indexing)."""
REFRESH_COST_FACTOR = 4
"""After a refresh that took t seconds, the next waits at least this many times t: reading
every quote or linking every person of 100k articles takes seconds, and redoing it each
second while indexing would keep a core busy and slow the UI."""


@dataclass(frozen=True, slots=True)
class SortKey(Generic[R]):
    """A column the table can be sorted by, and its natural direction."""

    column: str
    label: str
    key: Callable[[R], object]
    descending: bool = False


class LazyRows(Sequence[Sequence[Cell]], Generic[R]):
    """Formats a record into table cells only when the table asks for that row."""

    def __init__(self, records: Sequence[R], cells: Callable[[R], Sequence[Cell]]) -> None:
        self.records = records
        self.cells = cells

    def __len__(self) -> int:
        return len(self.records)

    def __getitem__(self, index):  # type: ignore[no-untyped-def]
        if isinstance(index, slice):
            return [self.cells(r) for r in self.records[index]]
        return self.cells(self.records[index])


class TableScreen(Screen[None], Generic[R]):
    """Subclasses give the columns, sorts, records and what Enter does."""

    COLUMNS: ClassVar[Sequence[Column]] = ()
    RECORDS_IN_DEFAULT_ORDER: ClassVar[bool] = False
    """True when ``records`` come sorted as the first sort key sorts them (no need to sort)."""
    NOUN: ClassVar[str] = "rows"
    FILTER_HINT: ClassVar[str] = "Filter (f)…"
    BINDINGS = [
        Binding("f", "focus_filter", "Filter"),
        Binding("s", "cycle_sort", "Sort"),
        Binding("S", "reverse_sort", "Reverse sort", show=False),
    ]

    def __init__(self, context: Context) -> None:
        super().__init__()
        self.context = context
        self.sorts: list[SortKey[R]] = self.sort_keys()
        self.sort_index = 0
        self.sort_reverse = self.sorts[0].descending if self.sorts else False
        self.query_text = ""
        self.shown: list[R] = []
        self._all: list[R] | None = None
        self._haystacks: list[str] | None = None
        self._version: object = None
        self._reload_started: float | None = None
        """When the refresh under way began (None: none is)."""
        self._next_refresh = 0.0

    # -- what subclasses provide ------------------------------------------------------------

    def sort_keys(self) -> list[SortKey[R]]:
        """The sortable columns, the default first."""
        return []

    def records(self) -> list[R]:
        """Every record the table can show (the table never changes the list: it may be shared)."""
        raise NotImplementedError

    def record_key(self, record: R) -> str:
        """A stable, unique key for the record."""
        raise NotImplementedError

    def cells(self, record: R, words: Sequence[str]) -> Sequence[Cell]:
        """The record's cells; ``words`` are the filter words to highlight."""
        raise NotImplementedError

    def haystack(self, record: R) -> str:
        """The text the filter searches (case-folded by the caller)."""
        raise NotImplementedError

    def open_record(self, record: R) -> None:
        """What Enter (or a second click) does."""
        raise NotImplementedError

    def record_estimate(self) -> int:
        """Roughly how many records there are, to decide whether to work in the background."""
        return len(self.context.library)

    def status_parts(self) -> list[str]:
        """Extra facts for the status line."""
        return []

    def data_version(self) -> object:
        """What changes whenever the records may have (by default, the library's version)."""
        return self.context.library.version

    # -- the screen --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Input(placeholder=self.FILTER_HINT, id="filter", select_on_focus=False)
        yield BigTable(self.COLUMNS, id="table")
        yield IndexProgress(self.context.sync, id="indexing")
        yield FetchLine(self.context.feeds, id="fetching")
        yield Static(id="status", classes="status")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()
        self.table.focus()
        self.set_interval(REFRESH_SECONDS, self.sync_library)

    def on_screen_resume(self) -> None:
        self.sync_library()

    def sync_library(self) -> None:
        """Reload, on a worker thread, when the library (or what else :meth:`data_version`
        follows) changed since the records were read (files indexed, added, changed or
        deleted), unless a refresh is still being made or the last one was too recent for
        what it cost (see :data:`REFRESH_COST_FACTOR`). A screen out of sight waits: it
        catches up when shown again."""
        if self._version == self.data_version() or not self.is_current:
            return
        if self._reload_started is None and time.monotonic() >= self._next_refresh:
            self.reload(background=True)

    @property
    def table(self) -> BigTable:
        """The table widget."""
        return self.query_one("#table", BigTable)

    def highlighted(self) -> R | None:
        """The record under the table's cursor (None when the table is empty)."""
        row = self.table.cursor_row
        return self.shown[row] if 0 <= row < len(self.shown) else None

    def reload(self, *, background: bool = False) -> None:
        """Forget the records (the library changed) and show them again."""
        self._version = self.data_version()
        self._reload_started = time.monotonic()
        self._all = None
        self._haystacks = None
        self.refresh_rows(background=background)

    def refresh_rows(self, *, background: bool = False) -> None:
        """Filter and sort, on a worker thread when asked or when there are many records."""
        if background or self._record_count() > BACKGROUND_ROWS:
            self._filter_in_background(self.query_text, self.sort_index, self.sort_reverse, announce=not background)
        else:
            self._show(*self._filtered(self.query_text, self.sort_index, self.sort_reverse))

    def _record_count(self) -> int:
        """How many records there are, or roughly will be once read."""
        return len(self._all) if self._all is not None else self.record_estimate()

    def _filtered(
        self, query: str, sort_index: int, reverse: bool, cancelled: Callable[[], bool] = lambda: False
    ) -> tuple[list[R], list[str], str]:
        records = self._all
        if records is None:
            records = self.records()
            if cancelled():  # a newer reload is under way: leave the cache to it
                return [], [], query
            self._all, self._haystacks = records, None
        words = query.casefold().split()
        if words:
            haystacks = self._haystacks
            if haystacks is None:  # made for the first filter, not to show the table
                haystacks = self._haystacks = [self.haystack(r).casefold() for r in records]
            chosen = []
            for index, hay in enumerate(haystacks):
                if index % 50_000 == 0 and cancelled():
                    return [], [], query
                if all(word in hay for word in words):
                    chosen.append(records[index])
        else:
            chosen = records  # not copied (a copy of 100k rows costs every GC pass that sees it)
        presorted = self.RECORDS_IN_DEFAULT_ORDER and sort_index == 0 and reverse == self.sorts[0].descending
        if self.sorts and not presorted:
            sort = self.sorts[sort_index]
            chosen = sorted_in_steps(chosen, sort.key, reverse=reverse)
        return chosen, [self.record_key(r) for r in chosen], query

    @work(thread=True, exclusive=True, group="table-filter")
    def _filter_in_background(self, query: str, sort_index: int, reverse: bool, *, announce: bool = True) -> None:
        worker = get_current_worker()
        if announce:
            self.app.call_from_thread(self._status, f"filtering {self.NOUN}…")
        # Big tables' records, rows and keys are made without collector passes over them
        # (they live until the next refresh, and refcounting frees them then).
        with long_lived() if self._record_count() > BACKGROUND_ROWS else nullcontext():
            shown, keys, query = self._filtered(query, sort_index, reverse, lambda: worker.is_cancelled)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show, shown, keys, query)

    def _show(self, shown: list[R], keys: list[str], query: str) -> None:
        if self._reload_started is not None:
            now = time.monotonic()
            self._next_refresh = now + (now - self._reload_started) * REFRESH_COST_FACTOR
            self._reload_started = None
        self.shown = shown
        words = query.split()
        self.table.set_rows(LazyRows(shown, lambda r: self.cells(r, words)), keys)
        if self.sorts:
            sort = self.sorts[self.sort_index]
            self.table.set_sort_indicator(sort.column, self.sort_reverse)
        self.update_status()

    def update_status(self) -> None:
        """Say how many records there are and how many are shown."""
        total = len(self._all or ())
        shown = len(self.shown)
        parts = [f"{total} {self.NOUN}" if shown == total else f"{shown} of {total} {self.NOUN}"]
        if self.sorts:
            sort = self.sorts[self.sort_index]
            parts.append(f"sorted by {sort.label} {'↓' if self.sort_reverse else '↑'}")
        self._status("  ·  ".join(parts + self.status_parts()))

    def _status(self, text: str) -> None:
        self.query_one("#status", Static).update(text)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_text = event.value
        self.refresh_rows()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.table.focus()

    def on_key(self, event) -> None:  # type: ignore[no-untyped-def]
        box = self.query_one("#filter", Input)
        # In a burst like "fnato" while the app is busy, the letters reach this screen before
        # the app runs the "f" binding, and before the box handles its Focus event (so
        # ``self.focused``, not ``box.has_focus``). "f" is handled here, in order, and the
        # letters that still came by the table go into the filter.
        if event.key == "f" and self.focused is self.table:
            self.action_focus_filter()
            event.stop()
            return
        if self.focused is box and event.is_printable and event.character:
            box.insert_text_at_cursor(event.character)
            event.stop()
            return
        if self.focused is box and event.key in ("down", "escape"):
            if event.key == "escape":
                box.value = ""
            self.table.focus()
            event.stop()

    def on_big_table_row_selected(self, event: BigTable.RowSelected) -> None:
        if 0 <= event.row < len(self.shown):
            self.open_record(self.shown[event.row])

    def on_big_table_header_clicked(self, event: BigTable.HeaderClicked) -> None:
        for index, sort in enumerate(self.sorts):
            if sort.column == event.column_key:
                self.sort_by(index)

    def sort_by(self, index: int) -> None:
        """Sort by the given column; choosing the current one reverses the order."""
        if index == self.sort_index:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_index, self.sort_reverse = index, self.sorts[index].descending
        self.refresh_rows()

    def action_focus_filter(self) -> None:
        # At once, not after the queued events (``focus()``): keys typed right after "f"
        # while the app is busy (indexing) must reach the filter, not the table.
        self.set_focus(self.query_one("#filter", Input))

    def action_cycle_sort(self) -> None:
        if self.sorts:
            self.sort_by((self.sort_index + 1) % len(self.sorts))

    def action_reverse_sort(self) -> None:
        self.sort_by(self.sort_index)

    @property
    def order(self) -> list[str]:
        """The keys of the rows shown, in order."""
        return [self.record_key(r) for r in self.shown]


def marked(text: str, words: Sequence[str]) -> Cell:
    """The text with each filter word's occurrences highlighted."""
    if not words:
        return text
    content = Content(text)
    folded = text.casefold()
    for word in words:
        needle = word.casefold()
        start = folded.find(needle)
        while start >= 0 and needle:
            content = content.stylize(".big-table--match", start, start + len(needle))
            start = folded.find(needle, start + len(needle))
    return content
