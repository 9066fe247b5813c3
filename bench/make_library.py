"""Generate a library of N article files of real text from the shared corpus.

    python bench/make_library.py --size N --out DIR [--seed S]

Up to the corpus size (3,206 articles) the library is a seeded sample of corpus files. Above
it, the whole corpus comes first, then new articles: each takes the front matter and lead
paragraph of one corpus article and a similar number of paragraphs drawn from other
articles of the same source, so bodies differ while every sentence is real. Only paragraphs
whose quotations open and close inside them (and that do not continue the paragraph
before) are moved, so no quote runs on into an unrelated paragraph. File names (the
article ids) are unique: ``<number>-<original name>.md``, and
``<number>-remix-<original name>.md`` for the new articles.

The corpus is the sibling ``shared/corpus`` of the repository; when it is absent the script
says so and exits 0. A finished library carries a ``.complete`` stamp and is reused as is.
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
STAMP = ".complete"
VERSION = 3
"""Bump when the output changes, so cached libraries are made again."""


@dataclass(frozen=True, slots=True)
class Source:
    """One corpus file: its name, front matter block (with the ``---`` lines) and paragraphs."""

    folder: str
    stem: str
    front: str
    paragraphs: tuple[str, ...]


def read_corpus(corpus: Path) -> list[Source]:
    """Every article file of the corpus, in a stable order."""
    sources = []
    for path in sorted(corpus.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        if not text.startswith("---\n") or path.name.lower() == "readme.md":
            continue
        close = text.index("\n---\n", 4) + 5
        paragraphs = tuple(p.strip() for p in text[close:].split("\n\n") if p.strip())
        sources.append(Source(path.parent.name, path.stem, text[:close], paragraphs))
    return sources


def make_library(size: int, out: Path, *, seed: int = 1, corpus: Path = CORPUS) -> Path | None:
    """Write a ``size``-article library into ``out`` (reused when already made); None without
    a corpus."""
    if not corpus.is_dir():
        print(f"make_library: no corpus at {corpus.name}/ beside the repository; skipped", file=sys.stderr)
        return None
    stamp = f"size={size} seed={seed} version={VERSION}\n"
    marker = out / STAMP
    if marker.is_file() and marker.read_text() == stamp:
        return out
    if out.exists() and any(out.iterdir()) and not marker.is_file():
        raise SystemExit(f"make_library: {out} is not empty and was not made by this script")
    out.mkdir(parents=True, exist_ok=True)
    marker.write_text("incomplete\n")
    for old in out.glob("*.md"):
        old.unlink()
    rng = random.Random(seed)
    sources = read_corpus(corpus)
    if size <= len(sources):
        chosen = sorted(rng.sample(range(len(sources)), size))
        articles = [(sources[i].stem, sources[i].front, sources[i].paragraphs) for i in chosen]
    else:
        articles = [(s.stem, s.front, s.paragraphs) for s in sources]
        articles.extend(_remix(sources, size - len(sources), rng))
    for number, (stem, front, paragraphs) in enumerate(articles):
        name = f"{number:06d}-{stem}"[:96]
        (out / f"{name}.md").write_text(front + "\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    marker.write_text(stamp)
    return out


def _remix(sources: list[Source], count: int, rng: random.Random) -> list[tuple[str, str, tuple[str, ...]]]:
    """``count`` new articles: a corpus article's front matter and lead, then paragraphs of
    other articles from the same folder."""
    pools: dict[str, list[str]] = {}
    for s in sources:
        pools.setdefault(s.folder, []).extend(
            p
            for before, p in zip(s.paragraphs, s.paragraphs[1:], strict=False)
            if _self_contained(before) and _self_contained(p)
        )
    made = []
    for _ in range(count):
        frame = rng.choice(sources)
        pool = pools[frame.folder]
        length = min(max(len(frame.paragraphs), 3), 15)
        body = (frame.paragraphs[0], *(rng.choice(pool) for _ in range(length - 1)))
        made.append((f"remix-{frame.stem}", frame.front, body))
    return made


def _self_contained(paragraph: str) -> bool:
    """Whether every quotation opened in ``paragraph`` closes there: such paragraphs can be
    moved without a quote running on into whatever paragraph follows."""
    return paragraph.count('"') % 2 == 0 and paragraph.count("\u201c") == paragraph.count("\u201d")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, required=True, help="how many articles")
    parser.add_argument("--out", type=Path, required=True, help="folder to write them into")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    made = make_library(args.size, args.out, seed=args.seed)
    if made is not None:
        print(f"{args.size} articles in {made}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
