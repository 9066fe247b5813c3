"""How tables follow a changing library: one refresh at a time, and a costly refresh is
followed by a proportionally longer wait (reading every quote of 100k articles takes
seconds; redoing it every second while indexing would keep a core busy)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace

import pytest

from tests.ui.conftest import SIZE, seed_app
from tui.screens import table_screen
from tui.screens.library import LibraryScreen
from tui.screens.quotes import QuotesScreen
from tui.widgets.big_table import BigTable


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now


def change(app) -> None:  # type: ignore[no-untyped-def]
    """A change to the library, as when a file is indexed (one article re-added)."""
    entry = next(iter(app.library.entries()))
    app.library.add([replace(entry)])


def count_reads(monkeypatch: pytest.MonkeyPatch, during: Callable[[int], object]) -> list[int]:
    """Count the library screen's reads of its records, calling ``during(n)`` in the n-th."""
    reads: list[int] = []
    real = LibraryScreen.records

    def records(self: LibraryScreen):  # type: ignore[no-untyped-def]
        reads.append(len(reads) + 1)
        during(len(reads))
        return real(self)

    monkeypatch.setattr(LibraryScreen, "records", records)
    return reads


async def test_a_costly_refresh_waits_in_proportion_before_the_next(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = Clock()
    monkeypatch.setattr(table_screen, "time", clock)
    reads = count_reads(monkeypatch, lambda n: setattr(clock, "now", clock.now + 2.0))  # a refresh takes 2 s
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LibraryScreen) and len(reads) == 1
        change(app)
        clock.now += 2.0 * table_screen.REFRESH_COST_FACTOR - 0.5
        screen.sync_library()
        await pilot.pause()
        assert len(reads) == 1, "too soon after a two-second refresh"
        clock.now += 1.0
        screen.sync_library()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(reads) == 2, "the library changed and the wait is over"
        assert screen.query_one(BigTable).row_count == len(app.library)


async def test_no_refresh_starts_while_one_is_being_made(monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()
    reads = count_reads(monkeypatch, lambda n: n > 1 and release.wait(timeout=10))  # the 2nd is held
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        change(app)
        screen.sync_library()  # starts a refresh, held in records()
        for _ in range(50):
            if len(reads) == 2:
                break
            await pilot.pause(0.01)
        change(app)
        screen.sync_library()
        screen.sync_library()
        assert len(reads) == 2, "the refresh under way is left to finish"
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.query_one(BigTable).row_count == len(app.library)


async def test_the_quotes_screen_follows_the_library_and_reuses_unchanged_rows() -> None:
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuotesScreen)
        quoted = [e for e in app.library.entries() if e.speech_count]
        gone, kept = quoted[0], quoted[1]
        before = {id(r) for r in screen.records() if r.article is kept.article}

        app.library.remove([gone.article.id])
        screen.sync_library()
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = screen.query_one(BigTable)
        assert table.row_count == sum(e.speech_count for e in app.library.entries())
        assert not any(r.article is gone.article for r in screen.shown), "a removed article's quotes go"
        assert {id(r) for r in screen.shown if r.article is kept.article} == before, (
            "an unchanged article's rows are reused, not decoded again"
        )

        app.library.add([gone])
        screen._next_refresh = 0
        screen.sync_library()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert table.row_count == sum(e.speech_count for e in app.library.entries())
        assert any(r.article is gone.article for r in screen.shown), "an added article's quotes come"


async def test_a_screen_out_of_sight_refreshes_only_when_shown_again(monkeypatch: pytest.MonkeyPatch) -> None:
    reads = count_reads(monkeypatch, lambda n: None)
    app = seed_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        library_screen = app.screen
        assert isinstance(library_screen, LibraryScreen) and len(reads) == 1
        await pilot.press("2")
        await app.workers.wait_for_complete()
        change(app)
        library_screen.sync_library()  # as its timer does, out of sight
        await app.workers.wait_for_complete()
        assert len(reads) == 1, "no work for a table nobody sees"
        await pilot.press("1")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(reads) == 2, "it catches up when shown"
