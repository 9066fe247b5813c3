"""The library screen: every article in a sortable, filterable table."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from ..core.article import Article
from ..core.library import Library
from ..widgets.big_table import BigTable, Column
from .problems import ProblemsScreen


@dataclass(frozen=True, slots=True)
class SortKey:
    """A column the table can be sorted by."""

    column: str
    label: str
    key: Callable[[Article], object]


class LibraryScreen(Screen[None]):
    """Lists the articles; Enter opens one in the reader."""

    HELP_TITLE = "Library"
    HELP = ("Type [b]f[/b] and words to filter by title, source or id; [b]Enter[/b] or [b]Down[/b] "
            "goes back to the table, [b]Escape[/b] clears the filter. Click a column header to sort.")
    BINDINGS = [
        Binding("f", "focus_filter", "Filter"),
        Binding("s", "cycle_sort", "Sort"),
        Binding("S", "reverse_sort", "Reverse sort", show=False),
        Binding("p", "problems", "Problems"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.sorts = [
            SortKey("date", "date", lambda a: a.date.toordinal() if a.date else 0),
            SortKey("title", "title", lambda a: a.title.casefold()),
            SortKey("source", "source", lambda a: a.source.casefold()),
        ]
        self.sort_index = 0
        self.sort_reverse = True
        self.query_text = ""
        self.haystacks = {a.id: f"{a.title}\n{a.source}\n{a.id}".casefold() for a in library.articles}

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Filter articles (f)…", id="filter")
        yield BigTable(
            [
                Column("date", "Date", 10),
                Column("title", "Title"),
                Column("source", "Source", 28),
            ],
            id="articles",
        )
        yield Static(id="library-status")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_rows()
        self.table.focus()

    @property
    def table(self) -> BigTable:
        """The article table."""
        return self.query_one("#articles", BigTable)

    def visible_articles(self) -> list[Article]:
        """The articles that pass the filter, in the current sort order."""
        words = self.query_text.casefold().split()
        articles = [a for a in self.library.articles
                    if all(word in self.haystacks[a.id] for word in words)]
        sort = self.sorts[self.sort_index]
        return sorted(articles, key=sort.key, reverse=self.sort_reverse)

    def refresh_rows(self) -> None:
        """Rebuild the table from the library, the filter and the sort."""
        articles = self.visible_articles()
        words = self.query_text.split()
        rows = [(a.date_iso or "", _marked(a.title, words), a.source) for a in articles]
        self.table.set_rows(rows, [a.id for a in articles])
        self.table.set_sort_indicator(self.sorts[self.sort_index].column, self.sort_reverse)
        self.update_status(len(articles))

    def update_status(self, shown: int) -> None:
        """Say how many articles there are, how many are shown, and how many files failed."""
        total = len(self.library.articles)
        errors = len(self.library.errors)
        warnings = len(self.library.problems) - errors
        parts = [f"{total} articles" if shown == total else f"{shown} of {total} articles"]
        parts.append(f"sorted by {self.sorts[self.sort_index].label} {'↓' if self.sort_reverse else '↑'}")
        if errors or warnings:
            parts.append(f"{errors} files skipped, {warnings} warnings — p lists them")
        else:
            parts.append("no load problems")
        self.query_one("#library-status", Static).update("  ·  ".join(parts))

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_text = event.value
        self.refresh_rows()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.table.focus()

    def on_key(self, event) -> None:  # type: ignore[no-untyped-def]
        filter_box = self.query_one("#filter", Input)
        if filter_box.has_focus and event.key in ("down", "escape"):
            if event.key == "escape":
                filter_box.value = ""
            self.table.focus()
            event.stop()

    def on_big_table_row_selected(self, event: BigTable.RowSelected) -> None:
        order = [self.table.key_at(i) for i in range(self.table.row_count)]
        self.app.open_article(event.key, order)  # type: ignore[attr-defined]

    def on_big_table_header_clicked(self, event: BigTable.HeaderClicked) -> None:
        for index, sort in enumerate(self.sorts):
            if sort.column == event.column_key:
                if index == self.sort_index:
                    self.sort_reverse = not self.sort_reverse
                else:
                    self.sort_index, self.sort_reverse = index, sort.column == "date"
                self.refresh_rows()

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_cycle_sort(self) -> None:
        self.sort_index = (self.sort_index + 1) % len(self.sorts)
        self.sort_reverse = self.sorts[self.sort_index].column == "date"
        self.refresh_rows()

    def action_reverse_sort(self) -> None:
        self.sort_reverse = not self.sort_reverse
        self.refresh_rows()

    def action_problems(self) -> None:
        self.app.push_screen(ProblemsScreen(self.library.problems))


def _marked(text: str, words: list[str]) -> Content | str:
    """The text with each filter word's occurrences highlighted."""
    if not words:
        return text
    content = Content(text)
    folded = text.casefold()
    for word in words:
        needle = word.casefold()
        start = folded.find(needle)
        while start >= 0 and needle:
            content = content.stylize("bold reverse", start, start + len(needle))
            start = folded.find(needle, start + len(needle))
    return content
