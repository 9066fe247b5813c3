"""Which names a typed name refers to, by the rule of the search's ``@speaker``: a one-word
name is compared with each word of a name (``@rutte`` finds "Mark Rutte"), a longer one with
the whole name; typos within :data:`~tui.core.search.index.SPEAKER_CUTOFF` are forgiven.
``byline quotes --speaker``, ``byline person`` and the screens ask here."""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz, process

from tui.core.search.index import SPEAKER_CUTOFF
from tui.core.search.text import words


def typed_key(typed: str) -> str:
    """A typed name as it is compared: folded words, ``_`` standing for a space."""
    return " ".join(words(typed.replace("_", " ")))


def names_like(typed: str, names: Iterable[str]) -> dict[str, float]:
    """The names among ``names`` that ``typed`` refers to, with how alike (0-100)."""
    key = typed_key(typed)
    if not key:
        return {}
    one_word = " " not in key
    owners: list[str] = []
    choices: list[str] = []
    for name in names:
        name_words = words(name)
        if one_word:
            owners += [name] * len(name_words)
            choices += name_words
        else:
            owners.append(name)
            choices.append(" ".join(name_words))
    found: dict[str, float] = {}
    scorer = fuzz.ratio if one_word else fuzz.WRatio
    for _, score, index in process.extract(key, choices, scorer=scorer, score_cutoff=SPEAKER_CUTOFF, limit=None):
        owner = owners[index]
        found[owner] = max(score, found.get(owner, 0.0))
    return found
