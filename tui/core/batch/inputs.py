"""What ``byline extract`` reads, as a stream of numbered lines in input order: JSON Lines
files (or standard input) line by line, and article folders as one ``{"id", "text"}`` line
per article (its id and its body), so that both go through the same code afterwards."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from tui.core.library.files import LoadProblem
from tui.core.library.loader import load_library

STDIN = "-"


@dataclass(frozen=True, slots=True)
class Line:
    """One input line: where it comes from (a file name, ``<stdin>``, or an article's path)
    and its number there (1 for an article)."""

    source: str
    number: int
    text: str


def read_inputs(names: Sequence[str], stdin: TextIO, problems: list[LoadProblem]) -> Iterator[Line]:
    """The lines of every input in order; folders become one line per article (their load
    problems are added to ``problems``). Raises ``OSError`` for an input that cannot be
    opened, when its turn comes."""
    for name in names or [STDIN]:
        if name == STDIN:
            yield from numbered("<stdin>", stdin)
        elif Path(name).is_dir():
            yield from _articles(Path(name), problems)
        else:
            with open(name, encoding="utf-8", errors="replace") as infile:
                yield from numbered(name, infile)


def numbered(source: str, lines: TextIO) -> Iterator[Line]:
    """The non-blank lines of one stream, numbered from 1, named ``source``."""
    for number, text in enumerate(lines, 1):
        if text.strip():
            yield Line(source, number, text)


def _articles(folder: Path, problems: list[LoadProblem]) -> Iterator[Line]:
    loaded = load_library([folder])
    problems.extend(loaded.problems)
    for article in loaded.articles:
        document = json.dumps({"id": article.id, "text": article.body}, ensure_ascii=False)
        yield Line(str(article.path), 1, document)
