"""Reading one cue: the content it attributes, the cue word and who the speaker is.

:class:`ClaimReader` reads a cue word in its sentence: a reporting verb and the clause after
it ("Rutte said (that) …", "told reporters that …", ", adding that …", "urged Congress to
…"), an attribution that ends the sentence ("…, the airline said.", "…, said Sen. Smith.";
in mid-sentence, "…, Devine said, …", the whole sentence), "according to", a view held
("is convinced that"), appearance ("seems to"), an attribution noun (:mod:`~.nouns`),
a question ("was asked whether …", "Asked about …,") and an opening participle ("Noting …,").
The speaker is resolved as for quotations (:class:`~.cues.Cues`), and only for the contents
that are kept. A content that is a direct quotation is no reported speech; one that holds a
partial quote is.
"""

from __future__ import annotations

import bisect
from functools import partial

from .contents import (
    LEADS,
    SUBORDINATORS,
    adverbial,
    clause_start,
    content_end,
    content_start,
    group,
    in_name,
    name_link,
    named_subject,
)
from .cues import Cues
from .found import Contents, Found, Speaker, given
from .nouns import NounReader, is_noun_cue
from .reporting import (
    ADJECTIVE_CUES,
    BE,
    CLAUSE_VERBS,
    PAST,
    PHRASE_VERBS,
    SEEM_VERBS,
    TELL_VERBS,
    VERBS,
    verb_in_use,
)
from .sentences import (
    CLAUSE_STOP,
    DETERMINERS,
    SUBJECT_STOP,
    Word,
    clause_end,
    drop_parentheses,
)

_OPENING = frozenset("( but and yet so".split())  # may stand before a sentence-initial "According to"
_APPOSITIVE = frozenset("the a an who which whose".split())  # "according to Crowdpac, the most …"
_SEEM_NEXT = frozenset("to that likely unlikely certain poised ready set of as".split())
_PASSIVE_CUES = frozenset(
    "expected believed thought said reported rumored rumoured considered known seen viewed regarded alleged"
    " accused presumed assumed understood projected predicted estimated told asked urged".split()
)
_DESCRIBING = frozenset("to with of at for in close familiar".split())  # "a source close to him said"
_DESCRIBED = DETERMINERS | {"people", "officials", "sources", "aides"}  # how a described source starts
_ASKED = frozenset("asked questioned".split())
_WHEN = frozenset("when after before once while if".split())
_WH = frozenset("whether if what why how when where who which".split())
_CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july"
    " august september october november december".split()
)


class ClaimReader(Contents):
    """Reads the content, cue and speaker that one cue word attributes, in its sentence."""

    def __init__(self, cues: Cues, speech: list[tuple[int, int]]) -> None:
        super().__init__(cues.text, speech)
        self.cues = cues
        self.mentions = cues.subjects.mentions
        self.nouns = NounReader(self, cues, self._speaker)

    def read(self, ws: list[Word], v: int, s: int, e: int) -> Found | None:
        """The content the cue word ``ws[v]`` attributes, in the sentence ``[s, e)``, if any."""
        w = ws[v][0]
        if w in ("according", "According"):
            return self._according(ws, v, s, e)
        if w in SEEM_VERBS:
            return self._seems(ws, v, s, e)
        if w in ADJECTIVE_CUES:
            return self._held(ws, v, e)
        if w.lower() in _ASKED and (v == 0 or ws[v - 1][0].lower() in _WHEN):
            return self._question(ws, v, e, opening=True)  # "Asked about …, Ortiz said", "when asked whether …"
        if v == 0 and w[0].isupper() and w.endswith("ing") and w.lower() in CLAUSE_VERBS:
            return self._opening(ws, e)
        r = self.verb(ws, v, s, e)
        if r is None and is_noun_cue(w):
            r = self.nouns.read(ws, v, e)
        if r is None and w in _PASSIVE_CUES and v > 1 and BE & {ws[v - 1][0], ws[v - 2][0]}:
            if w in _ASKED:
                r = self._question(ws, v, e)
            else:
                r = (self._told(ws, v, e) if w in TELL_VERBS else None) or self._seems(ws, v, s, e)
        return r

    def _told(self, ws: list[Word], v: int, e: int) -> Found | None:
        """What someone was told: "Ortiz had been told before the vote that she would lose"."""
        that = next(
            (k for k in range(v + 1, min(len(ws), v + 9)) if ws[k][0] in CLAUSE_STOP or ws[k][0] == "that"), None
        )
        if that is None or ws[that][0] != "that" or that + 1 >= len(ws):
            return None
        end = content_end(ws, that + 1, e, False, False, self.mentions.quoted)
        return self.make(ws[that + 1][1], end, given(None), ws[v][0], True)

    def _according(self, ws: list[Word], v: int, s: int, e: int) -> Found | None:
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
            return self.make(ws[comma + 1][1], e, who, cue)
        later = next((k for k in range(v + 2, len(ws)) if ws[k][0] == "," and ws[k][1] >= src_end), None)
        end = ws[v - 1][1] if ws[v - 1][0] == "," else ws[v][1]
        if later is not None and later + 1 < len(ws) and ws[later + 1][0].lower() not in _APPOSITIVE:
            end = e  # "Over the long term, according to the budget office, the rise …"
        return self.make(s, end, who, cue)

    def verb(self, ws: list[Word], v: int, s: int, e: int) -> Found | None:
        """A reporting verb's content: after it, or before it when the verb ends the sentence."""
        w = ws[v][0].rstrip(".")
        if w not in VERBS or not verb_in_use(ws, v, w, self._person_ends) or self._attributes_quote(ws, v, s):
            return None
        trailing = self._trailing(ws, v, s, e)
        if trailing is not None:
            return trailing
        who = partial(self._speaker, ws, v)
        start = content_start(self.text, ws, v, w)
        if start is None:
            return None
        j, at = start
        if w not in PHRASE_VERBS and ws[j][0].lower() in LEADS and adverbial(ws, j):
            return None  # only where it was said: "He said that said at a briefing in Brussels"
        embedded = ws[j - 1][0].lower() == "that"
        at = clause_start(ws, v, at)
        phrase = w in PHRASE_VERBS
        # a cue in a subordinate clause, and an infinitive ("pledged to act, reversing …"), end at a comma
        subordinate = (ws[0][0].lower() in SUBORDINATORS and v < len(ws) // 2) or ws[j][0] == "to"
        end = content_end(ws, j, e, phrase, subordinate, self.mentions.quoted)
        one_name = phrase and self.text[at : at + 1].isupper() and ws[j][0].lower() not in _CALENDAR
        return self.make(at, end, who, w, embedded, one_name)

    def _speaker(self, ws: list[Word], v: int) -> str | None:
        """Who says what the verb ``ws[v]`` introduces: its subject, else the person its sentence
        opens with ("Trump, who was once a pitchman, has vowed …")."""
        who = self.cues.subject_of(ws, v, ws[v][1])[1]
        if who is None and v > 2 and not named_subject(ws, v):
            who = self.cues.subjects.sentence_subject(drop_parentheses(ws[:v]))
        return who or group(ws, v)

    def _person_ends(self, pos: int) -> bool:
        """Does a person mention end at ``pos``?"""
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
        comma = max((i for i, x in enumerate(gap) if x == ","), default=0)
        if any(x[0].isalnum() for x in gap[:comma]):
            return False  # the content runs on after the quotation: '… "felt a duty" to act, Ames said'
        return len(gap) <= 10 and not any(x in PAST or x.endswith("ed") for x in gap)

    def _seems(self, ws: list[Word], v: int, s: int, e: int) -> Found | None:
        """ "X seems (to be) …", "it appears that …": the clause, from its subject to its first
        comma, is the content."""
        if v == 0 or ws[v - 1][0].lower() in DETERMINERS or v + 1 >= len(ws):
            return None
        nxt = ws[v + 1][0].lower()
        if nxt not in _SEEM_NEXT:
            return None
        c = next((k for k in range(v - 1, -1, -1) if ws[k][0] in CLAUSE_STOP), -1)
        start = ws[c + 1][1] if c >= 0 else s
        if ws[c + 1][0].lower() == "it" and nxt == "that":
            start = ws[v + 2][1] if v + 2 < len(ws) else e
        end = content_end(ws, v + 1, e, False, True)  # its first comma ends it: "…, with sharp consequences"
        return self.make(start, end, given(None), ws[v][0])

    def _held(self, ws: list[Word], v: int, e: int) -> Found | None:
        """A view held: "Ackman is convinced that …", "She is worried about …"."""
        if v < 2 or v + 2 >= len(ws) or not (BE & {ws[v - 1][0], ws[v - 2][0]}):
            return None
        if ws[v + 1][0] not in ("that", "about"):
            return None
        phrase = ws[v + 1][0] == "about"  # "is worried about what Trump is stirring up"
        end = content_end(ws, v + 2, e, phrase, False, self.mentions.quoted)
        return self.make(ws[v + 2][1], end, partial(self._speaker, ws, v), ws[v][0], not phrase)

    def _opening(self, ws: list[Word], e: int) -> Found | None:
        """A participle that opens the sentence, "Noting (that) …, Ortiz said …": its clause, up to
        the comma, said or held by the subject of the main clause."""
        j = 2 if len(ws) > 2 and ws[1][0] == "that" else 1
        comma = next((k for k in range(j, len(ws)) if ws[k][0] in CLAUSE_STOP), None)
        if comma is None or comma + 1 >= len(ws) or ws[j][0] in LEADS or ws[j][0] == "to":
            return None  # where or to whom: "Speaking at a rally, …", "Writing to supporters, …"
        who = partial(self.cues.subjects.sentence_subject, ws[comma + 1 :])
        return self.make(ws[j][1], ws[comma][1], who, ws[0][0].lower())

    def _question(self, ws: list[Word], v: int, e: int, opening: bool = False) -> Found | None:
        """A question put to someone: "Ortiz was asked (by a farmer) about the dam / whether …";
        its speaker is who asked, when named. One that ``opening`` the sentence ("When asked
        whether …, Ortiz said") ends at its comma."""
        j = v + 1
        by = j < len(ws) and ws[j][0] == "by"
        while j < len(ws) and ws[j][0] != "about" and ws[j][0].lower() not in _WH and ws[j][0] not in CLAUSE_STOP:
            j += 1
        if j + 1 >= len(ws) or ws[j][0] in CLAUSE_STOP or (j > v + 1 and not by):
            return None
        who = partial(self._source, ws[v + 2][1], ws[j][1], ws[v][1]) if by else given(None)
        at = j + 1 if ws[j][0] == "about" else j
        end = content_end(ws, at, e, False, opening, self.mentions.quoted)
        return self.make(ws[at][1], end, who, ws[v][0].lower())

    def _source(self, start: int, end: int, pos: int) -> str | None:
        """Who the words after "according to" name."""
        return self.cues.subjects.resolve(start, end, pos, last=False)[1]

    def _trailing_speaker(self, ws: list[Word], c: int, v: int) -> str | None:
        """Who the attribution after the comma ``ws[c]`` names ("…, the airline said"), else a
        group right before the verb ``ws[v]``."""
        hit = self.cues.clause(ws, c + 1, ws[c][1])
        return (hit[1] if hit is not None else None) or group(ws, v)

    def _trailing(self, ws: list[Word], v: int, s: int, e: int) -> Found | None:
        """ "…, the airline said (Thursday)." / "…, said Sen. Smith." / "…, Devine said, …"."""
        w = ws[v][0].rstrip(".")
        if w not in CLAUSE_VERBS and w not in TELL_VERBS:
            return None
        c = v - 1
        described = False  # "a source close to him", "an official with the agency"
        while c >= 0 and v - c <= 7 and ws[c][0] != ",":
            low = ws[c][0].lower()
            if low in _DESCRIBING and c < v - 1:
                described = True
            elif ws[c][0] in CLAUSE_STOP or (low in SUBJECT_STOP and low not in ("the", "a") and not name_link(ws, c)):
                return None
            c -= 1
        if c < 1 or ws[c][0] != "," or (described and ws[c + 1][0].lower() not in _DESCRIBED):
            return None
        rest = v + 1
        who: Speaker
        if v == c + 1:  # "…, said Sen. Smith": a name or description, then the end or a comma
            if w.endswith("ing") or v + 1 == len(ws):
                return None
            stop = next((k for k in range(v + 1, len(ws)) if ws[k][0] in CLAUSE_STOP), len(ws))
            rest = next((k for k in range(v + 1, stop) if ws[k][0].lower() in ("who", "whose")), stop)
            long_ok = rest < stop and ws[v + 1][0].lower() in DETERMINERS  # "said a former official who …"
            if not in_name(ws[v + 1][0]) or (rest - v > 6 and not long_ok):
                return None
            hit = self.cues.clause(ws, c + 1, ws[c][1])
            if hit is None or not hit[0]:
                return None
            who = given(hit[1] or group(ws, v))
        elif not adverbial(ws, rest):
            return None  # more of a clause: this verb introduces content after it
        else:
            who = partial(self._trailing_speaker, ws, c, v)
        k = next((k for k in range(rest, len(ws)) if ws[k][0] in CLAUSE_STOP), len(ws))
        end = ws[c][1] if k >= len(ws) or ws[k][0] != "," or v == c + 1 else e
        if c < 2 and end != e:
            return None  # one word before the cue is no content; "That, they say, will …" is
        if end == e and ws[0][0].lower() in SUBORDINATORS:  # "As China builds …, it is his job, he said, to …"
            s = next((ws[i + 1][1] for i in range(1, c) if ws[i][0] == ","), s)
        return self.make(s, end, who, w)
