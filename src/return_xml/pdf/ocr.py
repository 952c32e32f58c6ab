"""The OCR decoder: pages without a text layer read by Tesseract, as the same ``RawPage`` as the others.

``open_pdf(..., ocr="auto")`` (the default) hands here every page that has no
text: each is drawn by PDFium at the scan's own resolution (between
``MIN_DPI`` and ``MAX_DPI``), straightened and cleaned (``pdf/scan_image.py``),
and recognised by Tesseract 5 (``pdf/ocr_engine.py``: tesserocr, models kept
loaded; the language data from apt).  Each word becomes characters with boxes in PDF points and the word's
confidence (0-100), so the shared code (``pdf/decoding.py``) groups them into
phrases as it does for a text layer, and every value read keeps the lowest
confidence of its characters (``Source.confidence``).  The ruled lines of the
page become its rectangles: the cells of a table, rebuilt (``pdf/scan_cells.py``).

Why not trust Tesseract's words as they come:

- a figure it is unsure of is read again alone, with digits only, and the
  better-trusted reading is kept (``recognise_figure``);
- words of one Tesseract line that stand close together are one phrase (a
  space character is put between them, as a text layer has), words far apart
  (table columns, tab stops) are not.

Pages are recognised two at a time (``WORKERS``), each drawn by the thread that
recognises it: Tesseract releases the GIL while it recognises, so threads are
enough, and at most two pages are in memory at once.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from return_xml.errors import InputError
from return_xml.model.values import Box
from return_xml.pdf.decoding import Char, RawPage
from return_xml.pdf.ocr_modes import DEFAULT_MODE, MODES, needs_ocr  # noqa: F401  (their home before; re-exported)
from return_xml.pdf.wide_chars import is_ideograph, is_wide

if TYPE_CHECKING:
    from PIL import Image  # for types only: Pillow is loaded lazily, when a page is read by OCR

NAME = "ocr"
# Scans are drawn at their own resolution within these bounds: below 200 dpi
# Tesseract loses small digits; above 300 it only gets slower.
MIN_DPI = 200
MAX_DPI = 300
# Pages recognised at once (the machines this runs on have two cores).
WORKERS = 2
# Seconds one Tesseract run may take before the page is given up.
PAGE_TIMEOUT = 60
# A figure read with less confidence than this is read again alone with digits only (the
# verdict's threshold, rules/reading.py: a figure above it is trusted as it is).
RECHECK_CONFIDENCE = 80.0
# Characters a cell border is read as, when it is too short to be found as a rule.
_BORDER_GLYPHS = "|[]¦"
# ... or as an "l" stuck to the word after it: "lType" (no English word starts "l" + capital).
_BORDER_BEFORE_CAPITAL = re.compile(r"^l(?=[A-Z])")
# Words of a line closer than this many line heights are one phrase.
PHRASE_GAP = 0.8
# The languages: Chinese returns print English too; an English page gains nothing from Chinese.
ENGLISH = "eng"
CHINESE = "chi_tra+eng"
# A return is Chinese when at least this share of the characters recognised at the top of its first page are CJK.
CJK_SHARE = 0.05
# The share of the first page's height (from the top) read to tell the language.
LANGUAGE_STRIP = 0.3
# What a figure may hold: the digits-only second reading is limited to these.
FIGURE_CHARACTERS = "0123456789,.()-"
_FIGURE = re.compile(r"^[(（]?-?\d[\d,]*(?:\.\d+)?[)）]?$")

_TESSERACT_ENV_LOCK = threading.Lock()


@dataclass(frozen=True)
class Word:
    """One word as Tesseract read it: text, box in points (x0, top, x1, bottom), confidence 0-100, line key."""

    text: str
    box: tuple[float, float, float, float]
    confidence: float
    line: tuple[int, int, int]


def recognise(path: Path, indexes: Sequence[int], password: str | None = None) -> dict[int, RawPage]:
    """The pages at ``indexes`` (0-based) of the PDF at ``path``, recognised: index -> page."""
    from return_xml.pdf import ocr_engine  # imported here: only scanned pages need Tesseract

    if not ocr_engine.tesserocr_available():
        try:
            import pytesseract  # noqa: F401  (the fallback: the tesseract program)
        except ImportError as err:  # pragma: no cover - a dependency of the package
            raise InputError("OCR needs tesserocr (pip install return-xml)", file=path) from err
    _limit_threads()
    from return_xml.isolation import more_time_for

    more_time_for(len(indexes))  # in a worker: its deadline grows with the pages to recognise
    with _Drawing(path, password) as drawing:
        try:
            first = drawing.drawn(indexes[0])
            language = _language(first)
            first_of: dict[int, _Drawn | None] = {indexes[0]: first}

            def page(index: int) -> RawPage:
                # Why each task draws its own page: a 300 dpi page is 9 MB as drawn and more
                # while cleaned; drawing all of them first held every one till the end.
                return _recognised_page(first_of.pop(index, None) or drawing.drawn(index), language)

            with ThreadPoolExecutor(max_workers=WORKERS) as pool:
                return dict(zip(indexes, pool.map(page, indexes)))
        except RuntimeError as err:  # Tesseract: a timeout or a failed run
            raise InputError(f"OCR failed: {err}", file=path) from err


def _language(drawn: _Drawn) -> str:
    """English, or Chinese with English: read from the top of the first page (its title) with both.

    Why the top only: the title of every edition names the form, in Chinese on a Chinese
    return, and a strip is read in a fraction of the time of a page.
    """
    from return_xml.pdf import ocr_engine

    image = drawn.image
    strip = image.crop((0, 0, image.width, int(image.height * LANGUAGE_STRIP)))
    text = "".join(ocr_engine.text(strip, CHINESE, psm=3, timeout=PAGE_TIMEOUT).split())
    return CHINESE if text and sum(map(is_ideograph, text)) / len(text) >= CJK_SHARE else ENGLISH


def _limit_threads() -> None:
    # Why: a Tesseract built with OpenMP (the apt program, the pytesseract fallback) starts one
    # thread per core for each run; two runs at once would then share two cores among four
    # threads and both go slower.  (The tesserocr wheel's libtesseract has no OpenMP.)
    with _TESSERACT_ENV_LOCK:
        os.environ.setdefault("OMP_THREAD_LIMIT", "1")


@dataclass(frozen=True)
class _Drawn:
    image: Image.Image  # a Pillow image of the page
    width: float  # page size in points
    height: float
    pixels_per_point: float


class _Drawing:
    """The PDF open for drawing its pages, one at a time (PDFium is not thread-safe)."""

    def __init__(self, path: Path, password: str | None) -> None:
        self.path, self.password = path, password

    def __enter__(self) -> _Drawing:
        import pypdfium2

        from return_xml.pdf.pdfium import PDFIUM_LOCK

        with PDFIUM_LOCK:
            self.document = pypdfium2.PdfDocument(str(self.path), password=self.password)
        return self

    def __exit__(self, *exc_info: object) -> None:
        from return_xml.pdf.pdfium import PDFIUM_LOCK

        with PDFIUM_LOCK:
            self.document.close()

    def drawn(self, index: int) -> _Drawn:
        """The page at ``index`` drawn in grey at its scan's resolution."""
        from return_xml.pdf.pdfium import PDFIUM_LOCK

        with PDFIUM_LOCK:
            page = self.document[index]
            width, height = page.get_size()
            scale = _scan_dpi(page, width) / 72.0
            image = page.render(scale=scale, grayscale=True).to_pil()
            page.close()
        return _Drawn(image, float(width), float(height), scale)


def _scan_dpi(page, page_width: float) -> int:
    """The resolution of the page's largest image, within MIN_DPI..MAX_DPI (MAX_DPI without an image)."""
    import pypdfium2.raw as raw

    best = 0.0
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        try:
            pixels_wide, _ = obj.get_px_size()
            left, _, right, _ = obj.get_pos()
        except Exception:  # an image PDFium cannot measure: skip it
            continue
        if right - left > page_width / 2:
            best = max(best, pixels_wide / ((right - left) / 72.0))
    return int(min(MAX_DPI, max(MIN_DPI, best))) if best else MAX_DPI


def _recognised_page(drawn: _Drawn, language: str) -> RawPage:
    from return_xml.pdf import ocr_engine, ocr_lines, scan_cells, scan_image

    prepared = scan_image.prepared(drawn.image)
    horizontal, vertical = scan_image.rules(prepared.image, drawn.pixels_per_point)
    text_only = scan_image.without_rules(prepared.image, horizontal + vertical, drawn.pixels_per_point)
    first = _words(text_only, language, drawn.pixels_per_point)
    words = ocr_lines.reread(text_only, first, drawn.pixels_per_point, lambda crop, psm: ocr_engine.recognised(crop, language, psm=psm, timeout=PAGE_TIMEOUT))
    words = [_rechecked(text_only, word, drawn.pixels_per_point) for word in words]
    rects = scan_cells.cells(horizontal, vertical) + horizontal + vertical
    return RawPage(drawn.width, drawn.height, _chars(words, vertical), rects)


def _words(image, language: str, pixels_per_point: float) -> list[Word]:
    from return_xml.pdf import ocr_engine

    data = ocr_engine.recognised(image, language, psm=3, timeout=PAGE_TIMEOUT)
    return [Word(text, box, confidence, (data["block_num"][k], data["par_num"][k], data["line_num"][k]))
            for k, text, confidence, box in recognised_words(data, 0, 0, pixels_per_point)]


def recognised_words(data: dict[str, list], left: int, top: int, pixels_per_point: float) -> Iterator[tuple[int, str, float, Box]]:
    """The words of Tesseract's ``data`` (of an image drawn at ``left``, ``top`` pixels of its page):
    index, cleaned text, confidence and box in PDF points; empty and non-word entries left out."""
    for k, raw in enumerate(data["text"]):
        text = cleaned_word(raw)
        confidence = float(data["conf"][k])
        if not text or confidence < 0:
            continue
        x0 = (left + data["left"][k]) / pixels_per_point
        y0 = (top + data["top"][k]) / pixels_per_point
        yield k, text, confidence, (x0, y0, x0 + data["width"][k] / pixels_per_point, y0 + data["height"][k] / pixels_per_point)


def cleaned_word(text: str) -> str:
    """A word as Tesseract gave it, without the cell-border glyphs at its ends."""
    # Why: a piece of a cell border too short to be found as a rule is read as "|" or "["; it
    # is no text, and left in a line it makes the line as tall as the cell (see ``_chars``).
    return _BORDER_BEFORE_CAPITAL.sub("", text.strip().strip(_BORDER_GLYPHS))


def _rechecked(image, word: Word, pixels_per_point: float) -> Word:
    """A figure read with low confidence, read again alone with digits only; the better-trusted reading."""
    if word.confidence >= RECHECK_CONFIDENCE or not any(ch.isdigit() for ch in word.text):
        return word
    second = recognise_figure(image, word.box, pixels_per_point)
    if second is not None and second.confidence > word.confidence and _FIGURE.match(second.text):
        return Word(second.text, word.box, second.confidence, word.line)
    return word


def recognise_figure(image, box: tuple[float, float, float, float], pixels_per_point: float) -> Word | None:
    """The text in ``box`` (points) of ``image`` read as one line of figure characters only."""
    from return_xml.pdf import ocr_engine

    pad = 3 * pixels_per_point
    x0, top, x1, bottom = (int(v * pixels_per_point) for v in box)
    crop = image.crop((max(0, int(x0 - pad)), max(0, int(top - pad)), int(x1 + pad), int(bottom + pad)))
    data = ocr_engine.recognised(crop, ENGLISH, psm=7, timeout=PAGE_TIMEOUT, whitelist=FIGURE_CHARACTERS)
    found = [(t.strip(), float(c)) for t, c in zip(data["text"], data["conf"]) if t.strip() and float(c) >= 0]
    if not found:
        return None
    return Word("".join(t for t, _ in found), box, min(c for _, c in found), (0, 0, 0))


def _chars(words: list[Word], vertical: Sequence[tuple[float, float, float, float]] = ()) -> list[Char]:
    """Words as characters: each word's box shared evenly among its characters, at its line's height.

    Why the line's height: Tesseract's word boxes are ink boxes ("ee" is lower
    than "Balance"), and the shared code cuts lines where tops differ by 2 pt.
    Two words with a ``vertical`` rule between them are in two cells: no space joins them.
    """
    lines: dict[tuple[int, int, int], list[Word]] = {}
    for word in words:
        lines.setdefault(word.line, []).append(word)
    chars: list[Char] = []
    for line in lines.values():
        line.sort(key=lambda w: w.box[0])
        top, bottom = min(w.box[1] for w in line), max(w.box[3] for w in line)
        size = max(1.0, bottom - top)
        previous: Word | None = None
        previous_x1 = 0.0
        for index, word in enumerate(line):
            x0, _, x1, _ = word.box
            if index + 1 < len(line) and line[index + 1].box[0] < x1:
                # Why: Tesseract may give a word a box that runs over the words after it
                # ("2024" wider than "2024年12月"); cut at the next word, or the line's
                # characters would interleave.
                x1 = max(x0 + 0.1, line[index + 1].box[0])
            step = (x1 - x0) / len(word.text)
            first_x0 = x0
            if (previous is not None and word.box[0] - previous_x1 <= PHRASE_GAP * size
                    and not _ruled_between(previous_x1, word.box[0], (top + bottom) / 2, vertical)):
                if is_wide(previous.text[-1]) and is_wide(word.text[0]):
                    # Why: Tesseract cuts Chinese text into "words" ("我 們 在 此"); the form
                    # prints none of those spaces, so the words touch as a text layer's would.
                    first_x0 = min(x0, previous_x1)
                else:
                    chars.append(Char(" ", previous_x1, top, max(previous_x1, x0), bottom, size, confidence=previous.confidence))
            for k, ch in enumerate(word.text):
                left = first_x0 if k == 0 else x0 + k * step
                chars.append(Char(ch, left, top, x0 + (k + 1) * step, bottom, size, confidence=word.confidence))
            previous, previous_x1 = word, x1
    return chars


def _ruled_between(x0: float, x1: float, y: float, vertical: Sequence[tuple[float, float, float, float]]) -> bool:
    """Whether a vertical rule crosses height ``y`` between ``x0`` and ``x1``."""
    return any(x0 - 1 <= (rx0 + rx1) / 2 <= x1 + 1 and top <= y <= bottom for rx0, top, rx1, bottom in vertical)
