"""byline extract over archives: many inputs and folders in order, on processes, into a file;
the bytes never depend on how the work was run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEEDS

BYLINE = [sys.executable, "-m", "tui", "extract"]


def extract(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([*BYLINE, *args], input=stdin, capture_output=True, text=True, timeout=300)


@pytest.fixture
def archive(tmp_path: Path, shared_corpus: Path) -> Path:
    """A JSON Lines archive of 300 real corpus articles, with two bad lines among them."""
    lines = []
    for number, path in enumerate(sorted((shared_corpus / "wikinews").glob("*.md"))[:300]):
        body = path.read_text(encoding="utf-8").split("---\n", 2)[-1]
        lines.append(json.dumps({"id": path.stem, "text": body}))
        if number in (7, 211):
            lines.append('{"id": "broken", "text": ')
    target = tmp_path / "archive.jsonl"
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def test_processes_write_the_same_bytes_in_input_order(archive: Path) -> None:
    here = extract(str(archive), "--partition", "16")
    pool = extract(str(archive), "--jobs", "2", "--partition", "16")
    assert here.returncode == pool.returncode == 1  # two lines were skipped
    assert pool.stdout == here.stdout and len(here.stdout.splitlines()) == 300
    assert pool.stderr == here.stderr == f"{archive} line 9: not JSON\n{archive} line 214: not JSON\n"
    ids = [json.loads(line)["id"] for line in here.stdout.splitlines()]
    assert ids == [json.loads(line)["id"] for line in archive.read_text().splitlines() if line.endswith("}")]


def test_a_folder_is_read_as_its_articles_and_inputs_keep_their_order(tmp_path: Path) -> None:
    first = tmp_path / "first.jsonl"
    first.write_text(json.dumps({"id": "mine", "text": '"We will," Anna Berg said.'}) + "\n", encoding="utf-8")
    result = extract(str(first), str(SEEDS), "-", stdin=json.dumps({"id": "piped", "text": "No quotes."}) + "\n")
    assert result.returncode == 0, result.stderr
    ids = [json.loads(line)["id"] for line in result.stdout.splitlines()]
    assert ids[0] == "mine" and ids[-1] == "piped" and "000_0d8a2504ec654811" in ids
    assert len(ids) == 2 + len([p for p in SEEDS.rglob("*") if p.suffix in (".md", ".txt") and p.stem != "ATTRIBUTION"])
    seed = next(json.loads(line) for line in result.stdout.splitlines() if "000_0d8a" in line)
    assert any(r["speaker"] == "Mark Rutte" for r in seed["reported"])


def test_output_goes_to_a_file_only_once_it_is_whole(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text("what was there before\n", encoding="utf-8")
    missing = tmp_path / "nope.jsonl"
    failed = extract(str(SEEDS), str(missing), "-o", str(target))
    assert failed.returncode == 1 and "nope.jsonl: No such file or directory" in failed.stderr
    assert target.read_text(encoding="utf-8") == "what was there before\n"  # a failed run leaves it
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    done = extract(str(SEEDS), "-o", str(target))
    assert done.returncode == 0 and done.stdout == ""
    assert done.stdout == "" and len(target.read_text(encoding="utf-8").splitlines()) > 30


def test_asking_for_dask_without_the_extra_says_how_to_install_it(tmp_path: Path) -> None:
    blocker = tmp_path / "distributed.py"
    blocker.write_text("raise ImportError('not installed here')\n", encoding="utf-8")
    result = subprocess.run(
        [*BYLINE, "--dask", "local", "-"],
        input='{"id": 1, "text": "x"}\n',
        capture_output=True,
        text=True,
        timeout=60,
        env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 1 and "pip install 'byline[dask]'" in result.stderr
