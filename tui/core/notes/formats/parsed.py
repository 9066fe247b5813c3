"""What reading an import file gives: Byline annotations ready to store, annotations from
other tools still to be placed on an article (:class:`Foreign`), and what could not be read."""

from __future__ import annotations

from dataclasses import dataclass

from tui.core.notes.annotations import Annotation


class BadImport(ValueError):
    """The whole file cannot be imported (unreadable, not JSON, not a known shape); the
    message says why. Nothing is written to the annotation file."""


@dataclass(frozen=True, slots=True)
class Foreign:
    """An annotation made elsewhere (Hypothesis, another W3C tool), as its file gives it:
    the page it was made on, its quote with context and position, its note and tags."""

    uri: str
    """The page as the other tool named it (what the library's articles are matched on)."""
    exact: str
    prefix: str = ""
    suffix: str = ""
    start: int | None = None
    """Where the quote began in the other tool's text of the page: a hint, never trusted."""
    note: str = ""
    tags: tuple[str, ...] = ()
    created: str | None = None
    updated: str | None = None
    key: str = ""
    """The other tool's id for it (empty when it has none): what makes its Byline id stable."""
    sources: tuple[str, ...] = ()
    """Other URIs of the same page (a target's ``source``), tried after ``uri``."""


@dataclass(frozen=True, slots=True)
class Parsed:
    """The annotations of one import file, in file order, and a message per record that
    could not be read."""

    annotations: tuple[Annotation, ...] = ()
    foreign: tuple[Foreign, ...] = ()
    errors: tuple[str, ...] = ()
