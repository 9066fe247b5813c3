"""Reading sentences: words with offsets, sentence bounds, and the word classes clauses are read by.

A word is a ``(text, start, end)`` triple; punctuation that shapes clauses (commas, colons,
dashes, parentheses) is a word of its own. Sentence ends skip abbreviations and initials.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Iterator
from itertools import accumulate
from operator import itemgetter

from .names import ROLE_WORDS, SPEECH_VERBS, is_abbreviation

Word = tuple[str, int, int]
WORD_START = itemgetter(1)  # a word's start offset: the key to bisect word lists by

_WORD_RE = re.compile(r"([\w'\u2019.-]++(?:,\d{3}(?!\d))*+|[,;:!?()\u2014\u2013])")  # possessive: no backtracking
_SENT_BOUNDARY_RE = re.compile(r"[.!?]['\"\u201d\u2019)]*\s+(?=[\"\u201c'\u2018(]?[A-Z0-9])")
_OPEN = "\"\u201c'\u2018("  # may stand between a sentence end and the next capital
_INITIALS_RE = re.compile(r"(?<![\w.])(?:[A-Z]\.)+[A-Z]$")
_OPENER_RE = re.compile(r"(?:He|She|They|It|We|I|The|But|And|This|That|In|Yet|So)\b")
_DOMAIN_RE = re.compile(r"\w[\w-]*(?:\.[\w-]+)*\.[a-z]{2,}")

CLAUSE_STOP = frozenset(",;:()\u2014\u2013")
SUBJECT_STOP = frozenset(
    "in on at during after before when while who which that as from with to for about because and but or"
    " so then yet if since until by of , ; :".split()
)
DETERMINERS = frozenset("the a an one another his her their its our my some several two three many".split())
AUXILIARIES = frozenset(
    "is was were are be been has have had will would could should can may might must did do does".split()
)
ADVERBS_RE = re.compile(r"(?:\s+(?:\w+ly|once|also|later|then|previously|recently|still|again|further|too))+\s*$")
POSSESSIVE_ENDS = ("'s", "\u2019s", "'", "\u2019")
CONJUNCTIONS = frozenset("and but as while when so yet because since".split())
PREPOSITIONS = frozenset(
    "from of by with to for in on at about into under over against between among toward towards via like".split()
)
PLAIN_PRONOUNS = frozenset({"i", "we", "they", "you", "it"})
MAX_SUBJECT_WORDS = 8
_PASSIVE = frozenset("is are was were be been being".split())
_PAST_FORMS = frozenset("said says told tells wrote writes written began begins".split())


def words(text: str, start: int, end: int) -> list[Word]:
    """The words of ``text[start:end]`` with their offsets."""
    # split keeps the words at odd places; the running sums of the lengths, past the first
    # gap, alternate a word's start and its end, read two at a time by zip
    pieces = _WORD_RE.split(text[start:end])
    offsets = accumulate(map(len, pieces), initial=start)
    next(offsets)
    return list(zip(pieces[1::2], offsets, offsets, strict=False))


def boundaries(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """Sentence ends in ``[start, end)``, skipping abbreviations and initials ("Sen.", "U.S.")."""
    for m in _SENT_BOUNDARY_RE.finditer(text, start, end):
        dot = m.start()
        if (
            text[dot] == "."
            and not _long_word_before(text, dot)
            and _abbreviation(_last_word(text, max(0, dot - 24), dot))
            and not _initials_end(text, m)
        ):
            continue
        yield m


def _long_word_before(text: str, dot: int) -> bool:
    """Do five letters end at ``dot``, with no full stop in the twelve characters before it? Then
    the word there is no abbreviation (none has more than four letters): the quick answer for
    most sentence ends."""
    return dot >= 5 and text[dot - 5 : dot].isalpha() and text.find(".", max(0, dot - 12), dot) < 0


def _initials_end(text: str, m: re.Match[str]) -> bool:
    """Do initials end the sentence at ``m`` ("… in the U.S. He says …")?"""
    dot = m.start()
    return _INITIALS_RE.search(text, max(0, dot - 12), dot) is not None and _OPENER_RE.match(text, m.end()) is not None


def _abbreviation(word: str) -> bool:
    """Does a full stop after ``word`` belong to it ("Sen.", "U.S.") rather than end a sentence?
    A web address ends one: "according to Mic.com."."""
    return is_abbreviation(word[-12:]) and not _DOMAIN_RE.fullmatch(word)


def _last_word(text: str, start: int, end: int) -> str:
    """The run of word characters and dots that ends at ``end`` (or before a newline there),
    not before ``start``: what ``[\\w.]*$`` finds, read backwards."""
    if end > start and text[end - 1] == "\n":
        end -= 1
    k = end
    while k > start and (text[k - 1].isalnum() or text[k - 1] in "_."):
        k -= 1
    return text[k:end]


class SentenceIndex:
    """The sentence ends of one text, found once: what :func:`boundaries` finds in any range
    is read from them (a boundary counts in ``[start, end)`` when it starts at ``start`` or
    later and the capital after it stands before ``end``)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._ends: list[tuple[int, int, int]] | None = None  # (start, end, end of the capital after)
        self._starts: list[int] = []

    def _all(self) -> list[tuple[int, int, int]]:
        if self._ends is None:
            text = self.text
            found = boundaries(text, 0, len(text))
            self._ends = [(m.start(), m.end(), m.end() + (2 if text[m.end()] in _OPEN else 1)) for m in found]
            self._starts = [b[0] for b in self._ends]
        return self._ends

    def starts(self, floor: int, pos: int) -> list[int]:
        """Where the sentences in ``[floor, pos)`` start: ``floor``, then after each sentence end."""
        ends = self._all()
        k = bisect.bisect_left(self._starts, floor)
        out = [floor]
        while k < len(ends) and ends[k][2] <= pos:
            out.append(ends[k][1])
            k += 1
        return out

    def spans(self, start: int, end: int) -> list[tuple[int, int]]:
        """The sentences of ``[start, end)`` as :func:`boundaries` there cuts them, each
        ``(start, end)`` with its full stop."""
        ends = self._all()
        k = bisect.bisect_left(self._starts, start)
        out = []
        while k < len(ends) and ends[k][2] <= end:
            out.append((start, ends[k][0] + 1))
            start = ends[k][1]
            k += 1
        out.append((start, end))
        return out

    def start_of(self, floor: int, pos: int) -> int:
        """Start of the sentence containing ``pos`` (not before ``floor``; ends more than 600
        characters back are not looked for)."""
        found = self.starts(max(floor, pos - 600), pos)
        return found[-1] if len(found) > 1 else floor

    def end_of(self, pos: int, ceiling: int) -> int:
        """End of the sentence containing ``pos`` (its full stop included), at most ``ceiling``."""
        ends = self._all()
        k = bisect.bisect_left(self._starts, pos)
        return ends[k][0] + 1 if k < len(ends) and ends[k][2] <= ceiling else ceiling


def ends_sentence(text: str, start: int, end: int) -> bool:
    """Does ``text[start:end]`` end with a full stop (not an abbreviation's): '..., said Ann Lee. "'?"""
    gap = text[start:end].rstrip()
    if not gap.endswith((".", "!", "?")):
        return False
    return not (gap[-1] == "." and is_abbreviation(_last_word(gap, 0, len(gap) - 1)))


def possessive(text: str, end: int) -> bool:
    """Does a possessive ending start at ``end`` ("Gowdy's", "the Smiths' ")?"""
    return text.startswith(("'s", "\u2019s"), end) or text.startswith(("' ", "\u2019 "), end)


def drop_parentheses(ws: list[Word]) -> list[Word]:
    """Words outside parentheses: "Rep. Earl Blumenauer (D-Ore.) said"."""
    out, depth = [], 0
    for w in ws:
        if w[0] == "(":
            depth += 1
        elif w[0] == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(w)
    return out


def clause_end(ws: list[Word], pos: int) -> int:
    """End of a subject that starts at ``pos``: before the next comma, preposition or relative."""
    k = bisect.bisect_left(ws, pos, key=WORD_START)
    end = pos
    for w, _, e in ws[k : k + MAX_SUBJECT_WORDS]:
        if w.lower() in SUBJECT_STOP or w in CLAUSE_STOP:
            break
        end = e
    return end


def is_verb(w: str, verbs: Collection[str] = SPEECH_VERBS) -> bool:
    """Is ``w`` a lower-case form of one of ``verbs`` (speech verbs unless told)?"""
    return w[0].islower() and w.rstrip(".") in verbs


def verb_at(ws: list[Word], v: int, verbs: Collection[str] = SPEECH_VERBS) -> bool:
    """Is ``ws[v]`` one of ``verbs`` here, not a noun after a determiner ("the state",
    "a subsequent tweet", "his remarks")?"""
    w = ws[v][0].rstrip(".")  # the full stop of "… the Hill reported." is the sentence's
    if w == "put" or w not in verbs:  # "as Amar put it"
        return w == "put" and v + 1 < len(ws) and ws[v + 1][0] == "it"
    if not w[0].islower():  # is_verb, the full stop already gone
        return False
    if v == 0:
        return True
    prev = ws[v - 1][0].lower()
    if prev in _PASSIVE:
        return False  # "Thiel was revealed as", "she was told"
    if w.endswith(("ed", "ing")) or w in _PAST_FORMS:
        return True
    if prev in DETERMINERS or prev.endswith(POSSESSIVE_ENDS):
        return False
    before = ws[v - 2][0].lower() if v > 1 else ""
    return not (before in DETERMINERS and not w.endswith("s") and prev.isalpha() and prev not in ROLE_WORDS)
