"""Annotations after the W3C Web Annotation model (as Hypothesis uses it), and re-anchoring.

An annotation points into an article's body text (a ``str``) with a selector that holds both
a position (``start``/``end``) and a quote (``exact`` with ~32 characters of ``prefix`` and
``suffix``). When the body changes, :func:`reanchor` finds the span again: at the
occurrence of the exact text whose context fits best (its old offsets when they fit as
well), else fuzzily; what cannot be found is an orphan, which is reported, never dropped.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, datetime
from typing import Any, Literal, get_args

from rapidfuzz import fuzz
from rapidfuzz.distance import ScoreAlignment

Kind = Literal["highlight", "note", "quote", "person"]
Colour = Literal["yellow", "green", "blue", "pink"]
AnchorStatus = Literal["exact", "moved", "fuzzy", "orphan"]

KINDS: tuple[str, ...] = get_args(Kind)
COLOURS: tuple[str, ...] = get_args(Colour)
CONTEXT_CHARS = 32
"""How many characters of prefix and suffix a selector keeps."""

# Hypothesis's weights for scoring an approximate match, and the thresholds below which a
# candidate is not the annotated text (its quote similarity, then its weighted score, 0..1).
# Measured on random edits of real articles (bench/store_reliability.py): a span with half
# its text rewritten still scores above them, and under 1% of cut-out spans do.
QUOTE_WEIGHT, PREFIX_WEIGHT, SUFFIX_WEIGHT, POSITION_WEIGHT = 50, 20, 20, 2
MIN_QUOTE_SIMILARITY = 0.5
MIN_FUZZY_SCORE = 0.75

EDITABLE_FIELDS = frozenset({"kind", "colour", "note", "tags", "speaker", "selector", "content_hash"})


def utc_now() -> str:
    """The current time as an ISO 8601 UTC string, e.g. ``2026-11-28T17:45:00.123Z``."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags stripped, without empty ones and repeats, in their first order."""
    if isinstance(tags, str):
        raise ValueError("tags must be a list of strings, not one string")
    return tuple(dict.fromkeys(tag.strip() for tag in tags if tag.strip()))


def new_id() -> str:
    """A fresh annotation id (uuid4 hex): two processes never pick the same one."""
    return uuid.uuid4().hex


@dataclass(frozen=True, slots=True)
class TextSelector:
    """Where an annotation points: a TextQuoteSelector and a TextPositionSelector in one.

    ``start``/``end`` index the body the annotation was made on; ``exact`` is
    ``body[start:end]``; ``prefix``/``suffix`` are up to :data:`CONTEXT_CHARS` characters
    either side of it.
    """

    exact: str
    prefix: str
    suffix: str
    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"selector offsets must satisfy 0 <= start < end, got {self.start}..{self.end}")
        if len(self.exact) != self.end - self.start:
            raise ValueError(
                f"selector text has {len(self.exact)} characters but its offsets span {self.end - self.start}"
            )

    @classmethod
    def from_body(cls, body: str, start: int, end: int) -> TextSelector:
        """The selector for ``body[start:end]``, with its context taken from ``body``."""
        if not 0 <= start < end <= len(body):
            raise ValueError(f"span {start}..{end} is not a non-empty span of a {len(body)}-character body")
        return cls(
            exact=body[start:end],
            prefix=body[max(0, start - CONTEXT_CHARS) : start],
            suffix=body[end : end + CONTEXT_CHARS],
            start=start,
            end=end,
        )


@dataclass(frozen=True, slots=True)
class Annotation:
    """A highlight, note, quote or person mark on one article.

    ``content_hash`` fingerprints the body the selector was made on; ``tags`` are kept
    stripped, non-empty and unique in their first order; times are ISO UTC strings.
    """

    article_id: str
    content_hash: str
    selector: TextSelector
    kind: Kind = "highlight"
    colour: Colour = "yellow"
    note: str = ""
    tags: tuple[str, ...] = ()
    speaker: str | None = None
    id: str = field(default_factory=new_id)
    created: str = field(default_factory=utc_now)
    updated: str = field(default_factory=utc_now)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}, got {self.kind!r}")
        if self.colour not in COLOURS:
            raise ValueError(f"colour must be one of {', '.join(COLOURS)}, got {self.colour!r}")
        object.__setattr__(self, "tags", clean_tags(self.tags))

    @property
    def duplicate_key(self) -> tuple[str, str, int, str]:
        """What makes two annotations the same note when their ids differ."""
        return (self.article_id, self.selector.exact, self.selector.start, self.note)

    def edited(self, **changes: Any) -> Annotation:
        """A copy with ``changes`` (fields in :data:`EDITABLE_FIELDS`) and a new ``updated`` time."""
        unknown = set(changes) - EDITABLE_FIELDS
        if unknown:
            editable = ", ".join(sorted(EDITABLE_FIELDS))
            raise TypeError(f"cannot change {', '.join(sorted(unknown))}; editable: {editable}")
        return replace(self, **changes, updated=utc_now())

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict, id first; :meth:`from_dict` turns it back into an equal annotation."""
        data = {"id": self.id} | {f.name: getattr(self, f.name) for f in fields(self)}
        data["selector"] = {f.name: getattr(self.selector, f.name) for f in fields(TextSelector)}
        data["tags"] = list(self.tags)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Annotation:
        """Parse a dict made by :meth:`to_dict`; raises ``ValueError`` naming the bad field."""
        if not isinstance(data, Mapping):
            raise ValueError(f"an annotation must be a JSON object, got {type(data).__name__}")
        raw_selector = _field(data, "selector", Mapping)
        selector = TextSelector(
            exact=_field(raw_selector, "exact", str),
            prefix=_field(raw_selector, "prefix", str),
            suffix=_field(raw_selector, "suffix", str),
            start=_field(raw_selector, "start", int),
            end=_field(raw_selector, "end", int),
        )
        tags = _field(data, "tags", list)
        if not all(isinstance(tag, str) for tag in tags):
            raise ValueError("field 'tags' must be a list of strings")
        speaker = data.get("speaker")
        if speaker is not None and not isinstance(speaker, str):
            raise ValueError("field 'speaker' must be a string or null")
        return cls(
            id=_field(data, "id", str),
            article_id=_field(data, "article_id", str),
            content_hash=_field(data, "content_hash", str),
            selector=selector,
            kind=_field(data, "kind", str),
            colour=_field(data, "colour", str),
            note=_field(data, "note", str),
            tags=tuple(tags),
            speaker=speaker,
            created=_field(data, "created", str),
            updated=_field(data, "updated", str),
        )


def _field(data: Mapping[str, Any], name: str, kind: type) -> Any:
    """``data[name]`` if present and of ``kind`` (an ``int`` field refuses ``bool``)."""
    if name not in data:
        raise ValueError(f"missing field {name!r}")
    value = data[name]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ValueError(f"field {name!r} must be {kind.__name__}, got {type(value).__name__}")
    return value


def make_annotation(
    article_id: str,
    body: str,
    start: int,
    end: int,
    content_hash: str,
    *,
    kind: Kind = "highlight",
    colour: Colour = "yellow",
    note: str = "",
    tags: Iterable[str] = (),
    speaker: str | None = None,
) -> Annotation:
    """A new annotation on ``body[start:end]`` with exact text, prefix and suffix filled in."""
    now = utc_now()
    return Annotation(
        article_id=article_id,
        content_hash=content_hash,
        selector=TextSelector.from_body(body, start, end),
        kind=kind,
        colour=colour,
        note=note,
        tags=clean_tags(tags),
        speaker=speaker,
        created=now,
        updated=now,
    )


# --- finding text typed by a person -------------------------------------------------------

_FOLD = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "″": '"',
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "′": "'",
        "–": "-",
        "—": "-",
        "‐": "-",
        "‑": "-",
    }
)


def _folded(text: str) -> tuple[str, list[int]]:
    """``text`` with curly quotes and dashes straightened, case folded and whitespace runs
    collapsed to one space, plus the index in ``text`` of each folded character."""
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if char.isspace():
            if out and out[-1] == " ":
                continue
            folded = " "
        else:
            folded = char.translate(_FOLD).lower()
        out.extend(folded)
        origin.extend([index] * len(folded))
    return "".join(out), origin


def find_quote(body: str, text: str) -> tuple[int, int] | None:
    """The first span of ``body`` that reads ``text``: exactly, else ignoring case, curly
    versus straight quotes, dash styles and runs of whitespace. ``None`` if absent."""
    needle = text.strip()
    if not needle:
        return None
    start = body.find(needle)
    if start >= 0:
        return start, start + len(needle)
    folded_body, origin = _folded(body)
    folded_needle, _ = _folded(needle)
    at = folded_body.find(folded_needle)
    if at < 0:
        return None
    return origin[at], origin[at + len(folded_needle) - 1] + 1


# --- re-anchoring --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where an annotation lies in a body now. An orphan has ``start == end == -1``."""

    start: int
    end: int
    status: AnchorStatus

    @property
    def found(self) -> bool:
        """Whether the annotation has a place in the body (it is not an orphan)."""
        return self.status != "orphan"


ORPHAN = Anchor(-1, -1, "orphan")


def reanchor(annotation: Annotation, body: str) -> Anchor:
    """Find ``annotation`` in ``body``, which may have changed since it was made.

    1. Every occurrence of the exact text is a candidate; the one whose prefix and suffix
       match over the most characters wins, the nearest to the old start on a tie: status
       ``exact`` if it is at the old offsets, else ``moved``.
    2. Else the best approximate match (rapidfuzz alignment, scored with Hypothesis's weights
       quote 50, prefix 20, suffix 20, position 2) above a threshold: ``fuzzy``.
    3. Else ``orphan``.
    """
    selector = annotation.selector
    exact = _best_occurrence(selector, body)
    if exact is not None:
        return Anchor(exact, exact + len(selector.exact), "exact" if exact == selector.start else "moved")
    fuzzy = _best_approximation(selector, body)
    return Anchor(fuzzy[0], fuzzy[1], "fuzzy") if fuzzy else ORPHAN


def _common_prefix_len(a: str, b: str) -> int:
    """How many leading characters ``a`` and ``b`` share (binary search on slice equality)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _common_suffix_len(a: str, b: str) -> int:
    """How many trailing characters ``a`` and ``b`` share."""
    return _common_prefix_len(a[::-1], b[::-1])


def _best_occurrence(selector: TextSelector, body: str) -> int | None:
    """The start of the occurrence of ``selector.exact`` whose context fits best, or None."""
    best: tuple[int, int] | None = None  # (context characters matched, -distance)
    best_start: int | None = None
    width = len(selector.exact)
    start = body.find(selector.exact)
    while start >= 0:
        before = body[max(0, start - len(selector.prefix)) : start]
        after = body[start + width : start + width + len(selector.suffix)]
        key = (
            _common_suffix_len(selector.prefix, before) + _common_prefix_len(selector.suffix, after),
            -abs(start - selector.start),
        )
        if best is None or key > best:
            best, best_start = key, start
        start = body.find(selector.exact, start + 1)
    return best_start


def _similarity(a: str, b: str) -> float:
    """Normalised similarity of two strings, 0..1 (two empty strings are equal)."""
    return fuzz.ratio(a, b) / 100 if a or b else 1.0


def _score(selector: TextSelector, body: str, start: int, end: int) -> tuple[float, float]:
    """(quote similarity, weighted score) of ``body[start:end]`` as the annotated span.

    The context is compared with up to :data:`CONTEXT_CHARS` characters around the span, so
    a prefix cut short by the start of the body only fits a span that is that near it."""
    quote = _similarity(selector.exact, body[start:end])
    prefix = _similarity(selector.prefix, body[max(0, start - CONTEXT_CHARS) : start])
    suffix = _similarity(selector.suffix, body[end : end + CONTEXT_CHARS])
    position = 1 - abs(start - selector.start) / max(len(body), 1)
    total = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT
    weighted = QUOTE_WEIGHT * quote + PREFIX_WEIGHT * prefix + SUFFIX_WEIGHT * suffix + POSITION_WEIGHT * position
    return quote, weighted / total


def _refine(selector: TextSelector, body: str, start: int, end: int) -> tuple[int, int]:
    """Snap a rough span's edges to where the quote's head and tail and the context's edges
    fit best, within a quarter of the quote's length (the span may have grown or shrunk)."""
    exact, radius = selector.exact, max(8, len(selector.exact) // 4)
    start = min(start, len(body) - 1)
    edge = min(len(exact), 16)
    head, tail = exact[:edge], exact[-edge:]
    before, after = selector.prefix[-edge:], selector.suffix[:edge]

    # Context windows are ``edge`` long even where the stored context is shorter (cut by an
    # end of the body), so that a span at an end of the body stays there.
    def start_fit(at: int) -> tuple[float, int]:
        return (
            _similarity(head, body[at : at + edge]) + _similarity(before, body[max(0, at - edge) : at]),
            -abs(at - start),
        )

    def end_fit(at: int) -> tuple[float, int]:
        return (
            _similarity(tail, body[max(0, at - edge) : at]) + _similarity(after, body[at : at + edge]),
            -abs(at - end),
        )

    new_start = max(range(max(0, start - radius), min(len(body) - 1, start + radius) + 1), key=start_fit)
    new_end = max(
        range(max(new_start + 1, end - radius), min(len(body), end + radius) + 1), key=end_fit, default=new_start + 1
    )
    return new_start, new_end


def _best_approximation(selector: TextSelector, body: str) -> tuple[int, int] | None:
    """The best approximate span for ``selector`` in ``body`` above the thresholds, or None.

    Candidates: the best alignment of the quote anywhere, of quote-with-context anywhere, of
    the quote near its old place, and the old place; each is refined, scored, and the best
    one kept.
    """
    if not body:
        return None
    exact = selector.exact
    rough: list[tuple[int, int]] = []
    quote = _aligned(exact, body)
    rough.append((quote.dest_start, quote.dest_end))
    with_context = _aligned(selector.prefix + exact + selector.suffix, body)
    head = with_context.dest_start + max(0, len(selector.prefix) - with_context.src_start)
    rough.append((head, head + len(exact)))
    window_start = max(0, selector.start - len(exact) - CONTEXT_CHARS)
    nearby = _aligned(exact, body[window_start : selector.end + len(exact) + CONTEXT_CHARS])
    rough.append((window_start + nearby.dest_start, window_start + nearby.dest_end))
    # The old place itself: an edit near the span's start can pull all three alignments
    # past the start further than refining reaches back.
    rough.append((min(selector.start, len(body) - 1), min(selector.end, len(body))))

    best: tuple[float, int, int] | None = None
    for start, end in rough:
        start, end = _refine(selector, body, start, end)
        quote_similarity, weighted = _score(selector, body, start, end)
        good = quote_similarity >= MIN_QUOTE_SIMILARITY and weighted >= MIN_FUZZY_SCORE
        if good and (best is None or weighted > best[0]):
            best = (weighted, start, end)
    return (best[1], best[2]) if best else None


def _aligned(needle: str, haystack: str) -> ScoreAlignment:
    """Where ``needle`` best aligns in ``haystack`` (without a cutoff there always is a place)."""
    found = fuzz.partial_ratio_alignment(needle, haystack)
    assert found is not None
    return found
