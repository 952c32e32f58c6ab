"""One bulk run: plan the inputs, skip what the manifest says is done, convert the rest, report.

The parent process (this module) is the only writer of the output folder:
engines return bytes, and ``_Sink.finish`` writes each input's outputs
atomically, then its manifest line.  That order is what makes a run
resumable after ``kill -9`` (see ``manifest.py``).
"""

from __future__ import annotations

import hashlib
import importlib.util
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

import return_xml
from return_xml.bulk.batch import Batch
from return_xml.bulk.convert import Converted, convert_bytes
from return_xml.bulk.manifest import CONVERTED, REJECTED, Manifest, Record
from return_xml.bulk.report import INTERRUPTED, Row, write_reports
from return_xml.bulk.review import Reviews, write_reviews
from return_xml.bulk.sources import Entry, plan_inputs, read_inputs
from return_xml.errors import ReturnXmlError
from return_xml.formats import FORMATS, SUFFIXES  # each output: FORMAT/NAME + its suffix
from return_xml.isolation import Outcome, WorkerLimits
from return_xml.pdf import Limits
from return_xml.xmlio.schema import SCHEMA_VERSION
from return_xml.xmlio.writer import write_atomically

EXIT_OK, EXIT_REJECTED, EXIT_INTERRUPTED = 0, 1, 130
ENGINES = ("local", "dask")
TABLE_FORMATS = ("csv", "parquet")


@dataclass(frozen=True)
class BulkOptions:
    """How to run: parallelism, output formats, tables, engine and limits."""

    jobs: int = 1
    formats: tuple[str, ...] = ("xml",)
    tables: str | None = None  # csv | parquet | None
    retry_failed: bool = False
    engine: str = "local"
    scheduler: str | None = None  # dask scheduler address; None: a LocalCluster of ``jobs`` workers
    limits: WorkerLimits = WorkerLimits()
    pdf_limits: Limits = Limits()
    review: Path | None = None  # --review DIR: a review page for every input that is not verified (bulk/review.py)

    def __post_init__(self) -> None:
        unknown = [f for f in self.formats if f not in FORMATS]
        if unknown or not self.formats:
            raise ValueError(f"--format must list xml, json, xbrl and/or xbrl-json, got {','.join(self.formats) or 'nothing'}")
        if self.tables is not None and self.tables not in TABLE_FORMATS:
            raise ValueError(f"--tables must be csv or parquet, got {self.tables}")
        if self.tables is not None and "xml" not in self.formats:
            raise ValueError("--tables is built from the XML outputs: add xml to --format")
        if self.engine not in ENGINES:
            raise ValueError(f"--engine must be local or dask, got {self.engine}")
        if self.jobs < 1:
            raise ValueError(f"--jobs must be at least 1, got {self.jobs}")
        if self.tables == "parquet" and importlib.util.find_spec("pyarrow") is None:
            raise ValueError("--tables parquet needs pyarrow: pip install 'return-xml[parquet]'")
        if self.engine == "dask" and importlib.util.find_spec("distributed") is None:
            raise ValueError("--engine dask needs dask.distributed: pip install 'return-xml[dask]'")


@dataclass
class BulkResult:
    """The rows of the report and how the run ended."""

    rows: list[Row]
    interrupted: bool = False
    tables: list[Path] = field(default_factory=list)
    reviews: Reviews | None = None  # with --review: the pages written and the inputs that could not be drawn

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status == status)

    @property
    def exit_code(self) -> int:
        """130 interrupted, 1 some input rejected, 0 every input converted."""
        if self.interrupted:
            return EXIT_INTERRUPTED
        return EXIT_REJECTED if any(r.status != CONVERTED for r in self.rows) else EXIT_OK

    def summary(self) -> dict:
        return {
            "inputs": len(self.rows),
            "converted": self.count(CONVERTED),
            "rejected": self.count(REJECTED),
            "interrupted": self.count(INTERRUPTED),
            "verified": sum(1 for r in self.rows if r.verdict == "verified"),
            "needs_review": sum(1 for r in self.rows if r.status == CONVERTED and r.verdict != "verified"),
            "reused": sum(1 for r in self.rows if r.reused),
            "run_interrupted": self.interrupted,
            **({"reviews": len(self.reviews.written), "reviews_failed": len(self.reviews.failed)} if self.reviews is not None else {}),
            "tool": return_xml.__version__,
            "schema": SCHEMA_VERSION,
        }


@dataclass(frozen=True)
class Task:
    """One input to convert: what the worker gets (``args``) and what the parent needs to finish it."""

    entry: Entry
    sha256: str
    outputs: tuple[str, ...]
    args: tuple


Progress = Callable[[Row], None]


def _output_paths(name: str, formats: Sequence[str]) -> tuple[str, ...]:
    # One folder per format, named after it (the sink writes each output's bytes by its folder's name); the
    # file takes the format's suffix: xbrl-json/NAME.xbrl.json, never confused with json/NAME.json.
    return tuple(f"{fmt}/{name}{SUFFIXES[fmt]}" for fmt in formats)


def _remove_partial_files(out: Path) -> None:
    """Temporary files left by a killed run (``.name.xxxx.part``) are never outputs."""
    for folder in (out / fmt for fmt in FORMATS):
        if folder.is_dir():
            for leftover in folder.rglob(".*.part"):
                leftover.unlink(missing_ok=True)


class _Sink:
    """Writes outputs and the manifest, and keeps the report rows; called from several threads."""

    def __init__(self, out: Path, manifest: Manifest, progress: Progress | None) -> None:
        self.out, self.manifest, self.progress = out, manifest, progress
        self.rows: dict[str, Row] = {}
        self.lock = threading.Lock()

    def add(self, row: Row) -> None:
        with self.lock:
            self.rows[row.name or row.source] = row
        if self.progress is not None:
            self.progress(row)

    def finish(self, task: Task, outcome: Outcome) -> None:
        entry = task.entry
        record = Record(
            name=entry.name, source=entry.source, sha256=task.sha256, tool=return_xml.__version__, schema=SCHEMA_VERSION,
            status=CONVERTED, seconds=round(outcome.seconds, 3), peak_memory=outcome.peak_memory,
        )
        error = outcome.error
        if error is None:
            converted: Converted = outcome.value
            try:
                for relative in task.outputs:
                    target = self.out / relative
                    target.parent.mkdir(parents=True, exist_ok=True)
                    write_atomically(target, converted.outputs[relative.split("/", 1)[0]])
            except (ReturnXmlError, OSError) as err:
                error = err if isinstance(err, ReturnXmlError) else ReturnXmlError(str(err), code="E-IO")
            else:
                record = replace(record, outputs=list(task.outputs), findings=list(converted.finding_codes),
                                 verdict=converted.verdict)
        if error is not None:
            for relative in task.outputs:  # no output of an earlier run (or a partial one) outlives a rejection
                (self.out / relative).unlink(missing_ok=True)
            record = replace(
                record, status=REJECTED, code=getattr(error, "code", "E-INTERNAL"), message=str(error.located(file=entry.source)),
                page=getattr(error, "page", None), field=getattr(error, "field", None),
            )
        with self.lock:
            self.manifest.append(record)  # after the outputs are in place: see manifest.py
        self.add(_row(record, reused=False))


def _row(record: Record, *, reused: bool) -> Row:
    return Row(
        source=record.source, name=record.name, status=record.status, code=record.code, message=record.message,
        page=record.page, field=record.field, seconds=record.seconds, peak_memory=record.peak_memory,
        findings=len(record.findings) if record.status == CONVERTED else None, reused=reused, sha256=record.sha256,
        verdict=record.verdict if record.status == CONVERTED else None,
    )


def _refusal_row(entry: Entry, error: ReturnXmlError) -> Row:
    return Row(source=entry.source, name=entry.name, status=REJECTED, code=error.code, message=str(error))


def _tasks(plan: list[Entry], options: BulkOptions, manifest: Manifest, sink: _Sink, stop: threading.Event) -> Iterator[Task]:
    key_tail = (return_xml.__version__, SCHEMA_VERSION)
    for loaded in read_inputs(plan, options.pdf_limits.max_bytes):
        if stop.is_set():
            return
        entry = loaded.entry
        if loaded.data is None:
            assert loaded.refusal is not None
            sink.add(_refusal_row(entry, loaded.refusal))
            continue
        sha256 = hashlib.sha256(loaded.data).hexdigest()
        outputs = _output_paths(entry.name, options.formats)
        earlier = manifest.reusable(entry.name, (sha256, *key_tail), list(outputs), retry_failed=options.retry_failed)
        if earlier is not None:
            sink.add(_row(earlier, reused=True))
            continue
        args = (loaded.data, entry.source, options.formats, options.pdf_limits)
        yield Task(entry, sha256, outputs, args)


@contextmanager
def _stop_on_signals(stop: threading.Event) -> Iterator[None]:
    """SIGINT and SIGTERM set ``stop`` (the run then ends cleanly and writes its report)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum, frame) -> None:
        stop.set()

    previous = {s: signal.signal(s, handler) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for number, old in previous.items():
            signal.signal(number, old)


def run_bulk(
    sources: Sequence[str | Path],
    out: str | Path,
    options: BulkOptions = BulkOptions(),
    *,
    progress: Progress | None = None,
    on_plan: Callable[[int], None] | None = None,
    work: Callable = convert_bytes,
) -> BulkResult:
    """Convert every input of ``sources`` into ``out``; see docs/bulk.md.

    Raises ``sources.SourceNotFound`` when an argument names nothing.  Never
    raises for a bad input: it is a row of the report.  ``work`` is the
    function run in the workers (``convert_bytes``; tests may pass another
    module-level function with the same signature).
    """
    out = Path(out)
    plan = plan_inputs(sources)
    out.mkdir(parents=True, exist_ok=True)
    _remove_partial_files(out)
    manifest = Manifest(out)
    sink = _Sink(out, manifest, progress)
    stop = threading.Event()
    if on_plan is not None:
        on_plan(len(plan))
    result = BulkResult([])
    started = time.monotonic()
    try:
        with _stop_on_signals(stop):
            batch = Batch(_tasks(plan, options, manifest, sink, stop), work, sink.finish, stop, options.jobs, options.limits)
            if options.engine == "dask":
                from return_xml.bulk.dask_engine import run_dask  # lazy: dask is slow to import

                run_dask(batch, scheduler=options.scheduler)
            else:
                from return_xml.bulk.local_engine import run_local

                run_local(batch)
            if options.review is not None and not stop.is_set():
                # Why a second pass, on the local engine: it needs every row's verdict, a manifest's reused ones too.
                result.reviews = write_reviews(Path(options.review), plan, dict(sink.rows), stop, jobs=options.jobs,
                                               limits=options.limits, pdf_limits=options.pdf_limits)
    except KeyboardInterrupt:
        stop.set()
    finally:
        result.interrupted = stop.is_set()
        done = dict(sink.rows)
        result.rows = [done.get(e.name or e.source) or Row(source=e.source, name=e.name, status=INTERRUPTED) for e in plan]
        summary = result.summary() | {"seconds": round(time.monotonic() - started, 3)}
        write_reports(out, result.rows, summary)
    if options.tables is not None and not result.interrupted:
        from return_xml.bulk.tables import write_tables

        result.tables = write_tables(out, [manifest.records[r.name] for r in result.rows if r.status == CONVERTED], options.tables)
    return result
