"""What a bulk run shows while it works (return_xml.bulk.progress): plain lines, or a bar on a terminal."""

from __future__ import annotations

import io
import re
import sys
import threading

from return_xml.bulk.progress import PlainProgress, RichProgress, console_progress
from return_xml.bulk.report import Row

CONVERTED = Row("in/a.pdf", "a", "converted", seconds=1.25)
REUSED = Row("in/b.pdf", "b", "converted", reused=True)
REJECTED = Row("in/c.pdf", "c", "rejected", code="E-INPUT", message="not a PDF (no %PDF- header)")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_plan_is_one_line_with_the_number_of_inputs():
    stream = io.StringIO()
    PlainProgress(stream).plan(3)
    assert stream.getvalue() == "bulk: 3 inputs\n"


def test_each_finished_input_is_one_line_counted_against_the_plan():
    stream = io.StringIO()
    with PlainProgress(stream) as progress:
        progress.plan(3)
        for row in (CONVERTED, REUSED, REJECTED):
            progress.row(row)
    lines = stream.getvalue().splitlines()
    assert lines == [
        "bulk: 3 inputs",
        "[1/3] converted in/a.pdf -> a (1.2 s)",
        "[2/3] converted in/b.pdf -> b (reused)",
        "[3/3] rejected in/c.pdf: E-INPUT: not a PDF (no %PDF- header)",
    ]
    assert progress.done == 3


def test_rows_finished_by_several_threads_are_whole_lines_numbered_once_each():
    stream = io.StringIO()
    progress = PlainProgress(stream)
    progress.plan(200)
    threads = [threading.Thread(target=lambda: [progress.row(REJECTED) for _ in range(50)]) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    rows = stream.getvalue().splitlines()[1:]
    assert all(re.fullmatch(r"\[\d+/200\] rejected in/c\.pdf: E-INPUT: .*", line) for line in rows)
    assert sorted(int(line[1:].split("/")[0]) for line in rows) == list(range(1, 201))


def test_the_plain_display_writes_to_the_standard_error_of_the_moment(monkeypatch):
    # Regression: the default stream was bound when the module was imported, so a redirected
    # standard error chose the plain display (not a terminal) and then was not written to.
    stderr = io.StringIO()
    monkeypatch.setattr(sys, "stderr", stderr)
    progress = console_progress()
    assert isinstance(progress, PlainProgress)
    progress.plan(1)
    assert stderr.getvalue() == "bulk: 1 inputs\n"


def test_a_terminal_gets_the_progress_bar(monkeypatch):
    monkeypatch.setattr(sys, "stderr", _Terminal())
    assert isinstance(console_progress(), RichProgress)


def test_the_bar_counts_converted_and_rejected_and_prints_each_rejection(monkeypatch):
    stderr = io.StringIO()
    monkeypatch.setattr(sys, "stderr", stderr)
    with RichProgress() as progress:
        progress.plan(3)
        for row in (CONVERTED, REJECTED, REUSED):
            progress.row(row)
        (task,) = progress.bar.tasks
        assert (task.total, task.completed) == (3, 3)
        assert task.fields["counts"] == "2 converted, 1 rejected"
    printed = stderr.getvalue()
    assert "rejected in/c.pdf: E-INPUT: not a PDF (no %PDF- header)" in printed
    assert "in/a.pdf -> a" not in printed  # converted inputs are counted, not listed
