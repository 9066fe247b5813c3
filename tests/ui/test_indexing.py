"""The app while a library is indexed: the table fills in under a progress line, Escape and
ctrl+c stop indexing (what is indexed stays), and files added to or deleted from the
folder show up without a restart."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tests.ui.conftest import SIZE, screen_text, until
from tui.app import BylineApp, make_app
from tui.core.library import indexer as indexer_mod
from tui.core.library.cache import LibraryCache
from tui.core.library.indexer import CHUNK, Indexer
from tui.widgets.big_table import BigTable
from tui.widgets.index_progress import IndexProgress

FILES = 3 * CHUNK


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Three chunks' worth of copies of the seed articles."""
    seeds = [p for p in SEEDS.rglob("*") if p.suffix in (".md", ".txt") and p.name != "ATTRIBUTION.md"]
    for n in range(FILES):
        seed = seeds[n % len(seeds)]
        shutil.copy(seed, tmp_path / f"{n:03d}-{seed.name}")
    return tmp_path


class Gate:
    """Lets the indexer through the first chunk, then holds it until opened."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.open = threading.Event()
        self.calls = 0
        real = indexer_mod.index_file

        def index_file(path: str, known: bytes | None = None, **kw: object):  # type: ignore[no-untyped-def]
            self.calls += 1
            if self.calls > CHUNK:
                self.open.wait(timeout=30)
            return real(path, known, **kw)  # type: ignore[arg-type]

        monkeypatch.setattr(indexer_mod, "index_file", index_file)


def indexing_app(folder: Path) -> BylineApp:
    indexer = Indexer([folder], cache=LibraryCache([folder]), jobs=1)
    indexer.restore()
    return make_app(indexer.library, indexer=indexer)


def rows(app: BylineApp) -> int:
    return app.screen.query_one(BigTable).row_count


async def test_the_table_fills_in_under_a_progress_line(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gate = Gate(monkeypatch)
    app = indexing_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: rows(app) == CHUNK)
        progress = app.screen.query_one(IndexProgress)
        progress.update_progress()
        await pilot.pause()
        assert progress.display
        assert f"Indexing {CHUNK} / {FILES} files" in screen_text(app)
        await pilot.press("down", "down")
        assert app.screen.query_one(BigTable).cursor_row == 2, "the table answers keys meanwhile"
        gate.open.set()
        await app.library_sync.worker.wait()  # type: ignore[union-attr]
        await until(pilot, lambda: rows(app) == FILES)
        progress.update_progress()
        await pilot.pause()
        assert not progress.display
        assert f"{FILES} articles" in screen_text(app)
        assert len(LibraryCache([folder]).load()) == FILES, "the cache was written"


@pytest.mark.parametrize("key", ["escape", "ctrl+c"])
async def test_escape_or_ctrl_c_stops_indexing(folder: Path, monkeypatch: pytest.MonkeyPatch, key: str) -> None:
    gate = Gate(monkeypatch)
    app = indexing_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: rows(app) == CHUNK)
        await pilot.press(key)
        gate.open.set()
        await until(pilot, lambda: app.library_sync.worker.is_finished)  # type: ignore[union-attr]
        await pilot.pause()
        assert CHUNK <= len(app.library) < FILES
        app.screen.query_one(IndexProgress).update_progress()
        await pilot.pause()
        assert "Indexing stopped at" in screen_text(app)
        app.library_sync.poll()  # type: ignore[union-attr]
        assert not app.library_sync.running, "no more indexing this session"  # type: ignore[union-attr]
        await pilot.press("down")
        await until(pilot, lambda: app.screen.query_one(BigTable).cursor_row == 1)  # the table still works
    assert len(LibraryCache([folder]).load()) == len(app.library), "what was indexed is cached"


async def test_files_added_or_deleted_while_open_show_up(folder: Path) -> None:
    app = indexing_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        sync = app.library_sync
        assert sync is not None
        await until(pilot, lambda: sync.worker is not None and sync.worker.is_finished)
        await until(pilot, lambda: rows(app) == FILES)
        (folder / "zz-new.md").write_text("---\ntitle: Freshly saved\ndate: 2030-01-01\n---\nBody.\n", encoding="utf-8")
        next(folder.glob("000-*")).unlink()
        sync._next_poll = 0
        sync.poll()
        await sync.worker.wait()  # type: ignore[union-attr]
        table = app.screen.query_one(BigTable)
        await until(pilot, lambda: table.key_at(0) == "zz-new")  # newest first
        assert rows(app) == FILES
        await pilot.press("g")  # the cursor stayed on its row, so the new one is above
        assert "Freshly saved" in screen_text(app)
        assert not any(a.id.startswith("000-") for a in app.library.articles)
        await until(pilot, lambda: len(app.search_index.search("Freshly saved")) > 0)


async def test_the_next_start_opens_the_saved_search_index(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tui.core.search import library_index
    from tui.core.search.index_store import WHOLE

    app = indexing_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        sync = app.library_sync
        assert sync is not None
        await until(pilot, lambda: sync.worker is not None and sync.worker.is_finished)
        await until(pilot, lambda: app.search_ready and not app.search_index.unsaved)
        assert (LibraryCache([folder]).folder / WHOLE).is_file(), "the built index was saved"
        before = [r.doc for r in app.search_index.search("senator")]
    built: list[int] = []
    real = library_index.LibraryIndex.add_entries

    def add_entries(self, entries, cancelled=lambda: False):  # type: ignore[no-untyped-def]
        entries = list(entries)
        built.append(len(entries))
        return real(self, entries, cancelled)

    monkeypatch.setattr(library_index.LibraryIndex, "add_entries", add_entries)
    again = indexing_app(folder)
    async with again.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: again.search_ready)
        assert built == [0], "nothing was indexed again"
        assert before and [r.doc for r in again.search_index.search("senator")] == before
