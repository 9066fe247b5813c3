"""Main-text extraction on real news pages: what Byline saves, against gold bodies.

    python bench/html_bench.py [--worst N] [--out DIR]

For each of the 121 pages in the sibling ``shared/eval/html/`` it runs what ``byline add``
does (decode, extract the main text as Markdown with the page's title, date and authors,
save the article file) and reads the saved file back with the library's loader; the body
the library shows is scored against the gold body with ``shared/eval/score_html.py``. In the
same run it scores trafilatura alone (plain text, the same options but Markdown and
metadata), and the Markdown as extracted before Byline drops a first heading that repeats
the title (which goes to the front matter), so the rows say what each step adds or loses. Prints both rows, with
milliseconds per page. Nothing from the evaluation folder is written into the repository:
predictions go to a temporary folder (or ``--out``).

Exits 0 with a message when the evaluation folder is absent.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import trafilatura

from tui.core.feeds.articles import save_article
from tui.core.feeds.page import decode_html, extract_page
from tui.core.feeds.pages import page_draft
from tui.core.library.loader import load_file

REPO = Path(__file__).resolve().parents[1]
EVAL = REPO.parent / "shared" / "eval"


def score(gold: Path, predictions: dict[str, str], out: Path, name: str, worst: int) -> dict[str, float]:
    pred = out / f"{name}.json"
    pred.write_text(json.dumps(predictions), encoding="utf-8")
    figures = out / f"{name}-score.json"
    command = [sys.executable, str(EVAL / "score_html.py"), str(gold), str(pred), "--json", str(figures)]
    shown = subprocess.run([*command, "--worst", str(worst)], capture_output=True, text=True, check=True).stdout
    if worst:
        print("\n".join(line for line in shown.splitlines() if "worst" in line))
    return json.loads(figures.read_text())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--worst", type=int, default=0, help="also list the N worst pages of each row")
    parser.add_argument("--out", type=Path, help="keep predictions and saved articles here")
    args = parser.parse_args()
    pages = EVAL / "html"
    gold = pages / "ground-truth.json"
    if not gold.is_file():
        print(f"html_bench: {pages} is not here; nothing to measure")
        return 0
    out = args.out or Path(tempfile.mkdtemp(prefix="byline-html-bench-"))
    out.mkdir(parents=True, exist_ok=True)
    keys = sorted(json.loads(gold.read_text(encoding="utf-8")))
    raw = {key: (pages / f"{key}.html").read_bytes() for key in keys}

    alone: dict[str, str] = {}
    started = time.perf_counter()
    for key in keys:
        alone[key] = trafilatura.extract(raw[key], include_comments=False) or ""
    alone_ms = (time.perf_counter() - started) * 1000 / len(keys)

    byline: dict[str, str] = {}
    extracted: dict[str, str] = {}
    found = {"title": 0, "date": 0, "authors": 0}
    started = time.perf_counter()
    for key in keys:
        page = extract_page(decode_html(raw[key]), "")
        extracted[key] = page.body
        if not page.body:
            byline[key] = ""
            continue
        found["title"] += bool(page.title)
        found["date"] += page.date is not None
        found["authors"] += bool(page.authors)
        draft, _ = page_draft(page, "")
        article, _ = load_file(save_article(out / "articles" / key[:2], draft))
        byline[key] = article.body if article else ""
    byline_ms = (time.perf_counter() - started) * 1000 / len(keys)

    rows = [
        ("trafilatura alone (plain text)", score(gold, alone, out, "trafilatura", args.worst), alone_ms),
        ("trafilatura Markdown, fast", score(gold, extracted, out, "markdown", 0), None),
        ("Byline saved body (Markdown)", score(gold, byline, out, "byline", args.worst), byline_ms),
    ]
    print(f"{len(keys)} pages from {pages}")
    print(f"{'':32} {'precision':>9} {'recall':>7} {'F1':>7} {'ms/page':>8}")
    for name, figures, ms in rows:
        time_shown = f"{ms:8.1f}" if ms is not None else "       -"
        print(f"{name:32} {figures['precision']:9.4f} {figures['recall']:7.4f} {figures['f1']:7.4f} {time_shown}")
    n = len(keys)
    print(
        f"metadata Byline took from the pages: title {found['title']}/{n}, date {found['date']}/{n}, "
        f"authors {found['authors']}/{n} (front matter, not scored)"
    )
    print(f"predictions in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
