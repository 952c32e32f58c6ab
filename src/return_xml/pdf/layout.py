"""Form-agnostic reading helpers: regions spanning pages, label -> value, cells under headers,
lines, wrapped labels, and the phrase index (``PhraseIndex``) a reader asks for its labels.

Tolerances are in PDF points and live in ``Tolerances`` so that a reader can
state what it relies on.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
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
    # A phrase is on a label's line when its centre is this near: the table rows and label lines of both
    # families are typed at 9-11 pt, and a value typed a little higher than its label still belongs to it.
    label_line: float = 3.5
    # A region starts this far above its first phrase's top, so that a phrase of that line typed a
    # little higher is not cut off.
    line_start: float = 1.0
    # A wrapped label goes on in the next line with no more than a line's leading between (a share of
    # the line's height, from one line's bottom to the next line's top) ...
    wrap_leading: float = 0.8
    wrapped_lines: int = 3  # ... over three lines at most (the longest template label)
    wrap_edge: float = 2.5  # ... and each line starts at the label's left edge, give or take this


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


def continued_texts(phrases: list[Phrase]) -> dict[int, str]:
    """For each phrase that goes on in the lines below it (a phrase there starts at its left
    edge), its text joined with theirs; keyed by ``id`` of the phrase."""
    return {key: _joined_lines([p.text for p in run]) for key, run in continued_phrases(phrases).items()}


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def _joined_lines(lines: list[str]) -> str:
    """Wrapped lines as one text: a space between them, none where a Chinese word was broken.

    Why: Chinese is written without spaces, and a cell breaks a label anywhere ("發行及配發日" /
    "期：(日/月/年)"); a space put there would part the label's words and it would not match.
    """
    out = ""
    for line in lines:
        text = line.strip()
        if out and text and not (_wide(out[-1]) and _wide(text[0])):
            out += " "
        out += text
    return out


def continued_phrases(phrases: list[Phrase]) -> dict[int, list[Phrase]]:
    """For each phrase that goes on in the lines below it, the phrase and those that continue it."""
    lines = lines_of(phrases)
    out: dict[int, list[Phrase]] = {}
    for n, line in enumerate(lines):
        for phrase in line:
            run, last = [phrase], phrase
            for below in lines[n + 1 : n + TOL.wrapped_lines]:
                follow = next((q for q in below if abs(q.x0 - phrase.x0) <= TOL.wrap_edge), None)
                height = last.bottom - last.top
                if follow is None or follow.page != last.page or follow.top - last.bottom > TOL.wrap_leading * height:
                    break
                run.append(follow)
                last = follow
            if len(run) > 1:
                out[id(phrase)] = run
    return out


@dataclass
class PhraseIndex:
    """The phrases of a part of a document, in reading order, with the label look-ups readers ask of them.

    ``between`` and ``on_line`` are asked thousands of times per return; when
    the phrases are sorted by their key (page, centre height), as the whole
    return and every part cut from it are, they bisect that key instead of
    looking at every phrase.  A region in another order (``grand_total``
    prepends the figures above its label) is scanned phrase by phrase.
    """

    phrases: list[Phrase]
    # (page, centre height) of each phrase, and whether they are in that order; computed on first use.
    _keys: list[tuple[int, float]] | None = field(default=None, repr=False, compare=False)
    _sorted: bool = field(default=False, repr=False, compare=False)
    _wrapped: dict[int, str] | None = field(default=None, repr=False, compare=False)

    def _reading_keys(self) -> list[tuple[int, float]]:
        if self._keys is None:
            # By the middle of the phrase: a value typed a little higher than its
            # label still belongs to the label's line.
            self._keys = [(p.page, p.cy) for p in self.phrases]
            self._sorted = all(a <= b for a, b in zip(self._keys, self._keys[1:]))
        return self._keys

    def find(self, pattern: re.Pattern[str]) -> list[Phrase]:
        return [p for p in self.phrases if pattern.search(p.text)]

    def find_wrapped(self, pattern: re.Pattern[str]) -> list[Phrase]:
        """The phrases that open a label matching ``pattern``, on their own line or wrapped
        over the next lines at the same left edge ("Stock code (if" / "listed)")."""
        continued = self._continued()
        return [p for p in self.phrases if pattern.search(p.text) or (id(p) in continued and pattern.search(continued[id(p)]))]

    def first_wrapped(self, pattern: re.Pattern[str]) -> Phrase | None:
        found = self.first(pattern)
        if found is not None:
            return found
        continued = self._continued()
        search = pattern.search
        return next((p for p in self.phrases if id(p) in continued and search(continued[id(p)])), None)

    def wrapped_text(self, phrase: Phrase) -> str:
        """``phrase``'s text with the lines it goes on in below it (see ``find_wrapped``)."""
        return self._continued().get(id(phrase), phrase.text)

    def _continued(self) -> dict[int, str]:
        """The text of each phrase joined with the phrases that go on below it, line after line, at its left edge."""
        if self._wrapped is None:
            self._wrapped = continued_texts(self.phrases)
        return self._wrapped

    def first(self, pattern: re.Pattern[str]) -> Phrase | None:
        search = pattern.search
        return next((p for p in self.phrases if search(p.text)), None)

    def between(self, start: Phrase | None, end: Phrase | None) -> PhraseIndex:
        """The phrases from ``start``'s line (1 pt above its top) up to ``end``'s line (exclusive)."""
        keys = self._reading_keys()
        low = (start.page, start.top - TOL.line_start) if start is not None else None
        high = (end.page, end.top - TOL.line_start) if end is not None else None
        if self._sorted:
            first = 0 if low is None else bisect.bisect_left(keys, low)
            last = len(keys) if high is None else bisect.bisect_left(keys, high)
            return PhraseIndex(self.phrases[first:last], _keys=keys[first:last], _sorted=True) if first < last else PhraseIndex([])
        return PhraseIndex(
            [p for p, k in zip(self.phrases, keys) if (low is None or k >= low) and (high is None or k < high)]
        )

    def on_line(self, anchor: Phrase, tolerance: float = TOL.label_line) -> list[Phrase]:
        keys = self._reading_keys()
        candidates = self.phrases
        if self._sorted:
            # Only the phrases of the anchor's page near its height (1 pt of slack
            # around the tolerance); the exact test below decides, as before.
            first = bisect.bisect_left(keys, (anchor.page, anchor.cy - tolerance - 1.0))
            last = bisect.bisect_right(keys, (anchor.page, anchor.cy + tolerance + 1.0))
            candidates = self.phrases[first:last]
        return sorted((p for p in candidates if p.page == anchor.page and abs(p.cy - anchor.cy) <= tolerance), key=lambda p: p.x0)

    def right_of(self, anchor: Phrase, stop: re.Pattern[str] | None = None) -> list[Phrase]:
        out = []
        for p in self.on_line(anchor):
            if p is anchor or p.x0 < anchor.x1 - 1:
                continue
            if stop is not None and stop.search(p.text):
                break
            out.append(p)
        return out
