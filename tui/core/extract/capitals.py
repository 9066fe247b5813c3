"""Capitalised sequences, the raw material of names: "U.S. Deputy Secretary of State Christopher
Landau", "Ludwig van Beethoven", "al-Assad", and the tokens they are made of.

A sequence is capitalised tokens joined by spaces, with up to two particles or "of (the)"
between them; a token may open with a name prefix ("al-", "bin-", "d'").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .names import NAME_PARTICLES

UPPER = "".join(c for c in map(chr, range(0x41, 0x530)) if c.isupper() and c.isalpha())
_LOWER_PARTICLES = "|".join(sorted(NAME_PARTICLES, key=len, reverse=True))
_NAME_PREFIXES = "|".join(("al", "el", "bin", "ibn", "abu", "ben", "de", "d"))  # "al-Assad", "bin Salman"
_NAME_REST = r"(?:[\w-]++|['\u2019](?=\w))*+\.?"  # possessive: what follows a token is optional
_TOKEN = (
    rf"(?:[{UPPER}]\.){{2,}}"  # U.S.  H.W.
    rf"|(?:(?:{_NAME_PREFIXES})[-'\u2019])?[{UPPER}]{_NAME_REST}"
)
_SEP = r"[ \u00a0]"
_MORE = rf"(?:{_SEP}(?:(?:{_LOWER_PARTICLES}|of|of{_SEP}the){_SEP}){{0,2}}(?:{_TOKEN}))*"  # the tokens after the first
_BOUNDARY = r"(?<![\w.'\u2019-])"  # no name starts inside a word
# A sequence opening with a capital, the class first so that the regex engine skips ahead
# to it (the boundary is checked after it).
_SEQ_RE = re.compile(rf"[{UPPER}](?<![\w.'\u2019-].)(?:\.(?:[{UPPER}]\.)+|{_NAME_REST}){_MORE}")
# One opening with a name prefix, found from the separator after the prefix ("-" of "al-Assad"):
# a scan would stop at all the common letters the prefixes start with.
_PREFIX_SEP_RE = re.compile(rf"[-'\u2019](?=[{UPPER}])(?:{'|'.join(f'(?<={p}.)' for p in _NAME_PREFIXES.split('|'))})")
_PREFIXED_RE = re.compile(rf"{_BOUNDARY}(?:{_NAME_PREFIXES})[-'\u2019][{UPPER}]{_NAME_REST}{_MORE}")
TOKEN_RE = re.compile(rf"(?:{_TOKEN})|[a-z]+")


def sequences(text: str) -> Iterable[re.Match[str]]:
    """The capitalised sequences of ``text`` in order, none inside another: those that open
    with a capital, and the few that open with a name prefix. A sequence that starts inside
    another (the capitals after "al-", or "al-Assad" in "President al-Assad") ends with it."""
    prefixed = [m for sep in _PREFIX_SEP_RE.finditer(text) if (m := _prefixed(text, sep.start())) is not None]
    if not prefixed:
        return _SEQ_RE.finditer(text)
    out = []
    end = 0
    for m in sorted([*_SEQ_RE.finditer(text), *prefixed], key=re.Match.start):
        if m.start() >= end:
            out.append(m)
            end = m.end()
    return out


def _prefixed(text: str, sep: int) -> re.Match[str] | None:
    """The sequence whose name prefix ends at the separator ``sep`` ("al-Assad"), if any."""
    for start in range(max(0, sep - 3), sep):
        m = _PREFIXED_RE.match(text, start)
        if m is not None:
            return m
    return None
