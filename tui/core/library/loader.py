"""Files and folders -> Articles and LoadProblems, whatever the input looks like: the files
(:mod:`~tui.core.library.files`) read as articles (:mod:`~tui.core.library.formats`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tui.core.library.article import Article
from tui.core.library.files import MAX_BYTES, LoadProblem, Skip, discover, read_article_bytes
from tui.core.library.formats import parse_bytes


@dataclass(slots=True)
class LoadResult:
    """A loaded library: the articles that could be read and what went wrong with the rest."""

    articles: list[Article] = field(default_factory=list)
    problems: list[LoadProblem] = field(default_factory=list)


def load_file(path: Path, *, max_bytes: int = MAX_BYTES) -> tuple[Article | None, list[LoadProblem]]:
    """Load one file; never raises (nor blocks: only regular files are read). The article's
    id is the file stem."""
    try:
        data = read_article_bytes(path, max_bytes)
    except Skip as exc:
        return None, [LoadProblem(path, str(exc))]
    return parse_bytes(path, data)


def unique_ids(articles: list[Article]) -> None:
    """Make article ids unique inside a library by suffixing ``-2``, ``-3``… in order."""
    taken: set[str] = set()
    for article in articles:
        base, candidate, n = article.id, article.id, 1
        while candidate in taken:
            n += 1
            candidate = f"{base}-{n}"
        article.id = candidate
        taken.add(candidate)


def load_library(paths: Sequence[Path], *, max_bytes: int = MAX_BYTES) -> LoadResult:
    """Load every article under ``paths``; problems are collected, never raised."""
    files, problems = discover(paths)
    result = LoadResult(problems=problems)
    for path in files:
        article, file_problems = load_file(path, max_bytes=max_bytes)
        result.problems.extend(file_problems)
        if article is not None:
            result.articles.append(article)
    unique_ids(result.articles)
    return result
