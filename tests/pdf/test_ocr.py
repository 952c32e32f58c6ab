"""Scanned returns (issue 15): the OCR decoder, its image steps, and the verdict on what it reads.

OCR costs about a second a page, so these tests read one to three pages of the scanned corpus
renditions (the ``scan_excerpt`` fixture) or small images; whole files are measured by ``make bench``.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from PIL import Image, ImageDraw

from return_xml import api
from return_xml.errors import FieldError, InputError, ReturnXmlError
from return_xml.model import Verdict
from return_xml.model.values import Source
from return_xml.pdf import ocr, scan_cells, scan_image
from return_xml.pdf import values as v
from return_xml.pdf.document import Phrase, open_pdf


def _page_image(corpus, points_per_inch: int = 100) -> Image.Image:
    """Page 1 of a text-layer corpus filing, drawn: real form text and rules to straighten."""
    import pypdfium2 as pdfium

    pdf = sorted(corpus.glob("*legacy*_en.pdf"))[0]
    document = pdfium.PdfDocument(str(pdf))
    try:
        return document[0].render(scale=points_per_inch / 72, grayscale=True).to_pil().convert("L")
    finally:
        document.close()


@pytest.mark.parametrize("angle", [0.7, -0.45, 1.6])
def test_skew_is_measured_on_a_rotated_page(corpus, angle):
    tilted = _page_image(corpus).rotate(angle, resample=Image.BICUBIC, fillcolor=255)
    # The rotation that straightens it is the opposite one, to a few hundredths of a degree.
    assert scan_image.skew_angle(tilted) == pytest.approx(-angle, abs=0.06)


def test_a_level_page_is_not_turned(corpus):
    # 0.1 degree moves a row end by 1 pt over an A4 width: within the 2-pt line tolerance of pdf/decoding.py.
    assert abs(scan_image.skew_angle(_page_image(corpus))) <= 0.1


def _ruled_table() -> Image.Image:
    """A 2 x 3 table ruled 1 px thick at 2 px per point, with a word in one cell."""
    image = Image.new("L", (400, 200), 255)
    draw = ImageDraw.Draw(image)
    for y in (20, 80, 140):
        draw.line((20, y, 380, y), fill=0, width=2)
    for x in (20, 140, 260, 380):
        draw.line((x, 20, x, 140), fill=0, width=2)
    draw.text((30, 40), "1,234", fill=0)
    return image


def test_rules_and_cells_of_a_ruled_table():
    horizontal, vertical = scan_image.rules(_ruled_table(), pixels_per_point=2.0)
    assert len(horizontal) == 3 and len(vertical) == 4
    cells = scan_cells.cells(horizontal, vertical)
    assert len(cells) == 6
    # Cells in points: the first spans x 10-70 and y 10-40 (the rules' centres).
    x0, top, x1, bottom = cells[0]
    assert (x0, top, x1, bottom) == pytest.approx((10, 10, 70, 40), abs=1.0)


def test_rules_are_painted_out_and_text_is_kept():
    table = _ruled_table()
    horizontal, vertical = scan_image.rules(table, pixels_per_point=2.0)
    clean = scan_image.without_rules(table, horizontal + vertical, 2.0)
    pixels = clean.load()
    assert pixels[200, 20] == 255 and pixels[20, 100] == 255  # a rule is gone
    assert clean.crop((30, 40, 70, 55)).getextrema()[0] < 128  # the word stays


def test_a_scanned_page_is_recognised_with_boxes_confidences_and_cells(scan_excerpt):
    with open_pdf(scan_excerpt("FF301-v1.2.0_en", 1)) as document:
        page = document.pages[0]
        assert page.recognised
        text = " ".join(p.text for p in page.phrases)
        assert "Movements in Authorised" in text
        assert all(p.confidence is not None and 0 <= p.confidence <= 100 for p in page.phrases)
        assert all(0 <= p.x0 < p.x1 <= page.width and 0 <= p.top < p.bottom <= page.height for p in page.phrases)
        assert len(page.cells()) >= 10  # the e-form's table, rebuilt from its rules


def test_ocr_never_leaves_a_scan_without_text(scan_excerpt):
    with pytest.raises(ReturnXmlError) as caught:
        api.read_pdf(scan_excerpt("FF301-v1.2.0_en", 1), ocr="never")
    assert caught.value.code == "E-PDF-NO-TEXT"


def test_an_unknown_ocr_mode_is_refused(scan_excerpt):
    with pytest.raises(InputError, match="unknown OCR mode"):
        open_pdf(scan_excerpt("FF301-v1.2.0_en", 1), ocr="sometimes")


def test_ocr_always_reads_a_text_page_too(corpus, tmp_path):
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(str(sorted(corpus.glob("*FF301*_en.pdf"))[0]))
    one = pdfium.PdfDocument.new()
    one.import_pages(source, [0])
    one.save(str(tmp_path / "one.pdf"))
    with open_pdf(tmp_path / "one.pdf", ocr="always") as document:
        assert document.pages[0].recognised and document.pages[0].phrases
    with open_pdf(tmp_path / "one.pdf") as document:
        assert not document.pages[0].recognised


def _ocr_phrase(text: str, confidence: float | None) -> Phrase:
    return Phrase(text, 3, 100.0, 200.0, 150.0, 210.0, confidence)


def test_a_figure_ocr_misread_is_kept_unread_with_confidence_zero():
    misread = v.count(_ocr_phrase("2.5)", 91.0), field="issued[0].movement.issued")
    assert misread.value is None and misread.printed == "2.5)" and misread.source.confidence == 0
    read = v.amount(_ocr_phrase("1,500.25", 93.4), field="x")
    assert read.value == Decimal("1500.25") and read.source.confidence == 93
    # A text layer's value that is not a number is still refused: there no speck is to blame.
    with pytest.raises(FieldError):
        v.count(_ocr_phrase("2.5)", None), field="issued[0].movement.issued")


def test_a_scanned_return_is_never_verified_below_the_confidence_threshold(scan_excerpt, tmp_path):
    """Three pages of a scanned legacy return: read, written with confidences, and judged needs review."""
    target = tmp_path / "scan.xml"
    conversion = api.convert(scan_excerpt("legacy-undated-layout_en", 3), target)
    monthly_return = conversion.monthly_return
    assert any("read by OCR" in note.message for note in monthly_return.reading_notes)
    assert monthly_return.audit.verdict is Verdict.NEEDS_REVIEW
    codes = {reason.code for reason in monthly_return.audit.reasons}
    assert "RX-R-003" in codes
    xml = target.read_text(encoding="utf-8")
    assert 'confidence="' in xml
    assert api.validate_xml(target) == []
    again = api.read(target)  # the confidences come back from the XML
    confident = [leaf.source for leaf in _sources(again) if leaf.source and leaf.source.confidence is not None]
    assert confident and all(0 <= s.confidence <= 100 for s in confident)


def _sources(node):
    from return_xml.model.values import Reading

    if isinstance(node, Reading):
        yield node
    elif isinstance(node, tuple):
        for item in node:
            yield from _sources(item)
    elif dataclasses.is_dataclass(node) and not isinstance(node, type):
        for f in dataclasses.fields(node):
            yield from _sources(getattr(node, f.name))


def test_source_confidence_is_part_of_the_value():
    assert Source(1, (1, 2, 3, 4), 80) != Source(1, (1, 2, 3, 4))
    assert ocr.MODES == ("auto", "always", "never")


# -- words to characters, and headings as OCR reads them -----------------------------------

def _text(chars) -> str:
    return "".join(c.text for c in chars)


def _word(text, x0, x1, confidence=95.0, top=100.0, bottom=109.0):
    return ocr.Word(text, (x0, top, x1, bottom), confidence, (1, 1, 1))


def test_words_of_a_line_are_joined_with_spaces_and_far_words_are_not():
    chars = ocr._chars([_word("Balance", 10, 40), _word("at", 43, 50), _word("100", 200, 215)])
    assert _text(chars) == "Balance at100"  # no space char: the gap itself parts the phrases
    far = [c for c in chars if c.text == "1"][0]
    assert far.x0 == 200


def test_a_ruled_line_between_two_words_keeps_them_apart():
    words = [_word("10,000", 10, 40), _word("HKD", 43, 58)]
    assert _text(ocr._chars(words)) == "10,000 HKD"
    assert _text(ocr._chars(words, [(41.5, 90.0, 42.0, 120.0)])) == "10,000HKD"  # no space: two phrases


def test_chinese_words_cut_by_tesseract_touch_again():
    chars = ocr._chars([_word("我們", 10, 30), _word("確認", 32, 52)])
    assert _text(chars) == "我們確認"
    second = [c for c in chars if c.text == "確"][0]
    assert second.x0 == 30  # no gap left for the phrase builder to cut at


@pytest.mark.parametrize("printed", ["|", "[", "]"])
def test_a_cell_border_read_as_a_glyph_is_no_word(printed):
    assert ocr._BORDER_BEFORE_CAPITAL.sub("", f"{printed}".strip(ocr._BORDER_GLYPHS)) == ""
    assert ocr._BORDER_BEFORE_CAPITAL.sub("", "lType".strip(ocr._BORDER_GLYPHS)) == "Type"
    assert ocr._BORDER_BEFORE_CAPITAL.sub("", "last".strip(ocr._BORDER_GLYPHS)) == "last"


@pytest.mark.parametrize("read", ["II. Movements in Issued", "Il. Movements in Issued", "1l, Movements in Issued",
                                  "|I . Movements in Issued", "ll.Movements in Issued"])
def test_a_heading_item_number_is_matched_as_ocr_reads_it(read):
    from return_xml.forms.ff301.editions import EDITIONS, labels_for
    from return_xml.forms.legacy.labels import LEGACY_LABELS
    from return_xml.model import Language

    assert all(labels_for(edition, Language.EN)["section.II"].search(read) for edition in EDITIONS)
    assert LEGACY_LABELS[Language.EN]["section.II"].search(read)


@pytest.mark.parametrize("read", ["III. Movements in Issued", "I. Movements in Issued", "Il. Something else"])
def test_a_tolerant_item_number_still_needs_its_own_number_and_words(read):
    import re

    from return_xml.forms.item_numbers import tolerant

    assert not re.search(tolerant(r"^II\.\s*Movements in Issued"), read)


def test_lettered_items_are_matched_as_ocr_reads_them():
    import re

    from return_xml.forms.item_numbers import tolerant

    pattern = re.compile(tolerant(r"^\(C\)\.\s*Convertibles"))
    assert pattern.search("(C). Convertibles") and pattern.search("( C ), Convertibles") and pattern.search("（C）.Convertibles")
    assert not pattern.search("(D). Convertibles")
