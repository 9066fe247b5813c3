"""People across articles: one :class:`~.model.Person` per name, short names folded into the
full name they stand for."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .model import Extraction, Person


@dataclass(slots=True)
class _Tally:
    """One name's aliases, roles and articles (dicts as ordered sets), quotes and mentions."""

    aliases: set[str] = field(default_factory=set)
    roles: dict[str, None] = field(default_factory=dict)
    articles: dict[str, None] = field(default_factory=dict)
    quotes: int = 0
    mentions: int = 0

    def add(self, other: _Tally) -> None:
        self.aliases |= other.aliases
        self.roles.update(other.roles)
        self.articles.update(other.articles)
        self.quotes += other.quotes
        self.mentions += other.mentions


def link_people(extractions: Mapping[str, Extraction] | Iterable[tuple[str, Extraction]]) -> list[Person]:
    """One :class:`Person` per real person across articles ("Rutte" joins "Mark Rutte" when
    unambiguous). ``extractions`` maps article ids to extractions, or yields (id, extraction)
    pairs, read once: a library's are decoded one at a time and need not all be in memory."""
    # roles and articles are dicts used as ordered sets: first seen first, O(1) to test
    # (lists made linking 100k articles quadratic in a busy person's articles)
    stats: dict[str, _Tally] = {}
    pairs = extractions.items() if isinstance(extractions, Mapping) else extractions
    for art_id, ex in pairs:
        quote_counts: dict[str, int] = defaultdict(int)
        for q in ex.quotes:
            if q.speaker:
                quote_counts[q.speaker] += 1
        for p in ex.people:
            s = stats.get(p.name)
            if s is None:
                s = stats[p.name] = _Tally()
            s.aliases.add(p.text)
            s.roles.update(dict.fromkeys(p.roles))
            if art_id not in s.articles:
                s.articles[art_id] = None
                s.quotes += quote_counts.get(p.name, 0)
            s.mentions += 1
    # fold short names into the single longer name that ends with (or starts with) them
    longer: dict[str, list[str]] = defaultdict(list)
    for name in stats:
        toks = name.split()
        if len(toks) > 1:
            longer[toks[-1]].append(name)
    target: dict[str, str] = {}
    for name in stats:
        if len(name.split()) == 1 and len(longer.get(name, [])) == 1:
            target[name] = longer[name][0]
    merged: dict[str, _Tally] = {}
    for name, s in stats.items():
        m = merged.get(target.get(name, name))
        if m is None:
            m = merged[target.get(name, name)] = _Tally()
        m.add(s)
        m.aliases.add(name)
    return sorted(
        (
            Person(
                name=name,
                aliases=tuple(sorted(m.aliases - {name})),
                roles=tuple(m.roles),
                article_ids=tuple(m.articles),
                quote_count=m.quotes,
                mention_count=m.mentions,
            )
            for name, m in merged.items()
        ),
        key=lambda p: (-p.mention_count, p.name),
    )
