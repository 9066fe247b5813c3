"""Fuzzy search over everything in a library, the quote check and in-article search.

UI-free: the reader, the search screen and the CLI all use this API.
"""

from tui.core.search.check import CheckResult, Edit, check, word_diff
from tui.core.search.docs import (
    ARTICLE,
    KINDS,
    NOTE,
    PASSAGE,
    PERSON,
    QUOTE,
    REPORTED,
    Doc,
    body_matches,
    docs_for_annotation,
    docs_for_article,
)
from tui.core.search.index import Result, SearchIndex
from tui.core.search.query import QUERY_HELP, QUERY_SYNTAX, Query, parse_query
from tui.core.search.text import within

__all__ = [
    "ARTICLE",
    "KINDS",
    "NOTE",
    "PASSAGE",
    "PERSON",
    "QUERY_HELP",
    "QUERY_SYNTAX",
    "QUOTE",
    "REPORTED",
    "CheckResult",
    "Doc",
    "Edit",
    "Query",
    "Result",
    "SearchIndex",
    "body_matches",
    "check",
    "docs_for_annotation",
    "docs_for_article",
    "parse_query",
    "within",
    "word_diff",
]
