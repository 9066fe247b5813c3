"""Who "he", "she" and "the senator" are: the people of one text, looked up by place, gender and role.

:class:`Mentions` indexes a text's person mentions (their order, genders, role words,
surnames, and which stand inside quotations); :class:`Coref` resolves a pronoun to the
person it refers back to and a role description to the person introduced with that role.
"""

from __future__ import annotations

import bisect
import re

from .model import PersonMention
from .names import HONORIFICS, ROLE_WORDS
from .people import gender_of
from .sentences import SentenceIndex, is_verb, possessive

_SPEECH_NEXT_RE = re.compile(r"(?:,? (?:\w+ly )?)(\w+)")
_ROLE_MODIFIERS = frozenset("former then top senior acting interim lead principal".split())
_PRONOUN_REACH = 2000  # characters searched back for a pronoun's person
# he/she as a word, lower case and capitalised: two searches for a literal each, which the
# regex engine runs far faster than one starting with [Hh]
_PRONOUN_RES = {
    "m": (re.compile(r"he(?<!\w..)\b"), re.compile(r"He(?<!\w..)\b")),
    "f": (re.compile(r"she(?<!\w...)\b"), re.compile(r"She(?<!\w...)\b")),
}
_ROLE_NORMAL = {
    "sen": "senator",
    "rep": "representative",
    "gov": "governor",
    "gen": "general",
    "pres": "president",
    "lt": "lieutenant",
    "col": "colonel",
    "capt": "captain",
    "adm": "admiral",
    "prof": "professor",
    "sgt": "sergeant",
    "cmdr": "commander",
}


def role_word(word: str) -> str | None:
    """The role or title one word names, an abbreviation spelled out ("Sen." -> "senator")."""
    w = word.lower().replace(".", "")
    w = _ROLE_NORMAL.get(w, w)
    return w if w in ROLE_WORDS or w in HONORIFICS else None


def role_words(role: str) -> set[str]:
    """The role and title words of a role phrase, abbreviations spelled out ("Sen." -> "senator")."""
    return {r for w in role.split() if (r := role_word(w)) is not None}


class Mentions:
    """The person mentions of one text (picture credits aside), with lookups by position."""

    def __init__(self, text: str, people: list[PersonMention], quote_spans: list[tuple[int, int]]) -> None:
        self.text = text
        self.people = [p for p in people if not p.credit]
        self.starts = [p.start for p in self.people]
        self.spans = sorted(quote_spans)
        self.span_starts = [s for s, _ in self.spans]
        self.inside = {i for i, p in enumerate(self.people) if self.quoted(p.start)}
        self.gender: dict[str, str | None] = {}
        self.roles: dict[str, set[str]] = {}
        self.by_last: dict[str, list[str]] = {}
        genders: dict[tuple[str, tuple[str, ...]], str | None] = {}  # a name is mentioned many times
        for p in self.people:
            toks = p.name.split()
            key = (p.name, p.roles)
            if key not in genders:
                genders[key] = gender_of(toks, p.roles)
            g = genders[key]
            if g and not self.gender.get(p.name):
                self.gender[p.name] = g
            else:
                self.gender.setdefault(p.name, g)
            same = self.by_last.setdefault(toks[-1], [])
            if p.name not in same:
                same.append(p.name)
            ws = self.roles.setdefault(p.name, set())
            for r in p.roles:
                ws.update(role_words(r))

    def compatible(self, name: str, gender: str | None) -> str | None:
        """``name`` if its gender fits, else a same-surname person whose gender does."""
        g = self.gender.get(name)
        if not gender or not g or g == gender:
            return name
        for other in self.by_last.get(name.split()[-1], ()):
            if self.gender.get(other) in (gender, None):
                return other
        return None

    def quoted(self, pos: int) -> bool:
        """Is ``pos`` inside a quotation?"""
        k = bisect.bisect_right(self.span_starts, pos) - 1
        return k >= 0 and self.spans[k][0] < pos < self.spans[k][1]

    def mentions_in(self, start: int, end: int) -> list[PersonMention]:
        """The mentions that start in ``[start, end)``, in order."""
        i = bisect.bisect_left(self.starts, start)
        return self.people[i : bisect.bisect_left(self.starts, end, i)]

    def before(self, pos: int) -> range:
        """Indexes of mentions before ``pos``, nearest first."""
        return range(bisect.bisect_left(self.starts, pos) - 1, -1, -1)


class Coref:
    """Resolves pronouns and role descriptions to the people of one text."""

    def __init__(self, mentions: Mentions, paras: list[tuple[int, int]], sentences: SentenceIndex) -> None:
        self.mentions = mentions
        self.text = mentions.text
        self.paras = paras
        self.para_starts = [s for s, _ in paras]
        self.sentences = sentences
        self._pronouns: dict[str, list[int]] = {}  # he/she outside quotations, by gender

    def pronoun(self, gender: str | None, pos: int) -> str | None:
        """The person a he/she at ``pos`` refers to.

        Sentences are searched backwards (two paragraphs at most); in each, a compatible person
        next to a speech verb wins, else the first compatible person named (the subject),
        mentions inside quotations aside. Failing that, the last compatible person named.
        """
        ctx = self.mentions
        text = self.text
        k = bisect.bisect_right(self.para_starts, pos) - 1
        floor = max(self.paras[max(0, k - 2)][0] if k >= 0 else 0, pos - _PRONOUN_REACH)
        starts = self.sentences.starts(floor, pos)
        end = pos
        for start in reversed(starts):
            first = None
            again = self._same_pronoun(gender, start, end)
            for i in range(bisect.bisect_left(ctx.starts, start), len(ctx.people)):
                p = ctx.people[i]
                if p.start >= end or p.start > again:
                    break  # "He accused Clinton …": the sentence is about the same person as before
                if i in ctx.inside or possessive(text, p.end):
                    continue
                name = ctx.compatible(p.name, gender)
                nxt = _SPEECH_NEXT_RE.match(text, p.end) if name else None
                if name and nxt and is_verb(nxt[1]):
                    return name
                first = first or name
            if first:
                return first
            end = start
        for i in ctx.before(pos):
            name = ctx.compatible(ctx.people[i].name, gender)
            if name and i not in ctx.inside:
                return name
        return None

    def _same_pronoun(self, gender: str | None, start: int, end: int) -> int:
        """Where the first he/she of ``gender`` outside quotations in ``[start, end)`` stands, or ``end``."""
        if gender is None:
            return end
        found = self._pronouns.get(gender)
        if found is None:
            quoted = self.mentions.quoted
            at = sorted(m.start() for r in _PRONOUN_RES[gender] for m in r.finditer(self.text))
            found = [a for a in at if not quoted(a)]
            self._pronouns[gender] = found
        k = bisect.bisect_left(found, start)
        return found[k] if k < len(found) and found[k] < end else end

    def by_role(self, roles: set[str], pos: int) -> str | None:
        """The last person before ``pos`` introduced with all these role words
        ("the Alliance Secretary General" -> "NATO Secretary General Mark Rutte")."""
        ctx = self.mentions
        roles = roles - _ROLE_MODIFIERS
        if not roles:
            return None
        for i in ctx.before(pos):
            name = ctx.people[i].name
            if roles <= ctx.roles.get(name, set()):
                return name
        return None
