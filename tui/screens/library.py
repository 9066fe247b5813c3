"""The library screen: every article in a sortable, filterable table with quote and people
counts; articles from feeds are bold until read, and the table can show only those, or
only one feed's."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.binding import Binding
from textual.content import Content
from textual.markup import escape

from tui.core.library.library import Entry
from tui.core.text import counted
from tui.messages import OpenArticle
from tui.screens.problems import ProblemsScreen
from tui.screens.table_screen import SortKey, TableScreen, marked
from tui.services.context import Context
from tui.widgets.table_columns import Cell, Column


class LibraryScreen(TableScreen[Entry]):
    """Lists the articles; Enter opens one in the reader."""

    HELP_TITLE = "Library"
    HELP = (
        "Press [b]f[/b] and type words to filter by title, source or id; [b]Enter[/b] or "
        "[b]Down[/b] goes back to the table, [b]Escape[/b] clears the filter. "
        "Click a column header to sort by it.\n\n"
        "Articles fetched from feeds (the Feeds screen, [b]5[/b]) are [b]bold[/b] until you "
        "open them; [b]m[/b] marks the highlighted one read or unread again, [b]u[/b] shows "
        "only the unread ones (again: all). Enter on a feed shows only its articles here; "
        "[b]Escape[/b] shows every article again."
    )
    NOUN = "articles"
    RECORDS_IN_DEFAULT_ORDER = True  # the library's order is newest first, ties by id
    FILTER_HINT = "Filter articles (f)…"
    COMPONENT_CLASSES: ClassVar[set[str]] = {"library--unread"}
    COLUMNS = (
        Column("date", "Date", 10),
        Column("title", "Title"),
        Column("source", "Source", 26),
        Column("quotes", "Quotes", 6, align="right"),
        Column("people", "People", 6, align="right"),
    )
    BINDINGS = [
        Binding("m", "toggle_read", "Read / unread"),
        Binding("u", "toggle_unread_only", "Unread only / all"),
        Binding("escape", "every_feed", "Every article"),
        Binding("p", "problems", "Problems"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, context: Context) -> None:
        super().__init__(context)
        self.unread_only = False
        """Whether only unread articles are listed (``u``)."""
        self.feed: tuple[str, str] | None = None
        """The feed (URL, title) whose articles alone are listed, if one is."""
        self._unread = 0

    def sort_keys(self) -> list[SortKey[Entry]]:
        return [
            SortKey("date", "date", lambda e: (e.article.ordinal, e.article.id), descending=True),
            SortKey("title", "title", lambda e: e.article.title.casefold()),
            SortKey("source", "source", lambda e: e.article.source.casefold()),
            SortKey("quotes", "quotes", lambda e: e.speech_count, descending=True),
            SortKey("people", "people", lambda e: e.people_count, descending=True),
        ]

    def records(self) -> list[Entry]:
        entries = self.context.library.ordered()
        if self.feed is not None:
            url = self.feed[0]
            entries = [e for e in entries if e.article.feed == url]
        read = self.context.read
        unread = [e for e in entries if read.is_unread(e.article)]
        self._unread = len(unread)
        return unread if self.unread_only else entries

    def record_key(self, record: Entry) -> str:
        return record.article.id

    def haystack(self, record: Entry) -> str:
        article = record.article
        return f"{article.title}\n{article.source}\n{article.id}"

    def cells(self, record: Entry, words: Sequence[str]) -> Sequence[Cell]:
        article = record.article
        cells: list[Cell] = [
            article.date_iso or "",
            marked(article.title, words),
            marked(article.source, words),
            str(record.speech_count),
            str(record.people_count),
        ]
        if self.context.read.is_unread(article):
            style = self.get_visual_style("library--unread", partial=True)
            cells = [Content(c).stylize(style) if isinstance(c, str) else c.stylize(style) for c in cells]
        return cells

    def open_record(self, record: Entry) -> None:
        self.post_message(OpenArticle(record.article.id, self.order))

    def status_parts(self) -> list[str]:
        parts = []
        if self.context.read.problem:
            parts.append("read marks off: read.json is damaged")
        elif self.unread_only:
            parts.append("only unread (u: all)")
        elif self._unread:
            parts.append(f"{self._unread} unread")
        if self.feed is not None:
            parts.append(f"feed: {escape(self.feed[1] or self.feed[0])} (esc: all)")
        library = self.context.library
        errors = len(library.errors)
        warnings = len(library.problems) - errors
        if errors or warnings:
            return [*parts, f"{counted(errors, 'file')} skipped, {counted(warnings, 'warning')} — p lists them"]
        return [*parts, "no load problems"]

    def data_version(self) -> object:
        return self.context.library.version, self.context.read.version  # opening an article reads it

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "every_feed":
            return self.feed is not None
        return True

    def show_feed(self, url: str, title: str = "") -> None:
        """List only the articles fetched from the feed at ``url``."""
        self.feed = (url, title)
        self.reload()
        self.refresh_bindings()

    def action_every_feed(self) -> None:
        self.feed = None
        self.reload()
        self.refresh_bindings()

    def action_toggle_unread_only(self) -> None:
        self.unread_only = not self.unread_only
        self.reload()

    def action_toggle_read(self) -> None:
        entry = self.highlighted()
        if entry is None:
            return
        article = entry.article
        read = self.context.read
        if not read.tracks(article):
            self.notify(read.problem or "Only articles fetched from feeds are read or unread.", severity="warning")
            return
        unread = read.is_unread(article)
        problem = read.mark([article], read=unread)
        if problem:
            self.notify(problem, severity="error", timeout=10, markup=False)
            return
        self.reload()

    def action_problems(self) -> None:
        self.app.push_screen(ProblemsScreen(self.context.library.problems))
