"""The Byline application: screens over a loaded library. ``make_app`` serves the CLI and tests.

The app owns the :class:`~tui.services.context.Context` that screens are made with, and is
the one place that acts on the messages of :mod:`tui.messages`: screens and services say
what happened, the app decides what follows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from textual import work
from textual.app import App, ScreenStackError, SystemCommand
from textual.binding import Binding
from textual.screen import ModalScreen, Screen

from tui.core.clean import clean_line
from tui.core.feeds.articles import articles_dir
from tui.core.feeds.options import Options
from tui.core.library.indexer import Indexer
from tui.core.library.library import Entry, Library
from tui.core.notes.db_file import StoreError
from tui.core.notes.notebook import Notebook
from tui.core.notes.store import AnnotationStore, answer_damaged, resolve_db_path
from tui.core.paths import styles_dir
from tui.core.search.library_index import LibraryIndex
from tui.core.who.index import WhoIndex
from tui.messages import (
    FetchFinished,
    FetchProgressed,
    LibraryChanged,
    NotesChanged,
    OpenArticle,
    OpenFeed,
    SearchCaughtUp,
)
from tui.screens.dialogs import DamagedNotesDialog
from tui.screens.feeds import FeedsScreen
from tui.screens.help import HelpScreen
from tui.screens.library import LibraryScreen
from tui.screens.notes import NotesScreen
from tui.screens.people import PeopleScreen
from tui.screens.quotes import QuotesScreen
from tui.screens.reader import ReaderScreen
from tui.screens.search import SearchScreen
from tui.screens.table_screen import TableScreen
from tui.services.context import Context
from tui.services.feed_service import FeedService, run_summary
from tui.services.library_sync import LibrarySync
from tui.services.read_marks import ReadMarks
from tui.services.search_service import SearchService

THEMES = {"dark": "textual-dark", "light": "textual-light"}
STYLE_SHEETS = ("app.tcss", "library.tcss", "reader.tcss", "help.tcss", "search.tcss", "person.tcss", "feeds.tcss")
SCREENS_BY_MODE: dict[str, Callable[[Context], Screen[None]]] = {
    "library": LibraryScreen,
    "quotes": QuotesScreen,
    "people": PeopleScreen,
    "notes": NotesScreen,
    "feeds": FeedsScreen,
}
"""The screens ``1``-``5`` switch between, each made once with the app's context."""


class BylineApp(App[int]):
    """Keyboard-driven reader for a library of news articles."""

    TITLE = "Byline"
    CSS_PATH = [styles_dir() / name for name in STYLE_SHEETS]
    DEFAULT_MODE = "library"
    BINDINGS = [
        Binding("question_mark", "help", "Help"),
        Binding("slash", "search", "Search"),
        Binding("1", "switch_mode('library')", "Library screen", show=False),
        Binding("2", "switch_mode('quotes')", "Quotes screen", show=False),
        Binding("3", "switch_mode('people')", "People screen", show=False),
        Binding("4", "switch_mode('notes')", "Notes screen", show=False),
        Binding("5", "switch_mode('feeds')", "Feeds screen", show=False),
        Binding("T", "toggle_theme", "Light/dark theme", show=False),
        Binding("escape", "stop_indexing", "Stop indexing", show=False),
        Binding("ctrl+q", "quit", "Quit", show=False),
    ]

    def __init__(
        self,
        library: Library,
        store: AnnotationStore,
        *,
        theme: str | None = None,
        indexer: Indexer | None = None,
        fetch_options: Options | None = None,
    ) -> None:
        super().__init__()
        notebook = Notebook(store, library)
        sync = LibrarySync(self, indexer) if indexer else None
        folder = indexer.cache.folder if indexer and indexer.cache else None
        who = WhoIndex(library, folder)
        feeds = FeedService(self, options=fetch_options)
        search = SearchService(self, notebook, folder)
        self.context = Context(library, notebook, search, feeds, ReadMarks(), sync, who=who)
        for mode, make in SCREENS_BY_MODE.items():
            self.add_mode(mode, partial(make, self.context))
        self.theme = THEMES.get(theme or "dark", THEMES["dark"])

    # -- what tests and the bench read ------------------------------------------------------

    @property
    def library(self) -> Library:
        """The library shown."""
        return self.context.library

    @property
    def notebook(self) -> Notebook:
        """The annotations, placed on the library's articles."""
        return self.context.notebook

    @property
    def library_sync(self) -> LibrarySync | None:
        """Indexing and folder polls (None for a library loaded beforehand)."""
        return self.context.sync

    @property
    def search_index(self) -> LibraryIndex:
        """The index over every article and note (filled in the background at start)."""
        return self.context.search.index

    @property
    def search_ready(self) -> bool:
        """Whether the whole library is indexed."""
        return self.context.search.ready

    # -- start -----------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.context.search.build(list(self.library.entries()))
        self.refresh_who()
        if self.library_sync:
            self.library_sync.start()
        if self.context.read.problem:
            self.notify(
                self.context.read.problem, title="read.json is damaged", severity="error", timeout=20, markup=False
            )
        problem = self.notebook.store.problem
        if problem:
            self.push_screen(DamagedNotesDialog(problem), self._damaged_answer)

    def _damaged_answer(self, backup: bool | None) -> None:
        """Move the damaged notes file aside only when the user said so."""
        try:
            store, notice = answer_damaged(self.notebook.store, backup=bool(backup))
        except StoreError as exc:
            self.notify(str(exc), severity="error", timeout=10)
            return
        self.notebook.store = store
        self.notify(notice, severity="warning" if store.read_only else "information", timeout=10)

    # -- what screens and services tell the app -----------------------------------------------

    def on_open_article(self, message: OpenArticle) -> None:
        self.open_article(message.article_id, message.order, message.offset, message.matches)

    def open_article(
        self,
        article_id: str,
        order: Sequence[str] = (),
        offset: int | None = None,
        matches: Sequence[tuple[int, int]] | None = None,
    ) -> None:
        """Open the reader on one article (at ``offset``, with ``matches`` highlighted);
        ``order`` is the list ``[``/``]`` walk."""
        self.push_screen(ReaderScreen(self.context, article_id, order, offset, matches))

    def on_notes_changed(self, message: NotesChanged) -> None:
        self.context.search.refresh_notes(message.article_id)

    def on_library_changed(self, message: LibraryChanged) -> None:
        if message.removed:
            self.unindex_articles(message.removed)
        if message.added:
            self.index_entries(e for e in map(self.library.entry, message.added) if e is not None)
        if message.settled:
            self.refresh_who()
            self.context.search.save_now()
            self.sync_shown(TableScreen)  # a run ended: catch up now, not at the next refresh

    def sync_shown(self, kind: type[TableScreen[Any]]) -> None:
        """Have the screen shown catch up with what changed, if it is a ``kind``. Messages
        still come while the app closes, when no screen is shown."""
        try:
            screen = self.screen
        except ScreenStackError:
            return
        if isinstance(screen, kind):
            screen.sync_library()

    def on_fetch_progressed(self, message: FetchProgressed) -> None:
        if message.progress.saved is not None and self.library_sync:
            self.library_sync.poll()  # the new article shows now, not at the next poll
        if message.progress.feed is not None:
            self.sync_shown(FeedsScreen)

    def on_fetch_finished(self, message: FetchFinished) -> None:
        if self.library_sync:
            self.library_sync.poll()
        self.sync_shown(FeedsScreen)
        if message.problem:
            self.notify(message.problem, title="Could not fetch", severity="error", timeout=20, markup=False)
            return
        text = run_summary(message.results, stopped=message.stopped)
        unseen = self._why_unseen() if any(r.new for r in message.results) else None
        if unseen:
            text += f" They are not shown here: {unseen}."
        failed = not all(r.ok for r in message.results)
        self.notify(clean_line(text), severity="warning" if failed else "information", timeout=10, markup=False)

    def _why_unseen(self) -> str | None:
        """Why the articles a fetch saves do not show in this library, if they do not."""
        saved = articles_dir(self.context.feeds.options.into)
        if self.library_sync is None or not any(saved.is_relative_to(Path(r).absolute()) for r in self.library.roots):
            return f"they are saved in {saved}, which this library does not read (byline without PATHS does)"
        if self.library_sync.stopped:
            return "indexing was stopped, so they show next time"
        return None

    def on_open_feed(self, message: OpenFeed) -> None:
        self.switch_mode("library")
        while len(self.screen_stack) > 1:  # a reader left open over the library
            self.pop_screen()
        library = self.screen_stack[0]
        if isinstance(library, LibraryScreen):
            library.show_feed(message.feed, message.title)

    def on_search_caught_up(self, message: SearchCaughtUp) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, SearchScreen) and screen.partial:
                screen.refresh_results()

    @work(thread=True, exclusive=True, group="who")
    def refresh_who(self) -> None:
        """Bring the who-index up to date (and save it) off the UI thread: at start, so a
        person page opens at once, and after indexing settles."""
        self.context.said.refresh()

    def index_entries(self, entries: Iterable[Entry]) -> None:
        """Index (or re-index) articles added to the library; safe from any thread."""
        self.context.search.add_entries(entries)

    def unindex_articles(self, article_ids: Iterable[str]) -> None:
        """Drop removed articles from the search index; safe from any thread."""
        self.context.search.remove_articles(article_ids)

    # -- keys ------------------------------------------------------------------------------

    def action_search(self) -> None:
        if not isinstance(self.screen, SearchScreen | ModalScreen):
            self.push_screen(SearchScreen(self.context, self.context.last_search))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "stop_indexing":
            return bool(self.library_sync and self.library_sync.running)
        return True

    def action_stop_indexing(self) -> None:
        """Stop indexing; what is indexed stays, the rest is indexed next time."""
        if self.library_sync and self.library_sync.running:
            self.library_sync.stop()
            self.notify("Indexing stopped; what is indexed stays (the rest next time).", timeout=5)

    def action_help_quit(self) -> None:
        """ctrl+c stops indexing while there is some, else a fetch run, else says how to quit."""
        if self.library_sync and self.library_sync.running:
            self.action_stop_indexing()
        elif self.context.feeds.running:
            self.context.feeds.stop()
            self.notify(
                "Stopping the fetch: the feeds being fetched finish, the others are fetched next time.", timeout=5
            )
        else:
            super().action_help_quit()

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_toggle_theme(self) -> None:
        self.theme = THEMES["light"] if self.theme == THEMES["dark"] else THEMES["dark"]

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The palette offers every key's action on the current screen, then Textual's own."""
        seen: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.description or binding.action in seen:
                continue
            seen.add(binding.action)
            node = active.node
            yield SystemCommand(
                binding.description,
                f"Key: {self.get_key_display(binding)}",
                lambda node=node, action=binding.action: self.call_later(node.run_action, action),
            )
        yield from super().get_system_commands(screen)


def make_app(
    library: Library,
    store: AnnotationStore | None = None,
    *,
    theme: str | None = None,
    indexer: Indexer | None = None,
    fetch_options: Options | None = None,
) -> BylineApp:
    """Build the app over a loaded library and an annotation store (default: ``BYLINE_DB``
    or the user data folder); with an ``indexer`` (whose library it is) the app indexes
    what is not cached and watches the folders; ``fetch_options`` are how feeds are fetched
    (tests shorten the timeouts). Used by the CLI and the tests."""
    store = store or AnnotationStore(resolve_db_path(None))
    return BylineApp(library, store, theme=theme, indexer=indexer, fetch_options=fetch_options)
