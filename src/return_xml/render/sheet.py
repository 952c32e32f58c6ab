"""A small page-flow engine: ruled cells and lines of text, top to bottom, drawn with reportlab.

Coordinates are PDF points with the origin at the top left of the page, as in
``return_xml.pdf``.  Everything is recorded first and drawn at the end, so
that every page can print "Page n of m".

What our readers rely on, and this engine guarantees:
- every cell is its own rectangle (a reader's "cell" is a rectangle that
  encloses no other), so tables are never drawn as one grid of lines;
- each string is drawn in one piece, so its characters touch and the PDF
  layer reads it as one phrase; separate strings are at least ``GAP`` apart;
- a word is never broken inside: text wider than its cell wraps at spaces,
  and a single word that does not fit is drawn smaller (a broken word would
  read back with a space in it).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass

import return_xml.render.fonts as fonts

A4_LANDSCAPE = (841.89, 595.28)
A4_PORTRAIT = (595.28, 841.89)
GAP = 6.0  # between two strings on one line: well above the PDF layer's 1.5 pt word tolerance
PAD = 2.0  # inside a cell
MIN_SIZE = 4.0


@dataclass(frozen=True)
class _Text:
    x: float
    top: float
    text: str
    size: float
    bold: bool


@dataclass(frozen=True)
class _Rect:
    x0: float
    top: float
    x1: float
    bottom: float
    shade: bool


@dataclass(frozen=True)
class Cell:
    """One cell of a row: its width, its text (may wrap) and how it is aligned."""

    width: float
    text: str = ""
    align: str = "left"  # left | right | centre
    bold: bool = False
    size: float | None = None
    shade: bool = False


def line_height(size: float) -> float:
    return round(size * 1.2, 2)


# Chinese text has no spaces: a line may break before any wide character.
_WIDE_PIECE = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]|[^\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]+")


def _pieces(word: str) -> list[str]:
    """Where a word may break: nowhere in a Latin word, before and after each wide (CJK) character."""
    return _WIDE_PIECE.findall(word)


_WIDE_CHAR = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")


def _wide(char: str) -> bool:
    return bool(_WIDE_CHAR.fullmatch(char))


def _units(paragraph: str) -> list[tuple[str, str]]:
    """``(glue, piece)`` pairs of a paragraph read back with wide lines joined without a space.

    A line may break at a space between Latin words (``glue`` " ") and beside a wide
    character printed next to another character (``glue`` ""); a space beside a wide
    character is kept inside its piece, because a reader joins two wrapped lines without
    one where either side of the break is a wide character.
    """
    units: list[tuple[str, str]] = []
    for n, word in enumerate(paragraph.split()):
        for k, piece in enumerate(_pieces(word)):
            glue = (" " if n else "") if k == 0 else ""
            if glue and units and (_wide(units[-1][1][-1]) or _wide(piece[0])):
                units[-1] = (units[-1][0], units[-1][1] + " " + piece)  # no break at this space
            else:
                units.append((glue, piece))
    return units


def wrap(text: str, width: float, size: float, *, bold: bool = False, join_wide: bool = False) -> tuple[list[str], float]:
    """``text`` cut into lines no wider than ``width``; the font size it needs.

    Printed line breaks are kept.  When one word is wider than ``width`` the size shrinks
    until it fits (down to ``MIN_SIZE``).  Lines break where the reader of the form joins
    them back to the same text: with ``join_wide`` (the FF301 e-form, whose readers join
    wrapped Chinese lines without a space) between any two wide characters and at spaces
    between Latin words; else (the legacy template, whose readers join lines with a space)
    at spaces only, and inside a Chinese word only when it is too wide even at ``MIN_SIZE``.
    """
    if not text:
        return [], size
    paragraphs = text.split("\n")
    if join_wide:
        units = [[(g, piece) for g, piece in _units(p)] for p in paragraphs]
        pieces = [piece for line in units for _, piece in line]
    else:
        units = [[(" " if n else "", w) for n, w in enumerate(p.split())] for p in paragraphs]
        pieces = [w for line in units for _, w in line]
    while size > MIN_SIZE and pieces and max(fonts.width(w, size, bold=bold) for w in pieces) > width:
        size = max(MIN_SIZE, size - 0.5)
    lines: list[str] = []
    for paragraph in units:
        line = ""
        for glue, word in paragraph:
            # Why only then: the legacy reader joins lines with a space, so each break we add
            # between two characters is a space the read-back text did not have.
            parts = _pieces(word) if not join_wide and fonts.width(word, size, bold=bold) > width else [word]
            for n, piece in enumerate(parts):
                candidate = line + (glue if n == 0 else "") + piece if line else piece
                if line and fonts.width(candidate, size, bold=bold) > width:
                    lines.append(line)
                    line = piece
                else:
                    line = candidate
        if line:
            lines.append(line)
    return lines, size


class Sheet:
    """Pages being laid out from the top; ``y`` is where the next element goes."""

    def __init__(
        self,
        *,
        pagesize: tuple[float, float] = A4_LANDSCAPE,
        top: float = 40.0,
        bottom: float = 530.0,
        decorate: Callable[[Sheet, int, int], None] | None = None,
        title: str = "",
        join_wide: bool = False,
    ) -> None:
        self.width, self.height = pagesize
        self.content_top = top
        self.content_bottom = bottom
        self.decorate = decorate
        self.title = title
        self.join_wide = join_wide  # how the form's readers join wrapped Chinese lines (see ``wrap``)
        self.pages: list[list[_Text | _Rect]] = []
        self._page: list[_Text | _Rect] = []
        self.new_page()

    # -- pages ---------------------------------------------------------------

    @property
    def page_number(self) -> int:
        return len(self.pages)

    def new_page(self) -> None:
        self._page = []
        self.pages.append(self._page)
        self.y = self.content_top

    def room(self, height: float) -> None:
        """Start a new page unless ``height`` more points fit on this one (a new page gets what it gets)."""
        if self.y + height > self.content_bottom and self.y > self.content_top:
            self.new_page()

    def gap(self, points: float) -> None:
        self.y += points

    # -- drawing -------------------------------------------------------------

    def text(self, x: float, top: float, text: str, *, size: float = 9.0, bold: bool = False) -> float:
        """One string on one line at ``x``; returns its right edge."""
        if text:
            fonts.font_for(text, bold=bold)  # fail early, while the page is laid out, when no font can draw it
            self._page.append(_Text(x, top, text, size, bold))
        return x + (fonts.width(text, size, bold=bold) if text else 0.0)

    def text_right(self, x1: float, top: float, text: str, *, size: float = 9.0, bold: bool = False) -> float:
        """One string ending at ``x1``; returns its left edge."""
        x0 = x1 - fonts.width(text, size, bold=bold) if text else x1
        self.text(x0, top, text, size=size, bold=bold)
        return x0

    def rect(self, x0: float, top: float, x1: float, bottom: float, *, shade: bool = False) -> None:
        self._page.append(_Rect(x0, top, x1, bottom, shade))

    # -- elements ------------------------------------------------------------

    def line(self, *parts: tuple[float, str], size: float = 9.0, bold: bool = False, space: float = 6.0) -> float:
        """Free strings on one line, each at its x (a label and its value); returns the line's top.

        A string that would reach the next one is moved right so that ``GAP`` stays between them.
        """
        self.room(line_height(size) + space)
        top = self.y
        right = -GAP
        for x, text in parts:
            if not text:
                continue
            right = self.text(max(x, right + GAP), top, text, size=size, bold=bold)
        self.y += line_height(size) + space
        return top

    def paragraph(self, x: float, text: str, *, width: float, size: float = 9.0, bold: bool = False, space: float = 4.0) -> None:
        """Text wrapped at ``width``, one line under the other (long remarks, confirmations)."""
        lines, size = wrap(text, width, size, bold=bold, join_wide=self.join_wide)
        for line in lines:
            self.room(line_height(size))
            self.text(x, self.y, line, size=size, bold=bold)
            self.y += line_height(size)
        self.y += space

    def row_height(self, cells: list[Cell], size: float) -> float:
        lines = max((len(wrap(c.text, c.width - 2 * PAD, c.size or size, bold=c.bold, join_wide=self.join_wide)[0]) for c in cells), default=1)
        return max(line_height(size) + 2 * PAD + 2, max(lines, 1) * line_height(size) + 2 * PAD + 2)

    def row(self, cells: list[Cell], *, x: float, size: float = 9.0, height: float | None = None) -> tuple[float, float]:
        """One row of ruled cells from ``x``; returns its (top, bottom).

        The caller keeps rows that belong together on one page (``room``).
        """
        height = height if height is not None else self.row_height(cells, size)
        top = self.y
        for cell in cells:
            self.cell(x, top, x + cell.width, top + height, cell, size)
            x += cell.width
        self.y += height
        return top, top + height

    def cell(self, x0: float, top: float, x1: float, bottom: float, cell: Cell, size: float) -> None:
        self.rect(x0, top, x1, bottom, shade=cell.shade)
        lines, size = wrap(cell.text, x1 - x0 - 2 * PAD, cell.size or size, bold=cell.bold, join_wide=self.join_wide)
        for n, line in enumerate(lines):
            line_top = top + PAD + 1 + n * line_height(size)
            if cell.align == "right":
                self.text_right(x1 - PAD, line_top, line, size=size, bold=cell.bold)
            elif cell.align == "centre":
                left = x0 + max(PAD, (x1 - x0 - fonts.width(line, size, bold=cell.bold)) / 2)
                self.text(left, line_top, line, size=size, bold=cell.bold)
            else:
                self.text(x0 + PAD, line_top, line, size=size, bold=cell.bold)

    # -- output --------------------------------------------------------------

    def pdf(self) -> bytes:
        """The PDF document (deterministic: the same pages give the same bytes)."""
        from reportlab.pdfgen.canvas import Canvas

        total = len(self.pages)
        if self.decorate is not None:
            for number in range(1, total + 1):
                self._page = self.pages[number - 1]
                self.decorate(self, number, total)
        buffer = io.BytesIO()
        canvas = Canvas(buffer, pagesize=(self.width, self.height), invariant=1, pageCompression=1)
        canvas.setTitle(self.title)
        canvas.setCreator("return-xml")
        canvas.setLineWidth(0.5)
        for ops in self.pages:
            for op in ops:
                if isinstance(op, _Rect):
                    canvas.setFillGray(0.85 if op.shade else 1.0)
                    canvas.rect(op.x0, self.height - op.bottom, op.x1 - op.x0, op.bottom - op.top, stroke=1, fill=1 if op.shade else 0)
            canvas.setFillGray(0.0)
            for op in ops:
                if isinstance(op, _Text):
                    canvas.setFont(fonts.font_for(op.text, bold=op.bold), op.size)
                    # The baseline sits 80% of the size below the line's top, so the glyphs fill the line.
                    canvas.drawString(op.x, self.height - (op.top + op.size * 0.8), op.text)
            canvas.showPage()
        canvas.save()
        return buffer.getvalue()
