"""Constructed FF301 pages: an e-form-like ``PdfDocument`` from a compact description.

The e-form server lays every edition out the same way: A4 landscape, "FF301"
at the top and "Page n of m  v1.0.2" at the bottom of each page, section
headings, class blocks of ruled label/value cells, ruled tables whose columns
are named by header cells, and free label/value lines.  ``Form`` writes those
elements top to bottom, as characters (for ``Page.text_in``), phrases (one per
line of a cell) and rectangles (the cells), so that the reader meets what
pdfplumber gives it for a real filing, without a PDF in between.

    form = Form("1.0.2")
    form.heading("II. Movements in Issued Shares")
    form.block(["1. Class of shares", "Ordinary shares", "Type of shares", "Not applicable"])
    form.table(None, [["Balance at close of preceding month", "1,000"]], widths=[220, 180])
    document = form.document()

Text wider than its cell wraps onto further lines of the cell, as the e-form
wraps long values.  Widths are in points; the content runs from x = 20.7 to
798.5 like the e-form's.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from return_xml.pdf.document import Char, Page, PdfDocument, Phrase

WIDTH, HEIGHT = 841.89, 595.28
LEFT, RIGHT = 20.7, 798.5
SIZE = 9.0  # font size of every character
LINE = 10.8  # distance between the lines of a cell
ROW = 18.1  # height of a one-line cell
_BOTTOM = 530.0  # content must end above the footer
_NUMBER_WIDTH = 17.0  # the item number cell ("1).") of a numbered table row
_CJK = re.compile(r"[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]")


def _advance(ch: str) -> float:
    if ch == " ":
        return 2.5  # wider than a quarter of the font size: read back as a space
    if _CJK.match(ch) or unicodedata.east_asian_width(ch) in "WF":
        return SIZE
    return 4.0


def text_width(text: str) -> float:
    return sum(_advance(ch) for ch in text)


def _wrap(text: str, width: float) -> list[str]:
    """``text`` cut into lines no wider than ``width`` (at spaces; CJK anywhere)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for token in re.findall(r"[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]|\S+|\s+", paragraph):
            candidate = line + token
            if line.strip() and text_width(candidate.rstrip()) > width:
                lines.append(line.rstrip())
                line = token.lstrip()
            else:
                line = candidate
        lines.append(line.rstrip())
    return lines


class _Sheet:
    """One page being written."""

    def __init__(self, number: int) -> None:
        self.number = number
        self.chars: list[Char] = []
        self.phrases: list[Phrase] = []
        self.rects: list[tuple[float, float, float, float]] = []

    def write(self, x: float, top: float, text: str) -> None:
        """One phrase and its characters, starting at ``x``."""
        if not text:
            return
        start = x
        for ch in text:
            step = _advance(ch)
            if ch != " ":
                self.chars.append(Char(ch, x, top, x + step, top + SIZE, SIZE))
            x += step
        self.phrases.append(Phrase(text, self.number, start, top, x, top + SIZE))

    def cell(self, x0: float, top: float, x1: float, bottom: float, lines: list[str]) -> None:
        self.rects.append((round(x0, 1), round(top, 1), round(x1, 1), round(bottom, 1)))
        for n, line in enumerate(lines):
            self.write(x0 + 1.4, top + 4.5 + n * LINE, line)


class Form:
    """An FF301 return being laid out, element by element, from the top of page 1."""

    def __init__(self, version: str, *, metadata: dict[str, str] | None = None, title: str | None = None) -> None:
        self.version = version
        self.metadata = metadata or {}
        self.sheets: list[_Sheet] = []
        self.new_page()
        self.line((22.1, title or "Monthly Return for Equity Issuer and Hong Kong Depositary Receipts listed under "
                   "Chapter 19B of the Exchange Listing Rules on Movements in Securities"))

    # -- pages ---------------------------------------------------------------

    @property
    def sheet(self) -> _Sheet:
        return self.sheets[-1]

    def new_page(self) -> Form:
        self.sheets.append(_Sheet(len(self.sheets) + 1))
        self.sheet.write(761.6, 21.0, "FF301")
        self.y = 50.0
        return self

    def _room(self, height: float) -> float:
        """The top of an element ``height`` high; an element that does not fit is a mistake in the test."""
        if self.y + height > _BOTTOM:
            raise ValueError(f"page {self.sheet.number} is full at y={self.y:.0f}: call new_page() before this element")
        top = self.y
        self.y += height
        return top

    def gap(self, points: float = 8.0) -> Form:
        self.y += points
        return self

    # -- elements ------------------------------------------------------------

    def line(self, *parts: tuple[float, str]) -> Form:
        """Free phrases on one line, each at its x (a label and its value, a total line)."""
        top = self._room(LINE + 8.0)
        for x, text in parts:
            self.sheet.write(x, top, text)
        return self

    def heading(self, text: str, not_applicable: str | None = None) -> Form:
        """A section heading, with the form's 'Not applicable' mark beside it when given."""
        self.gap(6.0)
        parts = [(23.5, text)]
        if not_applicable:
            parts.append((30.0 + text_width(text) + 10.0, not_applicable))
        return self.line(*parts)

    def row(self, cells: list[str], widths: list[float] | None = None) -> Form:
        """One row of ruled cells, left to right from the left margin; long text wraps in its cell."""
        widths = widths or [(RIGHT - LEFT) / len(cells)] * len(cells)
        if len(widths) != len(cells):
            raise ValueError(f"{len(cells)} cells but {len(widths)} widths")
        wrapped = [_wrap(text, width - 3.0) if text else [] for text, width in zip(cells, widths)]
        height = max(ROW, max((len(lines) for lines in wrapped), default=1) * LINE + 7.3)
        top = self._room(height)
        x = LEFT
        for lines, width in zip(wrapped, widths):
            self.sheet.cell(x, top, x + width, top + height, lines)
            x += width
        return self

    def block(self, *rows: list[str], widths: list[list[float]] | None = None) -> Form:
        """A class block: rows of label/value cells (``1. Class of shares``, ``Ordinary shares`` ...)."""
        for n, cells in enumerate(rows):
            self.row(cells, widths[n] if widths else _block_widths(len(cells)))
        return self

    def table(
        self,
        header: list[str] | None,
        rows: list[list[str]],
        widths: list[float],
        *,
        numbered: bool = False,
    ) -> Form:
        """A ruled table: header cells naming the columns, then rows.

        A ``numbered`` table's rows start with an item number (``1).``) in its
        own cell carved from the first column, as the III tables print it.
        """
        if header is not None:
            self.row(header, widths)
        for cells in rows:
            if numbered:
                self.row(cells, [_NUMBER_WIDTH, widths[0] - _NUMBER_WIDTH, *widths[1:]])
            else:
                self.row(cells, widths)
        return self

    # -- the result ------------------------------------------------------------

    def document(self) -> PdfDocument:
        pages = []
        count = len(self.sheets)
        for sheet in self.sheets:
            sheet.write(390.7, 541.5, f"Page {sheet.number} of {count}")
            sheet.write(763.8, 541.5, "v")
            sheet.write(770.5, 541.5, self.version)
            pages.append(Page(sheet.number, WIDTH, HEIGHT, sheet.chars, sheet.rects, sorted(sheet.phrases, key=lambda p: (p.top, p.x0))))
        return PdfDocument(Path(f"constructed-FF301-v{self.version}.pdf"), dict(self.metadata), pages)


def _block_widths(n: int) -> list[float]:
    """The e-form's class block: label 119, value 147, label 85, then the rest."""
    if n == 6:
        return [119.0, 147.4, 85.1, 150.2, 127.6, 148.6]
    if n == 4:
        return [119.0, 147.4, 85.1, 426.3]
    if n == 2:
        return [229.6, 548.2]
    return [(RIGHT - LEFT) / n] * n


# -- pieces every constructed return shares -----------------------------------


def header(form: Form, *, issuer: str, month_ended: str, submitted: str, status: str = "New Submission") -> Form:
    """The first lines of page 1 in English: period, status, issuer, date submitted."""
    form.line((22.1, "For the month ended:"), (136.9, month_ended), (621.7, "Status:"), (658.2, status))
    form.line((22.1, "To : Hong Kong Exchanges and Clearing Limited"))
    form.line((22.1, "Name of Issuer:"), (136.9, issuer))
    form.line((22.1, "Date Submitted:"), (136.9, submitted))
    return form


def confirmations(form: Form, *, name: str, title: str) -> Form:
    """Section V with its signatory."""
    form.heading("V. Confirmations")
    form.line((22.1, "Pursuant to Main Board Rule 13.25C / GEM Rule 17.27C, we hereby confirm ..."))
    form.line((22.1, "Submitted by:"), (121.3, name))
    form.line((22.1, "Title:"), (121.3, title))
    form.line((127.0, "(Director, Secretary or other Duly Authorised Officer)"))
    return form
