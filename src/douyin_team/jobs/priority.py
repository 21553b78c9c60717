"""Long work yields the CPU to request serving: job processes and render children run at a low priority.

A kit PDF is seconds of CPU; a plan request is a millisecond. On a host that runs both (`serve` with its local
pool, or `douyin-team worker` beside the app), the kernel shares the cores by weight: at niceness 19 a render
weighs about 1/70 of a web worker at 0, so a burst of renders takes only the CPU the web workers leave idle,
and its processes are also marked SCHED_BATCH (CPU-bound: never preempting a waking web worker). Alone on a
host, a render still gets every idle core: a low priority costs nothing when nothing else wants the CPU.

$DOUYIN_TEAM_JOB_NICE sets the niceness (0–19, default 19; 0 leaves the process as it was). A process never
becomes less nice than it already is (an unprivileged process cannot), and children inherit both settings:
a kit's layout pieces (kit/render/pdf.py) run as low as the job that started them.
"""

from __future__ import annotations

import os

from ..errors import InvalidValue

DEFAULT_NICE = 19


def job_nice() -> int:
    """The niceness asked for job processes: $DOUYIN_TEAM_JOB_NICE, default 19."""
    text = os.environ.get("DOUYIN_TEAM_JOB_NICE", "").strip() or str(DEFAULT_NICE)
    if not text.isdigit() or not 0 <= int(text) <= 19:
        raise InvalidValue(f"'{text}' is not a niceness", field="DOUYIN_TEAM_JOB_NICE",
                           hint="a whole number from 0 (as the web workers) to 19 (yield the most), e.g. 19")
    return int(text)


def lower_priority(nice: int | None = None) -> int:
    """Make this process (and its future children) yield the CPU: niceness `nice` (default `job_nice()`) and
    SCHED_BATCH where the system has it. Returns the process's niceness afterwards."""
    target = job_nice() if nice is None else nice
    current = os.getpriority(os.PRIO_PROCESS, 0)
    if target <= 0:
        return current
    if target > current:
        os.setpriority(os.PRIO_PROCESS, 0, target)
    batch = getattr(os, "SCHED_BATCH", None)
    if batch is not None:
        try:
            os.sched_setscheduler(0, batch, os.sched_param(0))
        except OSError:  # a container that forbids it: the niceness alone does most of the work
            pass
    return os.getpriority(os.PRIO_PROCESS, 0)
