"""Several worker processes for `douyin-team serve --workers N`, each with its own listening socket.

uvicorn's own `--workers` shares one listening socket: when a burst of connections arrives (a load test, a
reverse proxy opening its keep-alive pool) the worker that wakes first accepts them all and the others sit
idle — seen here as half the throughput in about half the runs. Here every worker binds the port with
SO_REUSEPORT, so the kernel spreads new connections over the workers. Each socket also has TCP_NODELAY:
connections accepted from it inherit it (asyncio only sets it on sockets it made itself, and without it a
response's body waited for the client's delayed ACK of its headers, 40 ms a request).

The parent only watches: it restarts a worker that dies (saying so, with its exit code, or the signal that
killed it: SIGKILL is most often the kernel's out-of-memory killer) and stops them all on SIGINT or SIGTERM,
or when a worker could not start listening. A worker that crashes in native code (SIGSEGV, SIGABRT, SIGBUS:
cairo, resvg, WeasyPrint's Pango) prints every thread's Python stack first (faulthandler), so a death is
never silent again: two workers died with no Traceback in session 6's browser tests.
"""

from __future__ import annotations

import faulthandler
import multiprocessing
import os
import signal
import socket
import sys
import time
from typing import Any

Options = dict[str, Any]  # uvicorn.Config keyword arguments
STARTUP_FAILURE = 3  # the exit code of a worker that cannot start, as uvicorn's
EARLY = 5.0  # seconds: a worker that dies sooner than this after starting is restarted after a pause


def listening_socket(host: str, port: int, backlog: int = 2048) -> socket.socket:
    """A TCP socket listening on (host, port) that other workers may bind too (SO_REUSEPORT), no Nagle."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind((host, port))
    sock.listen(backlog)
    return sock


def run_worker(options: Options, parent: int) -> None:
    """One worker: its own socket on the port, one uvicorn server on it (in a child process of `parent`, the
    `serve` that watches it: when that is killed, the worker finishes its requests, up to 30 s, and ends)."""
    import uvicorn

    from ..lifeline import exit_with_parent

    exit_with_parent(parent, grace=30)
    faulthandler.enable(file=sys.stderr, all_threads=True)
    config = uvicorn.Config(**options)
    try:
        sock = listening_socket(config.host, config.port, config.backlog)
    except OSError as err:
        print(f"douyin-team serve: cannot listen on {config.host}:{config.port}: {err.strerror} "
              "(hint: another program uses the port; choose one with --port)", file=sys.stderr)
        sys.exit(STARTUP_FAILURE)
    server = uvicorn.Server(config)
    server.run(sockets=[sock])
    if not server.started:
        sys.exit(STARTUP_FAILURE)


def exit_text(code: int | None) -> str:
    """How a worker ended, as the log says it: "exit code 1", or "killed by SIGKILL (out of memory?)"."""
    if code is None or code >= 0:
        return f"exit code {code}"
    try:
        name = signal.Signals(-code).name
    except ValueError:
        name = f"signal {-code}"
    return f"killed by {name}" + (" (out of memory? see `dmesg`)" if name == "SIGKILL" else "")


def serve_workers(options: Options, workers: int) -> int:
    """Run `workers` worker processes until SIGINT or SIGTERM (0); a worker that dies is started again, unless
    it could not start (STARTUP_FAILURE: it said why, and the others stop too)."""
    spawn = multiprocessing.get_context("spawn")
    stopping = False
    failed = False

    def stop(_signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    previous = {s: signal.signal(s, stop) for s in (signal.SIGINT, signal.SIGTERM)}
    running = [spawn.Process(target=run_worker, args=(options, os.getpid())) for _ in range(workers)]
    started = [time.monotonic()] * workers
    try:
        for process in running:
            process.start()
        while not stopping:
            time.sleep(0.2)
            for i, process in enumerate(running):
                if process.is_alive() or stopping:
                    continue
                if process.exitcode == STARTUP_FAILURE:  # it could not listen, and said why: stop
                    stopping = failed = True
                    break
                print(f"douyin-team serve: a worker stopped ({exit_text(process.exitcode)}); starting another",
                      file=sys.stderr, flush=True)
                if time.monotonic() - started[i] < EARLY:
                    time.sleep(1.0)  # one that keeps dying at once is not restarted in a tight loop
                running[i], started[i] = spawn.Process(target=run_worker, args=(options, os.getpid())), time.monotonic()
                running[i].start()
    finally:
        for process in running:
            if process.is_alive():
                process.terminate()  # uvicorn finishes the requests in flight, then exits
        for process in running:
            process.join(30)
            if process.is_alive():
                process.kill()
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    return STARTUP_FAILURE if failed else 0
