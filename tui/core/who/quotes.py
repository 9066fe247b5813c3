"""The library's quotes as the CLI and the Quotes screen list them: newest article first, in
body order, each with its cluster (the same quotation reported elsewhere)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from tui.core.extract import Quote
from tui.core.extract.model import SPEECH
from tui.core.library.article import Article
from tui.core.who.facts import REPORTED, SaidFact
from tui.core.who.index import WhoIndex


@dataclass(frozen=True, slots=True)
class Said:
    """A quote with the article it is in, and its node among the library's quotations (-1
    for a quote that is not speech). The cluster it belongs to changes as the library
    grows, so it is asked for when needed (:func:`cluster_of`), never kept on the row."""

    article: Article
    quote: Quote
    node: int = -1
    cue: str = ""
    """For a reported claim (``quote.kind`` reported): the words that report it ("said")."""


def said(article: Article, fact: SaidFact) -> Said:
    """A quote (or reported claim) of the who-index as a :class:`Said`."""
    return Said(article, Quote(fact.start, fact.end, fact.text, fact.kind, fact.speaker), fact.node, fact.cue)


def cluster_of(who: WhoIndex, row: Said) -> tuple[str, int]:
    """The id of the quote's cluster and how many reports it has ("" and 0 for a quote that
    is not speech)."""
    return who.cluster(row.node) if row.node >= 0 else ("", 0)


def is_first_report(who: WhoIndex, row: Said) -> bool:
    """Whether the quote is its cluster's earliest report (the row a grouped table shows)."""
    return cluster_of(who, row)[0] == f"{row.article.id}#{row.quote.start}"


class QuoteRows:
    """The library's speech quotes as rows, kept per article while its entry is the same:
    a refresh while indexing decodes only the new articles, not every quote again."""

    def __init__(self, who: WhoIndex) -> None:
        self.who = who
        self._rows_of: dict[str, tuple[object, tuple[Said, ...]]] = {}

    def rows(self) -> list[Said]:
        """Every speech quote and reported claim, newest article first, in body order."""
        self.who.refresh()
        known = self._rows_of
        found: list[Said] = []
        entries = self.who.library.ordered()
        for entry in entries:
            article_id = entry.article.id
            rows = known.get(article_id)
            if rows is None or rows[0] is not entry:
                facts = self.who.said_in(article_id)
                made = tuple(said(entry.article, f) for f in facts if f.kind in (SPEECH, REPORTED))
                rows = known[article_id] = (entry, made)
            found += rows[1]
        if len(known) > len(entries):  # articles were removed
            current = {entry.article.id for entry in entries}
            for article_id in [a for a in known if a not in current]:
                del known[article_id]
        return found


def library_quotes(
    who: WhoIndex, *, every_kind: bool = False, reported: bool = False, speakers: Collection[str] | None = None
) -> list[Said]:
    """The library's speech quotes (``every_kind``: scare quotes, titles and terms too;
    ``reported``: reported claims too), newest article first, in body order; with
    ``speakers``, only those said by one of them."""
    who.refresh()
    found: list[Said] = []
    for entry in who.library.ordered():
        for fact in who.said_in(entry.article.id):
            wanted = fact.kind == SPEECH or (reported if fact.kind == REPORTED else every_kind)
            if wanted and (speakers is None or fact.speaker in speakers):
                found.append(said(entry.article, fact))
    return found


def reports_of(who: WhoIndex, node: int) -> list[Said]:
    """Every report in the cluster of a speech quote's node, earliest first."""
    found: list[Said] = []
    for article_id, start in who.reports(node) if node >= 0 else ():
        article = who.library.get(article_id)
        fact = next((f for f in who.said_in(article_id) if f.start == start and f.node >= 0), None)
        if article is not None and fact is not None:
            found.append(said(article, fact))
    return found
