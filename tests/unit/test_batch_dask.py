"""byline extract --dask against a real Dask scheduler and two workers on 127.0.0.1, started
here: the same bytes as the local run, in input order, even when a worker dies mid-run."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="the optional extra byline[dask] is not installed")

pytestmark = pytest.mark.slow

DASK = Path(sys.executable).with_name("dask")
BYLINE = [sys.executable, "-m", "tui", "extract"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for_workers(address: str, count: int, timeout: float = 60.0) -> None:
    from distributed import Client

    with Client(address, timeout=timeout) as client:
        client.wait_for_workers(count, timeout=timeout)


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[tuple[str, list[subprocess.Popen[bytes]]]]:
    """A scheduler and two single-threaded workers, each a process of its own."""
    if not DASK.exists() and shutil.which("dask") is None:
        pytest.skip("the dask command is not installed beside this Python")
    port, dashboard = free_port(), free_port()
    address = f"tcp://127.0.0.1:{port}"
    log = (tmp_path / "dask.log").open("wb")
    env = {**os.environ, "DASK_DISTRIBUTED__WORKER__DAEMON": "False"}
    scheduler = subprocess.Popen(
        [str(DASK), "scheduler", "--host", "127.0.0.1", "--port", str(port), "--dashboard-address", f":{dashboard}"],
        stdout=log,
        stderr=log,
        env=env,
    )
    workers = [
        subprocess.Popen(
            [
                str(DASK),
                "worker",
                address,
                "--nthreads",
                "1",
                "--nworkers",
                "1",
                "--no-dashboard",
                "--host",
                "127.0.0.1",
            ],
            stdout=log,
            stderr=log,
            env=env,
        )
        for _ in range(2)
    ]
    try:
        wait_for_workers(address, 2)
        yield address, workers
    finally:  # a throwaway cluster: killed, not asked to close (a worker's goodbye takes seconds)
        for process in [*workers, scheduler]:
            process.kill()
        for process in [*workers, scheduler]:
            process.wait(timeout=20)
        log.close()


@pytest.fixture
def archive(tmp_path: Path, shared_corpus: Path) -> Path:
    """400 real corpus articles as JSON Lines, with one bad line."""
    paths = sorted((shared_corpus / "us-congress-press-releases").glob("*.md"))[:400]
    lines = [json.dumps({"id": p.stem, "text": p.read_text(encoding="utf-8").split("---\n", 2)[-1]}) for p in paths]
    lines.insert(100, "not json")
    target = tmp_path / "archive.jsonl"
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def test_a_dask_cluster_writes_the_same_bytes_as_the_local_run(cluster, archive: Path) -> None:  # type: ignore[no-untyped-def]
    address, _ = cluster
    local = subprocess.run([*BYLINE, str(archive)], capture_output=True, text=True, timeout=600)
    on_dask = subprocess.run(
        [*BYLINE, str(archive), "--dask", address, "--partition", "20"], capture_output=True, text=True, timeout=600
    )
    assert local.returncode == on_dask.returncode == 1  # one line was skipped
    assert on_dask.stdout == local.stdout and len(local.stdout.splitlines()) == 400
    assert on_dask.stderr == local.stderr == f"{archive} line 101: not JSON\n"


def test_a_worker_that_dies_mid_run_loses_no_partition(cluster, archive: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    address, workers = cluster
    local = subprocess.run([*BYLINE, str(archive)], capture_output=True, text=True, timeout=600)
    errors = (tmp_path / "stderr").open("w+")
    run = subprocess.Popen(
        [*BYLINE, str(archive), "--dask", address, "--partition", "10"],
        stdout=subprocess.PIPE,
        stderr=errors,
        text=True,
    )
    assert run.stdout is not None
    first = run.stdout.readline()  # the first partition is done: the others are in flight
    assert first
    for child in _children(workers[0].pid):  # the worker process the nanny started
        os.kill(child, signal.SIGKILL)
    rest = run.stdout.read()  # through the same buffer readline filled
    assert run.wait(timeout=600) == 1
    assert first + rest == local.stdout
    errors.seek(0)
    assert errors.read().endswith(f"{archive} line 101: not JSON\n")


def test_dask_local_starts_a_local_cluster(archive: Path) -> None:
    local = subprocess.run([*BYLINE, str(archive)], capture_output=True, text=True, timeout=600)
    on_dask = subprocess.run(
        [*BYLINE, str(archive), "--dask", "local", "--jobs", "2"], capture_output=True, text=True, timeout=600
    )
    assert on_dask.stdout == local.stdout


def _children(pid: int) -> list[int]:
    """The processes a process started (read from /proc), waiting a moment for them."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        found = [int(entry.name) for entry in Path("/proc").iterdir() if entry.name.isdigit() and _parent(entry) == pid]
        if found:
            return found
        time.sleep(0.1)
    return [pid]


def _parent(entry: Path) -> int:
    try:
        return int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return -1
