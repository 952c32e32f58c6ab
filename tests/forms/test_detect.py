"""Form detection: which rule decides, and editions no reader knows are refused by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from return_xml.errors import UnsupportedFormError
from return_xml.forms import detect, read_document
from return_xml.model import Family, Language
from return_xml.pdf.document import Char, Page, PdfDocument, Phrase


def _page(lines: list[tuple[float, str]], number: int = 1) -> Page:
    """A synthetic page: each (top, text) becomes a phrase and its characters."""
    chars, phrases = [], []
    for top, text in lines:
        x = 20.0
        for ch in text:
            chars.append(Char(ch, x, top, x + 5.0, top + 9.0, 9.0))
            x += 5.0
        phrases.append(Phrase(text, number, 20.0, top, x, top + 9.0))
    return Page(number, 841.89, 595.28, chars, [], phrases)


def _document(lines: list[tuple[float, str]], metadata: dict[str, str] | None = None) -> PdfDocument:
    return PdfDocument(Path("synthetic.pdf"), metadata or {}, [_page(lines)])


FF301_HEAD = [(21.0, "FF301"), (90.0, "Monthly Return for Equity Issuer and Hong Kong Depositary Receipts")]


def test_release_version_metadata_decides_first():
    detection = detect(_document(FF301_HEAD + [(541.0, "Page 1 of 10 v1.1.1")], {"ReleaseVersion": "1.2.0.2026Q1"}))
    assert (detection.family, detection.version, detection.rule) == (Family.FF301, "1.2.0", "metadata")


def test_footer_version_decides_without_metadata():
    detection = detect(_document(FF301_HEAD + [(541.0, "Page 1 of 10 v1.0.2")]))
    assert (detection.family, detection.version, detection.rule) == (Family.FF301, "1.0.2", "footer")


def test_heading_decides_when_no_version_is_printed():
    detection = detect(_document(FF301_HEAD))
    assert (detection.family, detection.version, detection.rule) == (Family.FF301, None, "heading")


def test_legacy_heading_is_the_legacy_family():
    detection = detect(_document([(60.0, "Monthly Return of Equity Issuer on Movements in Securities")]))
    assert (detection.family, detection.rule) == (Family.LEGACY, "heading")


def test_chinese_filing_is_detected_as_zh():
    detection = detect(_document([(21.0, "FF301"), (96.0, "股份發行人及根據《上市規則》第十九B章上市的香港預託證券發行人的證券變動月報表")], {"ReleaseVersion": "1.1.1.2024Q4"}))
    assert detection.language is Language.ZH


def test_a_document_without_any_heading_is_not_a_monthly_return():
    with pytest.raises(UnsupportedFormError, match="not a monthly return"):
        detect(_document([(60.0, "Annual Report 2025")]))


def test_a_document_without_text_is_refused():
    with pytest.raises(UnsupportedFormError, match="no text layer"):
        detect(PdfDocument(Path("scan.pdf"), {}, [Page(1, 842.0, 595.0, [], [], [])]))


def test_unknown_edition_is_refused_with_the_known_ones_named():
    document = _document(FF301_HEAD, {"ReleaseVersion": "9.9.9.2030Q1"})
    with pytest.raises(UnsupportedFormError) as error:
        read_document(document)
    message = str(error.value)
    assert "form version FF301 9.9.9 not supported" in message
    assert "known: " in message and "1.2.x" in message


def _recognised(footers: list[str]) -> PdfDocument:
    """A document recognised by OCR whose pages print ``footers`` (the first page also the FF301 head)."""
    pages = []
    for number, footer in enumerate(footers, start=1):
        page = _page((FF301_HEAD if number == 1 else []) + [(541.0, footer)], number)
        page.recognised = True
        pages.append(page)
    return PdfDocument(Path("scan.pdf"), {}, pages)


def test_on_recognised_pages_the_version_two_footers_agree_on_decides():
    # OCR misread page 1's footer (v1.1.1 as v1.4.4, which no edition has): pages 2 and 3 agree.
    detection = detect(_recognised(["Page 1 of 3 v1.4.4", "Page 2 of 3 v1.1.1", "Page 3 of 3 v1.1.1"]))
    assert (detection.version, detection.rule, detection.doubt) == ("1.1.1", "footer", None)


def test_on_recognised_pages_one_footer_or_disagreeing_footers_leave_the_version_in_doubt():
    alone = detect(_recognised(["Page 1 of 3 v1.14", "Page 2 of 3 Ve", "Page 3 of 3 v1.1.4"]))
    assert alone.rule == "footers" and alone.doubt is not None and "only one page" in alone.doubt
    split = detect(_recognised(["Page 1 of 2 v1.1.1", "Page 2 of 2 v1.0.1"]))
    assert split.version is None and split.doubt is not None and "different versions" in split.doubt
    unread = detect(_recognised(["Page 1 of 2 v1.14", "Page 2 of 2 v1.44"]))
    assert unread.version is None and "no page's footer reads a known version" in (unread.doubt or "")


def test_a_text_layer_footer_is_read_from_one_page_as_before():
    document = PdfDocument(Path("x.pdf"), {}, [_page(FF301_HEAD + [(541.0, "Page 1 of 2 v1.0.2")]), _page([(541.0, "Page 2 of 2 v1.1.1")], 2)])
    detection = detect(document)
    assert (detection.version, detection.rule, detection.doubt) == ("1.0.2", "footer", None)
