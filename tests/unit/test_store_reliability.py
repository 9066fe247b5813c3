"""The store under SIGKILL and under two concurrent writers, with the harness of
``bench/store_reliability.py`` (forked children that report each acknowledged id)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tui.core.durable import TEMP_SUFFIX
from tui.core.notes.store import AnnotationStore


def _load_bench():  # type: ignore[no-untyped-def]
    path = REPO / "bench" / "store_reliability.py"
    spec = importlib.util.spec_from_file_location("store_reliability", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


bench = _load_bench()


@pytest.mark.slow
def test_killed_writers_never_corrupt_the_file_or_lose_an_acknowledged_add(tmp_path: Path) -> None:
    result = bench.kill_loop(bench.BYLINE, tmp_path, kills=200, seed=1128)

    assert result.kills == 200
    assert result.writer_failures == 0
    assert result.survived == 200  # the file loaded after every kill
    assert result.lost == 0  # every id printed by a child was in the file
    assert result.acknowledged >= 200
    assert result.mid_write >= 20  # the kills really hit writes in progress
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(TEMP_SUFFIX)]  # strays cleaned


@pytest.mark.slow
def test_two_processes_adding_250_each_keep_all_500(tmp_path: Path) -> None:
    path = tmp_path / "annotations.json"

    # every add rewrites the file, so the cost grows with the square of the count: the bench runs more
    result = bench.concurrent_inserts(bench.BYLINE, path, processes=2, each=250)

    assert result.writer_failures == 0
    assert result.acknowledged == 500
    assert result.kept == 500
    assert len(AnnotationStore(path).all()) == 500
