"""The feeds screen: each subscription with its new and unread articles, its last fetch and
what went wrong; keys to fetch, add and remove feeds, and Enter to read one feed's articles."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from textual.binding import Binding
from textual.content import Content
from textual.markup import escape

from tui.core.clean import clean_line
from tui.core.feeds.jsonstore import DamagedFile
from tui.core.feeds.subscriptions import FAILED, FeedState, Subscription
from tui.messages import OpenFeed
from tui.screens.add_feed import AddFeedDialog
from tui.screens.dialogs import ConfirmDialog
from tui.screens.table_screen import SortKey, TableScreen, marked
from tui.services.context import Context
from tui.services.feed_service import Subscribed
from tui.widgets.table_columns import Cell, Column

NO_FEEDS = "No feeds yet: press a to add one (or: byline feeds import FILE.opml)"


@dataclass(frozen=True, slots=True)
class FeedRow:
    """A subscription and how many of its articles in the library are unread."""

    subscription: Subscription
    unread: int


class FeedsScreen(TableScreen[FeedRow]):
    """The subscriptions; Enter lists one feed's articles in the library."""

    HELP_TITLE = "Feeds"
    HELP = (
        "Every subscription: its title, the articles its last fetch brought ([b]New[/b]), "
        "those not yet opened ([b]Unread[/b]), when it was last fetched and how that went. "
        "[b]r[/b] fetches every feed, [b]R[/b] the highlighted one; a line shows the feeds done "
        "and the articles saved, which appear in the library as they come, and ctrl+c stops "
        "the run. [b]a[/b] adds a feed (its address, or a page's that names its feed: it is "
        "fetched once to check), [b]d[/b] removes the highlighted one (its saved articles "
        "stay). [b]Enter[/b] lists the feed's articles in the library. Feeds are kept in "
        "feeds.json in the data folder, shared with [b]byline feeds[/b] and [b]byline fetch[/b]."
    )
    NOUN = "feeds"
    FILTER_HINT = "Filter feeds by title, address or tag (f)…"
    COMPONENT_CLASSES: ClassVar[set[str]] = {"feeds--failed", "feeds--damaged"}
    COLUMNS = (
        Column("title", "Feed"),
        Column("new", "New", 5, align="right"),
        Column("unread", "Unread", 6, align="right"),
        Column("fetched", "Last fetch", 16),
        Column("status", "Status"),
    )
    BINDINGS = [
        Binding("escape,q", "app.switch_mode('library')", "Library"),
        Binding("r", "fetch", "Fetch all"),
        Binding("R", "fetch_one", "Fetch this one"),
        Binding("a", "add", "Add a feed"),
        Binding("d", "remove", "Remove"),
    ]

    def __init__(self, context: Context) -> None:
        super().__init__(context)
        self.problem: str | None = None
        """Why the subscriptions cannot be read (a damaged feeds.json), else None."""
        self._told: str | None = None

    def sort_keys(self) -> list[SortKey[FeedRow]]:
        return [
            SortKey("title", "title", lambda r: r.subscription.name.casefold()),
            SortKey("unread", "unread", lambda r: r.unread, descending=True),
            SortKey("new", "new", lambda r: r.subscription.state.last_new, descending=True),
            SortKey("fetched", "last fetch", lambda r: r.subscription.state.last_fetched or "", descending=True),
        ]

    def records(self) -> list[FeedRow]:
        try:
            subscriptions = self.context.feeds.store.all()
        except DamagedFile as exc:
            self.problem = str(exc)
            return []
        self.problem = None
        unread = self.context.read.unread_by_feed(e.article for e in self.context.library.ordered())
        return [FeedRow(s, unread[s.url]) for s in subscriptions]

    def data_version(self) -> object:
        return self.context.library.version, self.context.read.version, self.context.feeds.version

    def record_key(self, record: FeedRow) -> str:
        return record.subscription.url

    def haystack(self, record: FeedRow) -> str:
        sub = record.subscription
        return "\n".join((sub.name, sub.url, *sub.tags))

    def cells(self, record: FeedRow, words: Sequence[str]) -> Sequence[Cell]:
        sub = record.subscription
        state = sub.state
        return (
            marked(sub.name, words),
            str(state.last_new) if state.last_status else "",
            str(record.unread or ""),
            local_time(state.last_fetched),
            self.status_cell(state),
        )

    def status_cell(self, state: FeedState) -> Cell:
        """How the last fetch went: its status, and its error in the error colour."""
        if state.last_status is None:
            return "never fetched"
        if state.last_error is None:
            return state.last_status
        style = "feeds--failed" if state.last_status == FAILED else "feeds--damaged"
        return Content(f"{state.last_status}: {state.last_error}").stylize(self.get_visual_style(style, partial=True))

    def status_parts(self) -> list[str]:
        if self.problem:
            return [f"feeds.json cannot be read: {escape(self.problem)}"]
        total = sum(r.unread for r in self._all or ())
        return [f"{total} unread"] if total else []

    def update_status(self) -> None:
        super().update_status()
        self.table.empty_text = "The subscriptions cannot be read (see the notice)" if self.problem else NO_FEEDS
        if self.problem and self.problem != self._told:
            self.notify(self.problem, title="feeds.json is damaged", severity="error", timeout=20, markup=False)
        self._told = self.problem

    def open_record(self, record: FeedRow) -> None:
        self.post_message(OpenFeed(record.subscription.url, record.subscription.name))

    def selected(self) -> Subscription | None:
        """The highlighted subscription, if any."""
        row = self.highlighted()
        return row.subscription if row is not None else None

    # -- keys ------------------------------------------------------------------------------

    def action_fetch(self) -> None:
        if not self._all and not self.problem:
            self.notify(NO_FEEDS, severity="warning")
        else:
            self.start_fetch(None)

    def action_fetch_one(self) -> None:
        sub = self.selected()
        if sub is None:
            self.notify(NO_FEEDS, severity="warning")
        else:
            self.start_fetch([sub.url])

    def start_fetch(self, urls: list[str] | None) -> None:
        """Start a fetch run, unless one is going on (then say so)."""
        if not self.context.feeds.fetch(urls):
            self.notify("A fetch is already going on: its progress shows above the status line.", severity="warning")

    def action_add(self) -> None:
        self.app.push_screen(AddFeedDialog(self.context.feeds), self._added)

    def _added(self, subscribed: Subscribed | None) -> None:
        if subscribed is None or subscribed.subscription is None:
            return
        sub, check = subscribed.subscription, subscribed.check
        found = f" (named by the page {check.url})" if check.discovered else ""
        if subscribed.new:
            entries = f"{check.entries} entries" if check.entries != 1 else "1 entry"
            message = f"Subscribed to {sub.name}: {sub.url}{found}, {entries} now. Press R to fetch it."
        else:
            message = f"Already subscribed to {sub.name}: {sub.url}{found}."
        self.notify(clean_line(message), timeout=10, markup=False)
        self.reload()
        keys = self.order
        if sub.url in keys:
            self.table.move_cursor(keys.index(sub.url))

    def action_remove(self) -> None:
        sub = self.selected()
        if sub is None:
            return
        detail = f"{sub.url}\nIts saved articles ({sub.state.articles}) stay in the library."
        self.app.push_screen(
            ConfirmDialog(f"Remove the feed {sub.name}?", detail, "Remove"),
            lambda yes: self._remove(sub, bool(yes)),
        )

    def _remove(self, sub: Subscription, yes: bool) -> None:
        if not yes:
            return
        problem = self.context.feeds.unsubscribe(sub.url)
        if problem:
            self.notify(problem, severity="error", timeout=10, markup=False)
        else:
            self.notify(clean_line(f"Removed {sub.name}; its saved articles stay."), markup=False)
        self.reload()


def local_time(stamp: str | None) -> str:
    """A UTC ``2024-05-01T12:00:00Z`` stamp as local ``2024-05-01 14:00`` ("" for none)."""
    if not stamp:
        return ""
    try:
        when = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return stamp
    return when.astimezone().strftime("%Y-%m-%d %H:%M")
