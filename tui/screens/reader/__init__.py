"""The reader: one article, who said what highlighted, a cursor, notes, and keys to move
through the library."""

from tui.screens.reader.article import MATCH
from tui.screens.reader.screen import ReaderScreen

__all__ = ["MATCH", "ReaderScreen"]
