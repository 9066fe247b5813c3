"""A loaded library: the articles, their load problems, and lookups by id."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from .article import Article
from .loader import LoadProblem, load_library


@dataclass
class Library:
    """Articles in a stable order (newest first), with the problems met loading them."""

    articles: list[Article] = field(default_factory=list)
    problems: list[LoadProblem] = field(default_factory=list)
    roots: tuple[Path, ...] = ()

    def __post_init__(self) -> None:
        self.articles.sort(key=lambda a: (a.date.toordinal() if a.date else 0, a.id), reverse=True)
        self._by_id = {article.id: article for article in self.articles}

    @classmethod
    def open(cls, paths: Sequence[Path]) -> Library:
        """Load every article under ``paths``."""
        result = load_library(paths)
        return cls(result.articles, result.problems, tuple(paths))

    def get(self, article_id: str) -> Article | None:
        """The article with this id, or None."""
        return self._by_id.get(article_id)

    def index_of(self, article_id: str) -> int:
        """The article's position in ``articles`` (-1 when absent)."""
        article = self._by_id.get(article_id)
        return self.articles.index(article) if article else -1

    @property
    def errors(self) -> list[LoadProblem]:
        """Problems that kept a file out of the library."""
        return [p for p in self.problems if p.severity == "error"]
