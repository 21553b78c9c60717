"""Long work off the request path: jobs (renders, imports, staffing, batch exports), their artefacts, and
the two ways to run them — procrastinate workers sharing PostgreSQL, or a local process pool with SQLite.

An adapter at the edge, above `store`: it calls the core and the store, the core never calls it.
"""

from __future__ import annotations

from .dispatch import dispatcher_for, runs_soon
from .kinds import CHART_MEDIA, KIT_MEDIA, Output, artefact_key
from .local import LocalPool
from .models import Artefact, Job
from .priority import job_nice
from .queue import QueueDispatcher, run_worker
from .records import Dispatcher, artefact_of, get_job, give_up, submit
from .runner import KINDS, run_job
from .workers import serve_job_workers

__all__ = ["CHART_MEDIA", "KINDS", "KIT_MEDIA", "Artefact", "Dispatcher", "Job", "LocalPool", "Output",
           "QueueDispatcher", "artefact_key", "artefact_of", "dispatcher_for", "get_job", "give_up", "job_nice",
           "run_job", "run_worker", "runs_soon", "serve_job_workers", "submit"]
