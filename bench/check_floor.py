"""What a warm CLI call cannot go below: checking every file of the library is current.

Every CLI verb proves the cache is current before it answers: it lists the library's
folders and stats every article file (a file edited in place changes only its own size
and mtime), then compares with the cached records. This bench measures, on the libraries
``bench/library_bench.py`` made (``bench/out/lib-SIZE``), the median of ``--runs``:

* ``find``: GNU find listing and stating every file (``-printf '%s %T@'``), a C peer;
* ``python stat``: ``os.scandir`` and ``DirEntry.stat`` over every file, nothing else;
* ``start + import``: a whole ``python -c 'import tui.cli'`` process;
* ``restore``: reading every cached record into a library (``Indexer.restore``), and
  ``check``: Byline's own walk and compare (``Indexer.plan``), in this process;
* ``floor``: start + import + the faster of find and python stat: no verb that checks
  every file, written in Python, answers faster than this.

    python bench/check_floor.py [--sizes 10000 100000] [--runs 5]

Sizes whose library or warm cache is missing are skipped with a note (make them with
``python bench/library_bench.py --sizes N --phases cold``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.library_bench import cache_home, library_path  # noqa: E402


def median_seconds(run: Callable[[], object], runs: int) -> float:
    """The median wall time of ``runs`` calls of ``run``."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def python_stat(root: Path) -> int:
    """Stat every file under ``root`` (links followed), as a warm check must; returns how many."""
    count = 0
    folders = [str(root.resolve())]
    while folders:
        with os.scandir(folders.pop()) as listing:
            for entry in listing:
                if entry.is_dir():
                    folders.append(entry.path)
                else:
                    entry.stat()
                    count += 1
    return count


def measure(size: int, runs: int) -> dict[str, float] | None:
    """The figures for one library size (None when its library or cache is missing)."""
    root = library_path(size)
    cache = cache_home(size, "warm")
    if not root.is_dir() or not cache.is_dir():
        print(f"{size:>9,}: skipped (no library at {root.name} or no warm cache)")
        return None
    os.environ["XDG_CACHE_HOME"] = str(cache)
    from tui.core.library.cache import LibraryCache
    from tui.core.library.indexer import Indexer

    figures: dict[str, float] = {}
    find = shutil.which("find")
    if find is not None:
        command = [find, f"{root.resolve()}/", "-type", "f", "-printf", "%s %T@\n"]
        figures["find"] = median_seconds(lambda: subprocess.run(command, stdout=subprocess.DEVNULL, check=True), runs)
    figures["python stat"] = median_seconds(lambda: python_stat(root), runs)
    start_command = [sys.executable, "-c", "import tui.cli"]
    figures["start + import"] = median_seconds(lambda: subprocess.run(start_command, cwd=REPO, check=True), runs)
    indexer = Indexer([root], cache=LibraryCache([root]))
    figures["restore"] = median_seconds(indexer.restore, 1)
    figures["check"] = median_seconds(indexer.plan, runs)
    figures["floor"] = figures["start + import"] + min(figures.get("find", float("inf")), figures["python stat"])
    return figures


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000], help="library sizes to measure")
    ap.add_argument("--runs", type=int, default=5, help="runs per figure (the median is printed)")
    args = ap.parse_args(argv)
    names = ("find", "python stat", "start + import", "restore", "check", "floor")
    print(
        f"{'files':>9}  " + "  ".join(f"{name:>14}" for name in names) + f"   (seconds; load {os.getloadavg()[0]:.2f})"
    )
    for size in args.sizes:
        figures = measure(size, args.runs)
        if figures is not None:
            cells = (f"{figures[name]:>14.3f}" if name in figures else f"{'-':>14}" for name in names)
            print(f"{size:>9,}  " + "  ".join(cells))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
