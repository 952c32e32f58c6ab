"""Form-agnostic reading helpers: regions spanning pages, label -> value, cells under headers.

Tolerances are in PDF points and live in ``Tolerances`` so that a reader can
state what it relies on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from operator import attrgetter

from return_xml.model.values import Box
from return_xml.pdf.document import Page, PdfDocument, Phrase


@dataclass(frozen=True)
class Tolerances:
    """How close things must be to count as aligned (PDF points)."""

    same_line: float = 2.5  # vertical centres of phrases on one line
    # ... or boxes that share this much of the lower one's height: the box is the font's (descent to one
    # em above), so two fonts on one line (a Latin "I." beside a CJK heading, a font a re-distiller
    # re-embedded with another descent) put their centres apart by the difference of their descents,
    # which grows with the type size. Two lines of text overlap far less, if at all.
    same_line_overlap: float = 0.65
    same_edge: float = 2.0  # cell edges that touch
    band_below: float = 4.0  # a value may sit a little lower than its label


TOL = Tolerances()


@dataclass(frozen=True)
class Slice:
    """The part of one page between two heights.

    A reader asks a slice (and a region) for its phrases many times, for each
    label it looks up: they are picked from the page once, on first use (a
    slice lives for one reading, during which its page does not change).
    """

    page: Page
    top: float
    bottom: float

    @cached_property
    def _phrases(self) -> tuple[Phrase, ...]:
        top, bottom = self.top, self.bottom
        return tuple(p for p in self.page.phrases if top <= p.cy < bottom)

    def phrases(self) -> list[Phrase]:
        return list(self._phrases)

    def cells(self) -> list[Box]:
        return [c for c in self.page.cells() if self.top - 1 <= c[1] and c[3] <= self.bottom + 1]


@dataclass(frozen=True)
class Region:
    """A run of page slices in reading order: a section or a block of a form."""

    slices: tuple[Slice, ...]

    @cached_property
    def _phrases(self) -> tuple[Phrase, ...]:
        return tuple(p for s in self.slices for p in s._phrases)

    def phrases(self) -> list[Phrase]:
        return list(self._phrases)

    def find(self, pattern: re.Pattern[str]) -> list[Phrase]:
        return [p for p in self._phrases if pattern.search(p.text)]

    def first(self, pattern: re.Pattern[str]) -> Phrase | None:
        search = pattern.search
        return next((p for p in self._phrases if search(p.text)), None)

    def page_of(self, phrase: Phrase) -> Page:
        return next(s.page for s in self.slices if s.page.number == phrase.page)

    def split(self, anchors: list[Phrase]) -> list[Region]:
        """Cut the region at each anchor phrase: one region per anchor, to the next one."""
        marks = [(a.page, a.top - 1.0) for a in anchors]
        return [region_between(self, start, marks[i + 1] if i + 1 < len(marks) else None) for i, start in enumerate(marks)]

    def text(self) -> str:
        return " ".join(p.text for p in self._phrases)


def region_between(region: Region, start: tuple[int, float], end: tuple[int, float] | None) -> Region:
    """The part of ``region`` from ``start`` (page, height) up to ``end`` (exclusive)."""
    out = []
    for s in region.slices:
        number = s.page.number
        top, bottom = s.top, s.bottom
        if (number, bottom) <= start:
            continue
        if end is not None and (number, top) >= end:
            break
        if number == start[0]:
            top = max(top, start[1])
        if end is not None and number == end[0]:
            bottom = min(bottom, end[1])
        if bottom > top:
            out.append(Slice(s.page, top, bottom))
    return Region(tuple(out))


def document_region(document: PdfDocument, margin_top: float = 0.0, margin_bottom: float = 0.0) -> Region:
    return Region(tuple(Slice(p, margin_top, p.height - margin_bottom) for p in document.pages))


def containing_cell(page: Page, phrase: Phrase) -> Box | None:
    """The smallest cell whose box holds the centre of ``phrase``."""
    cx = (phrase.x0 + phrase.x1) / 2
    holding = [c for c in page.cells() if c[0] <= cx <= c[2] and c[1] <= phrase.cy <= c[3]]
    return min(holding, key=lambda c: (c[2] - c[0]) * (c[3] - c[1]), default=None)


def band_of(page: Page, phrase: Phrase) -> tuple[float, float]:
    """The heights a label's value may occupy: its cell's row, or its own line."""
    cell = containing_cell(page, phrase)
    if cell is not None:
        return cell[1], cell[3]
    return phrase.top - TOL.same_line, phrase.bottom + TOL.band_below


def value_right_of(page: Page, label: Phrase, stops: re.Pattern[str] | None = None, right: float | None = None) -> Phrase | None:
    """The text printed to the right of ``label`` on its row, up to the next label.

    The row is the label's cell when the form draws cells, else its line; the
    value ends before the next phrase that matches ``stops`` (another label).
    """
    top, bottom = band_of(page, label)
    limit = right if right is not None else page.width
    if stops is not None:
        for phrase in page.phrases:
            if phrase is not label and phrase.x0 > label.x1 and top <= phrase.cy <= bottom and stops.search(phrase.text):
                limit = min(limit, phrase.x0 - 0.5)
    return page.text_in((label.x1 + 0.5, top, limit, bottom))


def phrases_on_line(page: Page, anchor: Phrase) -> list[Phrase]:
    """Phrases whose centre lies on ``anchor``'s line, left to right."""
    return sorted((p for p in page.phrases if on_one_line(anchor, p)), key=lambda p: p.x0)


def cell_rows(cells: list[Box]) -> list[list[Box]]:
    """Group cells into rows by their top edge, each row left to right."""
    rows: list[list[Box]] = []
    for cell in sorted(cells, key=lambda c: (c[1], c[0])):
        if rows and abs(rows[-1][0][1] - cell[1]) <= TOL.same_edge:
            rows[-1].append(cell)
        else:
            rows.append([cell])
    return [sorted(row, key=lambda c: c[0]) for row in rows]


def fold(text: str) -> str:
    """White space folded to single spaces."""
    return " ".join(text.split())


@dataclass(frozen=True)
class Column:
    """A table column found from its printed header: a name and an x range."""

    name: str
    x0: float
    x1: float

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


def nearest_column(phrase: Phrase, columns: list[Column]) -> Column | None:
    """The column whose header overlaps ``phrase`` most, else whose centre is nearest.

    Filers type figures anywhere under a heading (left, right or centred), so
    an overlap decides first and distance only breaks the remaining cases.
    """
    if not columns:
        return None
    overlaps = [(min(phrase.x1, c.x1) - max(phrase.x0, c.x0), c) for c in columns]
    best_overlap, best = max(overlaps, key=lambda item: item[0])
    if best_overlap > 0 and sum(1 for o, _ in overlaps if o > 0) == 1:
        return best
    centre = (phrase.x0 + phrase.x1) / 2
    return min(columns, key=lambda c: abs(c.centre - centre))


def lines_of(phrases: list[Phrase]) -> list[list[Phrase]]:
    """Phrases grouped into visual lines (per page, by vertical centre), each left to right."""
    # Called for every joined value: the centre of each phrase is computed once
    # (``cy`` is a property), and a line is compared with its first phrase's centre.
    lines: list[list[Phrase]] = []
    first: Phrase | None = None
    for _, phrase in sorted(((p.cy, p) for p in phrases), key=lambda item: (item[1].page, item[0], item[1].x0)):
        if first is not None and first.page == phrase.page and on_one_line(first, phrase):
            lines[-1].append(phrase)
        else:
            lines.append([phrase])
            first = phrase
    return [sorted(line, key=_left_edge) for line in lines]


def on_one_line(a: Phrase, b: Phrase) -> bool:
    """Whether two phrases of a page stand on one line: centres close, or boxes mostly overlapping."""
    if abs(a.cy - b.cy) <= TOL.same_line:
        return True
    shared = min(a.bottom, b.bottom) - max(a.top, b.top)
    return shared > 0 and shared >= TOL.same_line_overlap * min(a.bottom - a.top, b.bottom - b.top)


_left_edge = attrgetter("x0")
