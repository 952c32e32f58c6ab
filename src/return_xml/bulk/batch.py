"""What a bulk engine (local or Dask) is given to run: one ``Batch``."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from return_xml.isolation import Outcome, WorkerLimits


@dataclass(frozen=True)
class Batch:
    """The tasks of a bulk run and how to run them: ``work(*task.args)`` for each, then ``finish(task, outcome)``.

    ``finish`` may be called from worker threads (it must be thread-safe).
    When ``stop`` is set, no new task starts, running tasks are killed and
    their outcomes dropped (the caller reports them as interrupted).
    """

    tasks: Iterable
    work: Callable
    finish: Callable[[Any, Outcome], None]
    stop: threading.Event
    jobs: int  # worker processes (Dask: of the LocalCluster started when no scheduler is given)
    limits: WorkerLimits
