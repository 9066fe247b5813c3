"""The Byline application: screens over a loaded library. ``make_app`` serves the CLI and tests."""

from __future__ import annotations

from typing import Iterable, Sequence

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from .core.library import Library
from .core.paths import styles_dir
from .screens.help import HelpScreen
from .screens.library import LibraryScreen
from .screens.people import PeopleScreen
from .screens.quotes import QuotesScreen
from .screens.reader import ReaderScreen

THEMES = {"dark": "textual-dark", "light": "textual-light"}
STYLE_SHEETS = ("app.tcss", "library.tcss", "reader.tcss", "help.tcss")


class BylineApp(App[int]):
    """Keyboard-driven reader for a library of news articles."""

    TITLE = "Byline"
    CSS_PATH = [styles_dir() / name for name in STYLE_SHEETS]
    MODES = {"library": LibraryScreen, "quotes": QuotesScreen, "people": PeopleScreen}
    DEFAULT_MODE = "library"
    BINDINGS = [
        Binding("question_mark", "help", "Help"),
        Binding("1", "switch_mode('library')", "Library screen", show=False),
        Binding("2", "switch_mode('quotes')", "Quotes screen", show=False),
        Binding("3", "switch_mode('people')", "People screen", show=False),
        Binding("T", "toggle_theme", "Light/dark theme", show=False),
        Binding("ctrl+q", "quit", "Quit", show=False),
    ]

    def __init__(self, library: Library, *, theme: str | None = None) -> None:
        super().__init__()
        self.library = library
        self.theme = THEMES.get(theme or "dark", THEMES["dark"])

    def open_article(self, article_id: str, order: Sequence[str] = (), offset: int | None = None) -> None:
        """Open the reader on one article (at ``offset``); ``order`` is the list ``[``/``]`` walk."""
        self.push_screen(ReaderScreen(self.library, article_id, order, offset))

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_toggle_theme(self) -> None:
        self.theme = THEMES["light"] if self.theme == THEMES["dark"] else THEMES["dark"]

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette offers every key's action on the current screen, then Textual's own."""
        seen: set[str] = set()
        for key, active in screen.active_bindings.items():
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


def make_app(library: Library, *, theme: str | None = None) -> BylineApp:
    """Build the app over a loaded library (used by the CLI and the tests)."""
    return BylineApp(library, theme=theme)
