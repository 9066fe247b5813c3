"""A person's page: names, roles with when they were seen, quotes and mentions per month,
what they said (quotes and reported claims, newest first), who is named with them, and the
articles. Made from the who-index: only the person's own articles are decoded, and only
the quotes of those where they said something."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from tui.core.extract import Person
from tui.core.extract.model import SPEECH
from tui.core.library.article import Article
from tui.core.text import counted
from tui.core.who.facts import REPORTED
from tui.core.who.index import WhoIndex


@dataclass(frozen=True, slots=True)
class RoleSeen:
    """A role written beside the person's name, in how many articles, first and last seen
    (None: only in undated articles)."""

    role: str
    articles: int
    first: date | None
    last: date | None


@dataclass(frozen=True, slots=True)
class Month:
    """Quotes by and mentions of the person in the articles of one month (``YYYY-MM``)."""

    month: str
    quotes: int
    mentions: int


@dataclass(frozen=True, slots=True)
class Statement:
    """Something the person said in one article: a quote (``kind`` "quote") or a claim
    reported in their name ("reported", with the ``cue`` that reports it: "said")."""

    article: Article
    kind: str
    start: int
    end: int
    text: str
    speaker: str
    cue: str = ""
    node: int = -1


@dataclass(frozen=True, slots=True)
class Profile:
    """Everything the person page and ``byline person`` show."""

    person: Person
    roles: list[RoleSeen]
    timeline: list[Month]
    said: list[Statement]
    co_mentioned: list[tuple[str, int]]
    articles: list[Article]
    first_mention: dict[str, int]
    """Per article id, where the person is first named in its body (absent: only credited)."""

    @property
    def quotes(self) -> list[Statement]:
        """The person's quotes, newest first."""
        return [s for s in self.said if s.kind == QUOTE]

    @property
    def reported(self) -> list[Statement]:
        """The claims reported in the person's name, newest first."""
        return [s for s in self.said if s.kind == REPORTED]

    @property
    def summary(self) -> str:
        """``3 quotes · 1 reported claim · 2 articles · 7 mentions``"""
        return " · ".join(
            (
                counted(len(self.quotes), "quote"),
                counted(len(self.reported), "reported claim"),
                counted(len(self.articles), "article"),
                counted(self.person.mention_count, "mention"),
            )
        )


QUOTE = "quote"


def month_of(ordinal: int) -> str:
    """``YYYY-MM`` of a day number."""
    day = date.fromordinal(ordinal)
    return f"{day.year:04d}-{day.month:02d}"


def months_between(first: str, last: str) -> list[str]:
    """Every month from ``first`` to ``last`` (``YYYY-MM``), both included."""
    year, month = int(first[:4]), int(first[5:])
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def profile(who: WhoIndex, person: Person) -> Profile:
    """The person's page, from the who-index."""
    names = {person.name, *person.aliases}
    library = who.library
    roles: dict[str, list[int]] = {}
    per_month: dict[str, list[int]] = {}
    others: Counter[str] = Counter()
    said: list[Statement] = []
    articles: list[Article] = []
    first: dict[str, int] = {}
    for article_id in person.article_ids:
        article = library.get(article_id)
        if article is None:
            continue
        articles.append(article)
        ordinal = article.ordinal
        speaks = False
        mentions = 0
        met: set[str] = set()
        for fact in who.names_in(article_id):
            if fact.name not in names:
                met.add(fact.name)
                continue
            mentions += fact.mentions
            speaks = speaks or fact.quoted > 0 or fact.claims > 0
            if fact.start >= 0 and (article_id not in first or fact.start < first[article_id]):
                first[article_id] = fact.start
            for role in fact.roles:
                roles.setdefault(role, []).append(ordinal)
        quotes = 0
        for line in who.said_in(article_id) if speaks else ():
            if line.speaker in names and line.kind in (SPEECH, REPORTED):
                kind = QUOTE if line.kind == SPEECH else REPORTED
                quotes += kind == QUOTE
                said.append(
                    Statement(article, kind, line.start, line.end, line.text, line.speaker or "", line.cue, line.node)
                )
        if ordinal:
            counts = per_month.setdefault(month_of(ordinal), [0, 0])
            counts[0] += quotes
            counts[1] += mentions
        others.update({who.person_of(name) for name in met})
    others.pop(person.name, None)
    others.pop("", None)
    said.sort(key=lambda s: (-s.article.ordinal, s.article.id, s.start))
    articles.sort(key=lambda a: (-a.ordinal, a.id))
    return Profile(
        person,
        _roles(roles),
        _timeline(per_month),
        said,
        sorted(others.items(), key=lambda item: (-item[1], item[0])),
        articles,
        first,
    )


def _roles(seen: dict[str, list[int]]) -> list[RoleSeen]:
    """Roles, the most often seen first, with the dates they were first and last seen."""
    out = []
    for role, ordinals in seen.items():
        dated = [o for o in ordinals if o]
        out.append(
            RoleSeen(
                role,
                len(ordinals),
                date.fromordinal(min(dated)) if dated else None,
                date.fromordinal(max(dated)) if dated else None,
            )
        )
    return sorted(out, key=lambda r: (-r.articles, r.role))


def _timeline(per_month: dict[str, list[int]]) -> list[Month]:
    """Every month from the first to the last the person appears in, empty ones too."""
    if not per_month:
        return []
    months = months_between(min(per_month), max(per_month))
    return [Month(m, *per_month.get(m, (0, 0))) for m in months]
