"""The run's memory: an append-only JSON-lines file in the output folder.

One line per finished input (converted or rejected), appended and fsync'ed
*after* the input's output files have been renamed into place.  So after a
``kill -9`` at any moment, every line names outputs that are complete, and
an input without a line is simply converted again (its outputs are
deterministic, so the bytes are the same).  A line cut short by the kill is
dropped when the manifest is opened again.

A line is reused by a rerun only when the input's sha256, the tool version and
the schema version all match: a new release converts everything again.
"""

from __future__ import annotations

import dataclasses
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

MANIFEST_NAME = "manifest.jsonl"
CONVERTED, REJECTED = "converted", "rejected"


@dataclass(frozen=True)
class Record:
    """What the manifest knows about one input (one JSON line)."""

    name: str
    source: str
    sha256: str
    tool: str
    schema: str
    status: str  # converted | rejected
    code: str | None = None
    message: str | None = None
    page: int | None = None
    field: str | None = None
    seconds: float = 0.0
    peak_memory: int = 0
    outputs: list[str] = dataclasses.field(default_factory=list)  # paths relative to the output folder
    findings: list[str] = dataclasses.field(default_factory=list)  # rule codes found on a converted return
    verdict: str | None = None  # verified | needs review, for a converted return

    def key(self) -> tuple[str, str, str]:
        return (self.sha256, self.tool, self.schema)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Record:
        known = {f: data[f] for f in cls.__dataclass_fields__ if f in data}
        return cls(**known)


class Manifest:
    """The manifest of one output folder: the last record per output name, and appends."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / MANIFEST_NAME
        self.records: dict[str, Record] = {}
        self._load()

    def _load(self) -> None:
        if not self.path.exists():
            return
        data = self.path.read_bytes()
        complete = data[: data.rfind(b"\n") + 1]  # a line without its newline was cut by a kill
        for line in complete.splitlines():
            try:
                record = Record.from_json(json.loads(line))
            except (ValueError, TypeError):
                continue  # a damaged line is as if the input had not finished
            self.records[record.name] = record
        if len(complete) != len(data):
            with self.path.open("r+b") as handle:
                handle.truncate(len(complete))

    def reusable(self, name: str, key: tuple[str, str, str], outputs: list[str], *, retry_failed: bool) -> Record | None:
        """The earlier record that makes converting ``name`` again unnecessary, if any."""
        record = self.records.get(name)
        if record is None or record.key() != key:
            return None
        if record.status == REJECTED:
            return None if retry_failed else record
        folder = self.path.parent
        if set(outputs) <= set(record.outputs) and all((folder / o).is_file() for o in outputs):
            return record
        return None

    def append(self, record: Record) -> None:
        """Add one line and make it durable before returning."""
        line = json.dumps(asdict(record), ensure_ascii=False, sort_keys=True) + "\n"
        with self.path.open("ab") as handle:
            handle.write(line.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        self.records[record.name] = record
