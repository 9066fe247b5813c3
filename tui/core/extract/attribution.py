"""Who said it: attach speakers to quotations, tell speech from scare quotes and titles.

For each quotation the clause right after it (``," Rutte said.``, ``," said Sen. Smith``),
then its sentence before it (``Smith said: "``, ``Smith called it "a disgrace"``) are
searched for a speech verb and its subject, then the end of its sentence (``"…," since
…, said Lee Park.``). A subject resolves to a person mention (or a person's voice:
"Gowdy's office"), a pronoun (the subject of a recent sentence, gender permitting), a role
description ("the Alliance Secretary General" -> the person introduced with that role) or
an organisation ("CNN reported"). Speech words used as nouns ("a subsequent tweet") and
passives are no verbs; a name governed by a preposition is no subject. Quotations embedded
in a sentence without a speech verb take the person (or he/she) the sentence or clause
opens with; unattributed ones take the speaker of a neighbouring quotation in the same
paragraph or of the paragraph before.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .model import SCARE, SPEECH, TERM, TITLE, PersonMention
from .names import FUNCTION_WORDS, HONORIFICS, PLACE_WORDS, PRONOUNS, ROLE_WORDS, SPEECH_VERBS, is_abbreviation
from .people import gender_of
from .quotes import RawQuote

_WORD_RE = re.compile(r"[\w'\u2019.-]+|[,;:!?()\u2014\u2013]")
_SENT_BOUNDARY_RE = re.compile(r"[.!?]['\"\u201d\u2019)]*\s+(?=[\"\u201c'\u2018(]?[A-Z0-9])")
_MARK_IN_RE = re.compile('["\u201c\u201d\u00ab\u00bb]')
_SENTENCE_END_RE = re.compile(r"[.!?]['\"\u201d\u2019)]*\s*$")  # the quote opens a sentence
_LAST_WORD_RE = re.compile(r"[\w.]*$")
_ACCORDING_RE = re.compile(r"\baccording to\b", re.I)
_TERM_LEAD_RE = re.compile(
    r"\b(?:so-called|dubbed|known as|term|terms|word|words|phrase|slogan|hashtag|nicknamed|labell?ed|branded"
    r"|titled|entitled|the|a|an|its|his|her|their|our|your|my|this|that|[\w-]+-point)\s*$",
    re.I,
)
_TITLE_LEAD_RE = re.compile(
    r"\b(?:show|book|film|movie|program|programme|series|song|album|podcast|article|column|op-ed|headline"
    r"|documentary|play|titled|entitled|memoir|report|novel|segment|[\w.]+['\u2019]s)\s*,?\s*$",
    re.I,
)
_TITLE_PLACE_RE = re.compile(r"\b(?:on|in)\s*$")
_TITLE_SMALL_WORDS = frozenset("a an the of and or in on at to for with by from".split())
_CLAUSE_STOP = frozenset(",;:()\u2014\u2013")
_SUBJECT_STOP = frozenset(
    "in on at during after before when while who which that as from with to for about because and but or"
    " so then yet if since until by of , ; :".split()
)
_DETERMINERS = frozenset("the a an one another his her their its our my some several two three many".split())
_SPEECH_NEXT_RE = re.compile(r"(?:,? (?:\w+ly )?)(\w+)")
_AUXILIARIES = frozenset(
    "is was were are be been has have had will would could should can may might must did do does".split()
)
_ROLE_MODIFIERS = frozenset("former then top senior acting interim lead principal".split())
_ADVERBS_RE = re.compile(r"(?:\s+(?:\w+ly|once|also|later|then|previously|recently|still|again|further|too))+\s*$")
_SOURCE_RE = re.compile(r"\s*((?:The )?[A-Z][\w&.-]*(?: (?:of )?[A-Z][\w&.-]*){0,4})\s*[,:]?\s*$")
# Nouns through which a person speaks: "Cruz's campaign said", "Clinton's response was: "
_OWNED_VOICE_RE = re.compile(
    r"(?:\s+[\w-]+){0,2}?\s+(?:campaign|office|team|camp|staff|lawyers?|attorneys?|spokes(?:man|woman|person)"
    r"|statement|response|reply|claims?|tweets?|posts?|e-?mails?|letter|comments?|remarks|words|message|speech"
    r"|website|memo|column|op-ed|editorial|pledge|promise|vow|warning|argument|complaint|answer|advice|motto"
    r"|mantra|dictum|quip|verdict)\b",
    re.I,
)
_POSSESSIVE_ENDS = ("'s", "\u2019s", "'", "\u2019")
_QUOTE_ENDS = frozenset(".,!?;:\u2014-")
_PASSIVE = frozenset("is are was were be been being".split())
_PAST_FORMS = frozenset("said says told tells wrote writes written began begins".split())
_CONJUNCTIONS = frozenset("and but as while when so yet because since".split())
_PREPOSITIONS = frozenset(
    "from of by with to for in on at about into under over against between among toward towards via like".split()
)
_PLAIN_PRONOUNS = frozenset({"i", "we", "they", "you", "it"})
_MAX_SUBJECT_WORDS = 8
_PRONOUN_REACH = 2000  # characters searched back for a pronoun's person


@dataclass(slots=True)
class Attributed:
    """A quotation with its speaker and kind, before conversion to the public model."""

    quote: RawQuote
    speaker: str | None = None
    kind: str = SPEECH
    explicit: bool = False  # the speaker (or its absence) was read from the quotation's sentence
    cued: bool = False  # … from a speech verb or an attribution clause


class _Context:
    """Per-text lookups shared by all quotations of one text."""

    def __init__(self, text: str, people: list[PersonMention], quotes: list[RawQuote]) -> None:
        self.text = text
        self.people = [p for p in people if not p.credit]
        self.starts = [p.start for p in self.people]
        self.spans = sorted(s for q in quotes for s in q.spans)
        self.span_starts = [s for s, _ in self.spans]
        self.inside = {i for i, p in enumerate(self.people) if self.quoted(p.start)}
        self.gender: dict[str, str | None] = {}
        self.roles: dict[str, set[str]] = {}
        self.by_last: dict[str, list[str]] = {}
        for p in self.people:
            g = gender_of(p.name.split(), p.roles)
            if g and not self.gender.get(p.name):
                self.gender[p.name] = g
            else:
                self.gender.setdefault(p.name, g)
            same = self.by_last.setdefault(p.name.split()[-1], [])
            if p.name not in same:
                same.append(p.name)
            words = self.roles.setdefault(p.name, set())
            for r in p.roles:
                words.update(_role_words(r))

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
        i = bisect.bisect_left(self.starts, start)
        out = []
        while i < len(self.people) and self.people[i].start < end:
            out.append(self.people[i])
            i += 1
        return out

    def before(self, pos: int) -> list[int]:
        """Indexes of mentions before ``pos``, nearest first."""
        return list(range(bisect.bisect_left(self.starts, pos) - 1, -1, -1))


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


def _role_words(role: str) -> set[str]:
    out = set()
    for w in role.lower().replace(".", "").split():
        w = _ROLE_NORMAL.get(w, w)
        if w in ROLE_WORDS or w in HONORIFICS:
            out.add(w)
    return out


def _words(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in _WORD_RE.finditer(text, start, end)]


def _boundaries(text: str, start: int, end: int):
    """Sentence ends in ``[start, end)``, skipping abbreviations and initials ("Sen.", "U.S.")."""
    for m in _SENT_BOUNDARY_RE.finditer(text, start, end):
        dot = m.start()
        if text[dot] == "." and is_abbreviation(_LAST_WORD_RE.search(text, max(0, dot - 12), dot)[0]):
            continue
        yield m


def _sentence_start(text: str, floor: int, pos: int) -> int:
    """Start of the sentence containing ``pos`` (not before ``floor``)."""
    last = floor
    for m in _boundaries(text, max(floor, pos - 600), pos):
        last = m.end()
    return last


def _sentence_end(text: str, pos: int, ceiling: int) -> int:
    for m in _boundaries(text, pos, ceiling):
        return m.start() + 1
    return ceiling


def _is_verb(w: str) -> bool:
    return w[0].islower() and w.rstrip(".") in SPEECH_VERBS


def _verb_at(words: list[tuple[str, int, int]], v: int) -> bool:
    """Is ``words[v]`` a speech verb here, not a noun after a determiner ("the state",
    "a subsequent tweet", "his remarks")?"""
    w = words[v][0]
    if w == "put":  # "as Amar put it"
        return v + 1 < len(words) and words[v + 1][0] == "it"
    if not _is_verb(w):
        return False
    if v == 0:
        return True
    prev = words[v - 1][0].lower()
    if prev in _PASSIVE:
        return False  # "Thiel was revealed as", "she was told"
    if w.endswith(("ed", "ing")) or w in _PAST_FORMS:
        return True
    if prev in _DETERMINERS or prev.endswith(_POSSESSIVE_ENDS):
        return False
    before = words[v - 2][0].lower() if v > 1 else ""
    return not (before in _DETERMINERS and not w.endswith("s") and prev.isalpha() and prev not in ROLE_WORDS)


class Attributor:
    """Attributes the quotations of one text."""

    def __init__(
        self, text: str, people: list[PersonMention], quotes: list[RawQuote], paragraphs: list[tuple[int, int]]
    ) -> None:
        self.text = text
        self.ctx = _Context(text, people, quotes)
        self.quotes = quotes
        self.paras = paragraphs
        self.para_starts = [s for s, _ in paragraphs]
        self._after_seen: dict[tuple[int, int], tuple[bool, str | None, int]] = {}

    def _para(self, pos: int) -> tuple[int, int]:
        k = self._para_index(pos)
        return self.paras[k] if k >= 0 else (0, len(self.text))

    # -- subjects ---------------------------------------------------------------------

    def _resolve(self, start: int, end: int, quote_start: int, last: bool) -> tuple[bool, str | None]:
        """Resolve the subject words in ``[start, end)``: (found a subject, speaker)."""
        text = self.text
        mentions = self._subjects(start, end)
        if mentions:
            return True, (mentions[-1] if last else mentions[0]).name
        spans = _words(text, start, end)
        if not spans:
            return False, None
        words = [w for w, _, _ in spans]
        low = [w.lower() for w in words]
        for w, (_, ws, _) in zip(low, spans, strict=False):
            if w in PRONOUNS:
                if w in _PLAIN_PRONOUNS:
                    return True, None
                return True, self._pronoun(PRONOUNS[w], min(ws, quote_start))
        roles = set().union(*(_role_words(w) for w in words))
        if roles:
            return True, self._by_role(roles, quote_start)
        source = _SOURCE_RE.match(text, start, end)
        if source and _is_source(source.group(1)):
            return True, source.group(1)  # an organisation: "CNN reported", "according to The Blaze"
        if low[0] in _DETERMINERS or low[0].endswith(("'s", "\u2019s")):
            return True, None  # a description nobody in the text matches: "one aide", "the crowd"
        return False, None

    def _subjects(self, start: int, end: int) -> list[PersonMention]:
        """Mentions in ``[start, end)`` that can be a subject: not possessives, unless no other
        mention is there and the possessive owns a voice ("Gowdy's office", "Bush's Facebook post")."""
        text = self.text
        mentions = self.ctx.mentions_in(start, end)
        plain = [m for m in mentions if not _possessive(text, m.end)]
        if plain or not mentions:
            return plain
        return [m for m in mentions if _owns_voice(text, m.end, end)]

    def _pronoun(self, gender: str | None, pos: int) -> str | None:
        """The person a he/she at ``pos`` refers to.

        Sentences are searched backwards (two paragraphs at most); in each, a compatible person
        next to a speech verb wins, else the first compatible person named (the subject),
        mentions inside quotations aside. Failing that, the last compatible person named.
        """
        ctx = self.ctx
        text = self.text
        k = bisect.bisect_right(self.para_starts, pos) - 1
        floor = max(self.paras[max(0, k - 2)][0] if k >= 0 else 0, pos - _PRONOUN_REACH)
        starts = [floor] + [m.end() for m in _boundaries(text, floor, pos)]
        end = pos
        for start in reversed(starts):
            first = None
            for i in range(bisect.bisect_left(ctx.starts, start), len(ctx.people)):
                p = ctx.people[i]
                if p.start >= end:
                    break
                if i in ctx.inside or _possessive(text, p.end):
                    continue
                name = ctx.compatible(p.name, gender)
                if name and _SPEECH_NEXT_RE.match(text, p.end) and _is_verb(_SPEECH_NEXT_RE.match(text, p.end)[1]):
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

    def _by_role(self, roles: set[str], pos: int) -> str | None:
        """The last person before ``pos`` introduced with all these role words
        ("the Alliance Secretary General" -> "NATO Secretary General Mark Rutte")."""
        ctx = self.ctx
        roles = roles - _ROLE_MODIFIERS
        if not roles:
            return None
        for i in ctx.before(pos):
            name = ctx.people[i].name
            if roles <= ctx.roles.get(name, set()):
                return name
        return None

    # -- clauses ----------------------------------------------------------------------

    def _after(self, q_end: int, limit: int) -> tuple[bool, str | None, int]:
        """Attribution right after a quotation: (found, speaker, end of the clause)."""
        key = (q_end, limit)
        if key not in self._after_seen:
            self._after_seen[key] = self._read_after(q_end, limit)
        return self._after_seen[key]

    def _read_after(self, q_end: int, limit: int) -> tuple[bool, str | None, int]:
        text = self.text
        end = min(limit, _sentence_end(text, q_end, limit), q_end + 200)
        words = _drop_parentheses(_words(text, q_end, end))
        k = 0
        while k < len(words) and words[k][0] in _CLAUSE_STOP:
            k += 1
        hit = self._clause(words, k, q_end)
        if hit is not None:
            return hit
        # no verb: "…" Texas delegate Bill Eastland, wearing a cowboy hat
        first = next((m for m in self.ctx.mentions_in(q_end, end) if not _possessive(text, m.end)), None)
        if first is not None and text[q_end - 2 : q_end - 1] in _QUOTE_ENDS:  # not '"…to go after" Clinton.'
            lead = [w for w, s, _ in words[k:] if s < first.start]
            after = text[first.end : first.end + 2].lstrip()[:1]
            if (
                len(lead) <= 3
                and not any(w.lower() in _SUBJECT_STOP or _is_verb(w) for w in lead)
                and after in ("", ",", ".", "(")
            ):
                return True, first.name, first.end
        return False, None, q_end

    def _clause(self, words: list[tuple[str, int, int]], k: int, q_end: int) -> tuple[bool, str | None, int] | None:
        """An attribution clause starting at ``words[k]``: (found, speaker, end of the clause) or None."""
        text = self.text
        if k < len(words) and words[k][0].lower() == "as":
            k += 1  # '"…," as Cruz said on the radio'
        commas = 0
        for v in range(k, min(len(words), k + 2 * _MAX_SUBJECT_WORDS)):
            w = words[v][0]
            if w in _CLAUSE_STOP and v > k:
                commas += 1
                if w != "," or commas > 2:
                    return None
                continue
            if w.lower() == "according" and v + 1 < len(words) and words[v + 1][0].lower() == "to":
                s = words[v + 1][2]
                e = _clause_end(words, s)
                found, who = self._resolve(s, e, q_end, last=False)
                return found, who, e
            if not _verb_at(words, v):
                if commas == 0 and v - k >= _MAX_SUBJECT_WORDS:
                    return None
                continue
            if v > k:  # "…," Rutte said / "…," Seth McKee, a political scientist, told
                if words[k][0].lower() in _SUBJECT_STOP:
                    return None
                if text[words[v][2] : words[v][2] + 1] == ":":
                    return None  # "… ." The candidate reiterated: "…" introduces the next quotation
                if any(x.lower() in _AUXILIARIES for x, _, _ in words[k : v - 1]):
                    return None  # "… ." O'Malley's move was first reported by MSNBC.
                head_end = next((s for x, s, _ in words[k:v] if x == ","), words[v][1])
                found, who = self._resolve(words[k][1], head_end, q_end, last=True)
                if found and who is None:  # "another friend, Mariam Emara, told"
                    found2, who2 = self._resolve(head_end, words[v][1], q_end, last=False)
                    who = who2 if found2 else None
                if found:
                    return True, who, words[v][2]
            else:  # "…," said Sen. Smith, who ... / said Huckabee spokesman Hogan Gidley
                e = _clause_end(words, words[v][2])
                found, who = self._resolve(words[v][2], e, q_end, last=True)
                if found:
                    return True, who, e
            return None
        return None

    def _final_clause(self, q_end: int, limit: int) -> tuple[bool, str | None]:
        """An attribution ending the quotation's sentence after more of it:
        "…," since most cases were close, said Lee Park. / "…" would help, Park said Monday."""
        words = _drop_parentheses(_words(self.text, q_end, _sentence_end(self.text, q_end, limit)))
        commas = [i for i, (w, _, _) in enumerate(words) if w == ","]
        for c in reversed(commas[-3:]):
            if any(_verb_at(words, i) for i in range(c + 1, min(len(words), c + 7))):
                hit = self._clause(words, c + 1, q_end)
                if hit is not None:
                    return hit[0], hit[1]
        return False, None

    def _before(self, q_start: int, floor: int) -> tuple[bool, str | None]:
        """Attribution in the sentence before a quotation."""
        text = self.text
        start = _sentence_start(text, floor, q_start)
        words = _words(text, start, q_start)
        if not words:
            return False, None
        according = list(_ACCORDING_RE.finditer(text, start, q_start))
        if according:
            m = according[-1]
            found, who = self._resolve(m.end(), _clause_end(words, m.end()), q_start, last=False)
            if found:
                return found, who
        order = range(len(words))
        if len(words) > 2 and words[-1][0] in (":", ",") and _verb_at(words, len(words) - 2):
            order = [len(words) - 2, *order]  # the verb that introduces the quote: "to which O'Malley interjected:"
        for v in order:
            w, _ws, we = words[v]
            if not _verb_at(words, v):
                continue
            if w.endswith("ing") and v > 0 and words[v - 1][0] == ",":
                # "Trump returned the compliment to Adelson, telling Reuters, …": the sentence's subject
                who = self._sentence_subject(words[:v])
                if who:
                    return True, who
            found, who = self._subject_before(words, v, q_start)
            if found:
                return True, who
            # subject after the verb: "said Smith, …"
            found, who = self._resolve(we, _clause_end(words, we), q_start, last=False)
            if found and who:
                return True, who
        if words[-1][0] == ":":  # "Ms. Lane, on her way out, had a message:"
            who = self._sentence_subject(words)
            if who is None:
                found, who = self._resolve(start, words[-1][1], q_start, last=True)
            if who:
                return True, who
        return False, None

    def _sentence_subject(self, words: list[tuple[str, int, int]]) -> str | None:
        """The person a sentence (or a clause opened by a conjunction) starts with, among ``words``:
        "Former Gov. Mike Huckabee, for his part, is labeling …", "… as Mrs. Lane echoed it, …",
        "He also shared a report …" (a pronoun is resolved)."""
        semi = [k for k, (w, _, _) in enumerate(words) if w == ";"]
        if semi:  # a semicolon starts a new clause with its own subject
            words = words[semi[-1] + 1 :]
        if len(words) < 3:
            return None
        subjects: list[tuple[int, PersonMention | str]] = [
            (m.start, m) for m in self._subjects(words[0][1], words[-1][2])
        ]
        subjects += [(s, w.lower()) for w, s, _ in words if w.lower() in ("he", "she") and not self.ctx.quoted(s)]
        # the subject of the last clause opened by a conjunction ("…, while former Gov. Mike Huckabee
        # proposed …"), else the first that opens the sentence ("On Sunday, Sanders issued …")
        opens_clause: tuple[int, PersonMention | str] | None = None
        opens_sentence: tuple[int, PersonMention | str] | None = None
        for at, who in sorted(subjects, key=lambda x: x[0]):
            lead = [w for w, s, _ in words if s < at]
            if "," in lead:
                lead = lead[len(lead) - lead[::-1].index(",") :]
            if (
                lead
                and lead[0].lower() in _CONJUNCTIONS
                and all(w[0].isupper() or w.lower() in ROLE_WORDS for w in lead[1:])
            ):
                opens_clause = (at, who)  # the clause nearest the quote wins
            elif opens_sentence is None and len(lead) <= 4 and not any(w.lower() in _SUBJECT_STOP for w in lead):
                opens_sentence = (at, who)
        hit = opens_clause or opens_sentence
        if hit is None:
            return None
        at, who = hit
        return self._pronoun(PRONOUNS[who], at) if isinstance(who, str) else who.name

    def _subject_before(self, words: list[tuple[str, int, int]], v: int, pos: int) -> tuple[bool, str | None]:
        """The subject of the speech verb ``words[v]``, looked for before it in its sentence."""
        text = self.text
        c = v - 1
        while c > 0 and (words[c][0] == "now" or _ADVERBS_RE.fullmatch(" " + words[c][0])):
            c -= 1
        if c > 0 and words[c][0].lower() in ("and", "then", "but"):  # "…, then leaned in and boomed:"
            who = self._sentence_subject(words[:v])
            if who:
                return True, who
        start, verb_at = words[0][1], words[v][1]
        mentions = self._subjects(start, verb_at)
        if mentions:
            first = mentions[0]
            gap_first = _ADVERBS_RE.sub("", text[first.end : verb_at]).strip()
            if first.start - start < 40 and gap_first.startswith(",") and gap_first.endswith(","):
                return True, first.name  # "Smith, a senator from Ohio, (once) said"
            last = mentions[-1]
            lead = [w.lower().rstrip(".") if not w.isupper() else w for w, s, _ in words[:v] if s < last.start]
            while (
                lead
                and lead[-1] not in _PREPOSITIONS
                and (lead[-1] in HONORIFICS or lead[-1] in ROLE_WORDS or lead[-1].isupper())
            ):
                lead.pop()  # titles and acronyms: "by NYPD commissioner Bill Bratton"
            gap = [w for w, s, _ in words[:v] if s >= last.end]
            while gap and _ADVERBS_RE.fullmatch(" " + gap[-1]):
                gap.pop()
            relative = gap[:2] == [",", "who"]  # "with Trump, who has called it"
            if (len(gap) <= 4 or (gap and gap[0] == "," and gap[-1] == ",")) and (
                relative or not (lead and lead[-1] in _PREPOSITIONS)
            ):
                return True, last.name  # not the object of a preposition: "comments about Curiel and said"
        lo = max(0, v - 6)
        near = [(w.lower(), s, e) for w, s, e in words[lo:v]]
        for k in range(len(near) - 1, -1, -1):
            w, s, _ = near[k]
            if w in PRONOUNS and len(near) - k <= 4:
                if w in _PLAIN_PRONOUNS:
                    return True, None
                return True, self._pronoun(PRONOUNS[w], min(s, pos))
        org = None if mentions else _source_before(words, v)
        if org:
            return True, org
        for k, (w, s, _) in enumerate(near):
            if w in ("the", "a", "an") and all(x not in _SUBJECT_STOP for x, _, _ in near[k + 1 :]):
                return self._resolve(s, verb_at, pos, last=True)
        return False, None

    def _ends_embedded_sentence(self, q: RawQuote, pstart: int) -> bool:
        """Does the quotation close a sentence that began before it (said Trump is "unelectable.")?"""
        text = self.text
        _s, e = q.spans[-1]
        if len(q.spans) > 1 or not q.closed or text[e - 2 : e - 1] not in (".", "!", "?"):
            return False
        return bool(text[_sentence_start(text, pstart, q.start) : q.start].strip())

    def _lead_in(self, pos: int) -> tuple[bool, str | None]:
        """A paragraph that introduces the next one: "Smith said on Monday:"."""
        k = bisect.bisect_right(self.para_starts, pos) - 1
        if k <= 0:
            return False, None
        ps, pe = self.paras[k - 1]
        if self.text[pe - 1] != ":":
            return False, None
        return self._before(pe, ps)

    def _previous_subject(self, q: RawQuote) -> str | None:
        """A paragraph that is only a quotation after a paragraph without any takes the
        subject of that paragraph's last sentence ("Carter said that ... . ¶ "…"")."""
        k = self._para_index(q.start)
        if k <= 0 or self.text[q.end : self.paras[k][1]].strip(" .,;:!?"):
            return None
        ps, pe = self.paras[k - 1]
        if _MARK_IN_RE.search(self.text, ps, pe):
            return None
        return self._sentence_subject(_words(self.text, _sentence_start(self.text, ps, pe - 1), pe))

    # -- kinds ------------------------------------------------------------------------

    def _kind(self, q: RawQuote, attributed: bool) -> str:
        if q.block or len(q.spans) > 1:
            return SPEECH
        text = self.text
        s, e = q.spans[0]
        inner = text[s + 1 : e - 1].strip() if q.closed else text[s + 1 : e].strip()
        words = inner.split()
        if not words:
            return SCARE
        lead = text[max(0, s - 40) : s]
        ends_clause = inner[-1] in ".!?,;:"
        if (
            len(words) <= 8
            and (not ends_clause or inner[-1] == ",")
            and words[0][0].isupper()
            and all(w[0].isupper() or w in _TITLE_SMALL_WORDS for w in words)
            and (_TITLE_LEAD_RE.search(lead) or _TITLE_PLACE_RE.search(lead))
        ):
            return TITLE  # a work named in Title Case, even in an attributed sentence: on CNN's "State of the Union"
        if not attributed and len(words) <= 10 and (not ends_clause or inner[-1] == ","):
            caps = sum(1 for w in words if w[0].isupper())
            looks_title = caps == len(words) or (
                caps >= 2 and caps * 3 >= len(words) * 2 and _TITLE_LEAD_RE.search(lead)
            )
            if looks_title and (len(words) > 1 or _TITLE_LEAD_RE.search(lead)):
                return TITLE
        if len(words) <= 3 and not ends_clause and inner[:1].islower() and _TERM_LEAD_RE.search(lead):
            nxt = text[e : e + 2]
            if nxt[:1] == " " and nxt[1:2].isalpha():
                return TERM
        return SPEECH

    # -- driver -----------------------------------------------------------------------

    def run(self) -> list[Attributed]:
        """Attribute every quotation; interrupted quotations are merged into one."""
        text = self.text
        quotes = self.quotes
        out: list[Attributed] = []
        n = len(quotes)
        k = 0
        while k < n:
            q = quotes[k]
            pstart, pend = self._para(q.end - 1)
            nxt = quotes[k + 1].start if k + 1 < n else len(text)
            limit = min(pend, nxt)
            found, who, clause_end = self._after(q.end, limit)
            if found and self._ends_embedded_sentence(q, pstart):
                # what follows is a new sentence, unless it is a bare attribution ("… ?" X asked.)
                rest = text[clause_end : _sentence_end(text, clause_end, pend)]
                if len(rest.split()) > 4:
                    found, who, clause_end = False, None, q.end
            # "We will," he said, "and soon."  -> one quotation, two spans
            if (
                found
                and k + 1 < n
                and nxt < pend
                and text[q.end - 2 : q.end - 1] in (",", "\u2014", "-")
                and text[clause_end:nxt].strip() in (",", ":", "\u2014", "")
                and not quotes[k + 1].block
                and not (_ends_sentence(text, q.end, nxt) and self._attributed_after(k + 1))
            ):
                nq = quotes[k + 1]
                merged = RawQuote(q.spans + nq.spans, closed=nq.closed)
                out.append(Attributed(merged, who, SPEECH, True, True))
                k += 2
                continue
            opens_sentence = q.start == pstart or bool(_SENTENCE_END_RE.search(text, max(pstart, q.start - 8), q.start))
            if not found or (who is None and not opens_sentence):  # a named subject before beats a nameless after
                pstart0, _ = self._para(q.start)
                prev_end = quotes[k - 1].end if k > 0 and quotes[k - 1].end > pstart0 else pstart0
                found_b, who_b = self._before(q.start, prev_end)
                if not found or who_b:
                    found, who = found_b, who_b
            if not found and not text[self._para(q.start)[0] : q.start].strip(" >\t"):
                found, who = self._lead_in(q.start)
                if not found:
                    who = self._previous_subject(q)
                    found = who is not None
            if not found and len(q.spans) > 1:
                _ps, pe = self._para(q.spans[-1][0])
                found, who, _ = self._after(q.spans[-1][1], min(pe, nxt))
            cued = found
            if not found:  # a weaker cue: it leaves titles titles
                found, who = self._final_clause(q.end, limit)
            if not found and not opens_sentence:
                s0 = _sentence_start(text, pstart, q.start)
                who = self._sentence_subject(_words(text, s0, q.start))
                found = who is not None
            out.append(Attributed(q, who, SPEECH, found, cued))
            k += 1
        for a in out:
            a.kind = self._kind(a.quote, a.cued)
            if a.kind != SPEECH:
                a.explicit = False  # a title or term lends no speaker to its neighbours
        self._continue(out)
        for a in out:
            if a.kind != SPEECH:
                a.speaker = None
        return out

    def _attributed_after(self, k: int) -> bool:
        """Has quotation ``k`` an attribution of its own after it ('"…," added Rep. Ruiz.')?"""
        q = self.quotes[k]
        nxt = self.quotes[k + 1].start if k + 1 < len(self.quotes) else len(self.text)
        return self._after(q.end, min(self._para(q.end - 1)[1], nxt))[0]

    def _para_index(self, pos: int) -> int:
        return bisect.bisect_right(self.para_starts, pos) - 1

    def _continue(self, out: list[Attributed]) -> None:
        """Unattributed quotations take a neighbour's speaker: the nearest attributed one before
        them in their paragraph, else the first after, else the last quotation of the paragraph
        just before when they open their own paragraph."""
        paras = [self._para_index(a.quote.start) for a in out]
        first_explicit: dict[int, Attributed] = {}
        for a, p in zip(out, paras, strict=False):
            if a.explicit:
                first_explicit.setdefault(p, a)
        last_explicit: Attributed | None = None
        for k, (a, p) in enumerate(zip(out, paras, strict=False)):
            if k and paras[k - 1] != p:
                last_explicit = None
            if a.explicit:
                last_explicit = a
                continue
            if last_explicit is not None:
                a.speaker = last_explicit.speaker  # even None: "… ," said one adviser. "…"
            elif p in first_explicit:
                a.speaker = first_explicit[p].speaker
            elif (
                k
                and out[k - 1].speaker
                and a.quote.start == self.paras[p][0]
                and self._para_index(out[k - 1].quote.end - 1) == p - 1
            ):
                a.speaker = out[k - 1].speaker


def _is_source(name: str) -> bool:
    """Can this capitalised phrase be an organisation that speaks ("CNN", "The Washington Post")?"""
    words = [w for w in name.lower().split() if w != "the"]
    return not all(w in PLACE_WORDS or w in FUNCTION_WORDS for w in words)


def _owns_voice(text: str, end: int, limit: int) -> bool:
    """Does the possessive ending at ``end`` own a voice noun before ``limit``?"""
    at = text.find(" ", end, limit)
    return at >= 0 and _OWNED_VOICE_RE.match(text, at, limit) is not None


def _source_before(words: list[tuple[str, int, int]], v: int) -> str | None:
    """An organisation named right before the verb ``words[v]``: "Politico reported",
    "The State Department has said", "and Breitbart News responded"."""
    k = v
    while k > 0 and (words[k - 1][0].lower() in _AUXILIARIES or _ADVERBS_RE.fullmatch(" " + words[k - 1][0])):
        k -= 1
    j = k
    while j > 0 and k - j < 5:
        w = words[j - 1][0]
        if (w == "of" and j < k) or (w[0].isupper() and w.lower() not in PRONOUNS and not w.endswith(_POSSESSIVE_ENDS)):
            j -= 1
        else:
            break
    while j < k and words[j][0].lower() in FUNCTION_WORDS:
        j += 1  # "As Politico reported", "On Monday Reuters said"; "Judicial Watch" keeps its "Watch"
    if j == k or words[j][0] == "of":
        return None
    if j > 0 and (words[j - 1][0].lower() in _PREPOSITIONS or words[j - 1][0].endswith(_POSSESSIVE_ENDS)):
        return None  # part of a longer phrase: "from Bush's Facebook post"
    if j > 0 and words[j - 1][0] == "The":
        j -= 1
    name = " ".join(w for w, _, _ in words[j:k])
    return name if _is_source(name) else None


def _ends_sentence(text: str, start: int, end: int) -> bool:
    """Does ``text[start:end]`` end with a full stop (not an abbreviation's): '..., said Ann Lee. "'?"""
    gap = text[start:end].rstrip()
    return gap.endswith((".", "!", "?")) and not (gap[-1] == "." and is_abbreviation(_LAST_WORD_RE.search(gap[:-1])[0]))


def _possessive(text: str, end: int) -> bool:
    return text.startswith(("'s", "\u2019s"), end) or text.startswith(("' ", "\u2019 "), end)


def _drop_parentheses(words: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Words outside parentheses: "Rep. Earl Blumenauer (D-Ore.) said"."""
    out, depth = [], 0
    for w in words:
        if w[0] == "(":
            depth += 1
        elif w[0] == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(w)
    return out


def _clause_end(words: list[tuple[str, int, int]], pos: int) -> int:
    """End of a subject that starts at ``pos``: before the next comma, preposition or relative."""
    k = bisect.bisect_left([s for _, s, _ in words], pos)
    end = pos
    for w, _, e in words[k : k + _MAX_SUBJECT_WORDS]:
        if w.lower() in _SUBJECT_STOP or w in _CLAUSE_STOP:
            break
        end = e
    return end
