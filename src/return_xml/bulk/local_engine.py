"""The local engine: N worker processes, each fed by its own thread from one queue.

A thread per ``isolation.Worker`` means a hang or a crash stops only that
worker's task (the watchdog kills that child, the thread goes on with a fresh
one); workers are recycled every ``WorkerLimits.tasks_per_worker`` tasks.
"""

from __future__ import annotations

import os
import queue
import signal
import threading

from return_xml.bulk.batch import Batch
from return_xml.bulk.convert import warm_up
from return_xml.errors import error_from
from return_xml.isolation import Outcome, Worker

_POLL_SECONDS = 0.2  # how often a waiting main thread looks at the stop flag (signals are handled between)


def run_local(batch: Batch) -> None:
    """Run every task of ``batch`` on ``batch.jobs`` worker processes, each fed by its own thread."""
    tasks, work, finish, stop, jobs, limits = batch.tasks, batch.work, batch.finish, batch.stop, batch.jobs, batch.limits
    feed: queue.Queue = queue.Queue(maxsize=jobs)  # bounded: at most 2*jobs inputs in memory
    workers = [Worker(limits) for _ in range(jobs)]

    def serve(worker: Worker) -> None:
        while True:
            task = feed.get()
            if task is None:
                return
            if stop.is_set():
                continue
            try:
                if worker.pid is None:
                    worker.run(warm_up)  # start and import before the clock of a real input runs
                if stop.is_set():
                    continue
                outcome = worker.run(work, *task.args)
            except Exception as exc:  # a failure of the worker machinery itself: report, go on
                outcome = Outcome(None, error_from(exc, file=task.entry.source), 0.0, 0)
            if stop.is_set() and not outcome.ok:
                continue  # killed by the interruption: not the input's fault
            finish(task, outcome)

    threads = [threading.Thread(target=serve, args=(w,), name=f"bulk-worker-{i}", daemon=True) for i, w in enumerate(workers)]
    for thread in threads:
        thread.start()
    try:
        for task in tasks:
            if not _put(feed, task, stop):
                break
    finally:
        _shut_down(feed, threads, workers, stop)


def _shut_down(feed: queue.Queue, threads: list[threading.Thread], workers: list[Worker], stop: threading.Event) -> None:
    """Give each thread its end marker and wait for it; when stopping, drop queued tasks and kill workers.

    Never blocks on a busy thread while stopping: the kill is repeated until
    every thread has seen its worker die (one may start a child meanwhile).
    """
    markers = len(threads)
    while markers or any(t.is_alive() for t in threads):
        if stop.is_set():
            _drain(feed)
            for worker in workers:
                _kill(worker)
        while markers:
            try:
                feed.put(None, timeout=_POLL_SECONDS)
                markers -= 1
            except queue.Full:
                break
        for thread in threads:
            thread.join(_POLL_SECONDS / len(threads))
    for worker in workers:
        worker.close()


def _drain(feed: queue.Queue) -> None:
    while True:
        try:
            if feed.get_nowait() is None:
                feed.put_nowait(None)  # an end marker stays (there is room: one was just taken)
                return
        except (queue.Empty, queue.Full):
            return


def _put(feed: queue.Queue, item: object, stop: threading.Event | None) -> bool:
    while stop is None or not stop.is_set():
        try:
            feed.put(item, timeout=_POLL_SECONDS)
            return True
        except queue.Full:
            continue
    return False


def _kill(worker: Worker) -> None:
    pid = worker.pid
    if pid is not None:
        try:
            os.kill(pid, signal.SIGKILL)  # the thread waiting on it sees the crash and moves on
        except (ProcessLookupError, PermissionError):
            pass
