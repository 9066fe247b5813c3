"""Indexing: worker processes give what a serial load gives; stopping keeps what was done."""

from __future__ import annotations

import argparse
import os
import shutil
import time
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tui.cli import common
from tui.core.library.cache import LibraryCache
from tui.core.library.indexer import CHUNK, POOL_MIN, Indexer, Progress
from tui.core.library.library import Library


@pytest.fixture(scope="module")
def big_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Enough copies of the seed articles for the worker pool to be used, plus a bad file
    and two files with the same stem."""
    root = tmp_path_factory.mktemp("big")
    seeds = [p for p in SEEDS.rglob("*") if p.suffix in (".md", ".txt") and p.name != "ATTRIBUTION.md"]
    copies = POOL_MIN // len(seeds) + 1
    for n in range(copies):
        for seed in seeds:
            shutil.copy(seed, root / f"{n:02d}-{seed.name}")
    (root / "sub").mkdir()
    shutil.copy(seeds[0], root / "sub" / f"00-{seeds[0].name}")
    (root / "binary.md").write_bytes(b"\x00\x01\x02 not text")
    hour_ago = time.time_ns() - 3600 * 10**9
    for path in root.rglob("*.*"):
        os.utime(path, ns=(hour_ago, hour_ago))  # not "racily clean": the cache trusts them
    return root


def summary(library: Library) -> list[tuple]:
    out = []
    for article in library.articles:
        entry = library.entry(article.id)
        assert entry is not None
        out.append(
            (
                article.id,
                str(article.path),
                article.title,
                article.date,
                article.source,
                article.content_hash,
                article.body,
                entry.extraction,
                entry.caption_people,
                entry.speech_count,
                entry.people_count,
            )
        )
    return out


def problems(library: Library) -> list[str]:
    return [f"{p.severity}: {p}" for p in library.problems]


def test_workers_give_what_a_serial_load_gives(big_folder: Path) -> None:
    expected = Library.open([big_folder])
    parallel = Indexer([big_folder], jobs=2).sync()
    serial = Indexer([big_folder], jobs=1).sync()
    assert len(expected) > POOL_MIN
    assert summary(parallel) == summary(expected)
    assert summary(serial) == summary(expected)
    assert problems(parallel) == problems(expected) == problems(serial)
    assert any(a.id.endswith("-2") for a in parallel.articles), "duplicate stems made unique"


def test_progress_is_reported_per_chunk(big_folder: Path) -> None:
    seen: list[Progress] = []
    Indexer([big_folder], jobs=2).sync(progress=seen.append)
    total = seen[-1].total
    assert [p.done for p in seen] == [min(total, CHUNK * (i + 1)) for i in range(len(seen))]
    assert seen[-1].done == total and seen[-1].rate > 0 and seen[-1].eta == 0


@pytest.mark.parametrize("jobs", [1, 2])
def test_stopping_keeps_what_was_indexed_and_resumes(big_folder: Path, jobs: int) -> None:
    chunks = 0

    def cancelled() -> bool:
        return chunks >= 2

    indexer = Indexer([big_folder], cache=LibraryCache([big_folder]), jobs=jobs)
    indexer.restore()
    plan = indexer.plan()
    indexer.begin(plan)
    for batch in indexer.run(plan, cancelled):
        indexer.apply(batch)
        chunks += 1
    indexer.save()
    assert chunks == 2
    assert len(indexer.library) == 2 * CHUNK
    assert all(indexer.library.entry(a.id).extraction is not None for a in indexer.library.articles)

    again = Indexer([big_folder], cache=LibraryCache([big_folder]), jobs=jobs)
    assert again.restore() == 2 * CHUNK
    rest = again.plan()
    assert len(rest.todo) == len(plan.todo) - 2 * CHUNK
    again.begin(rest)
    for batch in again.run(rest):
        again.apply(batch)
    assert summary(again.library) == summary(Library.open([big_folder]))


def test_progress_figures() -> None:
    progress = Progress(500, 2000, 2.0)
    assert progress.rate == 250 and progress.eta == 6
    assert progress.describe() == "500 / 2,000 files · 250/s · 0:06 left"
    assert Progress(0, 10, 0.0).describe() == "0 / 10 files"


def test_a_plan_with_a_limit_gives_up_on_a_big_library(big_folder: Path) -> None:
    indexer = Indexer([big_folder], jobs=1)
    assert indexer.plan(limit=10) is None
    plan = indexer.plan(limit=10_000)
    assert plan is not None and len(plan.todo) == len(plan.order) > 10


def test_an_optional_root_that_is_missing_is_no_problem_and_is_read_once_it_appears(tmp_path: Path) -> None:
    given, later = tmp_path / "given", tmp_path / "later"
    indexer = Indexer([given, later], jobs=1, optional=[later])
    library = indexer.update(indexer.plan())
    assert [p.path for p in library.problems] == [given]  # a root asked for is still reported
    later.mkdir()
    shutil.copy(SEEDS / "wikinews" / "2019-05-16-actor-doris-day-dies-at-97.md", later / "doris.md")
    library = indexer.update(indexer.plan())
    assert [a.id for a in library.articles] == ["doris"]


def test_a_run_without_paths_reads_the_saved_articles_folder_even_before_it_exists(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    saved = tmp_path / "saved"
    monkeypatch.setenv("BYLINE_ARTICLES", str(saved))
    indexer = common.library_indexer(argparse.Namespace(paths=[], no_cache=True, jobs=1))
    assert saved in indexer.roots
    library = indexer.update(indexer.plan())
    assert library.problems == [] and not common.missing_roots(library)
    assert not saved.exists()  # reading makes no folder


def test_a_library_opened_by_another_spelling_of_its_folder_reads_nothing_again(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    for name in ("doris", "other"):
        shutil.copy(SEEDS / "wikinews" / "2019-05-16-actor-doris-day-dies-at-97.md", folder / f"{name}.md")
        os.utime(folder / f"{name}.md", ns=(time.time_ns() - 3600 * 10**9,) * 2)  # not racily clean
    (tmp_path / "link").symlink_to(folder)
    cache = tmp_path / "cache"
    Indexer([folder], cache=LibraryCache([folder], cache), jobs=1).sync()
    monkeypatch.chdir(tmp_path)
    for spelling in (Path("news"), tmp_path / "link", Path("link/../news")):
        indexer = Indexer([spelling], cache=LibraryCache([spelling], cache), jobs=1)
        indexer.restore()
        plan = indexer.plan()
        assert plan.todo == [] and plan.removed == [], spelling
        assert sorted(a.id for a in indexer.update(plan).articles) == ["doris", "other"]


def test_a_missing_root_is_named_as_it_was_given(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    library = Indexer([Path("gone")], jobs=1).sync()
    assert [p.path for p in library.problems] == [Path("gone")]
