"""The vocabulary: each indexed word's postings (the docs that hold it), and the words a
query word may stand for: its completions and the known words a typo or two away.

Words of a saved index are numbered in sorted order and found by bisection in the mapped
table; words first seen since are numbered on from there and kept in a dict. Typo
neighbours are found through buckets: a typo leaves a word's first three letters, its last
three, or its first and last letter alone, so a word is filed under each of those keys.
Ties between equally frequent candidates go to the word that sorts first, so a saved and
a freshly built index answer alike.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Sequence

from rapidfuzz import process
from rapidfuzz.distance import OSA

from tui.core.search.postings import Keys, Lists, Mapped
from tui.core.search.text import is_term

MAX_PREFIXES, MAX_TYPOS = 16, 10
"""At most this many completions (the most frequent) and typo neighbours per query word."""
BUCKETED = 4
"""Words at least this long are filed in the buckets that find typo neighbours."""


def bucket_keys(word: str) -> tuple[str, str, str]:
    """The buckets a word is filed in: its first three letters, its last three, its first
    and last letter."""
    return (word[:3], "<" + word[-3:], word[0] + ">" + word[-1])


class Vocabulary:
    """Words and their postings; saved ones mapped, new ones in memory."""

    def __init__(self, saved: Mapped | None = None) -> None:
        self._saved_terms = Keys(saved, "terms") if saved else None
        self._saved_buckets = Keys(saved, "buckets") if saved else None
        self.postings = Lists(saved, "postings")
        self._bucket_lists = Lists(saved, "bucket_items")
        self._saved = len(self._saved_terms) if self._saved_terms else 0
        self._ids: dict[str, int] = {}  # new words, and saved ones looked up so far
        self._new: list[str] = []  # words numbered from ``self._saved`` on
        self._buckets: dict[str, array[int]] = {}  # new words by bucket key

    def __len__(self) -> int:
        return self._saved + len(self._new)

    def id(self, term: str) -> int | None:
        """The number of a known word, or None."""
        tid = self._ids.get(term)
        if tid is None and self._saved_terms is not None:
            tid = self._saved_terms.find(term)
            if tid is not None:
                self._ids[term] = tid
        return tid

    def term(self, tid: int) -> str:
        """The word numbered ``tid``."""
        if tid >= self._saved:
            return self._new[tid - self._saved]
        assert self._saved_terms is not None
        return self._saved_terms.text(tid)

    def df(self, tid: int) -> int:
        """How many docs hold the word (dead ones too, until postings are compacted)."""
        return self.postings.size(tid)

    def add_doc(self, terms: Iterable[str], d: int) -> None:
        """File doc ``d`` under each of its words (new words that are worth indexing are
        added; stop words must be left out by the caller)."""
        ids = self._ids
        found = []
        for term in terms:
            tid = ids.get(term)
            if tid is None:
                tid = self.id(term)
                if tid is None:
                    if not is_term(term):
                        continue
                    tid = self._new_term(term)
            found.append(tid)
        self.postings.append_to_each(found, d)

    def _new_term(self, term: str) -> int:
        tid = self._ids[term] = self.postings.new()
        self._new.append(term)
        if len(term) >= BUCKETED:
            for key in bucket_keys(term):
                bucket = self._buckets.get(key)
                if bucket is None:
                    bucket = self._buckets[key] = array("I")
                bucket.append(tid)
        return tid

    def bucket(self, key: str) -> list[int]:
        """The numbers of the words filed under ``key``."""
        found = list(self._buckets.get(key, ()))
        if self._saved_buckets is not None:
            no = self._saved_buckets.find(key)
            if no is not None:
                found.extend(self._bucket_lists.items(no))
        return found

    def completions(self, word: str) -> list[str]:
        """The most frequent known words that ``word`` starts (ties: the first in order)."""
        found = [self.term(t) for t in self._buckets.get(word[:3], ())]
        if self._saved_terms is not None:
            found.extend(map(self._saved_terms.text, self._saved_terms.starting(word)))
        df = self.df
        counted = [(df(self._ids_of(t)), t) for t in found if t.startswith(word) and t != word]
        return [t for _, t in sorted((-n, t) for n, t in counted if n)[:MAX_PREFIXES]]

    def _ids_of(self, term: str) -> int:
        tid = self.id(term)
        assert tid is not None, "only known words are asked for"
        return tid

    def neighbours(self, word: str) -> list[tuple[str, int]]:
        """Known words one typo (two for words of 8+ letters) from ``word``, nearest first
        (then the most frequent, then in order)."""
        ids = set().union(*(self.bucket(key) for key in bucket_keys(word)))
        choices = sorted(t for t in map(self.term, ids) if self.df(self._ids_of(t)))
        found = process.extract(word, choices, scorer=OSA.distance, score_cutoff=2 if len(word) >= 8 else 1, limit=None)
        found.sort(key=lambda hit: (hit[1], -self.df(self._ids_of(hit[0])), hit[0]))
        return [(term, int(typos)) for term, typos, _ in found[:MAX_TYPOS]]

    def parts(self, tid: int) -> tuple[Sequence[int], ...]:
        """The docs holding word ``tid``, in sorted parts."""
        return self.postings.parts(tid)

    def compact(self, keep: Callable[[int], object]) -> None:
        """Drop the docs ``keep`` refuses from the postings in memory."""
        self.postings.compact(keep)

    def terms(self) -> Iterable[tuple[str, int]]:
        """Every word with its number (saved ones first, in order)."""
        for tid in range(len(self)):
            yield self.term(tid), tid
