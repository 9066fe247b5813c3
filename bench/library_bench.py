"""Opening big libraries: cold indexing, warm start, memory, search and input latency.

    python bench/library_bench.py [--sizes 1000 10000 100000] [--jobs N] [--no-tmux]

Per size it makes the library with ``make_library.py`` under ``bench/out/`` (git-ignored)
and measures, each phase in a fresh process (so its peak RSS is its own) with its own cache
folder under ``bench/out/``:

* cold: ``Indexer.sync`` with an empty cache (scan, load + extract on ``--jobs`` worker
  processes, save the cache): seconds, articles/s and per core, peak RSS of the parent and
  of the largest worker;
* warm: headless ``run_test()``, from before the cache is read to the first screen whose
  table holds every article (status line ``N articles``); then, once the app's search
  index is built (on its worker), the median latency of a few queries; peak RSS;
* latency: input latency while indexing: a cold open in ``run_test()`` on the library
  screen (or ``--screen quotes|people``) with arrow keys sent every 50 ms (as the terminal
  driver sends them) from the first rows until indexing ends, the cache written (or
  ``--latency-seconds`` pass); each figure is the time from sending the key until the
  table's cursor has moved;
* tmux: the real ``byline PATH`` in tmux, warm: seconds until ``capture-pane`` shows the
  full table's status line.

Targets at 100k: warm <= 2 s, cold >= 1,000 articles/s, peak RSS <= 1.5 GB, input latency
<= 100 ms while indexing.
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
SIZE = (120, 40)


def library_path(size: int) -> Path:
    return OUT / f"lib-{size // 1000}k"


def cache_home(size: int, phase: str) -> Path:
    return OUT / f"cache-{size // 1000}k-{phase}"


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


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
        built = time.perf_counter()
        while not app.search_ready and time.perf_counter() - built < 900:
            await pilot.pause(0.1)
        index_seconds = time.perf_counter() - built
        latencies = []
        for query in QUERIES:
            t = time.perf_counter()
            app.search_index.search(query)
            latencies.append((time.perf_counter() - t) * 1000)
    return {
        "articles": total,
        "warm_seconds": warm,
        "search_ready": app.search_ready,
        "search_index_seconds": index_seconds,
        "search_ms_median": statistics.median(latencies),
        "search_ms_max": max(latencies),
        "rss_mb": peak_rss_mb(),
    }


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
    if args.phase == "warm":
        return asyncio.run(_warm(args.size, args.jobs))
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
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO)
    if done.returncode:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else done.returncode}
    return json.loads(done.stdout.strip().splitlines()[-1])


def report(size: int, phase: str, result: dict) -> None:
    def fmt(value: object) -> str:
        if isinstance(value, float):
            return f"{value:,.3f}" if value < 100 else f"{value:,.0f}"
        return f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else str(value)

    print(f"{size:>7,}  {phase:<8} " + "  ".join(f"{k}={fmt(v)}" for k, v in result.items()), flush=True)


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
    parser.add_argument("--phase", choices=("cold", "warm", "latency", "tmux"), help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(run_phase(args)))
        return 0
    print(
        f"python bench/library_bench.py --sizes {' '.join(map(str, args.sizes))} --jobs {args.jobs}"
        f"  ({os.cpu_count()} cores)",
        flush=True,
    )
    for size in args.sizes:
        if make_library(size, library_path(size)) is None:
            return 0
        phases = ["cold", "warm", "latency"]
        if not args.no_tmux and shutil.which("tmux"):
            phases.append("tmux")
        for phase in phases:
            report(size, phase, in_subprocess(phase, size, args))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
