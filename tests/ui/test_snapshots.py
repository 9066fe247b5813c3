"""SVG snapshots of the library and the reader on the bundled seeds (pytest-textual-snapshot).

Update them after an intended visual change with ``pytest --snapshot-update``.
"""

from __future__ import annotations

from tests.conftest import SEED_ID
from tests.ui.conftest import seed_app


def test_library_snapshot(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(seed_app(), terminal_size=(110, 36))


def test_reader_snapshot(snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def open_seed(pilot) -> None:  # type: ignore[no-untyped-def]
        pilot.app.open_article(SEED_ID)
        await pilot.pause()

    assert snap_compare(seed_app(), terminal_size=(110, 36), run_before=open_seed)
