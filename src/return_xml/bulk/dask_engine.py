"""The Dask engine: the same tasks on a Dask cluster; this process still writes every file.

Dask tasks get the input's bytes and return an ``isolation.Outcome`` (output
bytes or an error with its code); the client calls ``finish`` for each, so the
manifest, the outputs and the report are exactly those of the local engine.
On each Dask worker the conversion runs in an ``isolation.Worker`` child
process (one per Dask worker thread, reused and recycled), so the wall-clock
and memory limits hold there too.  Dask is imported only when this engine
is chosen.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from return_xml.bulk.batch import Batch
from return_xml.bulk.convert import warm_up
from return_xml.bulk.sources import BulkUsageError
from return_xml.errors import WorkerCrashError, error_from
from return_xml.isolation import Outcome, Worker, WorkerLimits

_POLL_SECONDS = 0.05
_CONNECT_SECONDS = 10
_local = threading.local()


def isolated_task(work: Callable, args: tuple, limits: WorkerLimits) -> Outcome:
    """Run on a Dask worker: ``work(*args)`` in this thread's own worker process."""
    worker = getattr(_local, "worker", None)
    if worker is None or worker.limits != limits:
        worker = _local.worker = Worker(limits)
    if worker.pid is None:
        worker.run(warm_up)  # start and import before the clock of a real input runs
    return worker.run(work, *args)


def _client(jobs: int, scheduler: str | None):
    import dask
    from distributed import Client, LocalCluster

    if scheduler is not None:
        try:
            return Client(scheduler, timeout=_CONNECT_SECONDS), None
        except (OSError, TimeoutError, ValueError) as err:
            raise BulkUsageError(f"cannot reach the Dask scheduler at {scheduler}: {err}") from None
    # Dask workers are daemonic processes by default, and a daemonic process
    # cannot start the isolation worker of each conversion.
    with dask.config.set({"distributed.worker.daemon": False}):
        cluster = LocalCluster(
            n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.ERROR
        )
    return Client(cluster), cluster


def run_dask(batch: Batch, scheduler: str | None = None) -> None:
    """Run every task of ``batch`` on Dask (``scheduler`` address, or a LocalCluster of ``batch.jobs`` workers)."""
    tasks, work, finish, stop, jobs, limits = batch.tasks, batch.work, batch.finish, batch.stop, batch.jobs, batch.limits
    client, cluster = _client(jobs, scheduler)
    try:
        workers = max(len(client.scheduler_info().get("workers", {})), 1)
        window = 2 * workers  # inputs in flight: bounded, so memory is too
        pending: dict = {}
        for task in tasks:
            if stop.is_set():
                break
            future = client.submit(isolated_task, work, task.args, limits, pure=False)
            pending[future] = task
            while len(pending) >= window and not stop.is_set():
                _collect(pending, finish)
        while pending and not stop.is_set():
            _collect(pending, finish)
        if stop.is_set():
            client.cancel(list(pending))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _collect(pending: dict, finish: Callable[[Any, Outcome], None]) -> None:
    """Finish the futures that are done (waits a little when none is)."""
    done = [f for f in pending if f.done()]
    if not done:
        time.sleep(_POLL_SECONDS)
        return
    for future in done:
        task = pending.pop(future)
        try:
            outcome = future.result()
        except Exception as exc:  # the Dask worker itself died (KilledWorker) or the task could not run
            error = WorkerCrashError(f"Dask task failed: {type(exc).__name__}: {exc}", file=task.entry.source)
            outcome = Outcome(None, error if "Killed" in type(exc).__name__ else error_from(exc, file=task.entry.source), 0.0, 0)
        finish(task, outcome)
