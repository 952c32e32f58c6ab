"""The PDF adapter: open a PDF within limits with a decoder (pypdfium2 or pdfplumber), and read text by region."""

from __future__ import annotations

import bisect
import dataclasses
import importlib
import operator
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from return_xml.errors import InputError
from return_xml.model.values import Box
from return_xml.pdf.decoding import (
    DECODERS,
    DEFAULT_DECODER,
    GLYPH_SLACK,
    LIGATURES,
    Char,
    Deferred,
    RawPage,
    dedupe,
    word_text,
    words,
)
from return_xml.pdf.grid import cells_from_strips, is_strip
from return_xml.pdf.limits import Limits
from return_xml.pdf.ocr_modes import DEFAULT_MODE as DEFAULT_OCR_MODE
from return_xml.pdf.ocr_modes import MODES as OCR_MODES
from return_xml.pdf.ocr_modes import needs_ocr
from return_xml.pdf.preflight import PreflightReport, preflight

_X0, _TOP, _X1, _BOTTOM = (operator.attrgetter(name) for name in ("x0", "top", "x1", "bottom"))
_CY_X0 = operator.attrgetter("cy", "x0")
# Characters that XML 1.0 cannot carry (and that no printed form needs).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Phrase:
    """A run of text on one line of a page (words separated by single spaces)."""

    text: str
    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    confidence: float | None = None  # OCR only: the lowest recognition confidence (0-100) of its characters

    @property
    def box(self) -> Box:
        return (self.x0, self.top, self.x1, self.bottom)

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class Page:
    """One page: its characters, its rectangles (form cells) and its phrases.

    ``rects`` may be read on first use (``Deferred``), while the document is open.
    """

    number: int
    width: float
    height: float
    chars: list[Char]
    rects: Sequence[Box]
    phrases: list[Phrase] = field(default_factory=list)
    rotation: int = 0  # the page's /Rotate (coordinates are already those of the rotated page)
    recognised: bool = False  # True when its text was read by OCR (pdf/ocr.py), not from a text layer
    _cells: list[Box] | None = field(default=None, repr=False, compare=False)
    _by_height: tuple | None = field(default=None, repr=False, compare=False)

    def text_in(self, box: Box) -> Phrase | None:
        """The text whose characters have their centre inside ``box``, lines joined by newlines."""
        x0, top, x1, bottom = box
        inside = self._centred_in(x0, top, x1, bottom)
        inked = [c for c in inside if c.text.strip()]
        if not inked:
            return None
        text = "\n".join(_join(line) for line in _lines(inside)).strip()
        return Phrase(text, self.number, min(map(_X0, inked)), min(map(_TOP, inked)), max(map(_X1, inked)), max(map(_BOTTOM, inked)), _confidence(inked))

    def _centred_in(self, x0: float, top: float, x1: float, bottom: float) -> list[Char]:
        """The characters whose centre lies in the box, in page order.

        Readers ask this hundreds of times per page: the characters are indexed
        once by the height of their centre, and only those in the band are looked at.
        """
        chars = self.chars
        key = (id(chars), len(chars))
        if self._by_height is None or self._by_height[0] != key:
            heights = [c.cy for c in chars]
            order = sorted(range(len(chars)), key=heights.__getitem__)
            self._by_height = (key, [heights[i] for i in order], order, [chars[i].cx for i in order])
        _, heights, order, centres = self._by_height
        start, end = bisect.bisect_left(heights, top), bisect.bisect_right(heights, bottom)
        picked = sorted([order[k] for k in range(start, end) if x0 <= centres[k] <= x1])
        return [chars[i] for i in picked]

    def cells(self) -> list[Box]:
        """The form's cells: rectangles that do not enclose another rectangle (computed once).

        A producer that paints borders as thin strips (Chromium) draws no cell rectangle: the
        cells its strips bound take their place (``grid.py``), and the strips are no cells.
        """
        if self._cells is None:
            drawn = set(self.rects)
            strips = {r for r in drawn if is_strip(r)}
            if strips:
                drawn = (drawn - strips) | set(cells_from_strips(sorted(strips)))
            unique = sorted(drawn, key=lambda r: (r[1], r[0]))
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
    line_cy = 0.0  # the middle of the first character of the last line
    for char in sorted(chars, key=_CY_X0):
        cy = char.cy
        if lines and abs(line_cy - cy) <= max(2.0, char.size * 0.3):
            lines[-1].append(char)
        else:
            lines.append([char])
            line_cy = cy
    for line in lines:
        line.sort(key=_X0)
    return lines


def _join(line: list[Char]) -> str:
    parts: list[str] = []
    previous: Char | None = None
    end, glyph = 0.0, False
    for char in line:
        # After a glyph decoded as several characters (same start), the glyph's end is unknown (decoding.py).
        slack = char.size * GLYPH_SLACK if glyph else 0.0
        if previous is not None and char.x0 - end > previous.size * 0.25 + slack:
            parts.append(" ")
        parts.append(char.text)
        glyph = previous is not None and abs(char.x0 - previous.x0) < 0.05
        end = max(end, char.x1) if glyph else char.x1
        previous = char
    return " ".join("".join(parts).split())


@dataclass
class PdfDocument:
    """An opened PDF: its document-information metadata and its pages.

    Close it (or use it as a context manager) when done: the decoder may hold
    the file open for what it reads on first use (a page's rectangles).
    Closing it again does nothing; unclosed, it is closed when collected.
    """

    path: Path
    metadata: dict[str, str]
    pages: list[Page]
    decoder: str = "pdfplumber"  # the name of the decoder that read it (DECODERS)
    release: Callable[[], object] | None = field(default=None, repr=False, compare=False)
    # What the pre-flight found when the file was opened (its page count: api.check_page_count).
    preflight_report: PreflightReport | None = field(default=None, repr=False, compare=False)

    def phrases(self) -> list[Phrase]:
        return [phrase for page in self.pages for phrase in page.phrases]

    def close(self) -> None:
        release, self.release = self.release, None
        if release is not None:
            release()

    def __enter__(self) -> PdfDocument:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def open_pdf(
    path: str | Path, limits: Limits = Limits(), *, decoder: str | None = None, password: str | None = None, ocr: str | None = None
) -> PdfDocument:
    """Read every page of the PDF at ``path``; refuse what is not a readable PDF.

    ``decoder`` names the PDF decoder: ``"pdfium"`` (pypdfium2, the default
    when ``None``) or ``"pdfplumber"`` (the pure-Python reference).  Both give
    the same pages; see docs/performance.md.  ``password`` opens an encrypted PDF.
    ``ocr`` says which pages are recognised by OCR (``pdf/ocr.py``): ``"auto"``
    (the default when ``None``) those without a text layer, ``"always"`` every
    page, ``"never"`` none (a scan then has no text and is refused by the readers).
    """
    mode = DEFAULT_OCR_MODE if ocr is None else ocr
    if mode not in OCR_MODES:
        raise InputError(f"unknown OCR mode {mode!r} (known: {', '.join(OCR_MODES)})", file=path)
    path = Path(path)
    report = preflight(path, limits, password=password, decoder=decoder)  # empty, truncated, bomb, loops, too long, locked: refused first
    name = DEFAULT_DECODER if decoder is None else decoder
    if name not in DECODERS:
        raise InputError(f"unknown PDF decoder {name!r} (known: {', '.join(sorted(DECODERS))})", file=path)
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

    module = importlib.import_module(DECODERS[name])
    decoded = module.decode(path, limits.max_pages, password)
    try:
        scanned = [k for k, raw in enumerate(decoded.pages) if mode == "always" or (mode == "auto" and needs_ocr(raw))]
        recognised = _recognised(path, scanned, password) if scanned else {}
        metadata = {key: _clean(value) for key, value in decoded.metadata.items()}
        pages = [
            _page(number, recognised.get(number - 1, raw), recognised=number - 1 in recognised)
            for number, raw in enumerate(decoded.pages, start=1)
        ]
    except BaseException:
        if decoded.release is not None:
            decoded.release()
        raise
    return PdfDocument(path, metadata, pages, decoder=name, release=decoded.release, preflight_report=report)


def _phrase(number: int, word: list[Char]) -> Phrase | None:
    text = "".join([c.text for c in word])
    if not text.strip():  # blanks only (str.strip and str.split agree on what is blank): no phrase
        return None
    if _LIGATURE_OR_CONTROL.search(text) is not None:  # rare: spelt out and cleaned character by character
        text = _clean(word_text(word))
    text = " ".join(text.split())
    if not text:
        return None
    # The box of a phrase is that of its visible characters: filers pad fields
    # with spaces that would otherwise stretch a phrase into the next column.
    inked = [c for c in word if c.text.strip()]
    return Phrase(text, number, min(map(_X0, inked)), min(map(_TOP, inked)), max(map(_X1, inked)), max(map(_BOTTOM, inked)), _confidence(inked))


def lowest_confidence(phrases: Sequence[Phrase]) -> float | None:
    """The lowest OCR confidence of ``phrases`` (for a phrase made of them); None when none was recognised."""
    found = [p.confidence for p in phrases if p.confidence is not None]
    return min(found) if found else None


def _confidence(chars: list[Char]) -> float | None:
    """The lowest OCR confidence of ``chars``; None for a text layer (its characters carry none)."""
    if chars[0].confidence is None:  # a text layer: every character alike
        return None
    return min(c.confidence for c in chars if c.confidence is not None)


# A character that word_text or _clean would change.
_LIGATURE_OR_CONTROL = re.compile("[" + "".join(LIGATURES) + "\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    # Called for every character of every page: single characters are looked up once.
    cleaned = _CLEANED.get(text)
    if cleaned is None:
        cleaned = _CONTROL.sub("", text)
        if len(text) == 1:
            _CLEANED[text] = cleaned
    return cleaned


_CLEANED: dict[str, str] = {}


def _recognised(path: Path, indexes: list[int], password: str | None) -> dict[int, RawPage]:
    """The pages at ``indexes`` recognised by OCR (the decoder is imported only when a page needs it)."""
    from return_xml.pdf import ocr

    return ocr.recognise(path, indexes, password)


def _page(number: int, raw: RawPage, *, recognised: bool = False) -> Page:
    # Bold headings of some filings are drawn by printing each character 2-4
    # times at (almost) the same place: keep one of each, for every reader.
    unique = dedupe(raw.chars)
    phrases = [phrase for word in words(unique) if (phrase := _phrase(number, word)) is not None]
    return Page(
        number, raw.width, raw.height, _cleaned(unique), Deferred(lambda: _rounded(raw.rects)), phrases,
        rotation=raw.rotation, recognised=recognised,
    )


def _cleaned(chars: list[Char]) -> list[Char]:
    """The characters with what XML cannot carry removed, and those left without text dropped."""
    texts = [c.text for c in chars]
    if "" not in texts and _CONTROL.search("".join(texts)) is None:
        return list(chars)  # nearly always: nothing to clean
    return [c if text == c.text else dataclasses.replace(c, text=text) for c in chars if (text := _clean(c.text))]


def _rounded(rects: Sequence[Box]) -> list[Box]:
    return [(round(r[0], 1), round(r[1], 1), round(r[2], 1), round(r[3], 1)) for r in rects]
