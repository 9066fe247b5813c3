"""The people of a who-index: per name, the articles it is in, its counts, written forms and
roles; which names make one person; and finding people by a typed name.

Names grow and shrink with the articles added and removed (:meth:`Roster.add`,
:meth:`Roster.remove`). Which names make one person is decided by
:func:`~tui.core.extract.linking.link_people` over the names alone (a few ms), so the roster
and ``Library.people`` agree. Not thread-safe: the who-index calls it under its lock.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field

from tui.core.extract import Extraction, Person, PersonMention
from tui.core.extract.linking import link_people
from tui.core.who.facts import NameFact
from tui.core.who.names import names_like


@dataclass(slots=True)
class NameStats:
    """One name across the library: the articles (by number) it is in and its counts."""

    articles: array[int] = field(default_factory=lambda: array("I"))
    mentions: int = 0
    quoted: int = 0
    forms: dict[str, int] = field(default_factory=dict)
    roles: dict[str, int] = field(default_factory=dict)


def _count(counts: dict[str, int], keys: Iterable[str], step: int) -> None:
    for key in keys:
        left = counts.get(key, 0) + step
        if left > 0:
            counts[key] = left
        else:
            counts.pop(key, None)


def plain(name: str) -> str:
    """A name as typed names are compared with it exactly: case and spacing aside."""
    return " ".join(name.casefold().replace("_", " ").split())


class Roster:
    """The names of the articles numbered in ``ids`` (number -> article id), and the people
    they make; ``linked`` is what :func:`link_people` joined when it was last run (None:
    run it when first needed)."""

    def __init__(
        self,
        ids: dict[int, str],
        names: dict[str, NameStats] | None = None,
        linked: dict[str, str] | None = None,
    ) -> None:
        self.ids = ids
        self.names = names if names is not None else {}
        self.linked = linked
        self.forget()

    def forget(self) -> None:
        """Drop what is worked out from the names (after a change)."""
        self._target: dict[str, str] | None = None
        self._called: dict[str, set[str]] | None = None
        self._people: list[Person] | None = None
        self._made: dict[str, Person] = {}
        self._groups: dict[str, list[str]] | None = None
        self._by_folded: dict[str, set[str]] | None = None

    # -- keeping in step ----------------------------------------------------------------

    def add(self, number: int, fact: NameFact) -> None:
        """Count a name as found in article ``number``."""
        stats = self.names.get(fact.name)
        if stats is None:
            stats = self.names[fact.name] = NameStats()
            self.linked = None
        stats.articles.append(number)
        stats.mentions += fact.mentions
        stats.quoted += fact.quoted
        _count(stats.forms, fact.forms, 1)
        _count(stats.roles, fact.roles, 1)

    def remove(self, number: int, fact: NameFact) -> None:
        """Undo :meth:`add` of the same name and article."""
        stats = self.names[fact.name]
        stats.articles.remove(number)
        if not stats.articles:
            del self.names[fact.name]
            self.linked = None
            return
        stats.mentions -= fact.mentions
        stats.quoted -= fact.quoted
        _count(stats.forms, fact.forms, -1)
        _count(stats.roles, fact.roles, -1)

    # -- people -------------------------------------------------------------------------

    def linking(self) -> dict[str, str]:
        """The names ``link_people`` joins to another (a short name to the full one), run
        over the names alone when names came or went."""
        if self.linked is None:
            alone = ((name, Extraction([], [PersonMention(0, 0, name, name)])) for name in self.names)
            self.linked = {a: p.name for p in link_people(alone) for a in p.aliases if a != p.name}
        return self.linked

    def targets(self) -> dict[str, str]:
        """Each name's person (its canonical name)."""
        if self._target is None:
            linked = self.linking()
            self._target = {name: linked.get(name, name) for name in self.names}
        return self._target

    def callers(self) -> dict[str, set[str]]:
        """Every canonical name, alias and written form: the people it is a name of."""
        if self._called is None:
            called: dict[str, set[str]] = {}
            for name, person in self.targets().items():
                called.setdefault(name, set()).add(person)
                for form in self.names[name].forms:
                    called.setdefault(form, set()).add(person)
            self._called = called
        return self._called

    def _grouped(self) -> dict[str, list[str]]:
        """Each person's canonical name: the names that are theirs."""
        if self._groups is None:
            groups: dict[str, list[str]] = {}
            for name, canonical in self.targets().items():
                groups.setdefault(canonical, []).append(name)
            self._groups = groups
        return self._groups

    def _folded(self) -> dict[str, set[str]]:
        """:meth:`callers` by :func:`plain` key (case and spacing aside)."""
        if self._by_folded is None:
            folded: dict[str, set[str]] = {}
            for name, people in self.callers().items():
                folded.setdefault(plain(name), set()).update(people)
            self._by_folded = folded
        return self._by_folded

    def person(self, canonical: str) -> Person:
        """The person of a canonical name, their names combined."""
        return self._made.get(canonical) or self._combine(canonical, self._grouped()[canonical])

    def people(self) -> list[Person]:
        """Every person, most quoted first (as ``Library.people`` orders them)."""
        if self._people is None:
            made = [self.person(canonical) for canonical in self._grouped()]
            self._people = sorted(made, key=lambda p: (-p.quote_count, -len(p.article_ids), p.name))
        return self._people

    def _combine(self, canonical: str, group: list[str]) -> Person:
        stats = [self.names[n] for n in group]
        roles: dict[str, None] = {}
        for s in stats:
            roles.update(dict.fromkeys(s.roles))
        numbers = stats[0].articles if len(stats) == 1 else sorted({n for s in stats for n in s.articles})
        person = Person(
            canonical,
            tuple(sorted(({f for s in stats for f in s.forms} | set(group)) - {canonical})),
            tuple(roles),
            tuple(self.ids[n] for n in numbers),
            sum(s.quoted for s in stats),
            sum(s.mentions for s in stats),
        )
        self._made[canonical] = person
        return person

    def named(self, name: str) -> Person | None:
        """The person whose canonical name, alias or written form is exactly ``name`` (the
        person of that canonical name first)."""
        targets = self.targets()
        if name in targets and targets[name] == name:
            return self.person(name)
        people = self.callers().get(name)
        if not people:
            return None
        return self.person(targets.get(name, min(people)) if name in targets else min(people))

    def find(self, typed: str) -> list[Person]:
        """The people ``typed`` names, the best first: the one whose name or alias it is
        exactly (case aside); else by the ``@speaker`` rule, where a single person whose
        name has the typed word exactly wins over typos."""
        callers = self.callers()
        exact = self._folded().get(plain(typed), set())
        if exact:
            canonical = [p for p in exact if plain(p) == plain(typed)]
            return [self.person(p) for p in sorted(canonical or exact)]
        scores: dict[str, float] = {}
        for name, score in names_like(typed, callers).items():
            for person in callers[name]:
                scores[person] = max(score, scores.get(person, 0.0))
        best = [p for p, s in scores.items() if s >= 100]
        chosen = best if len(best) == 1 else scores
        found = [self.person(p) for p in chosen]
        return sorted(found, key=lambda p: (-scores[p.name], -p.quote_count, -len(p.article_ids), p.name))
