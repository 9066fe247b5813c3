"""What a quotation is: speech, or quote marks around a title, a term or nothing at all."""

from __future__ import annotations

import re

from .model import SCARE, SPEECH, TERM, TITLE
from .quotes import RawQuote

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


def quote_kind(text: str, q: RawQuote, attributed: bool) -> str:
    """The kind of quotation ``q``: a Title Case work after "show", "on" or "NBC's" is a title,
    a few lower-case words after "so-called" or "the" a term, empty marks scare quotes.
    ``attributed`` (a cue names a speaker) keeps short capitalised quotes speech."""
    if q.block or len(q.spans) > 1:
        return SPEECH
    s, e = q.spans[0]
    inner = text[s + 1 : e - 1].strip() if q.closed else text[s + 1 : e].strip()
    ws = inner.split()
    if not ws:
        return SCARE
    lead = text[max(0, s - 40) : s]
    ends_clause = inner[-1] in ".!?,;:"
    if (
        len(ws) <= 8
        and (not ends_clause or inner[-1] == ",")
        and ws[0][0].isupper()
        and all(w[0].isupper() or w in _TITLE_SMALL_WORDS for w in ws)
        and (_TITLE_LEAD_RE.search(lead) or _TITLE_PLACE_RE.search(lead))
    ):
        return TITLE  # a work named in Title Case, even in an attributed sentence: on CNN's "State of the Union"
    if not attributed and len(ws) <= 10 and (not ends_clause or inner[-1] == ","):
        caps = sum(1 for w in ws if w[0].isupper())
        looks_title = caps == len(ws) or (caps >= 2 and caps * 3 >= len(ws) * 2 and _TITLE_LEAD_RE.search(lead))
        if looks_title and (len(ws) > 1 or _TITLE_LEAD_RE.search(lead)):
            return TITLE
    if len(ws) <= 3 and not ends_clause and inner[:1].islower() and _TERM_LEAD_RE.search(lead):
        nxt = text[e : e + 2]
        if nxt[:1] == " " and nxt[1:2].isalpha():
            return TERM
    return SPEECH
