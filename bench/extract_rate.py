"""Steady-state speed of the extractor: articles per second on one core, in one process.

Reads ``quotes_dev.jsonl`` from the sibling ``shared/eval`` folder (or ``--file``), runs
``extract`` over every article once to warm up, then times ``--passes`` full passes and
prints the best: extraction only (quotes, speakers, people, reported speech), no process
start-up, no JSON reading or writing.

    python bench/extract_rate.py [--passes 5] [--file FILE.jsonl]

Exits 0 with a message when the evaluation folder is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tui.core.extract.pipeline import extract  # noqa: E402

QUOTES_DEV = REPO / ".." / "shared" / "eval" / "quotes_dev.jsonl"


def read_texts(path: Path) -> list[str]:
    """The ``text`` of every line of a JSON Lines file."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh if line.strip()]


def steady_rate(texts: list[str], passes: int = 5) -> float:
    """Articles per second of ``extract`` over ``texts``: the best of ``passes`` timed
    passes after one untimed warm-up pass."""
    for text in texts:
        extract(text)
    best = float("inf")
    for _ in range(passes):
        t0 = time.perf_counter()
        for text in texts:
            extract(text)
        best = min(best, time.perf_counter() - t0)
    return len(texts) / best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--passes", type=int, default=5, help="timed passes; the best is printed")
    ap.add_argument("--file", type=Path, default=QUOTES_DEV, help="JSON Lines with a text field")
    args = ap.parse_args(argv)
    if not args.file.is_file():
        print(f"skipped: no file at {args.file.resolve()}")
        return 0
    texts = read_texts(args.file)
    rate = steady_rate(texts, args.passes)
    print(f"articles/s, one core (steady): {rate:.1f}  ({len(texts)} articles, best of {args.passes} passes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
