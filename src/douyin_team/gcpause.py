"""Pausing Python's cycle collector while a big chart is built or written.

Charts of 100,000 people allocate millions of small acyclic objects; the generational collector then
runs full passes over an ever larger heap, which makes the work grow faster than the tree (measured:
layout of 100k nodes 0.35 s with the collector, 0.18 s without). Nothing built here forms cycles, so
reference counting frees it all; the collector is switched back on afterwards, without a pass over what
was built.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Run the block with the cycle collector off (if it was on), and restore it afterwards."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # Everything allocated meanwhile still sits in the youngest generation, so the first collection
        # after the pause would scan it all (0.13 s per million objects, measured). Moving it to the oldest
        # generation (freeze, then unfreeze: two list splices) leaves it to the next full collection.
        gc.freeze()
        gc.unfreeze()
        if was_on:
            gc.enable()
