"""The who-index: who said what across a library, kept in step with it and kept on disk.

Per article it keeps :class:`~tui.core.who.facts.Facts` (quotes, reported claims, people
named; no body) under a stamp of what they were made from (body hash, date, caption). Over
the library it keeps the :class:`~tui.core.who.roster.Roster` (per name, the articles it
is in and its counts, forms and roles, so people are linked without reading any article)
and the quote :class:`Clusters`. Every part grows and shrinks with the articles added and
removed: :meth:`WhoIndex.refresh` compares the library with what is known and redoes only
the articles that changed.

Thread-safe: changes and questions take one lock; a refresh lets go of it between batches
of articles, so a question waits for one batch at most.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
import threading
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from tui.core.extract import Person
from tui.core.library import cache as library_cache
from tui.core.library.article import Article
from tui.core.library.library import Entry, Library
from tui.core.library.records import Record, plain_loads
from tui.core.search import docs, text
from tui.core.who import clusters as clusters_module
from tui.core.who import facts as facts_module
from tui.core.who import names as names_module
from tui.core.who import roster as roster_module
from tui.core.who import store
from tui.core.who.clusters import Clusters, Report, cluster_id, first_report
from tui.core.who.facts import NameFact, SaidFact, decode_names, decode_said, encode_names, encode_said, facts_of
from tui.core.who.roster import NameStats, Roster

T = TypeVar("T")

BATCH = 200
"""Articles redone per hold of the lock during a refresh."""


def who_stamp() -> str:
    """A fingerprint of the code that decides what the who-index holds: the cache's code
    stamp (loader and extractor) and the who-index's own modules."""
    digest = hashlib.sha1(library_cache.code_stamp().encode(), usedforsecurity=False)
    modules = (clusters_module, facts_module, names_module, roster_module, store, docs, text, sys.modules[__name__])
    for module in modules:
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
        self._roster = Roster(self._ids)
        self._clusters: Clusters | None = None
        self._clusters_raw: bytes | None = None
        self._dirty = False
        self._cluster_ids: dict[int, tuple[str, int]] = {}
        """Each cluster's id and size, by root node, as they are asked for."""

    def _forget(self) -> None:
        """Drop what is worked out from the rest (after a change)."""
        self._roster.forget()
        self._cluster_ids = {}

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
            self._roster.add(number, fact)
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
            self._roster.remove(known.number, fact)

    def _reset(self, why: str) -> None:
        """Forget everything (something read from disk was damaged): the next refresh
        rebuilds the index from the library."""
        self.problem = why
        self._known, self._stored, self._stamps, self._ids = {}, {}, {}, {}
        self._roster = Roster(self._ids)
        self._clusters, self._clusters_raw = Clusters(), None
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
                stats = NameStats(array("I"), int(mentions), int(quoted), dict(forms), dict(roles))
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
            self._clusters_raw = raw
            self._stored = stored
            self._stamps = dict(zip(stored, stamps, strict=True))
            self._columns = (numbers, stamps, where, details)
            self._ids = dict(zip(numbers, stored, strict=True))
            self._roster = Roster(self._ids, names, dict(linked) if linked is not None else None)
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
                for n, s in self._roster.names.items()
            ]
            linked = self._roster.linking()
            clusters = self._clusters_raw if self._clusters is None else None
            packed = {
                "articles": pickle.dumps(articles, protocol=5),
                "names": pickle.dumps(names, protocol=5),
                "linked": pickle.dumps(linked, protocol=5),
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

    def person_of(self, name: str) -> str:
        """The canonical name of the person a name (as extraction wrote it) is of ("": none)."""
        with self._lock:
            return self._roster.targets().get(name, "")

    def people(self) -> list[Person]:
        """Every person across the library, aliases merged, most quoted first (as
        ``Library.people`` orders them)."""
        self.refresh()
        with self._lock:
            return self._roster.people()

    def person(self, name: str, *, fresh: bool = True) -> Person | None:
        """The person whose canonical name, alias or written form is exactly ``name`` (the
        person of that canonical name first); ``fresh=False`` answers from what is known now,
        without catching up with the library (for the UI thread)."""
        if fresh:
            self.refresh()
        with self._lock:
            return self._roster.named(name)

    def find(self, typed: str) -> list[Person]:
        """The people ``typed`` names, the best first (see :meth:`Roster.find`)."""
        self.refresh()
        with self._lock:
            return self._roster.find(typed)

    def speaker_names(self, typed: str) -> set[str]:
        """The names quotes may carry as the speaker ``typed`` refers to: every name of each
        person :meth:`find` finds."""
        return {n for p in self.find(typed) for n in (p.name, *p.aliases)}

    # -- clusters -----------------------------------------------------------------------

    def cluster(self, node: int) -> tuple[str, int]:
        """The id and size of the cluster a speech quote's node is in (worked out once per
        cluster, when first asked: a page of a few quotes does not pay for every cluster)."""
        self.refresh()
        with self._lock:
            root = self.clusters.root(node)
            known = self._cluster_ids.get(root)
            if known is None:
                found = self.clusters.reports(root)
                known = self._cluster_ids[root] = (cluster_id(first_report(found, self.ordinal)), len(found))
            return known

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
