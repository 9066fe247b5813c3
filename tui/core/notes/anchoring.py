"""Finding annotated text again: in a body that changed since the annotation was made
(:func:`reanchor`), or as a person typed it (:func:`find_quote`).

:func:`reanchor` takes the occurrence of the exact text whose context fits best (its old
offsets when they fit as well), else the best fuzzy match; what cannot be found is an
orphan, which is reported, never dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import ScoreAlignment

from tui.core.notes.annotations import CONTEXT_CHARS, AnchorStatus, Annotation, TextSelector

# Hypothesis's weights for scoring an approximate match, and the thresholds below which a
# candidate is not the annotated text (its quote similarity, then its weighted score, 0..1).
# Measured on random edits of real articles (bench/store_reliability.py): a span with half
# its text rewritten still scores above them, and under 1% of cut-out spans do.
QUOTE_WEIGHT, PREFIX_WEIGHT, SUFFIX_WEIGHT, POSITION_WEIGHT = 50, 20, 20, 2
MIN_QUOTE_SIMILARITY = 0.5
MIN_FUZZY_SCORE = 0.75


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
    """Find ``annotation`` in ``body``, which may have changed since it was made (see :func:`locate`)."""
    return locate(annotation.selector, body)


def locate(selector: TextSelector, body: str) -> Anchor:
    """Find the text ``selector`` describes in ``body``, which may have changed since.

    1. Every occurrence of the exact text is a candidate; the one whose prefix and suffix
       match over the most characters wins, the nearest to the old start on a tie: status
       ``exact`` if it is at the old offsets, else ``moved``.
    2. Else the best approximate match (rapidfuzz alignment, scored with Hypothesis's weights
       quote 50, prefix 20, suffix 20, position 2) above a threshold: ``fuzzy``.
    3. Else ``orphan``.
    """
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
