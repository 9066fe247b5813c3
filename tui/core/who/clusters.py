"""One quotation across outlets: reports of the same words, clustered as they come in.

A report is one speech quote in one article. Its *words* are the quote's folded words (case,
punctuation and quote marks do not count). Reports with the same words and speaker share a
*node*; two nodes are *alike* when

* the shorter holds at least :data:`LENGTH_RATIO` of the longer's words (a quote trimmed to
  two thirds still is the quote; a three-word fragment of a long one is not),
* their longest common run of words in order (LCS) covers at least :data:`CONTAINMENT` of
  the shorter (a few words changed or dropped),
* their speakers agree: the same surname, or one of them unknown (two members of Congress
  issuing the same templated statement are two quotations, not one), and
* both have at least :data:`MIN_WORDS` words; shorter quotes ("Chuy", "No comment") join
  only reports with the very same words and speaker.

A cluster is a connected component of the "alike" graph, so it does not depend on the order
reports came in: adding articles links their new nodes to the existing ones and merges
components (union-find); removing one recomputes only the components it was in.

Candidates come from a bottom-k sketch: the :data:`SKETCH` smallest hashes of a node's word
pairs (pairs of stop words left out). Two alike nodes share a sketch entry unless every one
of the longer's sketch pairs was cut or changed, which for a two-thirds trim happens about
once in 6,500 (``(1/3) ** 8``).

A cluster's id is its earliest report (``article-id#offset``, dated before undated, then by
id and offset): stable while the library is unchanged, whatever order it was indexed in.
"""

from __future__ import annotations

import math
import zlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from rapidfuzz.distance import LCSseq

from tui.core.search.text import STOPWORDS, words

MIN_WORDS = 6
"""Quotes with fewer words cluster only with the very same words by the same speaker."""
LENGTH_RATIO = 0.5
"""The shorter of two alike quotes has at least this share of the longer's words."""
CONTAINMENT = 0.75
"""At least this share of the shorter quote's words appear, in order, in the longer."""
SKETCH = 8
"""Word-pair hashes kept per node to find candidates."""
CANDIDATES = 40
"""At most this many candidates (those sharing the most sketch hashes) are compared."""
UNDATED = 1 << 30
"""The day number an undated report sorts by (after every dated one)."""

Report = tuple[str, int]
"""A report: (article id, offset of the quote in the article's body)."""


def quote_words(text: str) -> tuple[str, ...]:
    """The words that identify a quotation: folded, without punctuation or quote marks."""
    return tuple(words(text))


def speaker_key(speaker: str | None) -> str:
    """What two speakers must share to be the same: the surname, case-folded ('' unknown)."""
    return speaker.split()[-1].casefold() if speaker and speaker.split() else ""


def _sketch(found: tuple[str, ...]) -> list[int]:
    pairs = {zlib.crc32(f"{a} {b}".encode()) for a, b in pairwise(found) if a not in STOPWORDS or b not in STOPWORDS}
    return sorted(pairs)[:SKETCH]


def alike(a: tuple[str, ...], speaker_a: str, b: tuple[str, ...], speaker_b: str) -> bool:
    """Whether two quotations (words and speaker keys) are reports of the same one."""
    if speaker_a and speaker_b and speaker_a != speaker_b:
        return False
    short, long = sorted((len(a), len(b)))
    if short < MIN_WORDS:
        return a == b
    if short < LENGTH_RATIO * long:
        return False
    need = math.ceil(CONTAINMENT * short)
    return LCSseq.similarity(a, b, score_cutoff=need) >= need


@dataclass(slots=True)
class _Node:
    text: str  # the words, joined by spaces
    speaker: str
    reports: list[Report]
    words: tuple[str, ...] | None = None
    hashes: list[int] | None = None

    @property
    def found(self) -> tuple[str, ...]:
        """The words (split once, when first needed)."""
        if self.words is None:
            self.words = tuple(self.text.split())
        return self.words

    @property
    def sketch(self) -> list[int]:
        """The node's sketch (none for a short quote), worked out once."""
        if self.hashes is None:
            self.hashes = _sketch(self.found) if len(self.found) >= MIN_WORDS else []
        return self.hashes


class Clusters:
    """Every report's node and cluster; grows and shrinks one report at a time."""

    def __init__(self) -> None:
        self._nodes: list[_Node | None] = []
        self._by_key: dict[tuple[str, str], int] = {}
        self._parent: list[int] = []
        self._members: dict[int, list[int]] | None = None  # root -> nodes (made on demand)
        self._postings: dict[int, list[int]] | None = None  # sketch hash -> nodes (on demand)

    # -- changes ------------------------------------------------------------------------

    def add(self, report: Report, text: str, speaker: str | None) -> int:
        """File a report of a quote (its text as written); returns its node."""
        found = quote_words(text)
        key = (" ".join(found), speaker_key(speaker))
        node = self._by_key.get(key)
        if node is not None:
            self._live(node).reports.append(report)
            return node
        postings = self._sketch_postings()  # made before the node is in: it is filed below
        node = len(self._nodes)
        self._nodes.append(_Node(key[0], key[1], [report], found))
        self._by_key[key] = node
        self._parent.append(node)
        self._member_lists()[node] = [node]
        self._link(node)
        for h in self._live(node).sketch:
            postings.setdefault(h, []).append(node)
        return node

    def remove(self, report: Report, node: int) -> None:
        """Drop a report filed under ``node``; a node left without reports goes, and its
        cluster is worked out again from the nodes that stay."""
        entry = self._nodes[node] if 0 <= node < len(self._nodes) else None
        if entry is None or report not in entry.reports:
            return
        entry.reports.remove(report)
        if entry.reports:
            return
        members = self._member_lists().pop(self.root(node))
        postings = self._sketch_postings()
        self._nodes[node] = None
        del self._by_key[(entry.text, entry.speaker)]
        for h in entry.sketch:
            postings[h].remove(node)
            if not postings[h]:
                del postings[h]
        stay = [n for n in members if n != node]
        for n in stay:
            self._parent[n] = n
            self._member_lists()[n] = [n]
        within = set(stay)
        for n in stay:
            self._link(n, within)

    def _link(self, node: int, within: set[int] | None = None) -> None:
        """Join the node's cluster with that of every alike node among those it shares the
        most sketch hashes with (at most :data:`CANDIDATES`; only nodes ``within``, when
        given)."""
        entry = self._live(node)
        found = entry.found
        if len(found) < MIN_WORDS:
            return
        postings = self._sketch_postings()
        shared: Counter[int] = Counter()
        for h in entry.sketch:
            shared.update(postings.get(h, ()))
        shared.pop(node, None)
        low, high = LENGTH_RATIO * len(found), len(found) / LENGTH_RATIO
        tried = 0
        for other, _ in shared.most_common():
            if within is not None and other not in within:
                continue
            theirs = self._live(other)
            if not low <= len(theirs.found) <= high:
                continue
            tried += 1
            if tried > CANDIDATES:
                break
            if self.root(other) != self.root(node) and alike(found, entry.speaker, theirs.found, theirs.speaker):
                self._union(node, other)

    def _union(self, a: int, b: int) -> None:
        ra, rb = self.root(a), self.root(b)
        if ra == rb:
            return
        members = self._member_lists()
        if len(members[ra]) < len(members[rb]):
            ra, rb = rb, ra
        self._parent[rb] = ra
        members[ra] += members.pop(rb)

    # -- questions ----------------------------------------------------------------------

    def root(self, node: int) -> int:
        """The cluster (its root node) that a node belongs to."""
        parent = self._parent
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def reports(self, node: int) -> list[Report]:
        """Every report in the node's cluster."""
        return [r for n in self._member_lists()[self.root(node)] for r in self._live(n).reports]

    def words(self, node: int) -> str:
        """The node's words, joined by spaces."""
        return self._live(node).text

    def __len__(self) -> int:
        """How many clusters there are."""
        return len(self._member_lists())

    def _live(self, node: int) -> _Node:
        entry = self._nodes[node]
        assert entry is not None, f"node {node} was removed"
        return entry

    def _member_lists(self) -> dict[int, list[int]]:
        if self._members is None:
            members: dict[int, list[int]] = {}
            for node, entry in enumerate(self._nodes):
                if entry is not None:
                    members.setdefault(self.root(node), []).append(node)
            self._members = members
        return self._members

    def _sketch_postings(self) -> dict[int, list[int]]:
        if self._postings is None:
            postings: dict[int, list[int]] = {}
            for node, entry in enumerate(self._nodes):
                for h in entry.sketch if entry is not None else ():
                    postings.setdefault(h, []).append(node)
            self._postings = postings
        return self._postings

    # -- keeping ------------------------------------------------------------------------

    def to_plain(self) -> tuple[Any, ...]:
        """The clusters as plain data (for the persisted who-index)."""
        nodes = [None if n is None else (n.text, n.speaker, tuple(n.reports)) for n in self._nodes]
        return (nodes, [self.root(i) for i in range(len(self._parent))])

    @classmethod
    def from_plain(cls, data: Any) -> Clusters:
        """Clusters from :meth:`to_plain` data; ValueError when it is not such data."""
        nodes, parent = data
        if len(nodes) != len(parent):
            raise ValueError("clusters: nodes and parents differ in number")
        made = cls()
        for index, item in enumerate(nodes):
            if item is None:
                made._nodes.append(None)
            else:
                text, speaker, reports = item
                made._nodes.append(_Node(str(text), str(speaker), [(str(a), int(s)) for a, s in reports]))
                made._by_key[(str(text), str(speaker))] = index
        made._parent = [int(p) for p in parent]
        if any(not 0 <= p < len(parent) for p in made._parent):
            raise ValueError("clusters: a parent out of range")
        return made


def first_report(reports: Iterable[Report], ordinal: Callable[[str], int]) -> Report:
    """The earliest report: dated before undated, then by article id and offset."""
    return min(reports, key=lambda r: (ordinal(r[0]) or UNDATED, r[0], r[1]))


def cluster_id(report: Report) -> str:
    """The id of the cluster whose earliest report this is."""
    return f"{report[0]}#{report[1]}"
