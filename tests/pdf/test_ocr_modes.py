"""Which pages `--ocr auto` sends to OCR (pdf/ocr_modes.py): no text layer, or one of unmapped glyphs."""

from __future__ import annotations

from return_xml.pdf.decoding import Char, RawPage
from return_xml.pdf.ocr_modes import needs_ocr


def page(*texts: str) -> RawPage:
    """A page whose characters are the characters (or pdfminer "(cid:N)" glyphs) of ``texts``."""
    chars = []
    for text in texts:
        glyphs = [text] if text.startswith("(cid:") else list(text)
        chars += [Char(g, 10.0 * n, 100.0, 10.0 * n + 5, 109.0, 9.0) for n, g in enumerate(glyphs)]
    return RawPage(595.0, 842.0, chars, [])


def test_a_page_without_text_or_with_blanks_only_is_recognised():
    assert needs_ocr(page()) and needs_ocr(page("   "))


def test_a_page_of_readable_text_keeps_its_text_layer_even_with_a_stray_unmapped_glyph():
    assert not needs_ocr(page("截至月份 31/12/2024"))
    assert not needs_ocr(page("Balance at close of the month 1,000,000", "\ufffd"))


def test_a_page_whose_glyphs_are_mostly_unmapped_is_recognised():
    # A print-to-PDF driver that wrote Chinese fonts without ToUnicode: PDFium decodes U+FFFD,
    # pdfminer "(cid:N)"; only the Latin "FF301" still maps. The page shows text its layer does not hold.
    assert needs_ocr(page("FF301", "\ufffd" * 40))
    assert needs_ocr(page("FF301", *[f"(cid:{n})" for n in range(40)]))
    assert needs_ocr(page("\ue001\ue002\ue003"))  # private-use code points


def test_a_page_whose_letters_come_from_a_lying_map_is_recognised():
    # Ghostscript 10 re-distilling a browser's subset CJK font wrote a ToUnicode map to the glyphs'
    # places in the subset: "上月底結存 4,000,000,000" came out as Latin-1 and Latin Extended letters.
    assert needs_ocr(page("ý}ý\x7f\x7fÛwm\x7fN^\x80Ìþ", "Noß}` 4,000,000,000 0.10", "ooß}` ÞòÿÿĀ Où}"))


def test_a_real_page_with_accented_names_and_latin_1_signs_keeps_its_text_layer():
    assert not needs_ocr(page("Société Générale (Hong Kong) Limited", "Par value ¥1.00 × 1,000 £ 2.5°"))
    assert not needs_ocr(page("本月底結存 Crédit Agricole 1,000,000"))
