"""Worker processes: task errors come back with their codes; hangs, crashes and memory hogs are killed."""

from __future__ import annotations

import os
import pickle
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from return_xml import api
from return_xml.errors import FieldError, InternalError, ResourceLimitError, ReturnXmlError, TaskTimeoutError, WorkerCrashError
from return_xml.isolation import Outcome, Worker, WorkerLimits, run_isolated

QUICK = WorkerLimits(seconds=1.0, memory_bytes=1024**3)


def double(value: int) -> int:
    return value * 2


def refuse_a_field() -> None:
    raise FieldError("not a number", file="filing.pdf", page=2, field="issued[0].close.issued", text="4S8,272,000")


def have_a_bug() -> None:
    {}["missing"]


def spin() -> None:
    while True:
        pass


def hog_memory() -> int:
    return len(bytearray(3 * 1024**3))


def crash() -> None:
    os.kill(os.getpid(), signal.SIGSEGV)


def my_pid() -> int:
    return os.getpid()


def unpicklable_result():
    return lambda: None


def _zombies_of(pid: int) -> list[str]:
    """Children of ``pid`` that are zombies (state Z), from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        state, parent = fields[0], int(fields[1])
        if parent == pid and state == "Z":
            found.append(entry.name)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_a_task_returns_its_value_with_time_and_memory():
    with Worker(QUICK) as worker:
        outcome = worker.run(double, 21)
    assert outcome == Outcome(42, None, outcome.seconds, outcome.peak_memory)
    assert outcome.ok and outcome.seconds >= 0 and outcome.peak_memory > 1024 * 1024


def test_a_refusal_comes_back_with_its_code_and_location():
    with Worker(QUICK) as worker:
        outcome = worker.run(refuse_a_field)
    assert not outcome.ok and outcome.value is None
    error = outcome.error
    assert isinstance(error, FieldError) and isinstance(error, ValueError)
    assert (error.code, error.file, error.page, error.field, error.text) == (
        "E-FIELD-VALUE",
        "filing.pdf",
        2,
        "issued[0].close.issued",
        "4S8,272,000",
    )
    assert str(error) == "filing.pdf: page 2: issued[0].close.issued: not a number (read '4S8,272,000')"


def test_any_other_exception_is_an_internal_error_naming_it():
    with Worker(QUICK) as worker:
        outcome = worker.run(have_a_bug)
    assert isinstance(outcome.error, InternalError) and outcome.error.code == "E-INTERNAL"
    assert "KeyError" in str(outcome.error)


def test_a_hang_is_killed_and_the_next_task_gets_a_fresh_worker():
    with Worker(QUICK) as worker:
        first = worker.run(my_pid).value
        outcome = worker.run(spin)
        assert isinstance(outcome.error, TaskTimeoutError) and outcome.error.code == "E-PDF-TIMEOUT"
        assert outcome.seconds >= QUICK.seconds
        assert not _alive(first)
        assert worker.run(my_pid).value != first
        assert worker.run(double, 2).value == 4
    assert _zombies_of(os.getpid()) == []


def test_a_memory_hog_is_stopped_by_the_address_space_limit():
    with Worker(QUICK) as worker:
        outcome = worker.run(hog_memory)
        assert isinstance(outcome.error, ResourceLimitError) and outcome.error.code == "E-MEMORY"
        assert str(QUICK.memory_bytes) in str(outcome.error)
        assert worker.run(double, 5).value == 10  # the worker survived its MemoryError


def test_a_crash_is_reported_and_leaves_no_zombie():
    with Worker(QUICK) as worker:
        outcome = worker.run(crash)
        assert isinstance(outcome.error, WorkerCrashError) and outcome.error.code == "E-WORKER-CRASH"
        assert "SIGSEGV" in str(outcome.error)
        assert worker.run(double, 1).value == 2
    assert _zombies_of(os.getpid()) == []


def test_an_unpicklable_result_is_an_internal_error_not_a_dead_worker():
    with Worker(QUICK) as worker:
        outcome = worker.run(unpicklable_result)
        assert outcome.error is not None and outcome.error.code == "E-INTERNAL"
        assert worker.run(double, 3).value == 6


TBLIB_SCRIPT = textwrap.dedent(
    """
    import tblib.pickling_support
    from return_xml.errors import InputError, ReturnXmlError
    from return_xml.isolation import run_isolated

    class ParserError(Exception):  # holds what pickle cannot take, as lxml's error log does
        def __init__(self):
            super().__init__("parser")
            self.handle = lambda: None

    def refuse():
        try:
            raise ParserError()
        except ParserError as err:
            raise InputError("damaged PDF", code="E-PDF-DAMAGED") from err

    tblib.pickling_support.install()  # as importing Dask's distributed does
    try:
        run_isolated(refuse)
    except ReturnXmlError as error:
        print(error.code)
    """
)


def test_a_refusal_comes_back_with_its_code_where_tblib_pickles_causes():
    result = subprocess.run([sys.executable, "-c", TBLIB_SCRIPT], capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.strip() == "E-PDF-DAMAGED", result.stdout + result.stderr


def test_a_worker_is_replaced_after_its_task_quota():
    with Worker(WorkerLimits(seconds=5, tasks_per_worker=2)) as worker:
        pids = [worker.run(my_pid).value for _ in range(5)]
    assert pids[0] == pids[1] != pids[2] == pids[3] != pids[4]
    assert os.getpid() not in pids


def test_close_ends_the_worker():
    worker = Worker(QUICK)
    pid = worker.run(my_pid).value
    worker.close()
    assert not _alive(pid)
    assert worker.pid is None


def test_run_isolated_returns_the_value_or_raises_the_error():
    assert run_isolated(double, 4, limits=QUICK) == 8
    with pytest.raises(FieldError) as raised:
        run_isolated(refuse_a_field, limits=QUICK)
    assert raised.value.code == "E-FIELD-VALUE"


def test_errors_survive_pickling_with_code_and_class():
    error = ResourceLimitError("too big", file="a.pdf", code="E-PDF-LIMIT")
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is ResourceLimitError and copy.code == "E-PDF-LIMIT" and str(copy) == "a.pdf: too big"
    assert isinstance(copy, ReturnXmlError) and isinstance(copy, ValueError)


def test_read_pdf_isolated_gives_the_same_return_as_in_process(corpus):
    path = corpus / "01723_2026-01_FF301-v1.2.0_en.pdf"
    assert api.read_pdf(path, isolated=True) == api.read_pdf(path)


def test_read_pdf_isolated_names_the_file_in_a_timeout(tmp_path, monkeypatch):
    path = tmp_path / "slow.pdf"
    path.write_bytes(b"%PDF-1.4\n%%EOF\n")
    monkeypatch.setattr(api, "_read_pdf_here", _sleep_forever)  # forked: the child runs the patched function
    with pytest.raises(TaskTimeoutError) as raised:
        api.read_pdf(path, isolated=True, worker_limits=WorkerLimits(seconds=0.5))
    assert raised.value.file == str(path) and raised.value.code == "E-PDF-TIMEOUT"


def _sleep_forever(*args: object) -> None:
    time.sleep(3600)


CTRL_C_SCRIPT = textwrap.dedent(
    """
    import sys, time
    from return_xml import api, cli

    def hang(*args):
        print("worker started", flush=True)
        time.sleep(3600)

    api._read_pdf_here = hang  # the forked worker runs this
    sys.argv = ["return-xml", "convert", sys.argv[1], sys.argv[2]]
    cli.main()
    """
)


def test_ctrl_c_kills_the_worker_exits_130_and_writes_nothing(tmp_path):
    source = tmp_path / "in.pdf"
    source.write_bytes(b"%PDF-1.4\n%%EOF\n")
    target = tmp_path / "out" / "result.xml"
    target.parent.mkdir()
    parent = subprocess.Popen(
        [sys.executable, "-c", CTRL_C_SCRIPT, str(source), str(target)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert parent.stdout.readline().strip() == "worker started"  # printed by the worker
        children = _children_of(parent.pid)
        assert len(children) == 1
        parent.send_signal(signal.SIGINT)
        _, err = parent.communicate(timeout=30)
    finally:
        parent.kill()
        parent.wait()
    assert parent.returncode == 130
    assert err.strip() == "return-xml: interrupted"
    assert not _alive(children[0])
    assert list(target.parent.iterdir()) == []


def _children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _ocr_then_sleep(pages: int, seconds: float) -> str:
    from return_xml.isolation import more_time_for

    more_time_for(pages)
    time.sleep(seconds)
    return "done"


def test_a_task_that_sends_pages_to_ocr_earns_more_time_per_page() -> None:
    # 0.5 s of its own, 2 pages x 1 s more: a task of 1.5 s ends well.
    limits = WorkerLimits(seconds=0.5, seconds_per_ocr_page=1.0, max_seconds=10.0)
    with Worker(limits) as worker:
        outcome = worker.run(_ocr_then_sleep, 2, 1.5)
    assert outcome.ok and outcome.value == "done", outcome.error


def test_the_time_earned_for_ocr_pages_stops_at_max_seconds() -> None:
    limits = WorkerLimits(seconds=0.5, seconds_per_ocr_page=5.0, max_seconds=1.5)
    with Worker(limits) as worker:
        outcome = worker.run(_ocr_then_sleep, 100, 30.0)
    assert isinstance(outcome.error, TaskTimeoutError)
    assert "1.5 s" in str(outcome.error) and outcome.seconds < 10


def test_more_time_for_is_a_no_op_outside_a_worker() -> None:
    from return_xml.isolation import more_time_for

    assert more_time_for(5) is None
