"""The extraction pipeline: people, then quotations, then speakers."""

from __future__ import annotations

from .attribution import Attributor
from .model import Extraction, Quote
from .people import find_people
from .quotes import find_quotes, paragraphs


def extract(text: str) -> Extraction:
    """Quotes (with speakers and kinds) and person mentions in ``text``; offsets index ``text``."""
    people = find_people(text)
    raw = find_quotes(text)
    quotes = [
        Quote(a.quote.start, a.quote.end, text[a.quote.start : a.quote.end], a.kind, a.speaker, tuple(a.quote.spans))
        for a in Attributor(text, people, raw, paragraphs(text)).run()
    ]
    return Extraction(quotes, people)
