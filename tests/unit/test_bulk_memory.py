"""long_lived pauses the cyclic collector for the block, freezes what was made, and leaves
the collector running when overlapping blocks end in either order."""

from __future__ import annotations

import gc

from tui.core.bulk import long_lived


def test_the_block_runs_unpaused_after_and_what_it_made_is_frozen() -> None:
    assert gc.isenabled()
    try:
        with long_lived():
            assert not gc.isenabled()
            made = [[n] for n in range(1000)]
        assert gc.isenabled()
        seen = {id(o) for o in gc.get_objects()}  # what collector passes traverse
        assert gc.is_tracked(made[0]) and id(made[0]) not in seen, "out of the collector's sight"
    finally:
        gc.unfreeze()


def test_overlapping_blocks_leave_the_collector_on_in_either_order() -> None:
    try:
        first, second = long_lived(), long_lived()
        first.__enter__()
        second.__enter__()
        first.__exit__(None, None, None)
        second.__exit__(None, None, None)
        assert gc.isenabled()
        first, second = long_lived(), long_lived()
        first.__enter__()
        second.__enter__()
        second.__exit__(None, None, None)
        assert not gc.isenabled(), "still inside the first block"
        first.__exit__(None, None, None)
        assert gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()
