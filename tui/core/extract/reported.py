"""Reported speech: what someone said or claimed, without quote marks, and who.

Cue words are found by plain string search among the words a text holds
(:func:`~.reporting.cue_positions`), each is read in its sentence by
:class:`~.claims.ClaimReader`, and of contents that cover mostly the same words the longer
stays. Interview transcripts ("TAPPER: …") and Title Case headlines ("Clinton Calls For …")
are read too.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from .claims import ClaimReader
from .contents import OPENERS
from .cues import Cues
from .found import Found, given
from .model import Reported
from .reporting import VERBS, cue_positions
from .sentences import WORD_START, words

_CAPITAL_RE = re.compile(r"[A-Z](?<![^ ].)")  # a capital at the start or after a space
_LABEL_RE = re.compile(r"([A-Z][\w.'\u2019-]*(?: [A-Z][\w.'\u2019-]*){0,3}):[ \t]+(?=\S)")


class ReportedFinder:
    """Finds the reported speech of one text."""

    def __init__(
        self, cues: Cues, paras: list[tuple[int, int]], speech: list[tuple[int, int]], vocab: Iterable[str]
    ) -> None:
        self.reader = ClaimReader(cues, speech)
        self.text = cues.text
        self.mentions = cues.subjects.mentions
        self.sentence_index = cues.sentences
        self.paras = paras
        self.para_starts = [s for s, _ in paras]
        self.vocab = vocab
        self._sentences: dict[int, list[tuple[int, int]]] = {}

    def run(self) -> list[Reported]:
        """Every reported content, in text order, none overlapping another."""
        found: list[Found] = []
        by_sentence: dict[tuple[int, int], list[int]] = {}
        for pos in cue_positions(self.text, self.vocab):
            if self.mentions.quoted(pos):
                continue
            sent = self._sentence(pos)
            if sent is not None:
                by_sentence.setdefault(sent, []).append(pos)
        for (s, e), hits in by_sentence.items():
            if not self._quotation(s, e) and not self._question(s, e):
                found.extend(self._read_sentence(s, e, hits))
        found.extend(self._transcript())
        found.extend(self._headlines())
        text = self.text
        return [Reported(text[f.start : f.end], f.start, f.end, f.speaker(), f.cue) for f in _without_overlaps(found)]

    def _quotation(self, s: int, e: int) -> bool:
        """Is the sentence ``[s, e)`` a speech quotation with its attribution ('"…," Lee said.')?
        Its cue attributes the quotation: no reported speech there."""
        q = self.reader.quote_at(s)
        return q is not None and q[1] - q[0] >= 0.6 * (e - s)

    def _question(self, s: int, e: int) -> bool:
        """Does the sentence ``[s, e)`` ask ("Do you support Lee?", "Will voters want it?")? A question
        reports no one's words. A quoted question at its end ('… asked, "Why?"') is not its own."""
        return self.text[s:e].rstrip().endswith("?")

    def _headlines(self) -> list[Found]:
        """Headlines in Title Case, whose verbs are capitalised too: "Clinton Calls For …"."""
        out: list[Found] = []
        for ps, pe in self.paras:
            if pe - ps > 200 or self.text[ps] == ">":
                continue
            seg = self.text[ps:pe]
            n = seg.count(" ") + 1
            if n < 4 or len(_CAPITAL_RE.findall(seg)) < 0.6 * n:
                continue
            ws = words(self.text, ps, pe)
            low = [
                (w.lower(), s, e) if k and w[0].isupper() and w.lower() in VERBS else (w, s, e)
                for k, (w, s, e) in enumerate(ws)
            ]
            for v in range(1, len(low)):
                if low[v][0] != ws[v][0]:
                    r = self.reader.verb(low, v, ps, pe)
                    if r is not None:
                        out.append(r)
        return out

    def _transcript(self) -> list[Found]:
        """Paragraphs of an interview transcript, each after its speaker's label ("TAPPER: …",
        "Q: …", "A: …"), and headlines that give a speaker's words: "Ryan: 'No Place …'"."""
        out: list[Found] = []
        text = self.text
        for ps, pe in self.paras:
            m = _LABEL_RE.match(text, ps, pe)
            if m is None or (text[m.end()] in OPENERS and pe - ps > 200):  # a short one is a headline
                continue
            label = m.group(1)
            owner = self.mentions.mentions_in(ps, m.end(1))
            if owner:
                who: str | None = owner[-1].name
            elif label in ("Q", "A"):
                who = None  # question and answer: the interviewer and the interviewee
            elif label.isupper() and len(label) > 2:
                who = label
            else:
                continue
            r = self.reader.make(m.end(), pe, given(who), ":")
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
            sents = self._sentences[k] = self.sentence_index.spans(ps, pe)
        return sents[bisect.bisect_right(sents, (pos, len(self.text))) - 1]

    def _read_sentence(self, s: int, e: int, hits: list[int]) -> list[Found]:
        ws = words(self.text, s, e)
        out = []
        for pos in hits:
            v = bisect.bisect_left(ws, pos, key=WORD_START)
            r = self.reader.read(ws, v, s, e) if v < len(ws) and ws[v][1] == pos else None
            if r is not None:
                out.append(r)
        return out


def _without_overlaps(found: list[Found]) -> list[Found]:
    """The contents in text order, less those that lie mostly inside a longer one."""
    kept: list[Found] = []
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
