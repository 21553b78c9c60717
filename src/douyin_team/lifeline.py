"""A job process ends when the process that started it is gone: no orphan keeps a core busy after a crash.

A `serve` (or one of its web workers) killed with SIGKILL or by the out-of-memory killer cannot stop its
local pool's processes, nor a `douyin-team worker` its workers: they were left running with parent 1, and one
CI run's leftovers made the next run's suite 2.5 times slower. So each job process watches its parent's pid
(it changes only when the parent dies and the process is handed to init) and then stops its own children and
itself. Not prctl's PR_SET_PDEATHSIG: that fires when the *thread* that started the child ends, and a pool's
processes are started by whichever request thread submitted a job first, which ends when it has been idle.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time

EVERY = 0.5  # seconds between two looks at the parent's pid: a sleeping thread, nothing to measure
ORPHANED = 75  # the exit code of a process that ended because its parent was gone (EX_TEMPFAIL: run it again)


def exit_with_parent(parent: int, grace: float = 0.0) -> threading.Thread:
    """In a child process: once process `parent` (the pid that started it, passed down, so a parent that died
    before this call is noticed too) is gone, end this process. With `grace`, SIGTERM it first and wait that
    many seconds (a procrastinate worker finishes the job in hand); then kill the processes it started
    (a kit's layout pieces) and exit at once. Returns the watching thread (a daemon)."""
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(EVERY)
        if grace > 0:
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(grace)
        for child in multiprocessing.active_children():
            child.kill()
        os._exit(ORPHANED)

    thread = threading.Thread(target=watch, name="exit-with-parent", daemon=True)
    thread.start()
    return thread
