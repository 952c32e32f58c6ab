"""``bulk --review DIR``: a review page (docs/review.md) for every input of the run that is not verified.

After the conversions, every input whose row is ``needs review`` or
``rejected`` is read again in a worker and drawn as one HTML page,
``DIR/<name>.html`` (the name of its outputs).  A rejected input gets a page
when its PDF opens (no text layer, not a monthly return, a value that cannot
be read): its pages and the reason; a damaged or encrypted PDF gets none.  The
page of an input that is verified now is removed, so that DIR lists exactly
what a person still has to look at.
"""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from return_xml.bulk.batch import Batch
from return_xml.bulk.manifest import CONVERTED, REJECTED
from return_xml.bulk.report import Row
from return_xml.bulk.sources import Entry, read_inputs
from return_xml.errors import ReturnXmlError
from return_xml.isolation import Outcome, WorkerLimits
from return_xml.pdf import Limits
from return_xml.xmlio.writer import write_atomically

SUFFIX = ".html"


@dataclass(frozen=True)
class ReviewTask:
    """One page to draw: the input, where its page goes, and the worker's arguments."""

    entry: Entry
    target: Path
    args: tuple


@dataclass
class Reviews:
    """What the review pass did: pages written, and the inputs that could not be drawn (source -> error code)."""

    written: list[Path] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)


def review_bytes(data: bytes, label: str) -> bytes:
    """The review page of one PDF given as bytes (run in a worker); raises ``ReturnXmlError`` when it cannot be drawn."""
    from return_xml import api

    with tempfile.TemporaryDirectory(prefix="return-xml-review-") as folder:
        copy, page = Path(folder) / "input.pdf", Path(folder) / "review.html"
        copy.write_bytes(data)
        try:
            api.review(copy, page, label=label)
        except ReturnXmlError as err:
            err.file = label  # the error names our temporary copy: name the input as the user knows it
            err.args = (str(err),)
            raise
        return page.read_bytes()


def wanted(row: Row) -> bool:
    """A row that needs a page: converted but not verified, or rejected after its bytes were read."""
    return (row.status == CONVERTED and row.verdict != "verified") or (row.status == REJECTED and row.sha256 is not None)


def write_reviews(
    folder: Path,
    plan: Sequence[Entry],
    rows: Mapping[str, Row],
    stop: threading.Event,
    *,
    jobs: int,
    limits: WorkerLimits,
    pdf_limits: Limits,
) -> Reviews:
    """Draw the page of every input of ``plan`` whose row (``rows``, by name) is not verified; see the module doc."""
    from return_xml.bulk.local_engine import run_local

    folder.mkdir(parents=True, exist_ok=True)
    chosen: list[Entry] = []
    for entry in plan:
        row = rows.get(entry.name or entry.source)
        if row is None:
            continue
        if row.status == CONVERTED and row.verdict == "verified":
            _target(folder, entry).unlink(missing_ok=True)  # a page from an earlier run: nothing left to look at
        elif wanted(row):
            chosen.append(entry)
    done = Reviews()
    lock = threading.Lock()

    def tasks() -> Iterator[ReviewTask]:
        for loaded in read_inputs(chosen, pdf_limits.max_bytes):
            if loaded.data is not None:
                yield ReviewTask(loaded.entry, _target(folder, loaded.entry), (loaded.data, loaded.entry.source))

    def finish(task: ReviewTask, outcome: Outcome) -> None:
        if outcome.error is None:
            try:
                task.target.parent.mkdir(parents=True, exist_ok=True)
                write_atomically(task.target, outcome.value)
            except (ReturnXmlError, OSError) as err:
                with lock:
                    done.failed[task.entry.source] = getattr(err, "code", "E-IO")
                return
            with lock:
                done.written.append(task.target)
        else:
            task.target.unlink(missing_ok=True)  # no page of an earlier run passes for this one
            with lock:
                done.failed[task.entry.source] = getattr(outcome.error, "code", "E-INTERNAL")

    run_local(Batch(tasks(), review_bytes, finish, stop, jobs, limits))
    done.written.sort()
    return done


def _target(folder: Path, entry: Entry) -> Path:
    return folder / f"{entry.name}{SUFFIX}"
