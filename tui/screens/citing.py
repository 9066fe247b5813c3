"""``y`` on a quote, wherever it is shown: copy it with its citation, and say so."""

from __future__ import annotations

from collections.abc import Iterable

from textual.screen import Screen

from tui.core.extract import Quote
from tui.core.library.article import Article
from tui.core.who.citation import Named, cite

NOTICE_CHARS = 90
"""How much of the citation the notice shows."""


def copy_citation(screen: Screen[None], article: Article, quote: Quote, named: Iterable[Named] = ()) -> str:
    """Copy the quote with its citation to the clipboard (Textual's OSC 52) and tell the user."""
    text = cite(article, quote, named)
    screen.app.copy_to_clipboard(text)
    shown = text if len(text) <= NOTICE_CHARS else text[: NOTICE_CHARS - 1] + "…"
    screen.notify(shown, title="Copied with its citation", timeout=4)
    return text


def no_quote(screen: Screen[None]) -> None:
    """Say that ``y`` needs a quote."""
    screen.notify("y copies a quote with its citation: move to a quote first", timeout=3)
