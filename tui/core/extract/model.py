"""Plain data produced by extraction: quotes and person mentions with character offsets."""

from __future__ import annotations

from dataclasses import dataclass, field

SPEECH = "speech"  # words someone said or wrote
SCARE = "scare"  # quote marks around nothing quotable
TERM = "term"  # a quoted name for a thing: the "peace plan"
TITLE = "title"  # a work's title: NBC's "Meet the Press"


@dataclass(frozen=True, slots=True)
class Quote:
    """A quoted stretch of text. ``spans`` are the pieces (an interrupted quote has several);
    ``start``/``end`` cover them all. Offsets index the text that was analysed."""

    start: int
    end: int
    text: str
    kind: str = SPEECH
    speaker: str | None = None
    spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class PersonMention:
    """A named person in the text; ``name`` is the canonical full name inside the text."""

    start: int
    end: int
    text: str
    name: str
    roles: tuple[str, ...] = ()
    credit: bool = False


@dataclass(frozen=True, slots=True)
class Reported:
    """Reported speech or an attributed claim without quote marks: "Rutte said that [Rubio is
    very involved]". ``text`` is the content (trailing punctuation trimmed), ``speaker`` the
    canonical name of who said it (None when the text does not name them) and ``cue`` the
    word that attributes it ("said", "according to")."""

    text: str
    start: int
    end: int
    speaker: str | None = None
    cue: str = ""


@dataclass(slots=True)
class Extraction:
    """Everything extracted from one text."""

    quotes: list[Quote] = field(default_factory=list)
    people: list[PersonMention] = field(default_factory=list)
    reported: list[Reported] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Person:
    """One real person across articles: canonical ``name``, the other forms it appears in,
    its roles, the articles that mention it and how often it is quoted and mentioned."""

    name: str
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    article_ids: tuple[str, ...] = ()
    quote_count: int = 0
    mention_count: int = 0
