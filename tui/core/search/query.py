"""Parsing search queries: free words, phrases, ``@speakers``, ``#tags`` and ``kind:`` filters.

:data:`QUERY_SYNTAX` is the syntax as people learn it (the search screen's help, ``byline
search --help``); :data:`QUERY_HELP` is its one-line summary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tui.core.search.docs import ARTICLE, KINDS, PASSAGE, PERSON
from tui.core.search.text import fold
from tui.core.text import one_line

QUERY_SYNTAX = """\
Type words in any order; typos, missing words and swapped words are forgiven. Exact matches
come first, then matches where the last word is still being typed, then fuzzy ones.

    consensus budget          words, anywhere in the text
    "economic growth"         an exact phrase (case and punctuation ignored)
    @rutte                    only quotes and reported claims by a speaker whose name
                              is like "rutte"
    @"mark rutte"             a speaker name with spaces
    #climate                  only notes tagged "climate" (every #tag must be on the note)
    kind:quote                only quotes; also kind:reported (reported speech: "Rutte
                              said that …"), kind:person, kind:article (titles and
                              passages), kind:passage, kind:note; kind:quote,note for both

Combine them: @rutte consensus kind:quote. Several @names mean any of them; several kind:
values mean any of those kinds. Very common words ("the", "of") are compared when ranking
but cannot find anything on their own.
"""

QUERY_HELP = (
    'words (typos ok) · "exact phrase" · @speaker · #tag · '
    "kind:quote|reported|person|article|passage|note — e.g. @rutte consensus kind:quote"
)

_TOKEN_RE = re.compile(r'@"(?P<sq>[^"]*)"?|"(?P<phrase>[^"]*)"?|(?P<word>\S+)')
_QUOTE_TABLE = str.maketrans(dict.fromkeys("“”„‟«»", '"'))
_KIND_ALIASES = {"people": PERSON, "title": ARTICLE, "titles": ARTICLE}


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query. ``text`` is what to match (words and phrases in typed order, operators
    removed); ``kinds`` empty means every kind; ``problems`` explains ignored operators."""

    text: str = ""
    phrases: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    kinds: frozenset[str] = frozenset()
    problems: tuple[str, ...] = ()


def parse_query(query: str) -> Query:
    """Split a query into free text, phrases, ``@speakers``, ``#tags`` and ``kind:`` filters."""
    text: list[str] = []
    phrases: list[str] = []
    speakers: list[str] = []
    tags: list[str] = []
    kinds: set[str] = set()
    problems: list[str] = []
    for m in _TOKEN_RE.finditer(query.translate(_QUOTE_TABLE)):
        if m.group("sq") is not None:
            if m.group("sq").strip():
                speakers.append(m.group("sq").strip())
        elif m.group("phrase") is not None:
            phrase = one_line(m.group("phrase"))
            if phrase:
                phrases.append(phrase)
                text.append(phrase)
        else:
            word = m.group("word")
            if word.startswith("@") and len(word) > 1:
                speakers.append(word[1:])
            elif word.startswith("#") and len(word) > 1:
                tags.append(fold(word[1:]))
            elif word.lower().startswith("kind:"):
                for value in filter(None, re.split(r"[,|]", word[5:].lower())):
                    kind = _kind(value)
                    if kind:
                        kinds.update((ARTICLE, PASSAGE) if kind == ARTICLE else (kind,))
                    else:
                        problems.append(f"unknown kind {value!r} (use {', '.join(KINDS)})")
            elif word not in ("@", "#"):
                text.append(word)
    return Query(" ".join(text), tuple(phrases), tuple(speakers), tuple(tags), frozenset(kinds), tuple(problems))


def _kind(value: str) -> str | None:
    """A kind name from what was typed: ``quote``, ``quotes``, ``people``…"""
    value = _KIND_ALIASES.get(value, value)
    if value in KINDS:
        return value
    return value[:-1] if value.endswith("s") and value[:-1] in KINDS else None
