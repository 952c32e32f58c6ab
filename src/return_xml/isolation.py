"""Run untrusted work in a worker process that a watchdog can kill.

A hostile PDF can make pdfminer loop forever, or decode a gigabyte from a
few kilobytes.  Code in the same process cannot defend against that, so every
PDF parse of the CLI and of ``bulk`` runs here: in a child process with a
wall-clock limit (the parent kills it), an address-space limit (RLIMIT_AS:
allocations beyond it fail with ``MemoryError`` inside the child) and a
bounded number of tasks per child (memory that pdfminer leaks is given back).

>>> from return_xml.isolation import Worker, WorkerLimits
>>> with Worker(WorkerLimits(seconds=30)) as worker:       # doctest: +SKIP
...     outcome = worker.run(api.read_pdf, "filing.pdf")
...     outcome.ok, outcome.error and outcome.error.code
(True, None)

``Worker.run`` never raises for a task's failure: the error comes back in
``Outcome.error``, always a ``ReturnXmlError`` with a ``code``.

Caveats:

- ``fn``, its arguments and its result cross a process boundary by pickle:
  ``fn`` must be a module-level function, and the result must be picklable
  (a ``MonthlyReturn`` is).
- On Linux the child is forked (modules already imported, so it starts in
  milliseconds).  Forking a process that runs other threads can deadlock the
  child on a lock held by such a thread, so when other threads are alive the
  child is forked by multiprocessing's fork server instead (a single-threaded
  process that has imported ``FORKSERVER_PRELOAD``), and off Linux it is
  spawned: then ``fn`` must be importable by the child.
- RLIMIT_AS limits virtual memory, not resident memory: a limit far below
  about 300 MB leaves no room even to import the libraries.  A crash in
  native code (a signal) or a kill by the kernel's OOM killer is reported as
  ``E-WORKER-CRASH``.
- Ctrl-C: workers ignore SIGINT, the parent kills them and re-raises
  ``KeyboardInterrupt``; on Linux a worker also dies when its parent dies.
"""

from __future__ import annotations

import faulthandler
import importlib
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

from return_xml.errors import (
    ResourceLimitError,
    ReturnXmlError,
    TaskTimeoutError,
    WorkerCrashError,
    error_from,
)

# A child that cannot even report its MemoryError (no memory left to pickle it)
# exits with this status, so that the parent still knows why it died.
_EXIT_OUT_OF_MEMORY = 86
_KILL_WAIT_SECONDS = 5.0


@dataclass(frozen=True)
class WorkerLimits:
    """Limits of one worker process."""

    seconds: float = 120.0  # wall clock per task
    # Why more time for OCR: a scanned page takes seconds to recognise, a text page milliseconds, so one
    # limit cannot fit both; a task that sends pages to OCR earns this much per page (``more_time_for``),
    # up to ``max_seconds`` in all.
    seconds_per_ocr_page: float = 30.0
    max_seconds: float = 900.0
    memory_bytes: int = 2 * 1024**3  # address-space (RLIMIT_AS) limit of the worker process
    tasks_per_worker: int = 100  # a worker is replaced after this many tasks


@dataclass(frozen=True)
class Outcome:
    """What one task gave: its value, or the error (with a code) that stopped it."""

    value: Any  # what the task returned (picklable); None on failure
    error: ReturnXmlError | None  # None on success; timeout, crash, out-of-memory are ReturnXmlErrors with codes
    seconds: float  # wall time of the task
    peak_memory: int  # bytes: the worker process's peak RSS so far

    @property
    def ok(self) -> bool:
        """True when the task returned a value."""
        return self.error is None


def _peak_rss_bytes() -> int:
    import resource

    # ru_maxrss is in kilobytes on Linux, in bytes on macOS.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def _proc_peak_rss(pid: int) -> int:
    """The peak RSS of a live process from /proc (0 where unknown)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def _die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies (no orphaned workers)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


def _limit_memory(memory_bytes: int) -> None:
    import resource

    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    soft = memory_bytes if hard == resource.RLIM_INFINITY else min(memory_bytes, hard)
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _detached(error: BaseException) -> BaseException:
    """The error without its cause, context and traceback, which stay in the worker.

    ``ReturnXmlError`` pickles as its own attributes only, but a process that
    has imported Dask's distributed has tblib's reducer registered for every
    exception class, and that one pickles the cause too: a parser's exception
    holding an lxml error log or a ctypes handle would turn the error into
    "cannot be sent back".
    """
    error.__cause__ = error.__context__ = error.__traceback__ = None
    return error


def _preload(modules: tuple[str, ...]) -> None:
    """Import ``modules`` in the child before its first task (see ``prestart``); a failure is the task's to report."""
    for name in modules:
        try:
            importlib.import_module(name)
        except BaseException:  # noqa: BLE001 - the task imports it again and reports what goes wrong
            return


# The connection of the worker this process is (None in any other process): ``more_time_for`` writes to it.
_PARENT: Any = None


def more_time_for(ocr_pages: int) -> None:
    """Tell the parent that the running task sends ``ocr_pages`` pages to OCR (a no-op outside a worker).

    The parent extends the task's deadline by ``WorkerLimits.seconds_per_ocr_page`` per page, never past
    ``WorkerLimits.max_seconds``: the limits stay the parent's to set.
    """
    if _PARENT is not None and ocr_pages > 0:
        _PARENT.send(("time", ocr_pages, _peak_rss_bytes()))


def _worker_main(connection, memory_bytes: int, preload: tuple[str, ...] = ()) -> None:
    """The child's loop: receive (fn, args), send back ("ok", value, peak) or ("error", error, peak)."""
    # The parent decides what Ctrl-C means: it kills us.  Without this a SIGINT
    # sent to the terminal's process group would print a traceback from here.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # A crash in native code is reported by the parent (E-WORKER-CRASH): no
    # Python traceback dump on the user's terminal (pytest enables faulthandler).
    faulthandler.disable()
    _die_with_parent()
    _limit_memory(memory_bytes)
    _preload(preload)  # within the memory limit, before the clock of any task runs
    global _PARENT
    _PARENT = connection
    while True:
        try:
            task = connection.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        try:
            fn, args = task
            if isinstance(fn, tuple):  # (module, function): sent by a parent that has not imported it (prestart)
                fn = getattr(importlib.import_module(fn[0]), fn[1])
            reply = ("ok", fn(*args))
        except MemoryError:
            reply = ("error", error_from(MemoryError()))
        except BaseException as exc:  # noqa: BLE001 - every failure of a task is reported, none kills the loop
            reply = ("error", _detached(error_from(exc)))
        try:
            connection.send((*reply, _peak_rss_bytes()))
        except MemoryError:
            os._exit(_EXIT_OUT_OF_MEMORY)
        except Exception as exc:  # the value could not be pickled: say so instead of dying
            connection.send(("error", error_from(TypeError(f"task result cannot be sent back: {exc}")), _peak_rss_bytes()))
        del reply, task


# What the fork server imports once, so that the workers it forks start with the reading stack loaded.
FORKSERVER_PRELOAD = (
    "return_xml.reading", "return_xml.api", "return_xml.bulk.convert", "return_xml.pdf.pdfium", "return_xml.forms.ff301", "return_xml.forms.legacy",
)


def _context() -> multiprocessing.context.ForkContext | multiprocessing.context.ForkServerContext | multiprocessing.context.SpawnContext:
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if sys.platform.startswith("linux"):
        # Other threads are alive (bulk's feeding threads): forking this process could copy a lock one of
        # them holds.  The fork server is a fresh single-threaded process that imports the reading stack
        # once and forks each worker from there: safe, and a worker starts warm instead of importing it all
        # again as under spawn (issue 18).
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(list(FORKSERVER_PRELOAD))
        return context
    return multiprocessing.get_context("spawn")


class Worker:
    """One child process running tasks one at a time, within ``limits``; a context manager.

    The child starts on the first ``run`` and is replaced after a timeout, a
    crash, or ``limits.tasks_per_worker`` tasks.  ``close`` ends it.
    """

    def __init__(self, limits: WorkerLimits = WorkerLimits()) -> None:
        self.limits = limits
        self._process: multiprocessing.process.BaseProcess | None = None
        self._connection: Connection | None = None
        self._tasks_done = 0
        self._peak_memory = 0
        self._early: tuple[tuple[str, str], tuple, float] | None = None  # a task sent before its run: (function, args, sent at)

    def __enter__(self) -> Worker:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def pid(self) -> int | None:
        """The process id of the current child, None when none is running."""
        return self._process.pid if self._process is not None else None

    def _start(self, preload: tuple[str, ...] = ()) -> None:
        context = _context()
        parent_end, child_end = context.Pipe(duplex=True)
        process = context.Process(
            target=_worker_main,
            args=(child_end, self.limits.memory_bytes, preload),
            name="return-xml-worker",
            daemon=True,  # multiprocessing ends daemon children when the parent exits
        )
        process.start()
        child_end.close()
        self._process, self._connection = process, parent_end
        self._tasks_done = 0
        self._peak_memory = 0

    def run(self, fn: Callable[..., Any], *args: Any) -> Outcome:
        """Run ``fn(*args)`` in the child; never raises for the task's failure.

        A ``ReturnXmlError`` raised by ``fn`` comes back in ``Outcome.error``
        with its code and location; any other exception is mapped by
        ``return_xml.errors.error_from`` (``E-INTERNAL`` for a bug).  A task
        past ``limits.seconds`` is killed (``E-PDF-TIMEOUT``), as is a child
        that dies (``E-WORKER-CRASH``) or runs out of memory (``E-MEMORY``);
        the next ``run`` starts a fresh child.  ``KeyboardInterrupt`` in the
        parent kills the child and is re-raised.
        """
        early, self._early = self._early, None
        if early is not None:
            reference, early_args, sent = early
            if (getattr(fn, "__module__", None), getattr(fn, "__qualname__", None)) == reference and args == early_args:
                try:
                    return self._outcome(sent)  # this very task is running already (send_early): its answer is this run's
                except BaseException:
                    self._kill()
                    raise
            self._kill()  # its answer would be another task's: a fresh child
        if self._process is None or not self._process.is_alive() or self._tasks_done >= self.limits.tasks_per_worker:
            self.close()
            self._start()
        started = time.monotonic()
        try:
            return self._exchange(fn, args, started)
        except BaseException:
            self._kill()  # Ctrl-C or any failure of our own: never leave a worker behind
            raise

    def send_early(self, function: tuple[str, str], args: tuple) -> None:
        """Send the task ``function`` ((module, name): this process need not have imported it) to the started child now.

        The next ``run`` of that same function with equal ``args`` takes its
        answer instead of sending it again; its clock started here.  A ``run``
        of anything else kills this child and starts a fresh one.
        """
        assert self._process is not None and self._connection is not None
        self._connection.send((function, args))
        self._tasks_done += 1
        self._early = (function, args, time.monotonic())

    def _exchange(self, fn: Callable[..., Any], args: tuple, started: float) -> Outcome:
        assert self._process is not None and self._connection is not None
        try:
            self._connection.send((fn, args))
        except (BrokenPipeError, ConnectionError, EOFError):
            return self._crashed(started)
        except Exception as exc:  # fn or args cannot be pickled: the caller's bug
            return Outcome(None, error_from(TypeError(f"task cannot be sent to the worker: {exc}")), 0.0, self._peak_memory)
        self._tasks_done += 1
        return self._outcome(started)

    def _outcome(self, started: float) -> Outcome:
        """Wait for the answer to the task sent at ``started``, within the limits (a child past them is killed)."""
        assert self._process is not None and self._connection is not None
        allowed = self.limits.seconds
        while True:
            if not self._connection.poll(max(0.0, started + allowed - time.monotonic())):
                self._peak_memory = max(self._peak_memory, _proc_peak_rss(self._process.pid))  # type: ignore[arg-type]  # a started process has a pid
                self._kill()
                error = TaskTimeoutError(f"took longer than {allowed:g} s, stopped (worker process killed)")
                return Outcome(None, error, time.monotonic() - started, self._peak_memory)
            try:
                status, payload, peak = self._connection.recv()
            except (EOFError, OSError):
                return self._crashed(started)
            if status != "time":
                break
            # The task sends pages to OCR (more_time_for): its deadline moves, within max_seconds.
            ceiling = max(self.limits.max_seconds, self.limits.seconds)  # never below the task's own limit
            allowed = min(allowed + self.limits.seconds_per_ocr_page * int(payload), ceiling)
        self._peak_memory = max(self._peak_memory, peak)
        seconds = time.monotonic() - started
        if status == "ok":
            return Outcome(payload, None, seconds, self._peak_memory)
        if isinstance(payload, ResourceLimitError) and payload.code == "E-MEMORY":
            payload.reason = f"out of memory (worker limit {self.limits.memory_bytes} bytes)"
            payload.args = (str(payload),)
        return Outcome(None, payload, seconds, self._peak_memory)

    def _crashed(self, started: float) -> Outcome:
        assert self._process is not None
        self._process.join(_KILL_WAIT_SECONDS)
        exitcode = self._process.exitcode
        self._kill()
        seconds = time.monotonic() - started
        if exitcode == _EXIT_OUT_OF_MEMORY:
            error: ReturnXmlError = ResourceLimitError(
                f"out of memory (worker limit {self.limits.memory_bytes} bytes)", code="E-MEMORY"
            )
        elif exitcode is not None and exitcode < 0:
            error = WorkerCrashError(f"worker process died ({_signal_name(-exitcode)})")
        else:
            error = WorkerCrashError(f"worker process died (exit status {exitcode})")
        return Outcome(None, error, seconds, self._peak_memory)

    def _kill(self) -> None:
        """Kill and reap the child (no zombie is left), and forget it."""
        process, connection = self._process, self._connection
        self._process, self._connection, self._early = None, None, None
        if connection is not None:
            connection.close()
        if process is None:
            return
        if process.is_alive():
            process.kill()
        process.join(_KILL_WAIT_SECONDS)
        if process.exitcode is not None:
            process.close()  # releases the sentinel; the child has been reaped

    def close(self) -> None:
        """End the child: ask it to stop, kill it if it does not, reap it."""
        process, connection = self._process, self._connection
        if process is None:
            return
        try:
            if connection is not None and process.is_alive():
                connection.send(None)
                process.join(1.0)
        except (OSError, ValueError):
            pass
        self._kill()

    def __del__(self) -> None:  # a forgotten Worker must not leave its child running
        try:
            self._kill()
        except Exception:
            pass


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


# The worker ``prestart`` started, waiting for the next ``run_isolated`` with its limits.
_spare: Worker | None = None


def prestart(
    limits: WorkerLimits = WorkerLimits(), *, preload: tuple[str, ...] = (), task: tuple[tuple[str, str], tuple] | None = None
) -> None:
    """Start the worker of the next ``run_isolated`` now, importing the modules ``preload`` names.

    For a short-lived process (one ``return-xml convert``): the child imports
    the reading stack while this process imports the rest, on another core,
    instead of after it.  The child is an ordinary worker with ``limits``
    (memory limit set before the imports; the task's clock starts with the
    task).  ``discard_prestarted`` ends it if no task came.

    ``task``, ``((module, function), args)``, is sent at once (``Worker.send_early``):
    the child runs it as soon as its imports are done, and the ``run_isolated``
    of that function with equal arguments takes its answer.  The one-file
    ``convert`` sends its read this way before importing the library itself.
    """
    global _spare
    discard_prestarted()
    worker = Worker(limits)
    worker._start(preload)
    _spare = worker
    if task is not None:
        worker.send_early(*task)


def discard_prestarted() -> None:
    """End the worker ``prestart`` started, if no ``run_isolated`` took it."""
    global _spare
    worker, _spare = _spare, None
    if worker is not None:
        worker.close()


def _fresh_worker(limits: WorkerLimits) -> Worker:
    """The prestarted worker when it has these limits and is alive, else a new one (started by its first run)."""
    global _spare
    worker = _spare
    if worker is not None and worker.limits == limits and worker._process is not None and worker._process.is_alive():
        _spare = None
        return worker
    return Worker(limits)


def run_isolated(fn: Callable[..., Any], *args: Any, limits: WorkerLimits = WorkerLimits()) -> Any:
    """Run ``fn(*args)`` once in a fresh worker and return its value; raise its error (``Outcome.error``)."""
    with _fresh_worker(limits) as worker:
        outcome = worker.run(fn, *args)
    if outcome.error is not None:
        raise outcome.error
    return outcome.value


__all__ = ["Outcome", "Worker", "WorkerLimits", "discard_prestarted", "prestart", "run_isolated"]
