"""Attribution nouns: a noun of speech or of a view held, with its complement, said or held by
its owner ("his warning that …", "Sanders's call for …"), by the subject of a light verb
("Ortiz expressed concern that …", "raised questions about …") or by no one named ("there are
fears that …"). The content is the complement, up to the end of its clause.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from .contents import content_end
from .cues import Cues
from .found import Contents, Found, Speaker, given
from .reporting import BE, FEELING_NOUNS, LIGHT_VERBS, NOUN_CUES, NOUN_LINKS
from .sentences import AUXILIARIES, SUBJECT_STOP, Word

_POSSESSIVE_PRONOUNS = {"his": "m", "her": "f", "their": None}
_CONTRACTIONS = frozenset("it's that's he's she's there's here's what's who's where's let's".split())  # "it's a"
_CLAUSE_OPENERS = frozenset("that whether if what why how when where who whom which".split())
_GAP = 3  # modifiers between an owner or a light verb and its noun: "voiced his own deep concern"


class NounReader:
    """Reads the content and speaker of an attribution noun, in its sentence."""

    def __init__(self, contents: Contents, cues: Cues, speaker: Callable[[list[Word], int], str | None]) -> None:
        self.contents = contents
        self.cues = cues
        self.mentions = cues.subjects.mentions
        self.speaker = speaker  # who is the subject of a verb in a sentence's words

    def read(self, ws: list[Word], v: int, e: int) -> Found | None:
        """The complement of the noun ``ws[v]`` ("that …", "of …", "about …", "to …"), if its
        speaker is its owner, a light verb's subject or no one named."""
        if v == 0 or v + 2 >= len(ws) or ws[v + 1][0] not in NOUN_LINKS:
            return None
        who = self._who(ws, v)
        if who is None:
            return None
        j = v + 2
        phrase = ws[v + 1][0] != "that"
        end = content_end(ws, j, e, phrase, False, self.mentions.quoted)
        if phrase:
            end = _predicate(ws, j, end)
        return self.contents.make(ws[j][1], end, who, ws[v][0], not phrase)

    def _who(self, ws: list[Word], v: int) -> Speaker | None:
        """Who says or holds what the noun ``ws[v]`` carries, or None if it is no attribution."""
        light = _before(ws, v, lambda w: w.lower() in LIGHT_VERBS)
        if light is not None:
            return partial(self.speaker, ws, light)
        if ws[v][0] in FEELING_NOUNS:
            return None
        owner = _before(ws, v, _possessive)
        if owner is not None:
            return partial(self._owner, ws[owner])
        return given(None) if _existential(ws, v) else None

    def _owner(self, word: Word) -> str | None:
        """Whom a possessive ``word`` names: "his" (resolved), "Sanders's"."""
        w, s, e = word
        if w.lower() in _POSSESSIVE_PRONOUNS:
            gender = _POSSESSIVE_PRONOUNS[w.lower()]
            return self.cues.subjects.coref.pronoun(gender, s) if gender else None
        owner = self.mentions.mentions_in(s - 60, e)
        return owner[-1].name if owner and owner[-1].end >= e - 2 else None


def is_noun_cue(w: str) -> bool:
    """Is ``w`` a noun that may attribute its complement?"""
    return w in NOUN_CUES or w in FEELING_NOUNS


def _possessive(w: str) -> bool:
    """Does ``w`` name an owner: "his", "Sanders's", "voters'"?"""
    low = w.lower().replace("\u2019", "'")
    return low in _POSSESSIVE_PRONOUNS or (low.endswith(("'s", "'")) and low not in _CONTRACTIONS)


def _before(ws: list[Word], v: int, test: Callable[[str], bool]) -> int | None:
    """The index of a word that passes ``test`` a few modifiers before the noun ``ws[v]``
    ("expressed serious concern", "made the case", "his past comments"), if one stands there."""
    for k in range(v - 1, max(-1, v - 2 - _GAP), -1):
        w = ws[k][0]
        if test(w):
            return k
        if w in SUBJECT_STOP or not w.isalpha() or not w.islower():
            return None
    return None


def _predicate(ws: list[Word], j: int, end: int) -> int:
    """Where a phrase content from ``ws[j]`` meets the predicate of a noun that is its sentence's
    subject: "(Moss's criticism of) the new budget | has angered them"; a clause inside the phrase
    ("of what the council has done") keeps its verb."""
    for k in range(j, len(ws)):
        w = ws[k][0]
        if ws[k][1] >= end or w.lower() in _CLAUSE_OPENERS:
            break
        if k > j and w in AUXILIARIES:  # not "his pledge to be neutral"
            return ws[k][1]
    return end


def _existential(ws: list[Word], v: int) -> bool:
    """Does "there is/are" stand a few words before the noun ``ws[v]``: "there are fears that …",
    "there were growing concerns about …"?"""
    return any(ws[k][0].lower() == "there" and ws[k + 1][0] in BE for k in range(max(0, v - 4), v - 1))
