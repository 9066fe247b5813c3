"""``y`` on a quote, wherever it is shown: copy it with its citation, and say so."""

from __future__ import annotations

from collections.abc import Iterable

from textual.screen import Screen

from tui.core.extract import Quote
from tui.core.library.article import Article
from tui.core.who.citation import Named, cite

NOTICE_CHARS = 90
"""How much of the citation the notice shows."""


def copy_citation(
    screen: Screen[None], article: Article, quote: Quote, named: Iterable[Named] = (), cue: str = ""
) -> str:
    """Copy the quote (or reported claim) with its citation to the clipboard (Textual's OSC 52)
    and tell the user."""
    text = cite(article, quote, named, cue)
    screen.app.copy_to_clipboard(text)
    shown = text if len(text) <= NOTICE_CHARS else text[: NOTICE_CHARS - 1] + "…"
    screen.notify(shown, title="Copied with its citation", timeout=4)
    return text


def no_quote(screen: Screen[None]) -> None:
    """Say that ``y`` needs a quote."""
    screen.notify("y copies a quote (or a reported claim) with its citation: move to one first", timeout=3)
