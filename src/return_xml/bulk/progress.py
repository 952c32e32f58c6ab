"""What a bulk run shows while it works: a rich progress bar on a terminal, plain log lines otherwise."""

from __future__ import annotations

import sys
import threading
from typing import TextIO

from return_xml.bulk.report import Row


def _line(row: Row) -> str:
    if row.status == "converted":
        how = "reused" if row.reused else f"{row.seconds or 0:.1f} s"
        return f"converted {row.source} -> {row.name} ({how})"
    return f"{row.status} {row.source}: {row.code}: {row.message}"


class PlainProgress:
    """One line per finished input on ``stream`` (a log file, CI output)."""

    def __init__(self, stream: TextIO | None = None) -> None:
        # Why not a default of sys.stderr: that is bound at import, and console_progress
        # chooses this display by the standard error of the moment (a redirected one).
        self.stream = stream if stream is not None else sys.stderr
        self.total, self.done = 0, 0
        self._lock = threading.Lock()

    def __enter__(self) -> PlainProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def plan(self, total: int) -> None:
        self.total = total
        print(f"bulk: {total} inputs", file=self.stream, flush=True)

    def row(self, row: Row) -> None:
        with self._lock:
            self.done += 1
            print(f"[{self.done}/{self.total}] {_line(row)}", file=self.stream, flush=True)


class RichProgress:
    """A progress bar with counts; rejected inputs are printed above it as they happen."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

        self.console = Console(stderr=True)
        self.bar = Progress(
            TextColumn("[bold]bulk"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[counts]}"),
            TimeElapsedColumn(), TimeRemainingColumn(), console=self.console,
        )
        self.task = self.bar.add_task("bulk", total=None, counts="")
        self.converted = self.rejected = 0
        self._lock = threading.Lock()

    def __enter__(self) -> RichProgress:
        self.bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.bar.stop()

    def plan(self, total: int) -> None:
        self.bar.update(self.task, total=total)

    def row(self, row: Row) -> None:
        with self._lock:
            if row.status == "converted":
                self.converted += 1
            else:
                self.rejected += 1
                self.bar.console.print(_line(row), markup=False, highlight=False)
            self.bar.update(self.task, advance=1, counts=f"{self.converted} converted, {self.rejected} rejected")


def console_progress() -> PlainProgress | RichProgress:
    """The progress display fitting standard error: a bar on a terminal, lines otherwise."""
    return RichProgress() if sys.stderr.isatty() else PlainProgress()
