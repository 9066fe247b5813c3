"""The extraction pipeline: people, then quotations and their speakers, then reported speech."""

from __future__ import annotations

from .attribution import Attributor
from .coref import Mentions
from .model import SPEECH, Extraction, Quote
from .people import find_people, lower_words
from .quotes import find_quotes, paragraphs
from .reported import ReportedFinder
from .subjects import Subjects


def extract(text: str) -> Extraction:
    """Quotes (with speakers and kinds), person mentions and reported speech in ``text``;
    offsets index ``text``. A pure function of the text."""
    vocab = lower_words(text)
    people = find_people(text, vocab)
    paras = paragraphs(text)
    raw = find_quotes(text, paras)
    subjects = Subjects(Mentions(text, people, [s for q in raw for s in q.spans]), paras)
    attributor = Attributor(subjects, raw, paras)
    quotes = [
        Quote(a.quote.start, a.quote.end, text[a.quote.start : a.quote.end], a.kind, a.speaker, tuple(a.quote.spans))
        for a in attributor.run()
    ]
    speech = [s for q in quotes if q.kind == SPEECH for s in q.spans]
    reported = ReportedFinder(attributor.cues, paras, speech, vocab).run()
    return Extraction(quotes, people, reported)
