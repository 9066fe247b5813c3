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
    """A quote with the article it is in, and its cluster: id and how many reports it has
    ("" and 0 for a quote that is not speech)."""

    article: Article
    quote: Quote
    node: int = -1
    cluster: str = ""
    reports: int = 0


def said(article: Article, fact: SaidFact, who: WhoIndex) -> Said:
    """A quote of the who-index as a :class:`Said`, with its cluster."""
    quote = Quote(fact.start, fact.end, fact.text, fact.kind, fact.speaker)
    if fact.node < 0:
        return Said(article, quote)
    cluster, reports = who.cluster(fact.node)
    return Said(article, quote, fact.node, cluster, reports)


def library_quotes(who: WhoIndex, *, every_kind: bool = False, speakers: Collection[str] | None = None) -> list[Said]:
    """The library's speech quotes (``every_kind``: scare quotes, titles and terms too),
    newest article first, in body order; with ``speakers``, only those said by one of them."""
    who.refresh()
    found: list[Said] = []
    for entry in who.library.ordered():
        for fact in who.said_in(entry.article.id):
            wanted = fact.kind == SPEECH or (every_kind and fact.kind != REPORTED)
            if wanted and (speakers is None or fact.speaker in speakers):
                found.append(said(entry.article, fact, who))
    return found


def reports_of(who: WhoIndex, node: int) -> list[Said]:
    """Every report in the cluster of a speech quote's node, earliest first."""
    found: list[Said] = []
    for article_id, start in who.reports(node) if node >= 0 else ():
        article = who.library.get(article_id)
        fact = next((f for f in who.said_in(article_id) if f.start == start and f.node >= 0), None)
        if article is not None and fact is not None:
            found.append(said(article, fact, who))
    return found
