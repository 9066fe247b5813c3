"""The who-index: who said what across a library, kept in step with it and kept on disk.

Per article it keeps :class:`~tui.core.who.facts.Facts` (quotes, reported claims, people
named; no body) under a stamp of what they were made from (body hash, date, caption). Over
the library it keeps, per name, the articles it is in and its counts, forms and roles, so
people are linked without reading any article; and the quote :class:`Clusters`. Every part
grows and shrinks with the articles added and removed: :meth:`WhoIndex.refresh` compares
the library with what is known and redoes only the articles that changed. Which names make
one person is still decided by :func:`~tui.core.extract.linking.link_people` (over the
names alone, a few ms), so the index and ``Library.people`` agree.

Thread-safe: changes and questions take one lock; a refresh lets go of it between batches
of articles, so a question waits for one batch at most.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
import threading
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from tui.core.extract import Extraction, Person, PersonMention
from tui.core.extract.linking import link_people
from tui.core.library import cache as library_cache
from tui.core.library.article import Article
from tui.core.library.library import Entry, Library
from tui.core.library.records import Record, plain_loads
from tui.core.search import docs, text
from tui.core.who import clusters as clusters_module
from tui.core.who import facts as facts_module
from tui.core.who import names as names_module
from tui.core.who import store
from tui.core.who.clusters import Clusters, Report, first_report
from tui.core.who.facts import NameFact, SaidFact, decode_names, decode_said, encode_names, encode_said, facts_of
from tui.core.who.names import names_like

T = TypeVar("T")

BATCH = 200
"""Articles redone per hold of the lock during a refresh."""


def who_stamp() -> str:
    """A fingerprint of the code that decides what the who-index holds: the cache's code
    stamp (loader and extractor) and the who-index's own modules."""
    digest = hashlib.sha1(library_cache.code_stamp().encode(), usedforsecurity=False)
    for module in (clusters_module, facts_module, names_module, store, docs, text, sys.modules[__name__]):
        path = Path(module.__file__ or "")
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return f"{store.FORMAT}:{digest.hexdigest()}"


def article_stamp(article: Article) -> bytes:
    """What an article's facts are made from, as it is now: the hash of its file's bytes when
    it came from the cache (no work), else a hash of its body hash, date and caption."""
    record = getattr(article, "record", None)
    if isinstance(record, Record):
        return record.digest
    made = f"{article.content_hash}\0{article.ordinal}\0{article.caption}".encode("utf-8", "surrogatepass")
    return hashlib.sha1(made, usedforsecurity=False).digest()


@dataclass(slots=True)
class _Known:
    number: int
    stamp: bytes
    names: bytes | memoryview
    said: bytes | memoryview


@dataclass(slots=True)
class _NameStats:
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


def _plain(name: str) -> str:
    """A name as typed names are compared with it exactly: case and spacing aside."""
    return " ".join(name.casefold().replace("_", " ").split())


class WhoIndex:
    """Who said what across ``library``; persisted in ``folder`` (None: in memory only)."""

    def __init__(self, library: Library, folder: Path | None = None) -> None:
        self.library = library
        self.folder = folder
        self.problem = ""
        """Why the file on disk was not used at the last load ("" when it was, or none was)."""
        self._lock = threading.RLock()
        self._refreshing = threading.Lock()
        self._loaded = False
        self._version = -1
        self._known: dict[str, _Known] = {}
        self._stored: dict[str, int] = {}
        """Articles read from disk whose entry is not made yet: their row in ``_columns``."""
        self._columns: tuple[list[int], list[bytes], array[int], memoryview | bytes] = ([], [], array("Q"), b"")
        self._stamps: dict[str, bytes] = {}
        self._ids: dict[int, str] = {}
        self._next = 0
        self._names: dict[str, _NameStats] = {}
        self._clusters: Clusters | None = None
        self._clusters_raw: bytes | None = None
        self._linked: dict[str, str] | None = None
        self._dirty = False
        self._forget()

    def _forget(self) -> None:
        """Drop what is worked out from the rest (after a change)."""
        self._target: dict[str, str] | None = None
        self._called: dict[str, set[str]] | None = None
        self._people: list[Person] | None = None
        self._made: dict[str, Person] = {}
        self._groups: dict[str, list[str]] | None = None
        self._by_folded: dict[str, set[str]] | None = None
        self._cluster_ids: dict[int, tuple[str, int]] | None = None

    # -- keeping in step ----------------------------------------------------------------

    def refresh(self) -> bool:
        """Bring the index up to date with the library (loading it from disk first, once);
        returns whether anything changed. Saves when it did and there is a folder."""
        with self._refreshing:
            if not self._loaded:
                self._load()
            with self._lock:
                version = self.library.version
                if version == self._version:
                    return False
            return self._catch_up(version)

    def _catch_up(self, version: int) -> bool:
        entries = self.library.entries()
        present = {entry.article.id for entry in entries}
        changed = False
        with self._lock:
            for article_id in [a for a in self._stamps if a not in present]:
                self._drop(article_id)
                changed = True
            stamps = self._stamps
            todo = [e for e in entries if stamps.get(e.article.id) != article_stamp(e.article)]
        for start in range(0, len(todo), BATCH):
            with self._lock:
                for entry in todo[start : start + BATCH]:
                    changed |= self._take(entry)
        with self._lock:
            self._version = version
            if changed:
                self._forget()
                self._dirty = True
            if self._dirty and self.folder is not None:
                self.save()
        return changed

    def _take(self, entry: Entry) -> bool:
        """Know the entry as it is now; returns whether its facts were (re)made."""
        article_id = entry.article.id
        stamp = article_stamp(entry.article)
        known = self._stamps.get(article_id)
        if known == stamp:
            return False
        if known is not None:
            self._drop(article_id)
        number, self._next = self._next, self._next + 1
        clusters = self.clusters

        def node_of(start: int, quoted: str, speaker: str | None) -> int:
            return clusters.add((article_id, start), quoted, speaker)

        found = facts_of(entry, node_of)
        for fact in found.names:
            stats = self._names.get(fact.name)
            if stats is None:
                stats = self._names[fact.name] = _NameStats()
                self._linked = None
            stats.articles.append(number)
            stats.mentions += fact.mentions
            stats.quoted += fact.quoted
            _count(stats.forms, fact.forms, 1)
            _count(stats.roles, fact.roles, 1)
        self._known[article_id] = _Known(number, stamp, encode_names(found.names), encode_said(found.said))
        self._stamps[article_id] = stamp
        self._ids[number] = article_id
        return True

    def _known_of(self, article_id: str) -> _Known | None:
        """An article's entry, made from the file's columns when first needed."""
        known = self._known.get(article_id)
        if known is None and article_id in self._stored:
            index = self._stored.pop(article_id)
            number, stamps, spans, details = self._columns
            a, b, c = spans[3 * index : 3 * index + 3]
            known = self._known[article_id] = _Known(number[index], stamps[index], details[a:b], details[b:c])
        return known

    def _drop(self, article_id: str) -> None:
        known = self._known_of(article_id)
        assert known is not None, f"{article_id} is not indexed"
        del self._known[article_id], self._stamps[article_id], self._ids[known.number]
        try:
            names, said = decode_names(known.names), decode_said(known.said)
        except Exception:  # damaged on disk since it was read: start over
            self._reset("a damaged article record")
            return
        clusters = self.clusters
        for quote in said:
            if quote.node >= 0:
                clusters.remove((article_id, quote.start), quote.node)
        for fact in names:
            stats = self._names[fact.name]
            stats.articles.remove(known.number)
            if not stats.articles:
                del self._names[fact.name]
                self._linked = None
                continue
            stats.mentions -= fact.mentions
            stats.quoted -= fact.quoted
            _count(stats.forms, fact.forms, -1)
            _count(stats.roles, fact.roles, -1)

    def _reset(self, why: str) -> None:
        """Forget everything (something read from disk was damaged): the next refresh
        rebuilds the index from the library."""
        self.problem = why
        self._known, self._stored, self._stamps, self._ids, self._names = {}, {}, {}, {}, {}
        self._clusters, self._clusters_raw, self._linked = Clusters(), None, None
        self._version = -1
        self._forget()

    # -- on disk ------------------------------------------------------------------------

    @property
    def _roots(self) -> tuple[str, ...]:
        return tuple(str(Path(r).resolve()) for r in self.library.roots)

    def _load(self) -> None:
        self._loaded = True
        if self.folder is None:
            return
        try:
            sections, details = store.read(self.folder, who_stamp(), self._roots)
            ids, numbers, stamps, spans = store.section(sections, "articles")
            where = array("Q")
            where.frombytes(spans)
            if not len(ids) == len(numbers) == len(stamps) == len(where) // 3:
                raise ValueError("articles: columns differ in length")
            names = {}
            for name, articles, mentions, quoted, forms, roles in store.section(sections, "names"):
                stats = _NameStats(array("I"), int(mentions), int(quoted), dict(forms), dict(roles))
                stats.articles.frombytes(articles)
                names[str(name)] = stats
            linked = store.section(sections, "linked")
            raw = sections["clusters"]
        except FileNotFoundError:
            return
        except Exception as exc:
            self.problem = str(exc) or type(exc).__name__
            return
        stored = dict(zip(ids, range(len(ids)), strict=True))
        with self._lock:
            self._names, self._clusters_raw = names, raw
            self._linked = dict(linked) if linked is not None else None
            self._stored = stored
            self._stamps = dict(zip(stored, stamps, strict=True))
            self._columns = (numbers, stamps, where, details)
            self._ids = dict(zip(numbers, stored, strict=True))
            self._next = max(numbers, default=-1) + 1
            self._forget()

    def save(self) -> None:
        """Write the index to its folder (atomically), when it changed since it was read."""
        with self._lock:
            if self.folder is None or not self._dirty:
                return
            for article_id in list(self._stored):
                self._known_of(article_id)
            details: list[bytes | memoryview] = []
            where = array("Q")
            offset = 0
            for k in self._known.values():
                details += (k.names, k.said)
                where.extend((offset, offset + len(k.names), offset + len(k.names) + len(k.said)))
                offset += len(k.names) + len(k.said)
            articles = (
                list(self._known),
                [k.number for k in self._known.values()],
                [k.stamp for k in self._known.values()],
                where.tobytes(),
            )
            names = [
                (n, s.articles.tobytes(), s.mentions, s.quoted, tuple(s.forms.items()), tuple(s.roles.items()))
                for n, s in self._names.items()
            ]
            self._linking()
            clusters = self._clusters_raw if self._clusters is None else None
            packed = {
                "articles": pickle.dumps(articles, protocol=5),
                "names": pickle.dumps(names, protocol=5),
                "linked": pickle.dumps(self._linked, protocol=5),
                "clusters": clusters or pickle.dumps(self.clusters.to_plain(), protocol=5),
            }
            store.write(self.folder, who_stamp(), self._roots, packed, details)
            self._dirty = False

    @property
    def clusters(self) -> Clusters:
        """The quote clusters (read from disk when first needed)."""
        with self._lock:
            if self._clusters is None:
                raw, self._clusters_raw = self._clusters_raw, None
                try:
                    self._clusters = Clusters.from_plain(plain_loads(raw)) if raw else Clusters()
                except Exception:
                    self._reset("damaged clusters")
            assert self._clusters is not None
            return self._clusters

    # -- articles -----------------------------------------------------------------------

    def names_in(self, article_id: str) -> tuple[NameFact, ...]:
        """The people named in an article, by name (nothing for an article not indexed)."""
        return self._decoded(article_id, lambda k: decode_names(k.names))

    def said_in(self, article_id: str) -> tuple[SaidFact, ...]:
        """The quotes (every kind) and reported claims of an article, in body order."""
        return self._decoded(article_id, lambda k: decode_said(k.said))

    def _decoded(self, article_id: str, decode: Callable[[_Known], tuple[T, ...]]) -> tuple[T, ...]:
        """Decode one of an article's blobs; one damaged on disk makes the index start over
        (and the article's facts are missing until the next refresh)."""
        with self._lock:
            known = self._known_of(article_id)
            if known is None:
                return ()
            try:
                return decode(known)
            except Exception:
                self._reset(f"the record of {article_id} was damaged")
                return ()

    def ordinal(self, article_id: str) -> int:
        """The article's date as a day number (0: undated or not in the library)."""
        article = self.library.get(article_id)
        return article.ordinal if article else 0

    def article_ids(self) -> list[str]:
        """Every indexed article's id, in no particular order."""
        with self._lock:
            return list(self._stamps)

    # -- people -------------------------------------------------------------------------

    def _linking(self) -> dict[str, str]:
        """The names ``link_people`` joins to another (a short name to the full one), run
        over the names alone when names came or went."""
        if self._linked is None:
            alone = ((name, Extraction([], [PersonMention(0, 0, name, name)])) for name in self._names)
            self._linked = {a: p.name for p in link_people(alone) for a in p.aliases if a != p.name}
        return self._linked

    def _targets(self) -> dict[str, str]:
        """Each name's person (its canonical name)."""
        if self._target is None:
            linked = self._linking()
            self._target = {name: linked.get(name, name) for name in self._names}
        return self._target

    def _callers(self) -> dict[str, set[str]]:
        """Every canonical name, alias and written form: the people it is a name of."""
        if self._called is None:
            called: dict[str, set[str]] = {}
            for name, person in self._targets().items():
                called.setdefault(name, set()).add(person)
                for form in self._names[name].forms:
                    called.setdefault(form, set()).add(person)
            self._called = called
        return self._called

    def _grouped(self) -> dict[str, list[str]]:
        """Each person's canonical name: the names that are theirs."""
        if self._groups is None:
            groups: dict[str, list[str]] = {}
            for name, canonical in self._targets().items():
                groups.setdefault(canonical, []).append(name)
            self._groups = groups
        return self._groups

    def _folded(self) -> dict[str, set[str]]:
        """:meth:`_callers` by :func:`_plain` key (case and spacing aside)."""
        if self._by_folded is None:
            folded: dict[str, set[str]] = {}
            for name, people in self._callers().items():
                folded.setdefault(_plain(name), set()).update(people)
            self._by_folded = folded
        return self._by_folded

    def person_of(self, name: str) -> str:
        """The canonical name of the person a name (as extraction wrote it) is of ("": none)."""
        with self._lock:
            return self._targets().get(name, "")

    def _person(self, canonical: str) -> Person:
        return self._made.get(canonical) or self._combine(canonical, self._grouped()[canonical])

    def people(self) -> list[Person]:
        """Every person across the library, aliases merged, most quoted first (as
        ``Library.people`` orders them)."""
        self.refresh()
        with self._lock:
            if self._people is None:
                made = [self._person(canonical) for canonical in self._grouped()]
                self._people = sorted(made, key=lambda p: (-p.quote_count, -len(p.article_ids), p.name))
            return self._people

    def _combine(self, canonical: str, group: list[str]) -> Person:
        stats = [self._names[n] for n in group]
        roles: dict[str, None] = {}
        for s in stats:
            roles.update(dict.fromkeys(s.roles))
        numbers = stats[0].articles if len(stats) == 1 else sorted({n for s in stats for n in s.articles})
        person = Person(
            canonical,
            tuple(sorted(({f for s in stats for f in s.forms} | set(group)) - {canonical})),
            tuple(roles),
            tuple(self._ids[n] for n in numbers),
            sum(s.quoted for s in stats),
            sum(s.mentions for s in stats),
        )
        self._made[canonical] = person
        return person

    def person(self, name: str, *, fresh: bool = True) -> Person | None:
        """The person whose canonical name, alias or written form is exactly ``name`` (the
        person of that canonical name first); ``fresh=False`` answers from what is known now,
        without catching up with the library (for the UI thread)."""
        if fresh:
            self.refresh()
        with self._lock:
            targets = self._targets()
            if name in targets and targets[name] == name:
                return self._person(name)
            people = self._callers().get(name)
            if not people:
                return None
            return self._person(targets.get(name, min(people)) if name in targets else min(people))

    def find(self, typed: str) -> list[Person]:
        """The people ``typed`` names, the best first: the one whose name or alias it is
        exactly (case aside); else by the ``@speaker`` rule, where a single person whose
        name has the typed word exactly wins over typos."""
        self.refresh()
        with self._lock:
            callers = self._callers()
            exact = self._folded().get(_plain(typed), set())
            if exact:
                canonical = [p for p in exact if _plain(p) == _plain(typed)]
                return [self._person(p) for p in sorted(canonical or exact)]
            scores: dict[str, float] = {}
            for name, score in names_like(typed, callers).items():
                for person in callers[name]:
                    scores[person] = max(score, scores.get(person, 0.0))
            best = [p for p, s in scores.items() if s >= 100]
            chosen = best if len(best) == 1 else scores
            found = [self._person(p) for p in chosen]
            return sorted(found, key=lambda p: (-scores[p.name], -p.quote_count, -len(p.article_ids), p.name))

    def speaker_names(self, typed: str) -> set[str]:
        """The names quotes may carry as the speaker ``typed`` refers to: every name of each
        person :meth:`find` finds."""
        return {n for p in self.find(typed) for n in (p.name, *p.aliases)}

    # -- clusters -----------------------------------------------------------------------

    def cluster_ids(self) -> dict[int, tuple[str, int]]:
        """Every cluster's root node: its id and how many reports it has."""
        self.refresh()
        with self._lock:
            if self._cluster_ids is None:
                self._cluster_ids = self.clusters.ids(self.ordinal)
            return self._cluster_ids

    def cluster(self, node: int) -> tuple[str, int]:
        """The id and size of the cluster a speech quote's node is in."""
        ids = self.cluster_ids()
        with self._lock:
            return ids[self.clusters.root(node)]

    def reports(self, node: int) -> list[Report]:
        """Every report in the node's cluster, earliest first (dated before undated)."""
        self.refresh()
        with self._lock:
            found = self.clusters.reports(node)
        earliest = first_report(found, self.ordinal)
        return [earliest, *sorted((r for r in found if r != earliest), key=self._report_order)]

    def _report_order(self, report: Report) -> tuple[int, str, int]:
        return (self.ordinal(report[0]) or clusters_module.UNDATED, report[0], report[1])

    def node_at(self, article_id: str, start: int) -> int:
        """The node of the speech quote starting at ``start`` in the article (-1: none)."""
        self.refresh()
        for said in self.said_in(article_id):
            if said.start == start and said.node >= 0:
                return said.node
        return -1
