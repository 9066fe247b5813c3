"""FIFOs, sockets and devices in a library are named once and skipped; nothing blocks."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tui.core.library.indexer import Indexer
from tui.core.library.loader import load_library


@pytest.fixture
def odd_library(tmp_path: Path) -> Path:
    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "good.md").write_text("# Good\n\nA real article.\n", encoding="utf-8")
    os.mkfifo(folder / "pipe.md")
    (folder / "zero.md").symlink_to("/dev/zero")
    (folder / "null.txt").symlink_to("/dev/null")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(folder / "sock.md"))
    server.close()
    return folder


def problems_by_name(problems: list) -> dict[str, str]:  # type: ignore[type-arg]
    return {p.path.name: p.message for p in problems}


@pytest.mark.timeout(20)
def test_the_loader_names_each_special_file_once_and_reads_the_rest(odd_library: Path) -> None:
    result = load_library([odd_library])
    assert [a.title for a in result.articles] == ["Good"]
    named = problems_by_name(result.problems)
    assert len(result.problems) == len(named) == 4
    assert "FIFO" in named["pipe.md"] and "character device" in named["zero.md"]
    assert "character device" in named["null.txt"] and "socket" in named["sock.md"]
    assert all(message.endswith("skipped") for message in named.values())


@pytest.mark.timeout(20)
def test_the_indexer_skips_them_too(odd_library: Path) -> None:
    library = Indexer([odd_library], jobs=1).sync()
    assert [a.title for a in library.articles] == ["Good"]
    assert set(problems_by_name(library.problems)) == {"pipe.md", "zero.md", "null.txt", "sock.md"}


@pytest.mark.timeout(20)
def test_a_special_file_named_on_the_command_line_is_refused_at_once(odd_library: Path) -> None:
    from tui.core.library.loader import load_file

    article, [problem] = load_file(odd_library / "zero.md")
    assert article is None and "character device" in problem.message


@pytest.mark.timeout(60)
def test_byline_list_returns_promptly_on_a_library_with_a_fifo_and_dev_zero(odd_library: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tui", "list", "--no-cache", str(odd_library)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 0
    assert "Good" in done.stdout
    assert "pipe.md: a FIFO (named pipe), not a regular file; skipped" in done.stderr
    assert "zero.md: a character device, not a regular file; skipped" in done.stderr
