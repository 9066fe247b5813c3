"""Who said it: attach speakers to quotations, and tell speech from scare quotes and titles.

For each quotation the clause right after it (``," Rutte said.``, ``," said Sen. Smith``),
then its sentence before it (``Smith said: "``, ``Smith called it "a disgrace"``) are
searched for a speech verb and its subject (:mod:`.cues`, :mod:`.subjects`), then the end
of its sentence (``"…," since …, said Lee Park.``). Quotations embedded in a sentence
without a speech verb take the person (or he/she) the sentence or clause opens with;
unattributed ones take the speaker of a neighbouring quotation in the same paragraph or of
the paragraph before.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .cues import Cues
from .kinds import quote_kind
from .model import SPEECH
from .quotes import RawQuote
from .sentences import ends_sentence, words
from .subjects import Found, Subjects

_MARK_IN_RE = re.compile('["\u201c\u201d\u00ab\u00bb]')
_SENTENCE_END_RE = re.compile(r"[.!?]['\"\u201d\u2019)]*\s*$")  # the quote opens a sentence


@dataclass(slots=True)
class Attributed:
    """A quotation with its speaker and kind, before conversion to the public model."""

    quote: RawQuote
    speaker: str | None = None
    kind: str = SPEECH
    explicit: bool = False  # the speaker (or its absence) was read from the quotation's sentence
    cued: bool = False  # … from a speech verb or an attribution clause


class Attributor:
    """Attributes the quotations of one text."""

    def __init__(self, subjects: Subjects, quotes: list[RawQuote], paragraphs: list[tuple[int, int]]) -> None:
        self.text = subjects.text
        self.subjects = subjects
        self.sentences = subjects.sentences
        self.cues = Cues(subjects)
        self.quotes = quotes
        self.paras = paragraphs
        self.para_starts = [s for s, _ in paragraphs]

    def _para_index(self, pos: int) -> int:
        return bisect.bisect_right(self.para_starts, pos) - 1

    def _para(self, pos: int) -> tuple[int, int]:
        k = self._para_index(pos)
        return self.paras[k] if k >= 0 else (0, len(self.text))

    def run(self) -> list[Attributed]:
        """Attribute every quotation; interrupted quotations are merged into one."""
        text = self.text
        cues = self.cues
        quotes = self.quotes
        out: list[Attributed] = []
        n = len(quotes)
        k = 0
        while k < n:
            q = quotes[k]
            pstart, pend = self._para(q.end - 1)
            nxt = quotes[k + 1].start if k + 1 < n else len(text)
            limit = min(pend, nxt)
            found, who, clause_end = cues.after(q.end, limit)
            if found and self._ends_embedded_sentence(q, pstart):
                # what follows is a new sentence, unless it is a bare attribution ("… ?" X asked.)
                rest = text[clause_end : self.sentences.end_of(clause_end, pend)]
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
                and not (ends_sentence(text, q.end, nxt) and self._attributed_after(k + 1))
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
                found_b, who_b = cues.before(q.start, prev_end)
                if not found or who_b:
                    found, who = found_b, who_b
            if not found and not text[self._para(q.start)[0] : q.start].strip(" >\t"):
                found, who = self._lead_in(q.start)
                if not found:
                    who = self._previous_subject(q)
                    found = who is not None
            if not found and len(q.spans) > 1:
                _ps, pe = self._para(q.spans[-1][0])
                found, who, _ = cues.after(q.spans[-1][1], min(pe, nxt))
            cued = found
            if not found:  # a weaker cue: it leaves titles titles
                found, who = cues.final_clause(q.end, limit)
            if not found and not opens_sentence:
                s0 = self.sentences.start_of(pstart, q.start)
                who = self.subjects.sentence_subject(words(text, s0, q.start))
                found = who is not None
            out.append(Attributed(q, who, SPEECH, found, cued))
            k += 1
        for a in out:
            a.kind = quote_kind(text, a.quote, a.cued)
            if a.kind != SPEECH:
                a.explicit = False  # a title or term lends no speaker to its neighbours
        self._continue(out)
        for a in out:
            if a.kind != SPEECH:
                a.speaker = None
        return out

    def _ends_embedded_sentence(self, q: RawQuote, pstart: int) -> bool:
        """Does the quotation close a sentence that began before it (said Trump is "unelectable.")?"""
        text = self.text
        _s, e = q.spans[-1]
        if len(q.spans) > 1 or not q.closed or text[e - 2 : e - 1] not in (".", "!", "?"):
            return False
        return bool(text[self.sentences.start_of(pstart, q.start) : q.start].strip())

    def _attributed_after(self, k: int) -> bool:
        """Has quotation ``k`` an attribution of its own after it ('"…," added Rep. Ruiz.')?"""
        q = self.quotes[k]
        nxt = self.quotes[k + 1].start if k + 1 < len(self.quotes) else len(self.text)
        return self.cues.after(q.end, min(self._para(q.end - 1)[1], nxt))[0]

    def _lead_in(self, pos: int) -> Found:
        """A paragraph that introduces the next one: "Smith said on Monday:"."""
        k = self._para_index(pos)
        if k <= 0:
            return False, None
        ps, pe = self.paras[k - 1]
        if self.text[pe - 1] != ":":
            return False, None
        return self.cues.before(pe, ps)

    def _previous_subject(self, q: RawQuote) -> str | None:
        """A paragraph that is only a quotation after a paragraph without any takes the
        subject of that paragraph's last sentence ("Carter said that ... . ¶ "…"")."""
        k = self._para_index(q.start)
        if k <= 0 or self.text[q.end : self.paras[k][1]].strip(" .,;:!?"):
            return None
        ps, pe = self.paras[k - 1]
        if _MARK_IN_RE.search(self.text, ps, pe):
            return None
        return self.subjects.sentence_subject(words(self.text, self.sentences.start_of(ps, pe - 1), pe))

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
