"""Jobs on PostgreSQL: procrastinate's queue (schema `procrastinate`), deferred by the app, run by workers.

The app defers a job inside its own transaction (`configure(connection=…)`), so the job row and the queue
entry commit together. Each worker process runs one job at a time (renders are CPU-bound) and sends a
heartbeat every HEARTBEAT seconds; every few seconds a periodic task (on whichever worker is free) asks
procrastinate for the jobs of workers whose heartbeat stopped — one killed with SIGKILL — and retries
them (`get_stalled_jobs` + `retry_job`, the library's documented way). `lock=<artefact key>` keeps two
workers from rendering the same artefact at once; RetryStrategy retries anything but bad input.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from .models import Job

QUEUE = "douyin-team"
RETRIES = 2  # a job runs at most 1 + RETRIES times
RETRY_WAIT = 2  # seconds, exponential: 2, 4
HEARTBEAT = 2.0  # seconds between a worker's heartbeats
STALLED = 10.0  # seconds without a heartbeat before a worker's jobs are retried
SWEEP_CRON = "* * * * * */5"  # every 5 seconds (croniter's sixth field is seconds)
SEARCH_PATH = "-c search_path=procrastinate,public"


def conninfo(url: str) -> str:
    """A libpq connection string from the app's database URL (SQLAlchemy's `postgresql+psycopg://`)."""
    from sqlalchemy import make_url

    u = make_url(url)
    return u.set(drivername="postgresql").render_as_string(hide_password=False)


def make_app(url: str, worker: bool = False) -> Any:
    """A procrastinate App for the database: a pooled async connector for a worker; for the web app a sync
    connector that is never opened (every defer runs on the caller's own connection)."""
    import procrastinate

    if worker:
        connector: Any = procrastinate.PsycopgConnector(conninfo=conninfo(url), kwargs={"options": SEARCH_PATH},
                                                        min_size=1, max_size=3)
    else:
        connector = procrastinate.SyncPsycopgConnector(conninfo=conninfo(url), kwargs={"options": SEARCH_PATH})
    app = procrastinate.App(connector=connector)
    _register(app, url)
    return app


def _register(app: Any, url: str) -> None:
    """The two tasks: run one of our jobs, and (periodically, on any worker) retry the stalled ones."""
    import procrastinate

    # Bad input never reaches this policy: run_job fails such a job itself and returns.
    retry = procrastinate.RetryStrategy(max_attempts=RETRIES, exponential_wait=RETRY_WAIT)

    @app.task(name="douyin_team.run_job", queue=QUEUE, retry=retry, pass_context=True)  # type: ignore[untyped-decorator]
    def run(context: Any, job_id: int) -> str:
        from .runner import engine_for, run_job

        return run_job(engine_for(url), job_id, final=context.job.attempts >= RETRIES)

    @app.periodic(cron=SWEEP_CRON, periodic_id="retry_stalled")  # type: ignore[untyped-decorator]
    @app.task(name="douyin_team.retry_stalled", queue="maintenance", queueing_lock="retry_stalled",  # type: ignore[untyped-decorator]
              pass_context=True)
    async def retry_stalled(context: Any, timestamp: int) -> int:
        stalled = await app.job_manager.get_stalled_jobs(seconds_since_heartbeat=STALLED)
        for job in stalled:
            await app.job_manager.retry_job(job)
        return len(stalled)


def live_workers(s: Session) -> int:
    """How many workers sent procrastinate a heartbeat within STALLED seconds: those that will take a job now.
    A stopped worker removes its row; one killed keeps it, its heartbeat ageing, until another prunes it.
    The session's transaction is left open (the caller ends it)."""
    return int(s.scalar(text("SELECT count(*) FROM procrastinate.procrastinate_workers "
                             "WHERE last_heartbeat > now() - make_interval(secs => :secs)"), {"secs": STALLED}) or 0)


class QueueDispatcher:
    """Defers jobs to procrastinate within the app's own transaction."""

    def __init__(self, url: str) -> None:
        self.app = make_app(url)

    def enqueue(self, s: Session, job: Job) -> None:
        """Defer `douyin_team.run_job(job_id)` on the session's connection (commits with the job row)."""
        s.execute(text("SET LOCAL search_path TO procrastinate, public"))
        raw = s.connection().connection.driver_connection
        task = self.app.tasks["douyin_team.run_job"]
        task.configure(lock=job.key, connection=raw).defer(job_id=job.id)
        s.execute(text("SET LOCAL search_path TO DEFAULT"))

    def committed(self, job: Job) -> None:
        """Nothing to do: a worker picks the job up (woken by LISTEN/NOTIFY)."""


def run_worker(url: str, name: str) -> None:
    """One worker process: runs jobs until SIGINT/SIGTERM (then finishes the job in hand)."""
    from .kinds import warm_up
    from .priority import lower_priority

    lower_priority()  # before any thread starts: a thread's niceness is its own, inherited by those it starts
    warm_up()
    app = make_app(url, worker=True)
    app.run_worker(name=name, queues=[QUEUE, "maintenance"], concurrency=1, update_heartbeat_interval=HEARTBEAT,
                   stalled_worker_timeout=STALLED * 3, delete_jobs="successful")
