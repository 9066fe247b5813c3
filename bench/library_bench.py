"""Opening big libraries: cold indexing, warm start, memory, search and input latency.

    python bench/library_bench.py [--sizes 1000 10000 100000 1000000] [--jobs N] [--no-tmux]
                                  [--phases cold index warm cli latency tmux] [--plot]

Per size it makes the library with ``make_library.py`` under ``bench/out/`` (git-ignored)
and measures, each phase in a fresh process (so its peak RSS is its own) with its own cache
folder under ``bench/out/``:

* cold: ``Indexer.sync`` with an empty cache (scan, load + extract on ``--jobs`` worker
  processes, save the cache): seconds, articles/s and per core, peak RSS of the parent and
  of the largest worker;
* index: the search index built cold from the warm library and saved in its cache
  folder: seconds, articles/s, peak RSS, the index's size on disk;
* warm: headless ``run_test()``, from before the cache is read to the first screen whose
  table holds every article (status line ``N articles``); then until the app's search
  index is complete (the saved one opened and caught up, on its worker), counted from the
  start; then search latency (p50, p95) and top-3 of 200 queries made from the library's
  quotes as ``search_bench.py`` makes them; peak RSS, and the resident memory after the
  queries split into what the process holds and the pages of the mapped search index;
* cli: whole ``byline search QUERY`` and ``byline list --json`` processes on the warm
  cache (the median of 3 runs each);
* latency: input latency while indexing: a cold open in ``run_test()`` on the library
  screen (or ``--screen quotes|people``) with arrow keys sent every 50 ms (as the terminal
  driver sends them) from the first rows until indexing ends, the cache written (or
  ``--latency-seconds`` pass); each figure is the time from sending the key until the
  table's cursor has moved;
* tmux: the real ``byline PATH`` in tmux, warm: seconds until ``capture-pane`` shows the
  full table's status line;
* disk: the cache folder's size: the records' shards and the search index.

Each figure is kept in ``bench/out/results/SIZE-PHASE.json``; ``--plot`` draws every size
kept so far as ``bench/out/library-scale.png`` (log-log: time and memory against library
size; needs matplotlib, ``pip install -e '.[bench]'``), so sizes and phases can be run
apart (``--sizes 1000000 --phases index warm cli``) and drawn together.

Targets at 100k: warm <= 2 s, cold >= 1,000 articles/s, peak RSS <= 1.5 GB, input latency
<= 100 ms while indexing, search complete <= 2 s after start, ``byline search`` <= 1 s,
``list --json`` <= 3 s. At 1M: warm <= 5 s, search p95 <= 50 ms, peak RSS <= 4 GB.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "bench" / "out"
sys.path.insert(0, str(REPO))

from bench.make_library import make_library  # noqa: E402

QUERIES = ("ceasefire talks", "said the minister", "climate change policy", "presdient", "@Biden")
CASES = 200
"""Queries timed in the warm phase (made from the library's quotes, seeded)."""
CLI_RUNS = 3
SIZE = (120, 40)
RESULTS = OUT / "results"
PLOT = OUT / "library-scale.png"
PHASES = ("cold", "index", "warm", "cli", "latency", "tmux")


def library_path(size: int) -> Path:
    return OUT / f"lib-{size // 1000}k"


def cache_home(size: int, phase: str) -> Path:
    return OUT / f"cache-{size // 1000}k-{phase}"


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def rss_split_mb() -> dict[str, float]:
    """This process's resident memory now, split (Linux): ``anon`` is memory it holds,
    ``file`` the pages of mapped files it has touched (the search index: clean pages the
    kernel can drop at any time, counted in the peak RSS all the same)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            fields = dict(line.split(":", 1) for line in status if line.startswith(("RssAnon", "RssFile")))
    except OSError:
        return {}
    return {
        "rss_anon_mb": int(fields["RssAnon"].split()[0]) / 1024,
        "rss_file_mb": int(fields["RssFile"].split()[0]) / 1024,
    }


def phase_cold(size: int, jobs: int) -> dict:
    from tui.core.library.cache import LibraryCache
    from tui.core.library.indexer import Indexer

    root = library_path(size)
    start = time.perf_counter()
    library = Indexer([root], cache=LibraryCache([root]), jobs=jobs).sync()
    seconds = time.perf_counter() - start
    return {
        "articles": len(library),
        "seconds": seconds,
        "rate": len(library) / seconds,
        "per_core": len(library) / seconds / jobs,
        "rss_mb": peak_rss_mb(),
    }


def phase_index(size: int) -> dict:
    """The search index built cold over the warm library, and saved."""
    from tui.core.library.cache import LibraryCache
    from tui.core.library.indexer import Indexer
    from tui.core.search.index_store import CHANGES, WHOLE
    from tui.core.search.library_index import LibraryIndex

    root = library_path(size)
    cache = LibraryCache([root])
    for name in (WHOLE, CHANGES):
        (cache.folder / name).unlink(missing_ok=True)
    indexer = Indexer([root], cache=cache)
    indexer.restore()
    start = time.perf_counter()
    index = LibraryIndex.of(indexer.library, folder=cache.folder)
    seconds = time.perf_counter() - start
    return {
        "articles": len(indexer.library),
        "docs": len(index),
        "seconds": seconds,
        "rate": len(indexer.library) / seconds,
        "rss_mb": peak_rss_mb(),
        "index_mb": (cache.folder / WHOLE).stat().st_size / 1e6,
    }


class _Extractions:
    """A library's extractions by article id, decoded when asked for (``make_cases`` asks
    for the few it picks)."""

    def __init__(self, library: object) -> None:
        self.library = library

    def __getitem__(self, article_id: str) -> object:
        return self.library.extraction(article_id)  # type: ignore[attr-defined]


def search_cases(library: object, n: int = CASES) -> list:
    """Queries made from the library's quotes, as ``search_bench.py`` makes them."""
    from bench.search_bench import make_cases

    articles = [e.article for e in library.entries()]  # type: ignore[attr-defined]
    return make_cases(articles, _Extractions(library), n, seed=7)


async def _warm(size: int, jobs: int) -> dict:
    from tui.app import make_app
    from tui.core.library.cache import LibraryCache
    from tui.core.library.indexer import Indexer
    from tui.screens.library import LibraryScreen
    from tui.widgets.big_table import BigTable

    root = library_path(size)
    start = time.perf_counter()
    indexer = Indexer([root], cache=LibraryCache([root]), jobs=jobs)
    indexer.restore()
    app = make_app(indexer.library, indexer=indexer)
    async with app.run_test(size=SIZE) as pilot:
        total = len(app.library)
        while True:
            screen = app.screen
            if (
                isinstance(screen, LibraryScreen)
                and screen.query_one(BigTable).row_count == total
                and f"{total} articles" in str(screen.query_one("#status").render())
            ):
                break
            await pilot.pause(0.005)
        app.screen._compositor.render_update(full=True)
        warm = time.perf_counter() - start
        while not app.search_ready and time.perf_counter() - start < 3600:
            await pilot.pause(0.01)
        ready = time.perf_counter() - start
        cases = search_cases(app.library)
        latencies, hits = [], 0
        for case in cases:
            t = time.perf_counter()
            results = app.search_index.search(case.query, limit=10)
            latencies.append((time.perf_counter() - t) * 1000)
            hits += any(r.doc.text == case.original for r in results[:3])
    latencies.sort()
    return {
        "articles": total,
        "warm_seconds": warm,
        "search_complete_seconds": ready,
        "search_rejected": app.search_index.rejected,
        "queries": len(cases),
        "search_ms_p50": statistics.median(latencies),
        "search_ms_p95": latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))],
        "search_top3": hits / len(cases),
        "rss_mb": peak_rss_mb(),
        **rss_split_mb(),
    }


def phase_cli(size: int) -> dict:
    """Whole ``byline search`` and ``byline list --json`` processes on the warm cache."""
    out: dict = {}
    for name, args in (("search", ["search", QUERIES[0]]), ("list_json", ["list", "--json"])):
        times = []
        for _ in range(CLI_RUNS):
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "tui", *args, str(library_path(size))],
                cwd=REPO,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=os.environ,
                check=False,
            )
            times.append(time.perf_counter() - start)
        out[f"{name}_seconds"] = statistics.median(times)
        out[f"{name}_best"] = min(times)
    return out


def disk_used(size: int) -> dict:
    """The warm cache folder's size: the records' shards and the search index files."""
    shards = search = 0
    for path in cache_home(size, "warm").rglob("*"):
        if path.is_file():
            if path.name.startswith("search-"):
                search += path.stat().st_size
            else:
                shards += path.stat().st_size
    return {"records_mb": shards / 1e6, "search_mb": search / 1e6, "total_mb": (shards + search) / 1e6}


async def _latency(size: int, jobs: int, seconds: float, screen: str) -> dict:
    from textual import events

    from tui.app import make_app
    from tui.core.library.cache import LibraryCache
    from tui.core.library.indexer import Indexer
    from tui.widgets.big_table import BigTable

    root = library_path(size)
    indexer = Indexer([root], cache=LibraryCache([root]), jobs=jobs)
    indexer.restore()
    app = make_app(indexer.library, indexer=indexer)
    delays: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        sync = app.library_sync
        while not sync.running:
            await pilot.pause(0.01)
        run = sync.worker
        await pilot.press({"library": "1", "quotes": "2", "people": "3"}[screen])
        table = app.screen.query_one(BigTable)
        while table.row_count < 3:
            await pilot.pause(0.01)
        end = time.perf_counter() + seconds
        key = "down"
        while time.perf_counter() < end and run.is_running:
            before = table.cursor_row
            event = events.Key(key, None)
            event.set_sender(app)
            t = time.perf_counter()
            app._driver.send_message(event)
            while table.cursor_row == before:
                await asyncio.sleep(0.001)
            delays.append((time.perf_counter() - t) * 1000)
            key = "up" if key == "down" else "down"
            await asyncio.sleep(0.05)
        indexed = sync.progress.done if sync.progress else len(app.library)
        sync.stop()
    delays.sort()
    return {
        "screen": screen,
        "presses": len(delays),
        "median_ms": statistics.median(delays),
        "p95_ms": delays[max(0, round(len(delays) * 0.95) - 1)],
        "max_ms": delays[-1],
        "indexed_meanwhile": indexed,
    }


def phase_tmux(size: int) -> dict:
    """The real command (``python -m tui``, the ``byline`` entry point, from this checkout),
    warm, in tmux: seconds until the full table's status line shows."""
    byline = f"cd {REPO} && {sys.executable} -m tui"
    name = f"byline-bench-{uuid.uuid4().hex[:8]}"
    env = {"XDG_CACHE_HOME": str(cache_home(size, "warm")), "BYLINE_DB": str(OUT / "bench-notes.json")}
    listing = subprocess.run(
        [sys.executable, "-m", "tui", "list", str(library_path(size))],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        check=True,
    )
    total = len(listing.stdout.splitlines())
    start = time.perf_counter()
    subprocess.run(
        [
            "tmux",
            "new-session",
            "-d",
            "-s",
            name,
            "-x",
            str(SIZE[0]),
            "-y",
            str(SIZE[1]),
            "-e",
            "TERM=xterm-256color",
            *(f"-e{k}={v}" for k, v in env.items()),
            f"{byline} {library_path(size)}",
        ],
        check=True,
    )
    try:
        while time.perf_counter() - start < 60:
            screen = subprocess.run(["tmux", "capture-pane", "-p", "-t", name], capture_output=True, text=True).stdout
            if f"{total} articles" in screen:
                return {"articles": total, "seconds": time.perf_counter() - start}
            time.sleep(0.01)
        return {"articles": total, "seconds": None}
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)


def run_phase(args: argparse.Namespace) -> dict:
    os.environ["XDG_CACHE_HOME"] = str(cache_home(args.size, "latency" if args.phase == "latency" else "warm"))
    os.environ.setdefault("BYLINE_DB", str(OUT / "bench-notes.json"))
    if args.phase == "cold":
        shutil.rmtree(os.environ["XDG_CACHE_HOME"], ignore_errors=True)
        return phase_cold(args.size, args.jobs)
    if args.phase == "index":
        return phase_index(args.size)
    if args.phase == "warm":
        return asyncio.run(_warm(args.size, args.jobs))
    if args.phase == "cli":
        return phase_cli(args.size)
    if args.phase == "latency":
        shutil.rmtree(os.environ["XDG_CACHE_HOME"], ignore_errors=True)
        return asyncio.run(_latency(args.size, args.jobs, args.latency_seconds, args.screen))
    return phase_tmux(args.size)


def in_subprocess(phase: str, size: int, args: argparse.Namespace) -> dict:
    command = [
        sys.executable,
        __file__,
        "--phase",
        phase,
        "--size",
        str(size),
        "--jobs",
        str(args.jobs),
        "--latency-seconds",
        str(args.latency_seconds),
        "--screen",
        args.screen,
    ]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO)
    if done.returncode:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else done.returncode}
    result = json.loads(done.stdout.strip().splitlines()[-1])
    keep(size, phase, result, time.perf_counter() - start)
    return result


def keep(size: int, phase: str, result: dict, seconds: float | None = None) -> None:
    """Keep a phase's figures (with the machine's load when it ran) for the plot."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    noted = {**result, "load_average": os.getloadavg(), "cores": os.cpu_count()}
    if seconds is not None:
        noted["phase_seconds"] = seconds
    (RESULTS / f"{size}-{phase}.json").write_text(json.dumps(noted, indent=1))


def kept() -> dict[int, dict[str, dict]]:
    """Every size's kept figures, by phase."""
    found: dict[int, dict[str, dict]] = {}
    for path in sorted(RESULTS.glob("*-*.json")):
        size, _, phase = path.stem.partition("-")
        found.setdefault(int(size), {})[phase] = json.loads(path.read_text())
    return found


def report(size: int, phase: str, result: dict) -> None:
    def fmt(value: object) -> str:
        if isinstance(value, float):
            return f"{value:,.3f}" if value < 100 else f"{value:,.0f}"
        return f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else str(value)

    print(f"{size:>7,}  {phase:<8} " + "  ".join(f"{k}={fmt(v)}" for k, v in result.items()), flush=True)


def plot(path: Path = PLOT) -> Path | None:
    """Draw the kept figures, log-log: time (left) and memory and disk (right) against size."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("plot skipped: matplotlib is not installed (pip install -e '.[bench]')")
        return None
    figures = kept()
    sizes = sorted(figures)
    times = {
        "cold: index the files (s)": ("cold", "seconds", 1),
        "cold: build the search index (s)": ("index", "seconds", 1),
        "warm: library shown (s)": ("warm", "warm_seconds", 1),
        "warm: search complete (s)": ("warm", "search_complete_seconds", 1),
        "search p95 in the app (s)": ("warm", "search_ms_p95", 1e-3),
        "byline search, whole process (s)": ("cli", "search_seconds", 1),
        "byline list --json, whole process (s)": ("cli", "list_json_seconds", 1),
    }
    memory = {
        "peak RSS, cold (MB)": ("cold", "rss_mb"),
        "peak RSS, search index build (MB)": ("index", "rss_mb"),
        "peak RSS, warm app (MB)": ("warm", "rss_mb"),
        "disk: records (MB)": ("disk", "records_mb"),
        "disk: search index (MB)": ("disk", "search_mb"),
    }
    fig, (left, right) = plt.subplots(1, 2, figsize=(13, 5.5))
    for label, (phase, key, scale) in times.items():
        points = [(n, figures[n][phase][key] * scale) for n in sizes if key in figures[n].get(phase, {})]
        if points:
            left.plot(*zip(*points, strict=True), marker="o", label=label)
    for label, (phase, key) in memory.items():
        points = [(n, figures[n][phase][key]) for n in sizes if key in figures[n].get(phase, {})]
        if points:
            right.plot(*zip(*points, strict=True), marker="s", label=label)
    for axis, title in ((left, "Time against library size"), (right, "Memory and disk against library size")):
        axis.set_xscale("log")
        axis.set_yscale("log")
        axis.set_xlabel("articles in the library")
        axis.set_title(title)
        axis.grid(True, which="both", alpha=0.3)
        axis.legend(fontsize=8)
    loads = {round(p["load_average"][0], 1) for f in figures.values() for p in f.values() if "load_average" in p}
    fig.suptitle(
        f"Byline, python bench/library_bench.py ({os.cpu_count()} cores; load average while measured "
        f"{min(loads, default=0)}-{max(loads, default=0)})",
        fontsize=10,
    )
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--latency-seconds", type=float, default=20.0)
    parser.add_argument(
        "--screen",
        choices=("library", "quotes", "people"),
        default="library",
        help="the screen the latency phase presses keys on",
    )
    parser.add_argument("--no-tmux", action="store_true", help="skip the real terminal run")
    parser.add_argument("--phases", nargs="+", choices=PHASES, default=list(PHASES), help="the phases to run")
    parser.add_argument("--plot", action="store_true", help="only draw the figures kept so far")
    parser.add_argument("--phase", choices=PHASES, help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(run_phase(args)))
        return 0
    if args.plot:
        print(f"plot: {plot()}")
        return 0
    print(
        f"python bench/library_bench.py --sizes {' '.join(map(str, args.sizes))} --jobs {args.jobs}"
        f"  ({os.cpu_count()} cores)",
        flush=True,
    )
    for size in args.sizes:
        if make_library(size, library_path(size)) is None:
            return 0
        phases = [p for p in args.phases if p != "tmux" or (not args.no_tmux and shutil.which("tmux"))]
        for phase in phases:
            report(size, phase, in_subprocess(phase, size, args))
        used = disk_used(size)
        keep(size, "disk", used)
        report(size, "disk", used)
    print(f"plot: {plot()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
