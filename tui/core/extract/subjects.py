"""Who a clause's subject is: a named person, a pronoun, a role description or an organisation.

:class:`Subjects` turns the words before (or after) a cue into a speaker: a person mention
(or a person's voice: "Gowdy's office"), a pronoun (through :class:`~.coref.Coref`), a role
description ("the Alliance Secretary General"), an organisation ("CNN reported") or a
description nobody in the text matches ("one aide": a subject, but no name). Quotes and
reported speech use the same resolution.
"""

from __future__ import annotations

import bisect
import re

from .coref import Coref, Mentions, role_word
from .model import PersonMention
from .names import FUNCTION_WORDS, HONORIFICS, PLACE_WORDS, PRONOUNS, ROLE_WORDS
from .sentences import (
    ADVERBS_RE,
    AUXILIARIES,
    CONJUNCTIONS,
    DETERMINERS,
    PLAIN_PRONOUNS,
    POSSESSIVE_ENDS,
    PREPOSITIONS,
    SUBJECT_STOP,
    WORD_START,
    SentenceIndex,
    Word,
    possessive,
    words,
)

_SOURCE_RE = re.compile(r"\s*((?:The )?[A-Z][\w&.-]*(?: (?:of )?[A-Z][\w&.-]*){0,4})\s*[,:]?\s*$")
# Nouns through which a person speaks: "Cruz's campaign said", "Clinton's response was: "
_OWNED_VOICE_RE = re.compile(
    r"(?:\s+[\w-]+){0,2}?\s+(?:campaign|office|team|camp|staff|lawyers?|attorneys?|spokes(?:man|woman|person)"
    r"|statement|response|reply|claims?|tweets?|posts?|e-?mails?|letter|comments?|remarks|words|message|speech"
    r"|website|memo|column|op-ed|editorial|pledge|promise|vow|warning|argument|complaint|answer|advice|motto"
    r"|mantra|dictum|quip|verdict)\b",
    re.I,
)

Found = tuple[bool, str | None]  # (a subject was found, the speaker it names or None)


class Subjects:
    """Resolves subjects to speakers in one text."""

    def __init__(self, mentions: Mentions, paras: list[tuple[int, int]]) -> None:
        self.mentions = mentions
        self.text = mentions.text
        self.sentences = SentenceIndex(mentions.text)
        self.coref = Coref(mentions, paras, self.sentences)

    def resolve(self, start: int, end: int, cue_at: int, last: bool) -> Found:
        """Resolve the subject words in ``[start, end)`` of a cue at ``cue_at``; ``last`` prefers
        the last person named there to the first."""
        text = self.text
        mentions = self.subjects(start, end)
        if mentions:
            return True, (mentions[-1] if last else mentions[0]).name
        spans = words(text, start, end)
        if not spans:
            return False, None
        ws = [w for w, _, _ in spans]
        low = [w.lower() for w in ws]
        for w, (_, s, _) in zip(low, spans, strict=False):
            if w in PRONOUNS:
                if w in PLAIN_PRONOUNS:
                    return True, None
                return True, self.coref.pronoun(PRONOUNS[w], min(s, cue_at))
        roles = {r for w in ws if (r := role_word(w)) is not None}
        if roles:
            return True, self.coref.by_role(roles, cue_at)
        source = _SOURCE_RE.match(text, start, end)
        if source and is_source(source.group(1)):
            return True, source.group(1)  # an organisation: "CNN reported", "according to The Blaze"
        if low[0] in DETERMINERS or low[0].endswith(("'s", "\u2019s")):
            return True, None  # a description nobody in the text matches: "one aide", "the crowd"
        return False, None

    def subjects(self, start: int, end: int) -> list[PersonMention]:
        """Mentions in ``[start, end)`` that can be a subject: not possessives, unless no other
        mention is there and the possessive owns a voice ("Gowdy's office", "Bush's Facebook post")."""
        text = self.text
        mentions = self.mentions.mentions_in(start, end)
        plain = [m for m in mentions if not possessive(text, m.end)]
        if plain or not mentions:
            return plain
        return [m for m in mentions if _owns_voice(text, m.end, end)]

    def before_verb(self, ws: list[Word], v: int, pos: int) -> Found:
        """The subject of the verb ``ws[v]``, looked for before it in its sentence."""
        text = self.text
        c = v - 1
        while c > 0 and (ws[c][0] == "now" or ADVERBS_RE.fullmatch(" " + ws[c][0])):
            c -= 1
        if c > 0 and ws[c][0].lower() in ("and", "then", "but"):  # "…, then leaned in and boomed:"
            who = self.sentence_subject(ws[:v])
            if who:
                return True, who
        start, verb_at = ws[0][1], ws[v][1]
        mentions = self.subjects(start, verb_at)
        if mentions:
            first = mentions[0]
            gap_first = ADVERBS_RE.sub("", text[first.end : verb_at]).strip()
            if first.start - start < 40 and gap_first.startswith(",") and gap_first.endswith(","):
                return True, first.name  # "Smith, a senator from Ohio, (once) said"
            last = mentions[-1]
            k = bisect.bisect_left(ws, last.start, 0, v, key=WORD_START)  # the words before the name
            lead: str | None = None
            while k > 0 and lead is None:
                k -= 1
                w = ws[k][0]
                lead = w.lower().rstrip(".") if not w.isupper() else w
                if lead not in PREPOSITIONS and (lead in HONORIFICS or lead in ROLE_WORDS or lead.isupper()):
                    lead = None  # titles and acronyms: "by NYPD commissioner Bill Bratton"
            gap = [w for w, _, _ in ws[bisect.bisect_left(ws, last.end, 0, v, key=WORD_START) : v]]
            while gap and ADVERBS_RE.fullmatch(" " + gap[-1]):
                gap.pop()
            relative = gap[:2] == [",", "who"]  # "with Trump, who has called it"
            if (len(gap) <= 4 or (gap and gap[0] == "," and gap[-1] == ",")) and (relative or lead not in PREPOSITIONS):
                return True, last.name  # not the object of a preposition: "comments about Curiel and said"
        lo = max(0, v - 6)
        near = [(w.lower(), s, e) for w, s, e in ws[lo:v]]
        for k in range(len(near) - 1, -1, -1):
            w, s, _ = near[k]
            if w in PRONOUNS and len(near) - k <= 4:
                if w in PLAIN_PRONOUNS:
                    return True, None
                return True, self.coref.pronoun(PRONOUNS[w], min(s, pos))
        org = None if mentions else source_before(ws, v)
        if org:
            return True, org
        for k, (w, s, _) in enumerate(near):
            if w in ("the", "a", "an") and all(x not in SUBJECT_STOP for x, _, _ in near[k + 1 :]):
                return self.resolve(s, verb_at, pos, last=True)
        return False, None

    def sentence_subject(self, ws: list[Word]) -> str | None:
        """The person a sentence (or a clause opened by a conjunction) starts with, among ``ws``:
        "Former Gov. Mike Huckabee, for his part, is labeling …", "… as Mrs. Lane echoed it, …",
        "He also shared a report …" (a pronoun is resolved)."""
        semi = [k for k, (w, _, _) in enumerate(ws) if w == ";"]
        if semi:  # a semicolon starts a new clause with its own subject
            ws = ws[semi[-1] + 1 :]
        if len(ws) < 3:
            return None
        subjects: list[tuple[int, PersonMention | str]] = [(m.start, m) for m in self.subjects(ws[0][1], ws[-1][2])]
        subjects += [
            (s, w.lower())
            for w, s, _ in ws
            if len(w) <= 3 and w.lower() in ("he", "she") and not self.mentions.quoted(s)
        ]
        # the subject of the last clause opened by a conjunction ("…, while former Gov. Mike Huckabee
        # proposed …"), else the first that opens the sentence ("On Sunday, Sanders issued …")
        opens_clause: tuple[int, PersonMention | str] | None = None
        opens_sentence: tuple[int, PersonMention | str] | None = None
        for at, who in sorted(subjects, key=lambda x: x[0]):
            lead = [w for w, s, _ in ws if s < at]
            if "," in lead:
                lead = lead[len(lead) - lead[::-1].index(",") :]
            if (
                lead
                and lead[0].lower() in CONJUNCTIONS
                and all(w[0].isupper() or w.lower() in ROLE_WORDS for w in lead[1:])
            ):
                opens_clause = (at, who)  # the clause nearest the quote wins
            elif opens_sentence is None and len(lead) <= 4 and not any(w.lower() in SUBJECT_STOP for w in lead):
                opens_sentence = (at, who)
        hit = opens_clause or opens_sentence
        if hit is None:
            return None
        at, who = hit
        return self.coref.pronoun(PRONOUNS[who], at) if isinstance(who, str) else who.name


def is_source(name: str) -> bool:
    """Can this capitalised phrase be an organisation that speaks ("CNN", "The Washington Post")?"""
    ws = [w for w in name.lower().split() if w != "the"]
    return not all(w in PLACE_WORDS or w in FUNCTION_WORDS for w in ws)


def _owns_voice(text: str, end: int, limit: int) -> bool:
    """Does the possessive ending at ``end`` own a voice noun before ``limit``?"""
    at = text.find(" ", end, limit)
    return at >= 0 and _OWNED_VOICE_RE.match(text, at, limit) is not None


def source_before(ws: list[Word], v: int) -> str | None:
    """An organisation named right before the verb ``ws[v]``: "Politico reported",
    "The State Department has said", "and Breitbart News responded"."""
    k = v
    while k > 0 and (ws[k - 1][0].lower() in AUXILIARIES or ADVERBS_RE.fullmatch(" " + ws[k - 1][0])):
        k -= 1
    j = k
    while j > 0 and k - j < 5:
        w = ws[j - 1][0]
        if (w == "of" and j < k) or (w[0].isupper() and w.lower() not in PRONOUNS and not w.endswith(POSSESSIVE_ENDS)):
            j -= 1
        else:
            break
    while j < k and ws[j][0].lower() in FUNCTION_WORDS:
        j += 1  # "As Politico reported", "On Monday Reuters said"; "Judicial Watch" keeps its "Watch"
    if j == k or ws[j][0] == "of":
        return None
    if j > 0 and (ws[j - 1][0].lower() in PREPOSITIONS or ws[j - 1][0].endswith(POSSESSIVE_ENDS)):
        return None  # part of a longer phrase: "from Bush's Facebook post"
    if j > 0 and ws[j - 1][0] == "The":
        j -= 1
    name = " ".join(w for w, _, _ in ws[j:k])
    return name if is_source(name) else None
