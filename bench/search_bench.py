"""Benchmark Byline's search against ``fzf --filter`` on libraries of 1k, 10k and 100k articles.

    python bench/search_bench.py [--sizes 1000 10000 100000] [--queries 200] [--seed 7]

Per size (each in a fresh process, so memory figures are its own) it makes the library with
``make_library.py`` under ``bench/out/`` (git-ignored), extracts quotes and people (cached
there, keyed by the extractor's source, computed on every core), then measures:

* build: making the docs and adding them to the index, article by article; the index's
  memory as the RSS growth over the build and, with ``--tracemalloc``, as traced bytes;
  the process's peak RSS (library, extractions and index: roughly the whole app);
* queries: 200 realistic queries made with a fixed seed from real quotes of the library
  (quotes of corpus articles, not of remixed ones; a 6-12 word stretch holding at least 3
  words that are not stop words, one or two typos, a word dropped or two words swapped):
  median and p95 latency of ``SearchIndex.search`` (all kinds, and with ``kind:quote``) and
  of ``fzf --filter`` over the library's quote lines (one quote per line), and their ratio;
* quality: how often the quote a query was made from is in the top 3 (a hit is a result
  whose text equals the quote's text, as quotes repeat).

fzf comes from the Debian package ``fzf``; without it those rows are skipped.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import os
import pickle
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from make_library import VERSION as LIBRARY_VERSION  # noqa: E402
from make_library import make_library  # noqa: E402

from tui.core.extract import Extraction, extract  # noqa: E402
from tui.core.library.loader import load_library  # noqa: E402
from tui.core.search import QUOTE, Doc, SearchIndex, docs_for_article  # noqa: E402
from tui.core.search.text import STOPWORDS  # noqa: E402

OUT = REPO / "bench" / "out"
WARM_UP = ("budget", "health care for veterans", "@schatz", "infrastructure bill")
_EDGE_PUNCT = re.compile(r"^\W+|\W+$")
_KEYS = "qwertyuiopasdfghjklzxcvbnm"


@dataclass(frozen=True, slots=True)
class Case:
    """A query and the text of the quote it was made from."""

    query: str
    original: str


def rss_mb() -> float:
    """The process's current resident set size in MB."""
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3


def extractor_fingerprint() -> str:
    """A hash of the extraction code, so cached extractions follow its changes."""
    digest = hashlib.sha1()
    for path in sorted((REPO / "tui" / "core" / "extract").rglob("*")):
        if path.is_file() and path.suffix in (".py", ".txt", ".json"):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _extract_one(item: tuple[str, str]) -> tuple[str, Extraction]:
    return item[0], extract(item[1])


def extractions(articles: list, size: int) -> dict[str, Extraction]:
    """Every article's extraction, from the cache or computed on all cores."""
    cache = OUT / f"lib-{size}.extract-v{LIBRARY_VERSION}-{extractor_fingerprint()}.pickle"
    if cache.is_file():
        with cache.open("rb") as fh:
            found = pickle.load(fh)
        if all(a.id in found for a in articles):
            return found
    for stale in OUT.glob(f"lib-{size}.extract-*.pickle"):
        stale.unlink()
    with multiprocessing.get_context("fork").Pool() as pool:
        found = dict(pool.imap_unordered(_extract_one, ((a.id, a.body) for a in articles), chunksize=64))
    with cache.open("wb") as fh:
        pickle.dump(found, fh, protocol=pickle.HIGHEST_PROTOCOL)
    return found


def typo(word: str, rng: random.Random) -> str:
    """``word`` with one typing mistake: letters swapped, dropped, doubled or mistyped."""
    i = rng.randrange(len(word) - 1)
    how = rng.randrange(4)
    if how == 0:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if how == 1:
        return word[:i] + word[i + 1 :]
    if how == 2:
        return word[:i] + word[i] + word[i:]
    return word[:i] + rng.choice(_KEYS) + word[i + 1 :]


def make_case(quote: str, rng: random.Random) -> Case | None:
    """A query as someone half-remembering ``quote`` would type it; None when the quote is
    short or the stretch chosen is mostly stop words (nobody remembers "and of the")."""
    tokens = [w for w in (_EDGE_PUNCT.sub("", t) for t in quote.split()) if w]
    if len(tokens) < 6:
        return None
    length = min(len(tokens), rng.randint(6, 12))
    start = rng.randrange(len(tokens) - length + 1)
    words = tokens[start : start + length]
    if sum(len(w) >= 3 and w.lower() not in STOPWORDS for w in words) < 3:
        return None
    candidates = [i for i, w in enumerate(words) if len(w) >= 4 and w.isalpha()]
    for i in rng.sample(candidates, min(len(candidates), rng.choice((1, 1, 2)))):
        words[i] = typo(words[i], rng)
    if rng.random() < 0.5:
        del words[rng.randrange(1, len(words) - 1)]
    if rng.random() < 0.5:
        i = rng.randrange(len(words) - 1)
        words[i], words[i + 1] = words[i + 1], words[i]
    return Case(" ".join(words), quote)


def make_cases(articles: list, found: dict[str, Extraction], n: int, seed: int) -> list[Case]:
    """``n`` queries from quotes of randomly chosen corpus articles (one per article), seeded."""
    rng = random.Random(seed)
    order = sorted((i for i, a in enumerate(articles) if "-remix-" not in a.id), key=lambda i: articles[i].id)
    rng.shuffle(order)
    cases: list[Case] = []
    for i in order:
        article = articles[i]
        quotes = [d.text for d in docs_for_article(article, found[article.id]) if d.kind == QUOTE]
        case = make_case(rng.choice(quotes), rng) if quotes else None
        if case:
            cases.append(case)
            if len(cases) == n:
                break
    return cases


def percentiles(times: list[float]) -> tuple[float, float]:
    """Median and p95 of ``times`` (seconds) in milliseconds."""
    ordered = sorted(times)
    return statistics.median(ordered) * 1e3, ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] * 1e3


def line_of(text: str) -> str:
    return " ".join(text.split())


def run_size(size: int, n_queries: int, seed: int, traced: bool, fzf_queries: int | None) -> dict:
    """Everything measured for one library size."""
    lib = make_library(size, OUT / f"lib-{size}")
    if lib is None:
        return {}
    start_rss = rss_mb()
    t0 = time.perf_counter()
    articles = load_library([lib]).articles
    load_s = time.perf_counter() - t0
    library_rss = rss_mb() - start_rss
    t0 = time.perf_counter()
    found = extractions(articles, size)
    extract_s = time.perf_counter() - t0
    extraction_rss = rss_mb() - start_rss - library_rss
    cases = make_cases(articles, found, n_queries, seed)
    quote_lines = OUT / f"lib-{size}.quotes.txt"

    index = SearchIndex()
    docs_s = add_s = 0.0
    before = rss_mb()
    with quote_lines.open("w", encoding="utf-8") as lines:
        for article in articles:
            t0 = time.perf_counter()
            docs = docs_for_article(article, found[article.id])
            t1 = time.perf_counter()
            index.add(docs)
            add_s += time.perf_counter() - t1
            docs_s += t1 - t0
            lines.writelines(line_of(d.text) + "\n" for d in docs if d.kind == QUOTE)
    rss_delta = rss_mb() - before
    result = {
        "size": size,
        "docs": len(index),
        "load_s": load_s,
        "extract_s": extract_s,
        "docs_s": docs_s,
        "add_s": add_s,
        "index_rss_mb": rss_delta,
        "queries": len(cases),
        "library_rss_mb": library_rss,
        "extraction_rss_mb": extraction_rss,
    }
    if traced:
        result["index_traced_mb"] = traced_size(articles, found)

    for query in WARM_UP:
        index.search(query)
    for label, suffix in (("byline", ""), ("byline kind:quote", " kind:quote")):
        times, hits = [], 0
        for case in cases:
            t0 = time.perf_counter()
            results = index.search(case.query + suffix, limit=10)
            times.append(time.perf_counter() - t0)
            hits += any(r.doc.text == case.original for r in results[:3])
        result[label] = {"median_ms": percentiles(times)[0], "p95_ms": percentiles(times)[1], "top3": hits / len(cases)}
    result["fzf"] = run_fzf(cases[:fzf_queries], quote_lines)
    result["peak_rss_mb"] = peak_rss_mb()
    return result


def traced_size(articles: list, found: dict[str, Extraction]) -> float:
    """The index's size in MB as traced allocations (a second build, with tracemalloc on)."""
    docs: list[list[Doc]] = [docs_for_article(a, found[a.id]) for a in articles]
    tracemalloc.start()
    index = SearchIndex()
    for group in docs:
        index.add(group)
    size = tracemalloc.get_traced_memory()[0] / 1e6
    tracemalloc.stop()
    del index
    return size


def run_fzf(cases: list[Case], quote_lines: Path) -> dict | str:
    """``fzf --filter`` over the quote lines: latency and top-3 quality, or why it was skipped."""
    fzf = shutil.which("fzf")
    if fzf is None:
        return "fzf not installed (apt-get install fzf); skipped"
    env = {k: v for k, v in os.environ.items() if not k.startswith("FZF_")}
    times, hits = [], 0
    for case in cases:
        with quote_lines.open("rb") as stdin:
            t0 = time.perf_counter()
            out = subprocess.run([fzf, "--filter", case.query], stdin=stdin, capture_output=True, env=env)
            times.append(time.perf_counter() - t0)
        top = out.stdout.decode("utf-8", "replace").split("\n")[:3]
        hits += line_of(case.original) in top
    median, p95 = percentiles(times)
    return {"median_ms": median, "p95_ms": p95, "top3": hits / len(cases), "queries": len(cases)}


def report(r: dict) -> None:
    print(f"\n== {r['size']:,} articles, {r['docs']:,} docs, {r['queries']} queries ==")
    print(f"load {r['load_s']:.1f} s · extraction {r['extract_s']:.1f} s (cached after the first run)")
    print(
        f"build: docs {r['docs_s']:.1f} s + index {r['add_s']:.1f} s · "
        f"index memory {r['index_rss_mb']:.0f} MB RSS growth"
        + (f", {r['index_traced_mb']:.0f} MB traced" if "index_traced_mb" in r else "")
        + f" · process peak RSS {r['peak_rss_mb']:.0f} MB (articles {r['library_rss_mb']:.0f} MB, "
        f"extractions {r['extraction_rss_mb']:.0f} MB)"
    )
    print(f"{'':20} {'median ms':>10} {'p95 ms':>8} {'top-3':>7}")
    for label in ("byline", "byline kind:quote", "fzf"):
        row = r[label]
        if isinstance(row, str):
            print(f"{label:20} {row}")
        else:
            note = f"  (first {row['queries']} queries)" if row.get("queries", r["queries"]) < r["queries"] else ""
            print(f"{label:20} {row['median_ms']:10.1f} {row['p95_ms']:8.1f} {row['top3']:7.1%}{note}")
    if isinstance(r["fzf"], dict):
        fzf, ours = r["fzf"], r["byline"]
        print(
            f"fzf / byline: {fzf['median_ms'] / ours['median_ms']:.0f}x median, "
            f"{fzf['p95_ms'] / ours['p95_ms']:.0f}x p95"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--fzf-queries",
        type=int,
        default=None,
        help="time fzf on only the first N queries (it takes seconds per query at 100k)",
    )
    parser.add_argument("--tracemalloc", action="store_true", help="also trace the index's allocations")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)  # run one size, print JSON
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    if args.one:
        print(json.dumps(run_size(args.sizes[0], args.queries, args.seed, args.tracemalloc, args.fzf_queries)))
        return 0
    for size in args.sizes:
        cmd = (
            [
                sys.executable,
                __file__,
                "--one",
                "--sizes",
                str(size),
                "--queries",
                str(args.queries),
                "--seed",
                str(args.seed),
            ]
            + (["--tracemalloc"] if args.tracemalloc else [])
            + (["--fzf-queries", str(args.fzf_queries)] if args.fzf_queries else [])
        )
        done = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, check=True)
        result = json.loads(done.stdout.strip().splitlines()[-1])
        if not result:
            print("no corpus beside the repository (shared/corpus); skipped")
            return 0
        report(result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
