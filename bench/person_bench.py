"""Person pages on a big library: the time to make one, warm, in the app and as a process.

    python bench/person_bench.py [--size 100000] [--runs 3]

Uses the library and the warm cache of ``library_bench.py`` under ``bench/out/`` (making
the library, and indexing it once, when they are not there yet). In one process it opens
the warm library and its who-index, then times, for people of several ranks (by quotes:
the 1st, 10th, 100th, 1,000th and the median), what the Person screen does when it opens:
find the person by name and make their page (``profile``), the best of ``--runs``. Then
the whole ``byline person NAME --json`` process for the same people (the median of
``--runs``). Prints one row per person: rank, name, articles, statements, seconds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.library_bench import cache_home, library_path  # noqa: E402
from bench.make_library import make_library  # noqa: E402

RANKS = (1, 10, 100, 1000)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    folder = library_path(args.size)
    if make_library(args.size, folder) is None:
        return 0  # the corpus is absent: make_library said so
    os.environ["XDG_CACHE_HOME"] = str(cache_home(args.size, "warm"))

    from tui.core.library.cache import LibraryCache
    from tui.core.library.indexer import Indexer
    from tui.core.who.index import WhoIndex
    from tui.core.who.profile import profile

    start = time.perf_counter()
    indexer = Indexer([folder], cache=LibraryCache([folder]))
    indexer.sync()
    who = WhoIndex(indexer.library, indexer.cache.folder if indexer.cache else None)
    who.refresh()
    if who.problem:
        print(f"the who-index was rebuilt: {who.problem}")
    people = who.people()
    print(
        f"{args.size:,} articles, {len(people):,} people; library and who-index opened in "
        f"{time.perf_counter() - start:.1f} s (load average {os.getloadavg()[0]:.1f})"
    )
    ranks = [r for r in RANKS if r <= len(people)] + [len(people) // 2]
    print(f"{'rank':>6}  {'name':28} {'articles':>8} {'said':>6}  {'page, in the app':>16}  {'byline person':>13}")
    for rank in ranks:
        name = people[rank - 1].name
        times = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            person = who.person(name, fresh=False)
            assert person is not None
            page = profile(who, person)
            times.append(time.perf_counter() - t0)
        whole = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "tui", "person", name, str(folder), "--json"],
                cwd=REPO,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                check=False,
            )
            whole.append(time.perf_counter() - t0)
        print(
            f"{rank:>6}  {name[:28]:28} {len(person.article_ids):>8,} {len(page.said):>6,}  "
            f"{min(times):>14.3f} s  {statistics.median(whole):>11.2f} s"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
