"""The CLI and the library cache: byline cache info/clear, --no-cache, --jobs, the progress bar."""

from __future__ import annotations

import io
import json
import re

import pytest

from tests.conftest import SEEDS
from tui.cli import main
from tui.cli.progress import MIN_FILES, ProgressBar
from tui.core.library import cache
from tui.core.library.indexer import Progress


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def seed_count() -> int:
    return len([p for p in SEEDS.rglob("*.*") if p.name != "ATTRIBUTION.md"])


def test_cache_info_reports_path_size_and_entries(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "cache", "info")
    assert code == 0
    assert f"path:      {cache.cache_root()}" in out and "entries:   0" in out
    run(capsys, "list")
    code, out, _ = run(capsys, "cache", "info")
    assert "libraries: 1" in out and f"entries:   {seed_count()}" in out
    assert "size:      0 bytes" not in out


def test_cache_clear_removes_it(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "list")
    assert cache.info().entries
    code, out, _ = run(capsys, "cache", "clear")
    assert code == 0 and out.startswith(f"cleared {cache.cache_root()}")
    assert cache.info().entries == 0 and not cache.cache_root().exists()


def test_no_cache_gives_the_same_output_and_writes_no_cache(capsys: pytest.CaptureFixture[str]) -> None:
    code, uncached, _ = run(capsys, "list", "--json", "--no-cache")
    assert code == 0 and not cache.cache_root().exists()
    _, cold, _ = run(capsys, "list", "--json")
    _, warm, _ = run(capsys, "list", "--json", "--jobs", "1")
    assert json.loads(uncached) == json.loads(cold) == json.loads(warm)
    assert cache.info().entries == seed_count()


def test_a_damaged_cache_is_reported_and_rebuilt(capsys: pytest.CaptureFixture[str]) -> None:
    _, before, _ = run(capsys, "list")
    for shard in cache.cache_root().glob("*/shard-*.bin"):
        shard.write_bytes(b"garbage")
    code, after, err = run(capsys, "list")
    assert code == 0 and after == before
    [line] = err.splitlines()  # one line for every shard damaged the same way
    assert re.fullmatch(
        r"byline: warning: cache \d+ shards \(0, [\d, ]+\) not used \(not a Byline cache file\); rebuilt", line
    )
    _, _, err = run(capsys, "list")
    assert err == ""


def test_jobs_must_be_positive(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["list", "--jobs", "0"])
    assert exit_.value.code == 2
    assert "must be 1 or more" in capsys.readouterr().err


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_draws_on_a_terminal_for_big_libraries_only() -> None:
    terminal, pipe = Terminal(), io.StringIO()
    for stream in (terminal, pipe):
        bar = ProgressBar(stream)
        bar(Progress(MIN_FILES // 2, MIN_FILES, 1.0))
        bar(Progress(MIN_FILES, MIN_FILES, 2.0))
        bar.close()
    drawn = terminal.getvalue()
    assert f"indexing ▕{'█' * 24}▏ {MIN_FILES:,} / {MIN_FILES:,} files" in drawn
    assert drawn.endswith("\r\x1b[K") and pipe.getvalue() == ""
    small = Terminal()
    ProgressBar(small)(Progress(1, MIN_FILES - 1, 1.0))
    assert small.getvalue() == ""
