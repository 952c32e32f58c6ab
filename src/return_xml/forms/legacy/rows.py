"""Row labels of a legacy table, wrapped over one to three lines.

The label column of sections I and II prints "Balance at close of preceding
month", "Increase / (decrease) during the month" and "Balance at close of the
month".  A narrow cell or a tab-stop layout wraps them ("Balance at close" /
"of preceding" / "month"), and the row's figures stand beside the first, the
middle or the last of those lines (top-aligned cells, centred cells, a tab
stop on the last line).  So the label column is read as one text, each row
label is found in it, and the row is the band of lines its label covers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from return_xml.pdf.document import Phrase
from return_xml.pdf.layout import lines_of

# Why: a label line starts near the label column's left edge (a class heading or an item
# number may stand a little further out); a heading over the figures starts far right of it.
LABEL_MARGIN = 40.0  # points a label line may start right of the leftmost line's start
# Why: the words of one label line may be separate phrases (a producer's runs), close together.
LABEL_WORD_GAP = 15.0  # points between two phrases of one label line
# Why: a figure is on its row when its middle is within this of a label line's middle,
# as a figure on a one-line label's line has always been.
ROW_SLACK = 3.5


@dataclass(frozen=True)
class RowBand:
    """The lines a row label covers: its first phrase, and the middles of its first and last line."""

    first: Phrase
    last: Phrase
    label_x1: float

    @property
    def page(self) -> int:
        return self.first.page

    def holds(self, phrase: Phrase) -> bool:
        """Whether ``phrase`` stands on the row (its middle within the label's lines)."""
        return phrase.page == self.page and self.first.cy - ROW_SLACK <= phrase.cy <= self.last.cy + ROW_SLACK


def row_bands(
    phrases: list[Phrase], patterns: dict[str, re.Pattern[str]], is_figure: Callable[[str], bool], *, by_order: bool = False
) -> dict[str, RowBand]:
    """The band of each row label found in the label column of ``phrases``.

    ``patterns`` are searched in the label column's text with its white space
    removed (a label may wrap anywhere, also inside a Chinese word), so they
    must not need spaces.  With ``by_order`` (pages recognised by OCR) a row whose
    label OCR misread is found by the rows' order (``_by_order``).
    """
    lines = [line for line in lines_of(phrases) if not is_figure(line[0].text)]
    if not lines:
        return {}
    margin = min(line[0].x0 for line in lines)
    label_lines: list[list[Phrase]] = []
    for line in lines:
        if line[0].x0 > margin + LABEL_MARGIN:
            continue
        run = [line[0]]
        for phrase in line[1:]:
            if is_figure(phrase.text):
                break
            if phrase.x0 - run[-1].x1 > LABEL_WORD_GAP:
                break
            run.append(phrase)
        label_lines.append(run)
    squeezed: list[str] = []
    owner: list[int] = []  # the label line of each character of the squeezed text
    for n, run in enumerate(label_lines):
        for char in "".join(p.text for p in run):
            if not char.isspace():
                squeezed.append(char)
                owner.append(n)
    text = "".join(squeezed)
    spans: dict[str, tuple[int, int]] = {}  # the first and last label line of each row found
    for key, pattern in patterns.items():
        found = pattern.search(text)
        if found is None or found.end() == found.start():
            continue
        start, end = owner[found.start()], owner[found.end() - 1]
        if label_lines[start][0].page != label_lines[end][0].page:
            continue  # a label is never split over a page break
        spans[key] = (start, end)
    if by_order and spans:
        spans.update(_by_order(spans, tuple(patterns), len(label_lines)))
    return {
        key: RowBand(label_lines[start][0], label_lines[end][0], max(p.x1 for run in label_lines[start : end + 1] for p in run))
        for key, (start, end) in sorted(spans.items(), key=lambda item: tuple(patterns).index(item[0]))
    }


def _by_order(spans: dict[str, tuple[int, int]], order: tuple[str, ...], count: int) -> dict[str, tuple[int, int]]:
    """Rows whose label OCR misread ("LA RATE" for 上月底結存), placed by the table's order of rows.

    The rows not found must fill the label lines between the rows found, one line each:
    as many lines in the gap as rows missing there, or none is placed (a wrapped label,
    a stray line: the count no longer tells which line is which row).
    """
    placed: dict[str, tuple[int, int]] = {}
    missing: list[str] = []
    after = -1  # the last label line of the row found before the gap
    for key in (*order, None):
        if key is not None and key not in spans:
            missing.append(key)
            continue
        before = spans[key][0] if key is not None else count
        gap = list(range(after + 1, before))
        if missing and len(gap) == len(missing):
            placed.update({name: (line, line) for name, line in zip(missing, gap)})
        missing = []
        if key is not None:
            after = spans[key][1]
    return placed
