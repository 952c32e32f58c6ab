"""Which pages go to OCR: the modes of ``--ocr`` and the test of a page without a text layer.

Apart from ``pdf/ocr.py`` so that opening a text-layer PDF decides "no page
needs OCR" without importing the OCR decoder and its thread pool (issue 18:
bulk must not get slower on text-layer files because OCR exists).
"""

from __future__ import annotations

from return_xml.pdf.decoding import RawPage

MODES = ("auto", "always", "never")
DEFAULT_MODE = "auto"


def needs_ocr(page: RawPage) -> bool:
    """True for a page with no text in its text layer (a scan): what ``auto`` recognises."""
    return not any(c.text.strip() for c in page.chars)
