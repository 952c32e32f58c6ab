"""A thin adapter over pdfplumber: open a PDF within limits, and read text by region."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from return_xml.errors import InputError
from return_xml.model.values import Box

# Characters that XML 1.0 cannot carry (and that no printed form needs).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Limits:
    """Bounds for untrusted PDFs: a monthly return is about ten pages and well under 5 MB."""

    max_bytes: int = 50 * 1024 * 1024
    max_pages: int = 200


@dataclass(frozen=True)
class Char:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True)
class Phrase:
    """A run of text on one line of a page (words separated by single spaces)."""

    text: str
    page: int
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def box(self) -> Box:
        return (self.x0, self.top, self.x1, self.bottom)

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class Page:
    """One page: its characters, its rectangles (form cells) and its phrases."""

    number: int
    width: float
    height: float
    chars: list[Char]
    rects: list[Box]
    phrases: list[Phrase] = field(default_factory=list)
    _cells: list[Box] | None = field(default=None, repr=False, compare=False)

    def text_in(self, box: Box) -> Phrase | None:
        """The text whose characters have their centre inside ``box``, lines joined by newlines."""
        x0, top, x1, bottom = box
        inside = [c for c in self.chars if x0 <= c.cx <= x1 and top <= c.cy <= bottom]
        inked = [c for c in inside if c.text.strip()]
        if not inked:
            return None
        text = "\n".join(_join(line) for line in _lines(inside)).strip()
        return Phrase(
            text,
            self.number,
            min(c.x0 for c in inked),
            min(c.top for c in inked),
            max(c.x1 for c in inked),
            max(c.bottom for c in inked),
        )

    def cells(self) -> list[Box]:
        """The form's cells: rectangles that do not enclose another rectangle (computed once)."""
        if self._cells is None:
            unique = sorted(set(self.rects), key=lambda r: (r[1], r[0]))
            self._cells = [r for r in unique if not any(o != r and _encloses(r, o) for o in unique)]
        return self._cells


def _encloses(outer: Box, inner: Box, slack: float = 0.5) -> bool:
    return (
        outer[0] - slack <= inner[0]
        and outer[1] - slack <= inner[1]
        and inner[2] <= outer[2] + slack
        and inner[3] <= outer[3] + slack
        and (inner[2] - inner[0]) * (inner[3] - inner[1]) < (outer[2] - outer[0]) * (outer[3] - outer[1]) - 1
    )


def _lines(chars: list[Char]) -> list[list[Char]]:
    """Group characters into lines by the middle of their height."""
    lines: list[list[Char]] = []
    for char in sorted(chars, key=lambda c: (c.cy, c.x0)):
        if lines and abs(lines[-1][0].cy - char.cy) <= max(2.0, char.size * 0.3):
            lines[-1].append(char)
        else:
            lines.append([char])
    return [sorted(line, key=lambda c: c.x0) for line in lines]


def _join(line: list[Char]) -> str:
    parts: list[str] = []
    previous: Char | None = None
    for char in line:
        if previous is not None and char.x0 - previous.x1 > previous.size * 0.25:
            parts.append(" ")
        parts.append(char.text)
        previous = char
    return " ".join("".join(parts).split())


@dataclass
class PdfDocument:
    """An opened PDF: its document-information metadata and its pages."""

    path: Path
    metadata: dict[str, str]
    pages: list[Page]

    def phrases(self) -> list[Phrase]:
        return [phrase for page in self.pages for phrase in page.phrases]


def open_pdf(path: str | Path, limits: Limits = Limits()) -> PdfDocument:
    """Read every page of the PDF at ``path``; refuse what is not a readable PDF."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as err:
        raise InputError(f"cannot read file: {err.strerror}", file=path) from err
    if size == 0:
        raise InputError("empty file (0 bytes)", file=path)
    if size > limits.max_bytes:
        raise InputError(f"file larger than {limits.max_bytes} bytes", file=path)
    with path.open("rb") as handle:
        head = handle.read(1024)
    if b"%PDF-" not in head:
        raise InputError("not a PDF (no %PDF- header)", file=path, text=head[:40].decode("latin-1"))

    import pdfplumber  # imported here: it is slow to import and only the PDF path needs it
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    try:
        with pdfplumber.open(path) as pdf:
            if len(pdf.pages) > limits.max_pages:
                raise InputError(f"more than {limits.max_pages} pages", file=path)
            metadata = {str(k): _clean(str(v)) for k, v in (pdf.metadata or {}).items() if isinstance(v, (str, bytes, int, float))}
            pages = [_page(number, page) for number, page in enumerate(pdf.pages, start=1)]
    except InputError:
        raise
    except (PDFSyntaxError, PSException) as err:
        raise InputError(f"damaged PDF: {err}", file=path) from err
    except Exception as err:  # pdfminer raises many kinds on broken files; none may escape as a traceback
        raise InputError(f"unreadable PDF: {type(err).__name__}: {err}", file=path) from err
    return PdfDocument(path, metadata, pages)


def _phrase(number: int, word: dict) -> Phrase:
    # The box of a phrase is that of its visible characters: filers pad fields
    # with spaces that would otherwise stretch a phrase into the next column.
    inked = [c for c in word["chars"] if c["text"].strip()]
    return Phrase(
        " ".join(_clean(word["text"]).split()),
        number,
        float(min(c["x0"] for c in inked)),
        float(min(c["top"] for c in inked)),
        float(max(c["x1"] for c in inked)),
        float(max(c["bottom"] for c in inked)),
    )


def _clean(text: str) -> str:
    return _CONTROL.sub("", text)


def _page(number: int, page) -> Page:
    # Bold headings of some filings are drawn by printing each character 2-4
    # times at (almost) the same place: keep one of each, for every reader.
    page = page.dedupe_chars(tolerance=1)
    chars = [
        Char(_clean(c["text"]), float(c["x0"]), float(c["top"]), float(c["x1"]), float(c["bottom"]), float(c.get("size", 9.0)))
        for c in page.chars
        if c.get("text")
    ]
    rects = [
        (round(float(r["x0"]), 1), round(float(r["top"]), 1), round(float(r["x1"]), 1), round(float(r["bottom"]), 1))
        for r in page.rects
    ]
    words = page.extract_words(keep_blank_chars=True, x_tolerance=1.5, y_tolerance=2, return_chars=True)
    phrases = [_phrase(number, word) for word in words if word["text"].strip()]
    return Page(number, float(page.width), float(page.height), [c for c in chars if c.text], rects, phrases)
