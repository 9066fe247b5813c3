"""The library's quotes and a person's appearances, as the CLI and the screens list them."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from tui.core.extract import Person, Quote
from tui.core.library.article import Article
from tui.core.library.library import Library

QUOTE = "quote"
MENTION = "mention"


@dataclass(frozen=True, slots=True)
class Said:
    """A quote with the article it is in."""

    article: Article
    quote: Quote


@dataclass(frozen=True, slots=True)
class Appearance:
    """Where a person appears: a quote of theirs (``kind`` quote) or a mention, in one article;
    ``text`` is the quote, or the mention with some words around it."""

    article: Article
    kind: str
    start: int
    text: str


def library_quotes(
    library: Library, *, every_kind: bool = False, speakers: Collection[str] | None = None
) -> list[Said]:
    """The library's speech quotes (``every_kind``: scare quotes, titles and terms too),
    newest article first, in body order; with ``speakers``, only those said by one of them."""
    found: list[Said] = []
    for entry in library.ordered():
        quotes = entry.extraction.quotes if every_kind else entry.speech_quotes
        found += [Said(entry.article, q) for q in quotes if speakers is None or q.speaker in speakers]
    return found


def speaker_names(library: Library, wanted: str) -> set[str]:
    """The speaker names that ``wanted`` refers to: a person's name and aliases when it is
    one exactly, else the speakers whose name holds it, else close spellings."""
    person = library.person(wanted)
    if person is not None:
        return {person.name, *person.aliases}
    speakers = {q.speaker for e in library.entries() for q in e.extraction.quotes if q.speaker}
    folded = wanted.casefold()
    found = {s for s in speakers if folded in s.casefold()}
    if not found:
        found = {m[0] for m in process.extract(wanted, list(speakers), scorer=fuzz.WRatio, score_cutoff=85, limit=5)}
    return found


def appearances(library: Library, person: Person) -> list[Appearance]:
    """Every quote by ``person`` and every mention of them, article by article."""
    names = {person.name, *person.aliases}
    found: list[Appearance] = []
    for article_id in person.article_ids:
        entry = library.entry(article_id)
        if entry is None:
            continue
        body = entry.article.body
        found += [Appearance(entry.article, QUOTE, q.start, q.text) for q in entry.speech_quotes if q.speaker in names]
        found += [
            Appearance(entry.article, MENTION, m.start, mention_context(body, m.start, m.end))
            for m in entry.extraction.people
            if m.name in names or m.text in names
        ]
    return found


def mention_context(body: str, start: int, end: int, width: int = 60) -> str:
    """The mention ``body[start:end]`` with some words around it, for one line of a table."""
    left = body.rfind(" ", 0, max(0, start - width))
    right = body.find(" ", min(len(body), end + width))
    text = body[left + 1 if left >= 0 else 0 : right if right >= 0 else len(body)]
    return ("…" if left > 0 else "") + text + ("…" if right >= 0 else "")
