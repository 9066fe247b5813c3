"""The quote check: the original quotes closest to a remembered (or misquoted) one, how
close each is, and a word-level diff of what differs."""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import NamedTuple

from rapidfuzz import fuzz

from tui.core.search.docs import QUOTE, Doc
from tui.core.search.index import SearchIndex
from tui.core.search.query import Query
from tui.core.search.text import words

SAME, ADDED, MISSING, CHANGED = "same", "added", "missing", "changed"
CANDIDATES = 50
"""How many quotes the index proposes before the check ranks them."""
_MARKS = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\u201f "


class Edit(NamedTuple):
    """One step of a diff from the original quote to the checked text.

    ``same``: words both have; ``missing``: the original's words the checked text lacks;
    ``added``: words only the checked text has; ``changed``: the checked text's words in
    ``text`` and the original words they replace in ``original``.
    """

    op: str
    text: str
    original: str = ""


@dataclass(frozen=True, slots=True)
class CheckResult:
    """An original quote, how close the checked text is to it (0-100) and their diff."""

    doc: Doc
    score: float
    diff: list[Edit]


def check(index: SearchIndex, text: str, limit: int = 5) -> list[CheckResult]:
    """The ``limit`` original quotes closest to ``text``, closest first (one per wording).

    The score compares ``text`` with the whole quote, or with its best-matching stretch
    when ``text`` is shorter (a correct excerpt scores 100); the diff covers the whole quote.
    """
    remembered = text.strip().strip(_MARKS)
    mine = " ".join(words(remembered))
    if not mine:
        return []
    scored: dict[str, tuple[float, Doc]] = {}
    for hit in index.search(Query(text=remembered, kinds=frozenset({QUOTE})), limit=CANDIDATES):
        original = " ".join(words(hit.doc.text))
        if original not in scored:
            scorer = fuzz.partial_ratio if len(mine) < len(original) else fuzz.ratio
            scored[original] = (round(scorer(mine, original), 2), hit.doc)
    best = sorted(scored.values(), key=lambda sd: -sd[0])[:limit]
    return [CheckResult(doc, score, word_diff(doc.text, remembered)) for score, doc in best]


def word_diff(original: str, remembered: str) -> list[Edit]:
    """A word-level diff from ``original`` to ``remembered``, ignoring case and punctuation;
    texts are the words as written (the original's for ``same`` and ``missing``)."""
    old = [w for w in original.split() if words(w)]
    new = [w for w in remembered.split() if words(w)]
    matcher = SequenceMatcher(None, [_key(w) for w in old], [_key(w) for w in new], autojunk=False)
    out: list[Edit] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        was, now = " ".join(old[i1:i2]), " ".join(new[j1:j2])
        if op == "equal":
            out.append(Edit(SAME, was))
        elif op == "delete":
            out.append(Edit(MISSING, was))
        elif op == "insert":
            out.append(Edit(ADDED, now))
        else:
            out.append(Edit(CHANGED, now, was))
    return out


def _key(word: str) -> str:
    return "".join(words(word))
