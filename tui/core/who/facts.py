"""What the who-index keeps of one article: who said what in it and who is named, without its
body. Kept as two small blobs of plain tuples per article (read by the plain-data
unpickler): the names, read for every article of a person's page, and what was said
(compressed), read only where that person said something."""

from __future__ import annotations

import pickle
import zlib
from collections.abc import Callable
from typing import Any, NamedTuple, cast

from tui.core.extract.model import SPEECH
from tui.core.library.library import Entry
from tui.core.library.records import plain_loads
from tui.core.search.docs import quote_text

REPORTED = "reported"
"""The kind of a reported claim ("Rutte said that …"), beside the quote kinds."""


class SaidFact(NamedTuple):
    """A quote (of any kind) or a reported claim in one article; ``node`` is its cluster node
    (-1 when it is not a speech quote)."""

    kind: str
    start: int
    end: int
    text: str
    speaker: str | None
    node: int = -1
    cue: str = ""


class NameFact(NamedTuple):
    """One person named in one article: how often, where first in the body (-1: only in the
    photo credit), the forms and roles written there, the quotes said under the name (counted
    as :func:`~tui.core.extract.linking.link_people` counts them) and the claims reported."""

    name: str
    mentions: int
    start: int
    end: int
    forms: tuple[str, ...]
    roles: tuple[str, ...]
    quoted: int
    claims: int = 0


class Facts(NamedTuple):
    """Everything the who-index knows of one article."""

    said: tuple[SaidFact, ...]
    names: tuple[NameFact, ...]


def facts_of(entry: Entry, node_of: Callable[[int, str, str | None], int]) -> Facts:
    """An article's facts; ``node_of(start, quoted words, speaker)`` files each speech quote
    in the clusters and returns its node. Quotes and reported claims come in body order."""
    extraction = entry.extraction
    body = entry.article.body
    said = [
        SaidFact(
            q.kind,
            q.start,
            q.end,
            q.text,
            q.speaker,
            node_of(q.start, quote_text(body, q), q.speaker) if q.kind == SPEECH else -1,
        )
        for q in extraction.quotes
    ]
    said += [SaidFact(REPORTED, r.start, r.end, r.text, r.speaker, -1, r.cue) for r in extraction.reported]
    said.sort(key=lambda fact: fact.start)
    quoted: dict[str, int] = {}
    for q in extraction.quotes:
        if q.speaker:
            quoted[q.speaker] = quoted.get(q.speaker, 0) + 1
    claims: dict[str, int] = {}
    for r in said:
        if r.kind == REPORTED and r.speaker:
            claims[r.speaker] = claims.get(r.speaker, 0) + 1
    names: dict[str, list[Any]] = {}
    for p in (*extraction.people, *entry.caption_people):
        fact = names.get(p.name)
        if fact is None:
            fact = names[p.name] = [0, -1, -1, {}, {}]
        fact[0] += 1
        if not p.credit and fact[1] < 0:
            fact[1], fact[2] = p.start, p.end
        fact[3][p.text] = None
        fact[4].update(dict.fromkeys(p.roles))
    return Facts(
        tuple(said),
        tuple(
            NameFact(name, n, s, e, tuple(forms), tuple(roles), quoted.get(name, 0), claims.get(name, 0))
            for name, (n, s, e, forms, roles) in names.items()
        ),
    )


def encode_names(names: tuple[NameFact, ...]) -> bytes:
    """The names of an article as a compressed pickle of plain tuples (small: read for every
    article of a person; zlib checks it when read)."""
    return zlib.compress(pickle.dumps(tuple(map(tuple, names)), protocol=5), 1)


def decode_names(blob: bytes | memoryview) -> tuple[NameFact, ...]:
    """Names from :func:`encode_names`; raises on anything else (never runs what it reads)."""
    return tuple(NameFact(*n) for n in cast(tuple[Any, ...], plain_loads(zlib.decompress(blob))))


def encode_said(said: tuple[SaidFact, ...]) -> bytes:
    """What was said in an article, as a compressed pickle of plain tuples."""
    return zlib.compress(pickle.dumps(tuple(map(tuple, said)), protocol=5), 1)


def decode_said(blob: bytes | memoryview) -> tuple[SaidFact, ...]:
    """Quotes and claims from :func:`encode_said`; raises on anything else."""
    return tuple(SaidFact(*s) for s in cast(tuple[Any, ...], plain_loads(zlib.decompress(blob))))
