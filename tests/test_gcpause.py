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


def test_a_served_process_freezes_start_up_and_raises_the_thresholds(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from douyin_team.gcpause import SERVING_THRESHOLDS, tune_for_serving

    before = gc.get_threshold()
    try:
        monkeypatch.delenv("DOUYIN_TEAM_GC", raising=False)
        kept = [{"start-up": i} for i in range(1_000)]
        assert tune_for_serving() == SERVING_THRESHOLDS == gc.get_threshold()
        assert gc.get_freeze_count() >= len(kept)  # out of every later collection's sight
        gc.unfreeze()
        gc.set_threshold(*before)
        monkeypatch.setenv("DOUYIN_TEAM_GC", "default")
        assert tune_for_serving() == before  # the benchmark's comparison keeps Python's own
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
