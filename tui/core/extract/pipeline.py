"""The extraction pipeline: people, then quotations, then speakers."""

from __future__ import annotations

from .attribution import Attributor
from .coref import Mentions
from .model import Extraction, Quote
from .people import find_people
from .quotes import find_quotes, paragraphs
from .subjects import Subjects


def extract(text: str) -> Extraction:
    """Quotes (with speakers and kinds) and person mentions in ``text``; offsets index ``text``."""
    people = find_people(text)
    raw = find_quotes(text)
    paras = paragraphs(text)
    subjects = Subjects(Mentions(text, people, [s for q in raw for s in q.spans]), paras)
    quotes = [
        Quote(a.quote.start, a.quote.end, text[a.quote.start : a.quote.end], a.kind, a.speaker, tuple(a.quote.spans))
        for a in Attributor(subjects, raw, paras).run()
    ]
    return Extraction(quotes, people)
