"""report.json and report.csv: one row per input of the run, whatever happened to it."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from return_xml.xmlio.writer import write_atomically

INTERRUPTED = "interrupted"  # the run stopped before this input was done


@dataclass(frozen=True)
class Row:
    """One input in the report (columns of report.csv, keys of report.json's ``inputs``)."""

    source: str
    name: str
    status: str  # converted | rejected | interrupted
    code: str | None = None
    message: str | None = None
    page: int | None = None
    field: str | None = None
    seconds: float | None = None
    peak_memory: int | None = None  # bytes, the worker's peak RSS when the input was done
    findings: int | None = None  # rule findings on a converted return
    verdict: str | None = None  # verified | needs review, for a converted return (docs/verdict.md)
    reused: bool = False  # True when taken from the manifest of an earlier run
    sha256: str | None = None


COLUMNS = tuple(f.name for f in fields(Row))


def write_reports(folder: Path, rows: list[Row], summary: dict) -> None:
    """Write report.json (summary + rows) and report.csv (rows), each atomically."""
    ordered = sorted(rows, key=lambda r: (r.name, r.source))
    document = {"summary": summary, "inputs": [asdict(r) for r in ordered]}
    write_atomically(folder / "report.json", (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in ordered:
        writer.writerow(["" if v is None else v for v in (getattr(row, c) for c in COLUMNS)])
    write_atomically(folder / "report.csv", buffer.getvalue().encode("utf-8"))
