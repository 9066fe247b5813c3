"""Reading attribution cues: the speech verb or "according to" next to what was said, and its subject.

An attribution clause follows what was said (``," Rutte said.``, ``," said Sen. Smith``,
``, according to police``) or opens the sentence before it (``Smith said: "``, ``Smith
called it "a disgrace"``). Speech words used as nouns ("a subsequent tweet") and passives
are no verbs; a name governed by a preposition is no subject.
"""

from __future__ import annotations

import re

from .sentences import (
    AUXILIARIES,
    CLAUSE_STOP,
    MAX_SUBJECT_WORDS,
    SUBJECT_STOP,
    Word,
    clause_end,
    drop_parentheses,
    is_verb,
    possessive,
    verb_at,
    words,
)
from .subjects import Found, Subjects

_ACCORDING_RE = re.compile(r"[aA](?<!\w.)(?i:ccording to)\b")  # \baccording to\b in any case, the class first
_QUOTE_ENDS = frozenset(".,!?;:\u2014-")

Clause = tuple[bool, str | None, int]  # (found, speaker, end of the attribution clause)


class Cues:
    """Reads the attribution clauses of one text."""

    def __init__(self, subjects: Subjects) -> None:
        self.subjects = subjects
        self.text = subjects.text
        self.sentences = subjects.sentences
        self._after_seen: dict[tuple[int, int], Clause] = {}

    def after(self, end: int, limit: int) -> Clause:
        """Attribution right after what was said, which ends at ``end``: (found, speaker, end of the clause)."""
        key = (end, limit)
        if key not in self._after_seen:
            self._after_seen[key] = self._read_after(end, limit)
        return self._after_seen[key]

    def _read_after(self, q_end: int, limit: int) -> Clause:
        text = self.text
        end = min(limit, self.sentences.end_of(q_end, limit), q_end + 200)
        ws = drop_parentheses(words(text, q_end, end))
        k = 0
        while k < len(ws) and ws[k][0] in CLAUSE_STOP:
            k += 1
        hit = self.clause(ws, k, q_end)
        if hit is not None:
            return hit
        # no verb: "…" Texas delegate Bill Eastland, wearing a cowboy hat
        first = next((m for m in self.subjects.mentions.mentions_in(q_end, end) if not possessive(text, m.end)), None)
        if first is not None and text[q_end - 2 : q_end - 1] in _QUOTE_ENDS:  # not '"…to go after" Clinton.'
            lead = [w for w, s, _ in ws[k:] if s < first.start]
            after = text[first.end : first.end + 2].lstrip()[:1]
            if (
                len(lead) <= 3
                and not any(w.lower() in SUBJECT_STOP or is_verb(w) for w in lead)
                and after in ("", ",", ".", "(")
            ):
                return True, first.name, first.end
        return False, None, q_end

    def clause(self, ws: list[Word], k: int, q_end: int) -> Clause | None:
        """An attribution clause starting at ``ws[k]`` after what ended at ``q_end``:
        (found, speaker, end of the clause), or None."""
        text = self.text
        resolve = self.subjects.resolve
        if k < len(ws) and ws[k][0].lower() == "as":
            k += 1  # '"…," as Cruz said on the radio'
        commas = 0
        for v in range(k, min(len(ws), k + 2 * MAX_SUBJECT_WORDS)):
            w = ws[v][0]
            if w in CLAUSE_STOP and v > k:
                commas += 1
                if w != "," or commas > 2:
                    return None
                continue
            if w.lower() == "according" and v + 1 < len(ws) and ws[v + 1][0].lower() == "to":
                s = ws[v + 1][2]
                e = clause_end(ws, s)
                found, who = resolve(s, e, q_end, last=False)
                return found, who, e
            if not verb_at(ws, v):
                if commas == 0 and v - k >= MAX_SUBJECT_WORDS:
                    return None
                continue
            if v > k:  # "…," Rutte said / "…," Seth McKee, a political scientist, told
                if ws[k][0].lower() in SUBJECT_STOP:
                    return None
                if text[ws[v][2] : ws[v][2] + 1] == ":":
                    return None  # "… ." The candidate reiterated: "…" introduces the next quotation
                if any(x.lower() in AUXILIARIES for x, _, _ in ws[k : v - 1]):
                    return None  # "… ." O'Malley's move was first reported by MSNBC.
                head_end = next((s for x, s, _ in ws[k:v] if x == ","), ws[v][1])
                found, who = resolve(ws[k][1], head_end, q_end, last=True)
                if found and who is None:  # "another friend, Mariam Emara, told"
                    found2, who2 = resolve(head_end, ws[v][1], q_end, last=False)
                    who = who2 if found2 else None
                if found:
                    return True, who, ws[v][2]
            else:  # "…," said Sen. Smith, who ... / said Huckabee spokesman Hogan Gidley
                e = clause_end(ws, ws[v][2])
                found, who = resolve(ws[v][2], e, q_end, last=True)
                if found:
                    return True, who, e
            return None
        return None

    def final_clause(self, q_end: int, limit: int) -> Found:
        """An attribution ending the sentence after more of what was said:
        "…," since most cases were close, said Lee Park. / "…" would help, Park said Monday."""
        ws = drop_parentheses(words(self.text, q_end, self.sentences.end_of(q_end, limit)))
        commas = [i for i, (w, _, _) in enumerate(ws) if w == ","]
        for c in reversed(commas[-3:]):
            if any(verb_at(ws, i) for i in range(c + 1, min(len(ws), c + 7))):
                hit = self.clause(ws, c + 1, q_end)
                if hit is not None:
                    return hit[0], hit[1]
        return False, None

    def subject_of(self, ws: list[Word], v: int, pos: int) -> Found:
        """The subject of the cue verb ``ws[v]`` for what was said at ``pos``: the sentence's
        subject for a participle after a comma, else the subject before the verb, else a person
        named right after it ("said Smith, …")."""
        subjects = self.subjects
        w, _, we = ws[v]
        if w.endswith("ing") and v > 0 and ws[v - 1][0] == ",":
            # "Trump returned the compliment to Adelson, telling Reuters, …": the sentence's subject
            who = subjects.sentence_subject(ws[:v])
            if who:
                return True, who
        found, who = subjects.before_verb(ws, v, pos)
        if found:
            return True, who
        found, who = subjects.resolve(we, clause_end(ws, we), pos, last=False)
        return (True, who) if found and who else (False, None)

    def before(self, q_start: int, floor: int) -> Found:
        """Attribution in the sentence before what was said, which starts at ``q_start``."""
        text = self.text
        subjects = self.subjects
        start = self.sentences.start_of(floor, q_start)
        ws = words(text, start, q_start)
        if not ws:
            return False, None
        according = list(_ACCORDING_RE.finditer(text, start, q_start))
        if according:
            m = according[-1]
            found, who = subjects.resolve(m.end(), clause_end(ws, m.end()), q_start, last=False)
            if found:
                return found, who
        order: list[int] | range = range(len(ws))
        if len(ws) > 2 and ws[-1][0] in (":", ",") and verb_at(ws, len(ws) - 2):
            order = [len(ws) - 2, *order]  # the verb that introduces the quote: "to which O'Malley interjected:"
        for v in order:
            if not verb_at(ws, v):
                continue
            found, who = self.subject_of(ws, v, q_start)
            if found:
                return True, who
        if ws[-1][0] == ":":  # "Ms. Lane, on her way out, had a message:"
            who = subjects.sentence_subject(ws)
            if who is None:
                found, who = subjects.resolve(start, ws[-1][1], q_start, last=True)
            if who:
                return True, who
        return False, None
