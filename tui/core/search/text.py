"""Text normalisation shared by the index, the query parser and the quote check, and
:func:`within`, the in-article search behind the reader's ctrl+f."""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz import fuzz, process

WORD_RE = re.compile(r"\w+")

# Typographic quotes, dashes and spaces made plain, one character for one.
_FOLD_TABLE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)

STOPWORDS = frozenset(
    "a about after all also am an and any are as at be because been being but by can could did "
    "do does each for from had has have he her him his how i if in into is it its just may me "
    "more most must my no not now of on only or other our out over said says she should so some "
    "than that the their them then there these they this those to up us was we were what when "
    "which who will with would you your".split()
)
"""Words too common to find anything: not indexed, though still compared when ranking."""

WITHIN_CUTOFF = 80
"""How similar (0-100) a word of the text must be to a query word for a fuzzy match."""


def fold(text: str) -> str:
    """``text`` lower-cased with typographic quotes and dashes made plain; same length."""
    out = text.translate(_FOLD_TABLE).lower()
    if len(out) == len(text):
        return out
    # a few characters (e.g. U+0130) grow when lower-cased: keep those as they are
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text.translate(_FOLD_TABLE))


def words(text: str) -> list[str]:
    """The folded words of ``text`` (runs of letters and digits)."""
    return WORD_RE.findall(fold(text))


def is_term(word: str) -> bool:
    """Whether a folded word is worth indexing: not a stop word, not a lone letter."""
    return word not in STOPWORDS and (len(word) > 1 or word.isdigit())


def phrase_pattern(tokens: Iterable[str], *, prefix: bool = False) -> re.Pattern[str]:
    """A pattern finding ``tokens`` as consecutive whole words in folded text, whatever
    punctuation and spacing stands between them; with ``prefix`` the last may be a word's start."""
    body = r"\W+".join(map(re.escape, tokens))
    return re.compile(rf"(?<!\w){body}" + (r"\w*" if prefix else r"(?!\w)"))


def merge_spans(spans: Iterable[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Sorted spans with overlapping ones, and ones only whitespace apart, joined."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and (start <= out[-1][1] or not text[out[-1][1] : start].strip()):
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


def within(text: str, query: str) -> list[tuple[int, int]]:
    """Every match of ``query`` in ``text`` as ``(start, end)`` offsets, in order.

    Case-insensitive substring matches come first (any run of whitespace in the query
    matches any run in the text); only when there are none do fuzzy word matches count:
    each word of the text within typing distance of a word of the query (stop words count
    only in a query of stop words alone).
    """
    chunks = query.split()
    if not chunks:
        return []
    folded = fold(text)
    exact = re.compile(r"\s+".join(re.escape(fold(chunk)) for chunk in chunks))
    found = [m.span() for m in exact.finditer(folded) if m.end() > m.start()]
    if found:
        return found
    tokens = list(WORD_RE.finditer(folded))
    strings = [m.group() for m in tokens]
    hits: list[tuple[int, int]] = []
    wanted = set(words(query))
    for word in {w for w in wanted if w not in STOPWORDS} or wanted:
        for _, _, i in process.extract(word, strings, scorer=fuzz.ratio, score_cutoff=WITHIN_CUTOFF, limit=None):
            hits.append(tokens[i].span())
    return merge_spans(hits, text)
