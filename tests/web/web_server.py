"""`douyin-team serve` as a real process on a free loopback port: for the browser test and bench/bench_web.py."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextmanager
def serve(database_url: str, data: Path, workers: int = 2, extra: tuple[str, ...] = (),
          job_worker: bool = False) -> Iterator[str]:
    """`douyin-team serve --workers N --quiet` on the database; yields its base URL once it answers. With
    `job_worker` on PostgreSQL also `douyin-team worker --processes 1`, which renders the jobs (the page's
    PNG, PDF and kit downloads are jobs); on SQLite `serve` runs them itself.

    No DOUYIN_TEAM_SECRET: the workers must agree on the key the database keeps. Stopped at the end, and killed
    if a worker is stuck in its graceful shutdown. Each command runs in a process group of its own, swept with
    SIGKILL at the end: a web worker or job process a test killed the parent of is never left running.
    """
    port = free_port()
    env = {**os.environ, "DOUYIN_TEAM_DATA": str(data), "DATABASE_URL": database_url}
    env.pop("DOUYIN_TEAM_SECRET", None)
    log = (data / f"server-{port}.log").open("wb")  # a file, not a pipe: a pipe nobody reads fills and stalls the server
    process = subprocess.Popen([sys.executable, "-m", "douyin_team", "serve", "--port", str(port), "--workers",
                                str(workers), "--quiet", *extra], env=env, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    worker = None
    if job_worker and database_url.startswith("postgresql"):
        worker = subprocess.Popen([sys.executable, "-m", "douyin_team", "worker", "--processes", "1"], env=env,
                                  stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(url + "/signin", timeout=1)
                break
            except OSError:
                if process.poll() is not None:
                    raise RuntimeError((data / f"server-{port}.log").read_text(errors="replace") or "server died") from None
                time.sleep(0.1)
        if worker is not None:
            registered(database_url, worker, data / f"server-{port}.log")
        yield url
    finally:
        if worker is not None:
            worker.terminate()
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if worker is not None:
            try:
                worker.wait(timeout=60)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()
        for started in (process, worker):
            if started is not None:
                sweep(started)
        log.close()
        tail = (data / f"server-{port}.log").read_text(errors="replace")[-3000:]
        if "Traceback" in tail or "a worker stopped" in tail:  # a worker that crashed says why in the test output
            print(f"--- douyin-team serve on port {port} ---\n{tail}", file=sys.stderr)


def sweep(process: subprocess.Popen[bytes]) -> None:
    """Kill whatever is left of the process group `process` leads (it was started with start_new_session)."""
    import signal

    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:  # the group is empty: everything stopped
        pass


def registered(database_url: str, worker: subprocess.Popen[bytes], log: Path) -> None:
    """Once the job worker has sent its first heartbeat: before it the app sees no worker and answers a page's
    download with the job's page at once (web/exports.py), which a test expecting the file would not get."""
    from douyin_team import store
    from douyin_team.jobs.queue import live_workers

    engine = store.make_engine(database_url)
    try:
        for _ in range(1200):
            with store.session_factory(engine)() as s:
                if live_workers(s) > 0:
                    return
            if worker.poll() is not None:
                raise RuntimeError(log.read_text(errors="replace") or "the job worker died")
            time.sleep(0.1)
        raise RuntimeError("the job worker never sent a heartbeat")
    finally:
        engine.dispose()
