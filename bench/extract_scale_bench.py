"""``byline extract`` at archive scale: local processes against a Dask LocalCluster.

    python bench/extract_scale_bench.py [--size 100000] [--jobs 2] [--partition 256]

Makes a library of ``--size`` articles of real text with ``make_library.py`` (under
``bench/out/``), turns it into one JSON Lines archive, then runs, each as a whole process in
the same session: ``byline extract ARCHIVE --jobs N`` and ``byline extract ARCHIVE --dask
local --jobs N`` (a LocalCluster of N single-threaded worker processes). It prints wall
times, articles/s, the Dask overhead against the local pool, checks that both outputs are
byte-identical, and times single partitions to project the scaling on M machines.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "bench" / "out"
sys.path.insert(0, str(REPO))

from bench.make_library import make_library  # noqa: E402
from tui.core.batch.inputs import Line  # noqa: E402
from tui.core.batch.partitions import extract_partition, partitions  # noqa: E402
from tui.core.library.loader import load_library  # noqa: E402


def archive_of(size: int) -> Path | None:
    """The library of ``size`` articles as one JSON Lines file (made once)."""
    target = OUT / f"archive-{size}.jsonl"
    if target.exists():
        return target
    folder = make_library(size, OUT / f"lib-{size}")
    if folder is None:
        return None
    with target.open("w", encoding="utf-8") as out:
        for article in load_library([folder]).articles:
            out.write(json.dumps({"id": article.id, "text": article.body}, ensure_ascii=False) + "\n")
    return target


def timed(command: list[str], output: Path) -> tuple[float, str]:
    """Run a command writing to ``output``; its wall time and the output's digest."""
    started = time.perf_counter()
    subprocess.run(command, check=True, cwd=REPO, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    return wall, hashlib.sha256(output.read_bytes()).hexdigest()


def partition_costs(archive: Path, size: int, samples: int = 20) -> list[float]:
    """Seconds one partition takes in this process (the work a worker does per task)."""
    with archive.open(encoding="utf-8") as handle:
        lines = (Line(str(archive), n, text) for n, text in enumerate(handle, 1))
        costs = []
        for index, part in enumerate(partitions(lines, size)):
            if index >= samples:
                break
            started = time.process_time()
            extract_partition(part)
            costs.append(time.process_time() - started)
    return costs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--partition", type=int, default=256)
    args = parser.parse_args()
    archive = archive_of(args.size)
    if archive is None:
        return 0
    count = sum(1 for _ in archive.open(encoding="utf-8"))
    byline = [sys.executable, "-m", "tui", "extract", str(archive), "--partition", str(args.partition)]
    local_out, dask_out = OUT / "extract-local.jsonl", OUT / "extract-dask.jsonl"
    local, local_digest = timed([*byline, "--jobs", str(args.jobs), "-o", str(local_out)], local_out)
    dask, dask_digest = timed([*byline, "--dask", "local", "--jobs", str(args.jobs), "-o", str(dask_out)], dask_out)
    costs = partition_costs(archive, args.partition)
    per_task = statistics.median(costs)
    tasks = -(-count // args.partition)
    print(f"byline extract, {count:,} articles, {args.jobs} workers, {args.partition} articles per partition")
    print(f"  local --jobs {args.jobs}:        {local:7.1f} s  {count / local:6.0f} articles/s")
    print(f"  --dask local --jobs {args.jobs}: {dask:7.1f} s  {count / dask:6.0f} articles/s")
    print(
        f"  Dask overhead: {dask / local - 1:+.1%} (target under 20%); outputs identical: {local_digest == dask_digest}"
    )
    print(
        f"  one partition: median {per_task:.2f} s CPU ({args.partition / per_task:.0f} articles/s per core), "
        f"{tasks:,} tasks"
    )
    for machines in (1, 4, 16, 64):
        workers = machines * args.jobs
        ideal = tasks * per_task / workers
        print(
            f"  projected on {machines:>2} machines x {args.jobs} cores: {ideal:8.1f} s of extraction "
            f"({count / ideal:,.0f} articles/s), if the client streams {count / ideal:,.0f} lines/s"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
