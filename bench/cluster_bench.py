"""One quote across outlets: does clustering find re-reports of a quote, and what does it cost?

    python bench/cluster_bench.py [--size 3000] [--plants 300] [--cost-size 100000] [--seed 1]

Quality: a library of ``--size`` corpus articles (``make_library.py``) is copied, and for
``--plants`` speech quotes of at least 8 words (with a speaker) three re-reports are planted,
each appended as a new paragraph to another article: the quote verbatim, trimmed to its
first two thirds, and with two words changed or dropped (alternately), each under other quote
marks. The who-index is built over the copy. Figures: the share of planted re-reports in the
same cluster as their original (target >= 0.95), and the share of clusters holding a
planted quote that also hold a foreign one (a quote planted from another original, or a
library quote whose words are not a re-report of it by the same rule of thumb: sharing less
than half its words; target <= 2%).

Cost: the who-index built from scratch over a ``--cost-size`` library (indexed first with
the cache, which is not timed), its clustering alone (every speech quote filed), and adding
1,000 articles to it (articles taken out, the index saved, then put back). Figures print as
JSON lines; the machine's load is printed with them.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "bench" / "out"
sys.path.insert(0, str(REPO))

from bench.make_library import make_library  # noqa: E402

SUBSTITUTES = ("very", "really", "certainly", "truly", "quite", "simply")


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def plant_variants(words: list[str], rng: random.Random, n: int) -> list[tuple[str, str]]:
    """The three re-reports of a quote: (kind, text)."""
    trimmed = words[: max(1, round(len(words) * 2 / 3))]
    edited = list(words)
    for _ in range(2):
        i = rng.randrange(1, len(edited) - 1)
        if n % 2:
            edited[i] = rng.choice(SUBSTITUTES)
        else:
            del edited[i]
    return [("verbatim", " ".join(words)), ("trimmed", " ".join(trimmed)), ("edited", " ".join(edited))]


def quality(size: int, plants: int, seed: int) -> dict[str, object]:
    from tui.core.library.library import Library
    from tui.core.search.docs import quote_text
    from tui.core.who.clusters import quote_words
    from tui.core.who.index import WhoIndex

    source = make_library(size, OUT / f"lib-{size}")
    if source is None:
        return {"skipped": "no corpus"}
    work = OUT / f"cluster-bench-{size}"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(source, work)
    base = Library.open([work])
    rng = random.Random(seed)
    candidates = [
        (e, q)
        for e in base.entries()
        for q in e.speech_quotes
        if q.speaker and 8 <= len(quote_words(quote_text(e.article.body, q))) <= 80
    ]
    rng.shuffle(candidates)
    seen: set[tuple[str, ...]] = set()
    chosen = []
    for entry, quote in candidates:
        key = quote_words(quote_text(entry.article.body, quote))
        if key not in seen:
            seen.add(key)
            chosen.append((entry, quote))
        if len(chosen) == plants:
            break
    hosts = list(base.entries())
    planted: dict[str, list[tuple[str, str]]] = {}  # host file -> paragraphs
    truth: list[tuple[str, int, str, tuple[str, str]]] = []  # (host path, n, kind, original)
    marks = [("\u201c", "\u201d"), ('"', '"'), ("\u00ab", "\u00bb")]
    for n, (entry, quote) in enumerate(chosen):
        words = quote_text(entry.article.body, quote).split()
        for k, (kind, text) in enumerate(plant_variants(words, rng, n)):
            host = rng.choice([h for h in hosts if h.article.id != entry.article.id])
            left, right = marks[(n + k) % len(marks)]
            planted.setdefault(str(host.article.path), []).append(f"{left}{text},{right} {quote.speaker} said.")
            truth.append((str(host.article.path), n, kind, (entry.article.id, quote.start)))
    for path, paragraphs in planted.items():
        with open(path, "a", encoding="utf-8") as out:
            out.write("\n\n" + "\n\n".join(paragraphs) + "\n")
    library = Library.open([work])
    who = WhoIndex(library)
    started = time.perf_counter()
    who.refresh()
    build = time.perf_counter() - started
    by_path = {str(e.article.path): e for e in library.entries()}
    found = clustered = 0
    by_kind: dict[str, list[int]] = {}
    planted_nodes: dict[int, set[int]] = {}  # cluster root -> originals planted into it
    originals: dict[int, int] = {}
    for n, (entry, quote) in enumerate(chosen):
        node = who.node_at(entry.article.id, quote.start)
        originals[n] = who.clusters.root(node) if node >= 0 else -1
    for path, n, kind, _ in truth:
        entry = by_path[path]
        body_len = len(entry.article.body)
        facts = [f for f in who.said_in(entry.article.id) if f.node >= 0]
        # the planted quote is in the paragraphs appended at the end of the body
        mine = [f for f in facts if f.start > body_len - 3000 and f.speaker == chosen[n][1].speaker]
        hit = next((f for f in mine if who.clusters.root(f.node) == originals[n]), None)
        found += bool(mine)
        clustered += hit is not None
        by_kind.setdefault(kind, [0, 0])[0] += 1
        by_kind[kind][1] += hit is not None
        if hit is not None:
            planted_nodes.setdefault(originals[n], set()).add(n)
    foreign = 0
    for root, ns in planted_nodes.items():
        if len(ns) > 1:
            foreign += 1
            continue
        n = next(iter(ns))
        original = set(quote_words(quote_text(chosen[n][0].article.body, chosen[n][1])))
        for article_id, start in who.clusters.reports(root):
            fact = next(f for f in who.said_in(article_id) if f.start == start)
            mine = set(quote_words(fact.text))
            if len(mine & original) < 0.5 * min(len(mine), len(original)):
                foreign += 1
                break
    return {
        "library": len(library),
        "originals": len(chosen),
        "planted": len(truth),
        "extracted": found,
        "clustered_with_original": round(clustered / len(truth), 4),
        "by_kind": {k: round(v[1] / v[0], 4) for k, v in by_kind.items()},
        "clusters_with_planted": len(planted_nodes),
        "foreign_share": round(foreign / max(1, len(planted_nodes)), 4),
        "build_seconds": round(build, 2),
        "load": load(),
    }


def cost(size: int) -> dict[str, object]:
    from tui.core.library.cache import LibraryCache
    from tui.core.library.indexer import Indexer
    from tui.core.search.docs import quote_text
    from tui.core.who.clusters import Clusters
    from tui.core.who.index import WhoIndex

    root = make_library(size, OUT / f"lib-{size // 1000}k")
    if root is None:
        return {"skipped": "no corpus"}
    os.environ.setdefault("XDG_CACHE_HOME", str(OUT / "cache-cluster-bench"))
    library = Indexer([root], cache=LibraryCache([root])).sync()
    folder = OUT / f"who-bench-{size // 1000}k"
    shutil.rmtree(folder, ignore_errors=True)
    entries = library.entries()
    started = time.perf_counter()
    quotes = [
        (e.article.id, q.start, quote_text(e.article.body, q), q.speaker) for e in entries for q in e.speech_quotes
    ]
    read = time.perf_counter() - started
    clusters = Clusters()
    started = time.perf_counter()
    for article_id, start, text, speaker in quotes:
        clusters.add((article_id, start), text, speaker)
    clustering = time.perf_counter() - started
    who = WhoIndex(library, folder)
    started = time.perf_counter()
    who.refresh()
    build = time.perf_counter() - started
    # adding 1,000: take them out, bring the index up to date and save, then put them back
    taken = list(entries[-1000:])
    library.remove(e.article.id for e in taken)
    who.refresh()
    started = time.perf_counter()
    library.add(taken)
    who.refresh()
    add = time.perf_counter() - started
    warm = WhoIndex(library, folder)
    started = time.perf_counter()
    warm.refresh()
    opened = time.perf_counter() - started
    return {
        "library": len(library),
        "speech_quotes": len(quotes),
        "clusters": len(clusters),
        "reading_quotes_seconds": round(read, 2),
        "clustering_seconds": round(clustering, 2),
        "who_index_build_seconds": round(build, 2),
        "add_1000_seconds": round(add, 2),
        "warm_open_seconds": round(opened, 3),
        "file_mb": round((folder / "who.bin").stat().st_size / 2**20, 1),
        "load": load(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=3000, help="articles in the quality library")
    parser.add_argument("--plants", type=int, default=300, help="quotes re-reported (three times each)")
    parser.add_argument("--cost-size", type=int, default=100_000, help="articles in the cost library (0: skip)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    print(json.dumps({"quality": quality(args.size, args.plants, args.seed)}), flush=True)
    if args.cost_size:
        print(json.dumps({"cost": cost(args.cost_size)}), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
