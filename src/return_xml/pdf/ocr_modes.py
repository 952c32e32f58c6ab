"""Which pages go to OCR: the modes of ``--ocr`` and the test of a page without a text layer.

Apart from ``pdf/ocr.py`` so that opening a text-layer PDF decides "no page
needs OCR" without importing the OCR decoder and its thread pool (issue 18:
bulk must not get slower on text-layer files because OCR exists).
"""

from __future__ import annotations

import re

from return_xml.pdf.decoding import RawPage

MODES = ("auto", "always", "never")
DEFAULT_MODE = "auto"

# What a decoder gives for a glyph its font cannot map to a character (a font without ToUnicode,
# as some print-to-PDF drivers write Chinese): PDFium U+FFFD, pdfminer "(cid:N)"; and private-use
# or control code points, which no return prints.
_UNMAPPED = re.compile(r"\(cid:\d+\)|[\ufffd\ue000-\uf8ff\x00-\x08\x0e-\x1f]")
_INK = re.compile(r"\S")
# Why half: such a page still maps its Latin digits and letters ("FF301" above a title of U+FFFD);
# a real text layer has no unmapped character at all, or a stray one.
UNMAPPED_SHARE = 0.5

# A ToUnicode map that lies (a re-distiller's, for a subset CJK font) maps the glyphs to the codes
# of their places in the subset: Latin-1 and Latin Extended letters and C1 controls ("上月底結存"
# read "Noß}`", "ýÛ¡o\x8b×").  A return prints such letters only in a stray name ("Société"); the
# currency signs and marks of Latin-1 ("¥", "£", "°", "×") are not counted.
_MISMAPPED = re.compile(r"[\x7f-\x9f\xc0-\xd6\xd8-\xf6\xf8-\u024f]")
_LETTER = re.compile(r"[^\W\d_]")
# Why half: on such a page the lying letters are two in three or more of all its letters (some
# ASCII letters come out of the same map); a real page, English or Chinese, has next to none.
MISMAPPED_SHARE = 0.5


def needs_ocr(page: RawPage) -> bool:
    """True for a page that shows no text through its text layer: none at all (a scan), text whose
    characters are mostly unmapped glyphs, or letters mostly of a lying map (``_MISMAPPED``).
    These are what ``auto`` recognises."""
    text = "".join([c.text for c in page.chars])
    if _UNMAPPED.search(text) is None and _MISMAPPED.search(text) is None:  # nearly every page: in C
        return not text.strip()
    unmapped = _UNMAPPED.findall(text)
    glyphs = len(_INK.findall(text)) - sum(len(m) - 1 for m in unmapped)  # "(cid:12)" is one glyph
    if unmapped and len(unmapped) >= UNMAPPED_SHARE * glyphs:
        return True
    mismapped = len(_MISMAPPED.findall(text))
    return mismapped > 0 and mismapped >= MISMAPPED_SHARE * len(_LETTER.findall(text))
