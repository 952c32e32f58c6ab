"""The pypdfium2 decoder (PDFium, compiled): the default, 10-30x faster than pdfminer.

Raw extraction only (characters, rectangles, page size, metadata); the PDF
layer does the rest (``pdf/decoding.py``).  Its boxes are built to be those
pdfminer gives, not PDFium's own: readers and the golden files were written
against pdfminer's boxes, which are font-metric boxes, not ink boxes:

- a character's box runs from its origin over its advance width, and from the
  font's descent below the baseline up to one em (font size) above that,
  mapped through the character's text matrix (all four corners: slanted
  text widens the box), like pdfminer's ``LTChar``;
- its size is the height of that box (pdfminer's ``LTChar.size``);
- a rectangle is a painted subpath of four straight axis-parallel sides
  (``re``, or ``m l l l h``), like pdfminer's ``LTRect``;
- coordinates get pdfminer's page transform (``/Rotate``, MediaBox origin)
  and pdfplumber's flip to a top-left origin.

PDFium computes in single precision: its coordinates differ from pdfminer's
in the 5th significant digit, below the 1/100 point the model keeps, except
for a value that falls right on a rounding boundary.

This module opens the document and each page; the work is done by
``pdf/pdfium_calls.py`` (the ctypes layer), ``pdf/pdfium_text.py`` (text runs)
and ``pdf/pdfium_rects.py`` (rectangles).
"""

from __future__ import annotations

import ctypes
from pathlib import Path

from return_xml.errors import InputError
from return_xml.pdf.decoding import Decoded, Deferred, RawPage
from return_xml.pdf.pdfium_calls import (
    PDFIUM_LOCK,
    Flip,
    Matrix,
    address_of,
    pdfium_calls,
)
from return_xml.pdf.pdfium_rects import rects_of
from return_xml.pdf.pdfium_text import find_text_objects, page_chars

__all__ = ["METADATA_KEYS", "NAME", "PDFIUM_LOCK", "decode"]

NAME = "pdfium"

# Document-information keys asked for (PDFium reads keys by name and cannot
# list them): the standard ones and the one the FF301 e-form software adds.
METADATA_KEYS = ("Title", "Author", "Subject", "Keywords", "Creator", "Producer", "CreationDate", "ModDate", "ReleaseVersion")


def decode(path: Path, max_pages: int, password: str | None = None) -> Decoded:
    """Decode every page of the PDF at ``path``; refuse more than ``max_pages`` pages.

    The rectangles of a page are read when first asked for (only the FF301
    reader uses them, and on a legacy form they cost more than the text): the
    PDFium document stays open until ``Decoded.release`` is called.
    """
    with PDFIUM_LOCK:
        return _decode(path, max_pages, password)


def _decode(path: Path, max_pages: int, password: str | None) -> Decoded:
    import pypdfium2  # imported here: only this decoder needs it

    try:
        document = pypdfium2.PdfDocument(str(path), password=password)
    except pypdfium2.PdfiumError as err:
        text = str(err)
        if "password" in text.lower():
            raise InputError("encrypted PDF: the password is missing or wrong", file=path) from err
        raise InputError(f"damaged PDF: {text}", file=path) from err
    decoded = None
    try:
        if len(document) > max_pages:
            raise InputError(f"more than {max_pages} pages", file=path)
        decoded = Decoded(_metadata(document), [_page(document, index, path) for index in range(len(document))], release=_closer(document))
        return decoded
    except InputError:
        raise
    except Exception as err:  # no PDFium failure may escape as a traceback
        raise InputError(f"unreadable PDF: {type(err).__name__}: {err}", file=path) from err
    finally:
        if decoded is None:
            document.close()


def _closer(document):
    def close() -> None:
        with PDFIUM_LOCK:
            document.close()

    return close


def _metadata(document) -> dict[str, str]:
    import pypdfium2.raw as raw

    metadata = {}
    for key in METADATA_KEYS:
        size = raw.FPDF_GetMetaText(document.raw, key.encode("ascii"), None, 0)
        if size <= 2:  # only the UTF-16 terminator: absent or empty
            continue
        buffer = ctypes.create_string_buffer(size)
        raw.FPDF_GetMetaText(document.raw, key.encode("ascii"), buffer, size)
        metadata[key] = buffer.raw[: size - 2].decode("utf-16-le", errors="replace")
    return metadata


def _page(document, index: int, path: Path) -> RawPage:
    calls = pdfium_calls()
    page = document[index]
    rotation = page.get_rotation() % 360
    x0, y0, x1, y1 = page.get_mediabox()
    x0, x1 = sorted((x0, x1))
    y0, y1 = sorted((y0, y1))
    # pdfminer's page transform (pdfinterp.process_page), then pdfplumber's
    # flip: y_top = height - y + mb_top, x = x + mb_left.
    if rotation == 90:
        ctm: Matrix = (0, -1, 1, 0, -y0, x1)
    elif rotation == 180:
        ctm = (-1, 0, 0, -1, x1, y1)
    elif rotation == 270:
        ctm = (0, 1, -1, 0, y1, -x0)
    else:
        ctm = (1, 0, 0, 1, -x0, -y0)
    if rotation in (90, 270):
        x0, y0, x1, y1 = y0, x0, y1, x1
    width, height = x1 - x0, y1 - y0
    flip = Flip(ctm, height, -y0, x0)
    handle = address_of(page.raw)
    # Points are taken to pdfminer's layout space first (the page transform
    # is in every matrix): its rectangle rule, and which corners make a box, apply there.
    text_objects = find_text_objects(calls, handle, ctm)
    textpage = page.get_textpage()
    try:
        chars = page_chars(calls, address_of(textpage.raw), flip, text_objects)
    finally:
        textpage.close()
    return RawPage(width, height, chars, Deferred(lambda: rects_of(page, flip, path)), rotation)
