"""Reported speech: what someone said or claimed, without quote marks, and who.

Cue words are found by plain string search among the words a text holds, then each is read
in its sentence:

- a reporting verb and the clause after it: "Rutte said (that) …", "He confirmed that …",
  "told reporters on Monday that …", ", adding that …", "urged Congress to …";
- an attribution that ends the sentence, the content before it: "…, the airline said.",
  "…, said Sen. Smith." (mid-sentence, "…, Devine said, …", the whole sentence is content);
- "according to": "According to police, …" (the content after) and "…, according to X."

The speaker is resolved as for quotations (:class:`~.cues.Cues`, :class:`~.subjects.Subjects`):
names, pronouns, role descriptions. A content that is a direct quotation is no reported speech;
one that holds a partial quote is.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial

from .cues import Cues
from .model import Reported
from .names import FUNCTION_WORDS, PRONOUNS, ROLE_WORDS
from .reporting import (
    ADJECTIVE_CUES,
    CLAUSE_VERBS,
    NOUN_CUES,
    NOUN_LIKE,
    NOUN_LINKS,
    OBJECT_PRONOUNS,
    OBJECT_VERBS,
    PARTICIPLE_CUES,
    PREPOSITION_VERBS,
    SEEM_VERBS,
    TELL_VERBS,
    TIME_WORDS,
)
from .sentences import (
    AUXILIARIES,
    CLAUSE_STOP,
    DETERMINERS,
    SUBJECT_STOP,
    Word,
    boundaries,
    clause_end,
    drop_parentheses,
    verb_at,
    words,
)

_VERBS: dict[str, str] = {
    **{w: lemma for w, (lemma, _) in PREPOSITION_VERBS.items()},
    **OBJECT_VERBS,
    **TELL_VERBS,
    **CLAUSE_VERBS,
}  # form -> lemma
_PHRASE_VERBS = (frozenset(OBJECT_VERBS) | frozenset(PREPOSITION_VERBS)) - frozenset(CLAUSE_VERBS)
CUE_WORDS = frozenset(_VERBS) | NOUN_CUES | SEEM_VERBS | ADJECTIVE_CUES | {"according"}
_MARKS = frozenset('"\u201c\u201d\u00ab\u00bb')
_OPENERS = frozenset("\"\u201c\u00ab'\u2018")  # a quotation, even in single marks, opens here
_TRIM = " \t\n\r\u00a0.,;:!?\u2014\u2013-"
_NOT_BOUNDARY = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'\u2019-_")
_DAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_LEADS = frozenset("in on at during".split())  # "said in a statement that", "said on Monday that"
_MIN_WORDS = 2
_GROUP_BEFORE = frozenset(", ; : and but while as so the".split())  # what may precede a subject
_OPENING = frozenset("( but and yet so".split())  # may stand before a sentence-initial "According to"
_APPOSITIVE = frozenset("the a an who which whose".split())  # "according to Crowdpac, the most …"
_CAPITAL_RE = re.compile(r"(?:^|(?<= ))[A-Z]")
_SEEM_NEXT = frozenset("to that likely unlikely certain poised ready set of as".split())
_PASSIVE_CUES = frozenset(
    "expected believed thought said reported rumored rumoured considered known seen viewed regarded alleged"
    " accused presumed assumed understood projected predicted estimated told asked urged".split()
)
_LABEL_RE = re.compile(r"([A-Z][\w.'\u2019-]*(?: [A-Z][\w.'\u2019-]*){0,3}):[ \t]+(?=\S)")
_HARD_STOPS = frozenset(";\u2014\u2013") | {"-", "--"}
# Words that end a verb's object and start an adjunct: "endorsed Cruz [during the debate]"
_ADJUNCTS = frozenset("during after before when while since until because ago through following".split())
_NEW_SUBJECTS = frozenset("he she they we i it the a an this that these those there his her their its".split())
_RELATIVES = frozenset("which who whom".split())
_ING_LEADS = frozenset("by after before while without for in on from of".split())  # "by questioning …"
_POSSESSIVE_PRONOUNS = {"his": "m", "her": "f", "their": None}
_SUBJECT_STOPS = SUBJECT_STOP | DETERMINERS | {"this", "his", "its", "us", "was", "is", "has", "as"}
_SUBORDINATORS = frozenset("while although though if when as because since whereas after before to".split())
_BE = frozenset("is are was were be been being am".split())
_ING_PREV = _BE | _ING_LEADS | {"also", "now", "still"}
_PAST = frozenset("said told thought felt knew known wrote written found sought swore sworn understood".split())
# Words a verb's subject ends with, or that stand between subject and verb
_SUBJECT_ENDS = frozenset(
    "he she they we i you it who which that will would could should can may might must do does did to not also"
    " still often always never".split()
)


def cue_positions(text: str, vocab: Iterable[str]) -> list[int]:
    """Offsets of the cue words in ``text`` that may be cues where they stand, found by string
    search for the cue words among ``vocab`` (the lower-case words the text holds). A word after
    a determiner ("the state") or an -ing form inside a phrase ("a group supporting") is none."""
    out: list[int] = []
    n = len(text)
    for w in [*CUE_WORDS.intersection(vocab), "According", "Asked"]:
        at = text.find(w)
        size = len(w)
        ing = w.endswith("ing") and w in _VERBS and w not in PARTICIPLE_CUES
        noun = w in NOUN_CUES or w in ADJECTIVE_CUES or w in ("According", "Asked")
        while at >= 0:
            end = at + size
            if (at == 0 or text[at - 1] not in _NOT_BOUNDARY) and (end >= n or text[end] not in _NOT_BOUNDARY):
                if noun:
                    out.append(at)
                else:
                    prev = text[text.rfind(" ", max(0, at - 24), at - 1) + 1 : at].strip().lower()
                    if not (prev in DETERMINERS or (ing and prev not in _ING_PREV and not prev.endswith(","))):
                        out.append(at)
            at = text.find(w, end)
    out.sort()
    return out


Speaker = Callable[[], "str | None"]  # resolves the speaker when the content is kept


@dataclass(slots=True)
class _Found:
    """A content before overlaps are settled; its speaker is resolved only if it stays."""

    start: int
    end: int
    cue: str
    speaker: Speaker


def _given(who: str | None) -> Speaker:
    """A speaker already known."""
    return lambda: who


class ReportedFinder:
    """Finds the reported speech of one text."""

    def __init__(
        self, cues: Cues, paras: list[tuple[int, int]], speech: list[tuple[int, int]], vocab: Iterable[str]
    ) -> None:
        self.cues = cues
        self.text = cues.text
        self.mentions = cues.subjects.mentions
        self.paras = paras
        self.para_starts = [s for s, _ in paras]
        self.speech = sorted(speech)
        self.speech_starts = [s for s, _ in self.speech]
        self.by_end = sorted((e, s) for s, e in self.speech)
        self.vocab = vocab
        self._sentences: dict[int, list[tuple[int, int]]] = {}

    def run(self) -> list[Reported]:
        """Every reported content, in text order, none overlapping another."""
        found: list[_Found] = []
        by_sentence: dict[tuple[int, int], list[int]] = {}
        for pos in cue_positions(self.text, self.vocab):
            if self.mentions.quoted(pos):
                continue
            sent = self._sentence(pos)
            if sent is not None:
                by_sentence.setdefault(sent, []).append(pos)
        for (s, e), hits in by_sentence.items():
            found.extend(self._read_sentence(s, e, hits))
        found.extend(self._transcript())
        found.extend(self._headlines())
        text = self.text
        return [Reported(text[f.start : f.end], f.start, f.end, f.speaker(), f.cue) for f in _without_overlaps(found)]

    def _headlines(self) -> list[_Found]:
        """Headlines in Title Case, whose verbs are capitalised too: "Clinton Calls For …"."""
        out: list[_Found] = []
        for ps, pe in self.paras:
            if pe - ps > 200 or self.text[ps] == ">":
                continue
            seg = self.text[ps:pe]
            n = seg.count(" ") + 1
            if n < 4 or len(_CAPITAL_RE.findall(seg)) < 0.6 * n:
                continue
            ws = words(self.text, ps, pe)
            low = [
                (w.lower(), s, e) if k and w[0].isupper() and w.lower() in _VERBS else (w, s, e)
                for k, (w, s, e) in enumerate(ws)
            ]
            for v in range(1, len(low)):
                if low[v][0] != ws[v][0]:
                    r = self._verb(low, v, ps, pe)
                    if r is not None:
                        out.append(r)
        return out

    def _transcript(self) -> list[_Found]:
        """Paragraphs of an interview transcript, each after its speaker's label: "TAPPER: …"."""
        out: list[_Found] = []
        text = self.text
        for ps, pe in self.paras:
            m = _LABEL_RE.match(text, ps, pe)
            if m is None or text[m.end()] in _OPENERS:
                continue
            label = m.group(1)
            owner = self.mentions.mentions_in(ps, m.end(1))
            if owner:
                who: str | None = owner[-1].name
            elif label.isupper() and len(label) > 2:
                who = label
            else:
                continue
            r = self._make(m.end(), pe, _given(who), ":")
            if r is not None:
                out.append(r)
        return out

    # -- sentences --------------------------------------------------------------------

    def _sentence(self, pos: int) -> tuple[int, int] | None:
        """The sentence around ``pos``, outside block quotes."""
        k = bisect.bisect_right(self.para_starts, pos) - 1
        if k < 0:
            return None
        ps, pe = self.paras[k]
        if pos >= pe or self.text[ps] == ">":
            return None
        sents = self._sentences.get(k)
        if sents is None:
            sents = []
            start = ps
            for m in boundaries(self.text, ps, pe):
                sents.append((start, m.start() + 1))
                start = m.end()
            sents.append((start, pe))
            self._sentences[k] = sents
        return sents[bisect.bisect_right(sents, (pos, len(self.text))) - 1]

    def _read_sentence(self, s: int, e: int, hits: list[int]) -> list[_Found]:
        ws = words(self.text, s, e)
        index = {w[1]: k for k, w in enumerate(ws)}
        out: list[_Found] = []
        for pos in hits:
            v = index.get(pos)
            if v is None:
                continue
            if ws[v][0] in ("according", "According"):
                r = self._according(ws, v, s, e)
            elif ws[v][0] in SEEM_VERBS:
                r = self._seems(ws, v, s, e)
            elif ws[v][0] in ADJECTIVE_CUES:
                r = self._held(ws, v, e)
            elif ws[v][0] == "Asked":
                r = self._asked(ws, v, e)
            else:
                r = self._verb(ws, v, s, e)
                if r is None and ws[v][0] in NOUN_CUES:
                    r = self._noun(ws, v, e)
                if r is None and ws[v][0] in _PASSIVE_CUES and v > 1 and _BE & {ws[v - 1][0], ws[v - 2][0]}:
                    r = self._seems(ws, v, s, e)  # "Trump is expected to attend"
            if r is not None:
                out.append(r)
        return out

    # -- cues -------------------------------------------------------------------------

    def _according(self, ws: list[Word], v: int, s: int, e: int) -> _Found | None:
        """ "According to X, …" (the content after), "…, according to X(, the …)" (the content
        before) or "…, according to X, …" (the sentence)."""
        if v + 1 >= len(ws) or ws[v + 1][0].lower() != "to":
            return None
        src = ws[v + 1][2]
        src_end = clause_end(ws, src)
        who = partial(self._source, src, src_end, ws[v][1])
        cue = "according to"
        if all(w.lower() in _OPENING for w, _, _ in ws[:v]):
            comma = next((k for k in range(v + 2, len(ws)) if ws[k][0] == ","), None)
            if comma is None or comma + 1 >= len(ws):
                return None
            return self._make(ws[comma + 1][1], e, who, cue)
        later = next((k for k in range(v + 2, len(ws)) if ws[k][0] == "," and ws[k][1] >= src_end), None)
        end = ws[v - 1][1] if ws[v - 1][0] == "," else ws[v][1]
        if later is not None and later + 1 < len(ws) and ws[later + 1][0].lower() not in _APPOSITIVE:
            end = e  # "Over the long term, according to the budget office, the rise …"
        return self._make(s, end, who, cue)

    def _verb(self, ws: list[Word], v: int, s: int, e: int) -> _Found | None:
        w = ws[v][0].rstrip(".")
        if w not in _VERBS or not self._is_cue(ws, v, w) or self._attributes_quote(ws, v, s):
            return None
        trailing = self._trailing(ws, v, s, e)
        if trailing is not None:
            return trailing
        who = partial(self._speaker, ws, v)
        start = self._content_start(ws, v, w)
        if start is None:
            return None
        j, at = start
        embedded = ws[j - 1][0].lower() == "that"
        at = self._clause_start(ws, v, s, at)
        phrase = w in _PHRASE_VERBS
        end = self._content_end(ws, j, e, phrase, ws[0][0].lower() in _SUBORDINATORS and v < len(ws) // 2)
        return self._make(at, end, who, w, embedded)

    def _speaker(self, ws: list[Word], v: int) -> str | None:
        """Who says what the verb ``ws[v]`` introduces: its subject, else the person its sentence
        opens with ("Trump, who was once a pitchman, has vowed …")."""
        who = self.cues.subject_of(ws, v, ws[v][1])[1]
        if who is None and v > 2:
            who = self.cues.subjects.sentence_subject(drop_parentheses(ws[:v]))
        return who or _group(ws, v)

    def _clause_start(self, ws: list[Word], v: int, s: int, at: int) -> int:
        """Where content that starts at ``at`` really starts: with the relative pronoun when the cue
        stands in a relative clause ("which the OECD says had …")."""
        for k in range(v - 1, max(-1, v - 9), -1):
            low = ws[k][0].lower()
            if low in _RELATIVES:  # with its own subject: "which the OECD says", not "who has said"
                own = any(x.lower() not in AUXILIARIES and not x.endswith("ly") for x, _, _ in ws[k + 1 : v])
                return ws[k][1] if own else at
            if ws[k][0] in CLAUSE_STOP or low in _VERBS or (low in SUBJECT_STOP and low not in ("the", "a")):
                break
        return at

    def _is_cue(self, ws: list[Word], v: int, w: str) -> bool:
        """Is ``ws[v]`` a reporting verb in use here: not a noun ("his support"), not a passive
        ("is expected"), not a modifier ("a group supporting …")?"""
        if v == 0:
            return False
        prev = ws[v - 1][0].lower()
        before = ws[v - 2][0].lower() if v > 1 else ""
        if not verb_at(ws, v, _VERBS) and not (w == _VERBS[w] and prev.endswith("s") and before in DETERMINERS):
            return False  # but "several polls show" is a verb after a plural subject
        if w.endswith("ing"):
            if prev == "," or prev in _BE or prev in _ING_LEADS or (prev.endswith("ly") and before in _BE):
                return True
            return w in PARTICIPLE_CUES and prev not in DETERMINERS and prev.isalpha()
        if prev in DETERMINERS or prev in _BE or (before in _BE and (prev == "not" or prev.endswith("ly"))):
            return False
        if prev[:1].isdigit():
            return False  # "270 pledged delegates"
        if _VERBS[w] in NOUN_LIKE and not w.endswith("ed") and w not in _PAST:
            if prev in _SUBJECT_ENDS or self._person_ends(ws[v - 1][2]):
                return True
            if w.endswith("s"):  # a singular subject: "Trump wants", "a new poll shows"
                if ws[v - 1][0][0].isupper() and prev not in _SUBJECT_STOPS:
                    return True
                return (
                    prev.isalpha()
                    and prev not in _SUBJECT_STOPS
                    and any(x.lower() in DETERMINERS for x, _, _ in ws[max(0, v - 4) : v - 1])
                )
            return prev.endswith("s") and prev not in _SUBJECT_STOPS  # a plural one: "polls show"
        return True

    def _person_ends(self, pos: int) -> bool:
        return any(m.end == pos for m in self.mentions.mentions_in(pos - 40, pos))

    def _attributes_quote(self, ws: list[Word], v: int, s: int) -> bool:
        """Is the verb ``ws[v]`` the attribution of a speech quotation that opens its sentence
        and ends just before it ('"…," Smith said', '"…," said Smith')? After a quotation
        embedded in more words ('… calling her "scum," she said') it is reported speech."""
        at = ws[v][1]
        k = bisect.bisect_left(self.by_end, (at,)) - 1
        if k < 0 or self.by_end[k][0] <= s:
            return False
        q_end, q_start = self.by_end[k]
        if len(self.text[s:q_start].split()) > 2:
            return False
        gap = [x for x, xs, _ in ws[:v] if xs >= q_end]
        return len(gap) <= 10 and not any(x in _PAST or x.endswith("ed") for x in gap)

    def _seems(self, ws: list[Word], v: int, s: int, e: int) -> _Found | None:
        """ "X seems (to be) …", "it appears that …": the clause, from its subject, is the content."""
        if v == 0 or ws[v - 1][0].lower() in DETERMINERS or v + 1 >= len(ws):
            return None
        nxt = ws[v + 1][0].lower()
        if nxt not in _SEEM_NEXT:
            return None
        c = next((k for k in range(v - 1, -1, -1) if ws[k][0] in CLAUSE_STOP), -1)
        start = ws[c + 1][1] if c >= 0 else s
        if ws[c + 1][0].lower() == "it" and nxt == "that":
            start = ws[v + 2][1] if v + 2 < len(ws) else e
        return self._make(start, self._content_end(ws, v + 1, e, False, False), _given(None), ws[v][0])

    def _held(self, ws: list[Word], v: int, e: int) -> _Found | None:
        """A view held: "Ackman is convinced that …", "She was confident (that) …"."""
        if v < 2 or v + 2 >= len(ws) or not (_BE & {ws[v - 1][0], ws[v - 2][0]}):
            return None
        if ws[v + 1][0] != "that":
            return None
        end = self._content_end(ws, v + 2, e, False, False)
        return self._make(ws[v + 2][1], end, partial(self._speaker, ws, v), ws[v][0], True)

    def _asked(self, ws: list[Word], v: int, e: int) -> _Found | None:
        """ "Asked about it, Trump said …": the question, up to the comma."""
        if v != 0 or len(ws) < 3:
            return None
        end = next((ws[k][1] for k in range(1, len(ws)) if ws[k][0] in CLAUSE_STOP), e)
        return self._make(ws[1][1], end, _given(None), "asked")

    def _noun(self, ws: list[Word], v: int, e: int) -> _Found | None:
        """A noun that carries speech or a view, with its owner: "his warning that …",
        "Sanders's call for …", "the senator's criticism of …"."""
        if v == 0 or v + 2 >= len(ws) or ws[v + 1][0] not in NOUN_LINKS:
            return None
        prev = ws[v - 1][0]
        if prev.lower() not in _POSSESSIVE_PRONOUNS and not prev.endswith(("'s", "\u2019s", "'", "\u2019")):
            return None
        j = v + 2
        phrase = ws[v + 1][0] != "that"
        end = self._content_end(ws, j, e, phrase, False)
        return self._make(ws[j][1], end, partial(self._owner, ws[v - 1]), ws[v][0], not phrase)

    def _owner(self, word: Word) -> str | None:
        """Whom a possessive ``word`` names: "his" (resolved), "Sanders's"."""
        w, s, e = word
        if w.lower() in _POSSESSIVE_PRONOUNS:
            gender = _POSSESSIVE_PRONOUNS[w.lower()]
            return self.cues.subjects.coref.pronoun(gender, s) if gender else None
        owner = self.mentions.mentions_in(s - 60, e)
        return owner[-1].name if owner and owner[-1].end >= e - 2 else None

    def _source(self, start: int, end: int, pos: int) -> str | None:
        """Who the words after "according to" name."""
        return self.cues.subjects.resolve(start, end, pos, last=False)[1]

    def _trailing(self, ws: list[Word], v: int, s: int, e: int) -> _Found | None:
        """ "…, the airline said (Thursday)." / "…, said Sen. Smith." / "…, Devine said, …"."""
        w = ws[v][0].rstrip(".")
        if w not in CLAUSE_VERBS and w not in TELL_VERBS:
            return None
        c = v - 1
        while c >= 0 and v - c <= 7 and ws[c][0] != ",":
            if ws[c][0] in CLAUSE_STOP or (ws[c][0].lower() in SUBJECT_STOP and ws[c][0].lower() not in ("the", "a")):
                return None
            c -= 1
        if c < 2 or ws[c][0] != ",":
            return None
        hit = self.cues.clause(ws, c + 1, ws[c][1])
        rest = v + 1
        if v == c + 1:  # "…, said Sen. Smith": a name or description, then the end or a comma
            if hit is None or not hit[0] or w.endswith("ing"):
                return None
            stop = next((k for k in range(v + 1, len(ws)) if ws[k][0] in CLAUSE_STOP), len(ws))
            rest = next((k for k in range(v + 1, stop) if ws[k][0].lower() in ("who", "whose")), stop)
            long_ok = rest < stop and ws[v + 1][0].lower() in DETERMINERS  # "said a former official who …"
            if not _in_name(ws[v + 1][0]) or (rest - v > 6 and not long_ok):
                return None
        elif not _adverbial(ws, rest):
            return None  # more of a clause: this verb introduces content after it
        who = _given(hit[1] if hit is not None else None)
        k = next((k for k in range(rest, len(ws)) if ws[k][0] in CLAUSE_STOP), len(ws))
        end = ws[c][1] if k >= len(ws) or ws[k][0] != "," or v == c + 1 else e
        if end == e and ws[0][0].lower() in _SUBORDINATORS:  # "As China builds …, it is his job, he said, to …"
            s = next((ws[i + 1][1] for i in range(1, c) if ws[i][0] == ","), s)
        return self._make(s, end, who, w)

    def _content_start(self, ws: list[Word], v: int, w: str) -> tuple[int, int] | None:
        """Where the content of the verb ``ws[v]`` (``w``) starts: (word index, offset)."""
        n = len(ws)
        j = v + 1
        lemma = _VERBS[w]
        if w in PREPOSITION_VERBS:
            if j < n and ws[j][0] in PREPOSITION_VERBS[w][1]:
                return (j + 1, ws[j + 1][1]) if j + 1 < n else None
            if w not in OBJECT_VERBS and w not in CLAUSE_VERBS:
                return None
        if lemma == "call":
            if j < n and ws[j][0] in ("for", "on"):
                j += 1
        elif lemma == "call" and v + 2 < n and ws[j][0][0].isupper() and ws[v - 1][0].islower():
            return None  # naming: "a group called Occupy"
        comma = j < n and ws[j][0] == ","
        if j < n and ws[j][0] in (",", ":"):
            if self._quote_at(ws[j][2]):
                return None  # said: "…": a direct quotation
            j += 1
        that = next((k for k in range(j, min(n, j + 9)) if ws[k][0].lower() == "that"), None)
        if (
            that is not None
            and all(x not in CLAUSE_STOP or x == "," for x, _, _ in ws[j:that])
            and not any(verb_at(ws, k, _VERBS) for k in range(j, that))
            and not any(x.lower() in PRONOUNS or x.lower() in AUXILIARIES for x, _, _ in ws[j:that])
        ):
            j = that + 1
        elif comma:
            return None  # "is hard to predict, especially …": no content follows
        elif lemma in TELL_VERBS.values() and j < n:
            if ws[j][0].lower() in OBJECT_PRONOUNS:
                j += 1
            elif ws[j][0][0].isupper():
                while j < n and (ws[j][0][0].isupper() or ws[j][0] == "of"):
                    j += 1
            elif ws[j][0].lower() in DETERMINERS:
                j += 2
        else:
            while j < n and (ws[j][0].lower() in _DAYS or ws[j][0].endswith("ly")):
                j += 1
            if j + 1 < n and ws[j][0] in _LEADS and ws[j + 1][0].lower() in _DAYS:
                j += 2
        if j >= n or (ws[j][0] in _VERBS and (ws[j][0].endswith("ed") or ws[j][0] in _PAST)):
            return None  # no content, or another verb: "He said that said at …"
        at = ws[j][1]
        gap = self.text[ws[j - 1][2] : at]
        for k, ch in enumerate(gap):
            if ch in _MARKS:
                at = ws[j - 1][2] + k
                break
        return j, at

    def _content_end(self, ws: list[Word], j: int, e: int, phrase: bool, subordinate: bool) -> int:
        """Where the content that starts at ``ws[j]`` ends: the sentence end, a later cue that
        continues the speech (", adding", "and said"), a comma that opens another clause
        (", and he …", ", which …"), a dash or semicolon; for a phrase, or a cue in a
        subordinate clause ("While most agree …, some fear"), its first comma."""
        for k in range(j + 1, len(ws)):
            w = ws[k][0]
            if w in _HARD_STOPS or ((phrase or subordinate) and w in CLAUSE_STOP):
                return ws[k][1]
            low = w.lower()
            if phrase and low in _ADJUNCTS:
                return ws[k][1]  # "endorsed Cruz last week", "blasted her during a rally"
            if phrase and low in ("and", "but") and k + 1 < len(ws) and _verb_like(ws[k + 1][0]):
                return ws[k][1]  # "picked Clinton and worked to clear the field"
            if k + 1 < len(ws) and low in ("and", "but") and ws[k - 1][0] == ",":
                nxt = ws[k + 1][0]
                if nxt[0].isupper() or nxt.lower() in _NEW_SUBJECTS:
                    return ws[k - 1][1]  # ", and the ACLU has sued …": another clause
            if k + 1 < len(ws) and w in (",", "and", "but"):
                nxt = ws[k + 1][0].rstrip(".")
                if nxt.endswith("ing") and nxt in _VERBS and w == ",":
                    return ws[k][1]
                if w != "," and nxt in CLAUSE_VERBS and verb_at(ws, k + 1, _VERBS):
                    return ws[k][1]
        return e

    # -- checks -----------------------------------------------------------------------

    def _quote_at(self, pos: int) -> bool:
        """Does a speech quotation open right after ``pos`` (spaces aside)?"""
        text = self.text
        while pos < len(text) and text[pos] == " ":
            pos += 1
        return pos < len(text) and text[pos] in _OPENERS

    def _direct(self, start: int, end: int) -> bool:
        """Does ``[start, end)`` lie inside one speech quotation?"""
        k = bisect.bisect_right(self.speech_starts, start + 1) - 1
        return k >= 0 and self.speech[k][1] >= end - 2

    def _make(self, start: int, end: int, speaker: Speaker, cue: str, embedded: bool = False) -> _Found | None:
        """The content ``[start, end)`` trimmed, unless it is too short or a direct quotation
        (``embedded``: quoted words after "that" are a partial quote, and stay)."""
        text = self.text
        while start < end and text[start] in " \t\n\r\u00a0,":
            start += 1
        while end > start and text[end - 1] in _TRIM:
            end -= 1
        if end - start < 2 or len(text[start:end].split()) < _MIN_WORDS or (not embedded and self._direct(start, end)):
            return None
        return _Found(start, end, cue, speaker)


def _group(ws: list[Word], v: int) -> str | None:
    """A capitalised subject right before the verb ``ws[v]`` that names no person but a party,
    a people, a place or an organisation: "Republicans have refused", "Israel refuses"."""
    k = v
    while k > 0 and (ws[k - 1][0].lower() in AUXILIARIES or ws[k - 1][0].endswith("ly") or ws[k - 1][0] == "not"):
        k -= 1
    j = k
    while j > 0 and k - j < 4 and ws[j - 1][0][0].isupper() and ws[j - 1][0].lower() not in PRONOUNS:
        j -= 1
    if j == k or (j > 0 and ws[j - 1][0].lower() not in _GROUP_BEFORE):
        return None
    names = [w for w, _, _ in ws[j:k]]
    while names and names[0].lower() in FUNCTION_WORDS:
        names.pop(0)  # "Several Democrats", "Even Latino Republicans"
    if not names or names[-1].lower() in FUNCTION_WORDS or names[-1].endswith(("'s", "\u2019s")):
        return None
    return " ".join(names)


def _verb_like(w: str) -> bool:
    """Does ``w`` look like a verb that starts another predicate ("worked", "accusing", "said")?"""
    return w.islower() and (w.endswith(("ed", "ing")) or w in _VERBS or w in _PAST)


def _in_name(w: str) -> bool:
    """Can ``w`` stand in a name or a short description ("Sen. Smith", "the airline's spokesman")?"""
    low = w.lower()
    return w[0].isupper() or low in DETERMINERS or low in ROLE_WORDS or low.endswith(("'s", "\u2019s"))


def _adverbial(ws: list[Word], k: int) -> bool:
    """Do the words from ``ws[k]`` to the next clause stop only say when, where or to whom
    ("Thursday", "in a statement", "on MSNBC's Morning Joe", "reporters")?"""
    n = 0
    lead = k < len(ws) and ws[k][0].lower() in _LEADS
    while k < len(ws) and ws[k][0] not in CLAUSE_STOP:
        w = ws[k][0]
        low = w.lower()
        plain = lead or low in TIME_WORDS or low in _LEADS or low in DETERMINERS or low in OBJECT_PRONOUNS
        if not (plain or w[0].isupper() or low.endswith("ly")):
            return False
        n += 1
        if n > 7:
            return False
        k += 1
    return True


def _without_overlaps(found: list[_Found]) -> list[_Found]:
    """The contents in text order, less those that lie mostly inside a longer one."""
    kept: list[_Found] = []
    starts: list[int] = []
    for r in sorted(found, key=lambda r: r.start - r.end):
        k = bisect.bisect_left(starts, r.end)  # the kept ones that start before r ends
        if any(
            min(r.end, kept[i].end) - max(r.start, kept[i].start) >= 0.5 * (r.end - r.start)
            for i in range(k - 1, -1, -1)
            if kept[i].end > r.start
        ):
            continue
        kept.insert(k, r)
        starts.insert(k, r.start)
    return kept
