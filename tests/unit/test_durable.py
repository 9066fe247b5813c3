"""Bounded reads of regular files only: FIFOs, devices and endless files never block or grow."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tui.core.durable import UnreadableFile, read_regular
from tui.core.notes.store import AnnotationStore


def test_a_regular_file_within_the_cap_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"x" * 5000)
    assert read_regular(path, 5000) == b"x" * 5000


def test_a_file_over_the_cap_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"x" * 5001)
    with pytest.raises(UnreadableFile, match=r"over the 4\.9 KiB limit"):
        read_regular(path, 5000)


@pytest.mark.timeout(10)
def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    with pytest.raises(UnreadableFile, match="FIFO"):
        read_regular(fifo, 1000)


def test_a_link_to_dev_zero_is_refused_before_a_byte_is_read(tmp_path: Path) -> None:
    link = tmp_path / "zero.md"
    link.symlink_to("/dev/zero")
    assert link.stat().st_size == 0  # what a size check alone would believe
    with pytest.raises(UnreadableFile, match="character device"):
        read_regular(link, 1000)


def test_a_missing_file_raises_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_regular(tmp_path / "nope.md", 10)


def test_notes_on_dev_zero_are_read_only_not_a_memory_error() -> None:
    store = AnnotationStore("/dev/zero")
    assert store.read_only
    assert "character device" in (store.problem or "")
    assert store.all() == []
