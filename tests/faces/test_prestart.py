"""isolation.prestart: a worker started early, and a task sent to it before its run (what one-file convert does)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from return_xml import isolation
from return_xml.errors import TaskTimeoutError
from return_xml.isolation import WorkerLimits, discard_prestarted, prestart, run_isolated


def note_and_double(marks: str, value: int) -> tuple[int, int]:
    """Append this process's id to the file ``marks`` (one line a run) and give (pid, 2 * value)."""
    with open(marks, "a", encoding="ascii") as handle:
        handle.write(f"{os.getpid()}\n")
    return os.getpid(), 2 * value


def sleep_long(seconds: float) -> None:
    time.sleep(seconds)


def _reference(fn) -> tuple[str, str]:
    return fn.__module__, fn.__qualname__


@pytest.fixture(autouse=True)
def _no_spare_left():
    yield
    discard_prestarted()
    assert isolation._spare is None


def test_the_run_of_the_task_sent_early_takes_its_answer_and_runs_it_once(tmp_path: Path) -> None:
    marks = tmp_path / "marks"
    prestart(task=(_reference(note_and_double), (str(marks), 21)))
    spare = isolation._spare
    assert spare is not None and spare.pid is not None
    early_pid = spare.pid
    pid, value = run_isolated(note_and_double, str(marks), 21)
    assert value == 42 and pid == early_pid
    assert marks.read_text(encoding="ascii").split() == [str(pid)]  # run once, in the prestarted child


def test_a_run_of_other_arguments_gets_its_own_answer_from_a_fresh_child(tmp_path: Path) -> None:
    marks = tmp_path / "marks"
    prestart(task=(_reference(note_and_double), (str(marks), 21)))
    early_pid = isolation._spare.pid  # type: ignore[union-attr]
    pid, value = run_isolated(note_and_double, str(marks), 5)
    assert value == 10 and pid != early_pid


def test_the_clock_of_a_task_sent_early_runs_from_its_sending() -> None:
    limits = WorkerLimits(seconds=0.5)
    prestart(limits, task=(_reference(sleep_long), (30.0,)))
    started = time.monotonic()
    with pytest.raises(TaskTimeoutError):
        run_isolated(sleep_long, 30.0, limits=limits)
    assert time.monotonic() - started < 10


def test_an_unused_early_task_is_ended_with_its_worker(tmp_path: Path) -> None:
    prestart(task=(_reference(sleep_long), (30.0,)))
    pid = isolation._spare.pid  # type: ignore[union-attr]
    assert pid is not None
    discard_prestarted()
    with pytest.raises(ProcessLookupError):  # killed and reaped
        os.kill(pid, 0)
