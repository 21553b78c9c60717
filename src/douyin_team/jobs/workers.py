"""`douyin-team worker`: N procrastinate worker processes on this host, watched by the parent.

Run it on as many hosts as you like against one PostgreSQL: workers share the queue, claim each job once
(SKIP LOCKED) and heartbeat; a worker that dies is started again, and the jobs it held are retried by the
others (jobs/queue.py). SIGINT or SIGTERM stops them all after the jobs in hand. A parent killed with
SIGKILL cannot: each worker then stops by itself, after its job in hand (lifeline.py).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import socket
import time

EARLY = 5.0  # seconds: a worker that exits with an error sooner than this after starting is not restarted
GRACE = 60.0  # seconds a worker has to finish its job in hand once stopped, by the parent or on its own


def _worker(url: str, name: str, parent: int) -> None:
    from ..lifeline import exit_with_parent
    from .priority import lower_priority
    from .queue import run_worker

    lower_priority()  # before the watching thread starts: a thread's niceness is its own (jobs/priority.py)
    exit_with_parent(parent, grace=GRACE)
    run_worker(url, name)


def serve_job_workers(url: str, processes: int) -> int:
    """Run `processes` workers until SIGINT/SIGTERM (0), or 3 when a worker dies at once on starting."""
    from .priority import job_nice

    job_nice()  # a wrong $DOUYIN_TEAM_JOB_NICE is refused here, not by N workers dying on start
    spawn = multiprocessing.get_context("spawn")
    stopping = False

    def stop(_signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    previous = {s: signal.signal(s, stop) for s in (signal.SIGINT, signal.SIGTERM)}
    host = socket.gethostname()

    def start(i: int) -> tuple[multiprocessing.process.BaseProcess, float]:
        process = spawn.Process(target=_worker, args=(url, f"{host}-{i}", os.getpid()), daemon=False)
        process.start()
        return process, time.monotonic()

    running = [start(i) for i in range(processes)]
    failed = False
    try:
        while not stopping:
            time.sleep(0.2)
            for i, (process, since) in enumerate(running):
                if process.is_alive() or stopping:
                    continue
                # Killed by a signal (SIGKILL, the OOM killer): start another. Exited on its own right after
                # starting: its settings are wrong, and so would the next one's be.
                code = process.exitcode or 0
                if code > 0 and time.monotonic() - since < EARLY:
                    stopping = failed = True
                    break
                running[i] = start(i)
    finally:
        for process, _ in running:
            if process.is_alive():
                process.terminate()  # procrastinate finishes the job in hand, then exits
        for process, _ in running:
            process.join(GRACE)
            if process.is_alive():
                process.kill()
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    return 3 if failed else 0
