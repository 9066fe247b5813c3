"""The library screen: every article in a sortable, filterable table with quote and people counts."""

from __future__ import annotations

from collections.abc import Sequence

from textual.binding import Binding

from tui.core.library.library import Entry
from tui.messages import OpenArticle
from tui.screens.problems import ProblemsScreen
from tui.screens.table_screen import SortKey, TableScreen, marked
from tui.widgets.big_table import Cell, Column


class LibraryScreen(TableScreen[Entry]):
    """Lists the articles; Enter opens one in the reader."""

    HELP_TITLE = "Library"
    HELP = (
        "Press [b]f[/b] and type words to filter by title, source or id; [b]Enter[/b] or "
        "[b]Down[/b] goes back to the table, [b]Escape[/b] clears the filter. "
        "Click a column header to sort by it."
    )
    NOUN = "articles"
    RECORDS_IN_DEFAULT_ORDER = True  # the library's order is newest first, ties by id
    FILTER_HINT = "Filter articles (f)…"
    COLUMNS = (
        Column("date", "Date", 10),
        Column("title", "Title"),
        Column("source", "Source", 26),
        Column("quotes", "Quotes", 6, align="right"),
        Column("people", "People", 6, align="right"),
    )
    BINDINGS = [
        Binding("p", "problems", "Problems"),
        Binding("q", "app.quit", "Quit"),
    ]

    def sort_keys(self) -> list[SortKey[Entry]]:
        return [
            SortKey("date", "date", lambda e: (e.article.ordinal, e.article.id), descending=True),
            SortKey("title", "title", lambda e: e.article.title.casefold()),
            SortKey("source", "source", lambda e: e.article.source.casefold()),
            SortKey("quotes", "quotes", lambda e: e.speech_count, descending=True),
            SortKey("people", "people", lambda e: e.people_count, descending=True),
        ]

    def records(self) -> list[Entry]:
        return self.context.library.ordered()

    def record_key(self, record: Entry) -> str:
        return record.article.id

    def haystack(self, record: Entry) -> str:
        article = record.article
        return f"{article.title}\n{article.source}\n{article.id}"

    def cells(self, record: Entry, words: Sequence[str]) -> Sequence[Cell]:
        article = record.article
        return (
            article.date_iso or "",
            marked(article.title, words),
            marked(article.source, words),
            str(record.speech_count),
            str(record.people_count),
        )

    def open_record(self, record: Entry) -> None:
        self.post_message(OpenArticle(record.article.id, self.order))

    def status_parts(self) -> list[str]:
        library = self.context.library
        errors = len(library.errors)
        warnings = len(library.problems) - errors
        if errors or warnings:
            return [f"{errors} files skipped, {warnings} warnings — p lists them"]
        return ["no load problems"]

    def action_problems(self) -> None:
        self.app.push_screen(ProblemsScreen(self.context.library.problems))
