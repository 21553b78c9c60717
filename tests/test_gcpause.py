"""Pausing the cycle collector: off inside, restored after, and no collection pass over what was built."""

from __future__ import annotations

import gc

from douyin_team.gcpause import paused_gc


def test_the_collector_is_paused_then_restored_and_the_young_generation_emptied() -> None:
    was_on = gc.isenabled()
    gc.enable()
    try:
        with paused_gc():
            assert not gc.isenabled()
            built = [[] for _ in range(20_000)]
            assert gc.get_count()[0] >= 20_000
        assert gc.isenabled() and gc.get_count()[0] < 1_000  # moved on, so no pass over 20,000 lists now
        assert len(built) == 20_000
        gc.disable()
        with paused_gc():
            pass
        assert not gc.isenabled()  # a collector that was off stays off
    finally:
        gc.enable() if was_on else gc.disable()
