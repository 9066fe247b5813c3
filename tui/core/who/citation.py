"""A quote with its citation, as a journalist pastes it:
``"…" — Mark Rutte, NATO Secretary General (Source, 2025-12-02, URL)``; a reported claim as
``Reported: … — Mark Rutte, NATO Secretary General (admitted; Source, 2025-12-02, URL)``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from tui.core.extract import Quote
from tui.core.library.article import Article
from tui.core.search.docs import quote_text
from tui.core.who.facts import REPORTED


class Named(Protocol):
    """A person named in an article, with the roles written there (a mention or a name fact)."""

    @property
    def name(self) -> str: ...

    @property
    def roles(self) -> tuple[str, ...]: ...


def role_of(speaker: str | None, named: Iterable[Named]) -> str:
    """The speaker's role as the article gives it (the first written beside their name)."""
    for person in named:
        if person.name == speaker and person.roles:
            return person.roles[0]
    return ""


def cite(article: Article, quote: Quote, named: Iterable[Named] = (), cue: str = "") -> str:
    """The quoted words (without their marks or a closing comma), the speaker with their role
    in that article, and where and when it was published. A reported claim (``quote.kind``
    reported, ``cue`` the words that report it) is never put in quotation marks: it is cited
    as reported, so a copy cannot pass it off as the speaker's own words."""
    who = quote.speaker or "speaker unknown"
    role = role_of(quote.speaker, named)
    where = ", ".join(x for x in (article.source, article.date_iso or "", article.url) if x)
    speaker = who + (f", {role}" if role else "")
    if quote.kind == REPORTED:
        source = "; ".join(x for x in (cue, where) if x)
        return f"Reported: {quote.text} — {speaker} ({source})" if source else f"Reported: {quote.text} — {speaker}"
    words = quote_text(article.body, quote).rstrip(" ,;:")
    return f'"{words}" — {speaker}' + (f" ({where})" if where else "")
