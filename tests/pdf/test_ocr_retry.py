"""The OCR retry (docs/ocr.md): a text layer that does not read as the form is read again by OCR.

The PDF here is the first two pages (sections I and II) of a Chinese legacy return printed by
Chromium and passed through Ghostscript, whose ToUnicode map for the CJK fonts is wrong: the text
layer says "o" where the page shows 月, so the period label is not found (E-FIELD-MISSING).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from return_xml import api
from return_xml.errors import FieldError
from return_xml.model import Verdict
from return_xml.pdf import ocr
from return_xml.rules.reading import TEXT_LAYER_UNREAD

PRODUCED = Path(__file__).resolve().parent.parent / "producers" / "legacy" / "damaged"


@pytest.fixture(scope="module")
def lying_text_layer(tmp_path_factory) -> Path:
    """Pages 1-2 (sections I and II) of ``hshares_zh_gs-html.pdf``: its text layer's CJK is decoded wrong."""
    import pypdfium2 as pdfium

    target = tmp_path_factory.mktemp("retry") / "hshares_zh_gs-html_p1-2.pdf"
    original, copy = pdfium.PdfDocument(str(PRODUCED / "hshares_zh_gs-html.pdf")), pdfium.PdfDocument.new()
    copy.import_pages(original, [0, 1])
    copy.save(str(target))
    copy.close()
    original.close()
    return target


def test_with_ocr_never_the_lying_text_layer_is_refused(lying_text_layer, monkeypatch):
    monkeypatch.setattr(ocr, "recognise", _no_ocr)
    with pytest.raises(FieldError) as raised:
        api.read_pdf(lying_text_layer, ocr="never")
    assert raised.value.code == "E-FIELD-MISSING" and "OCR" not in str(raised.value)


def test_by_default_the_pages_are_read_again_by_ocr_and_never_vouched_for(lying_text_layer):
    read = api.read_pdf(lying_text_layer, isolated=True)  # in a worker: OCR's time allowance applies
    assert read.header.period_end.value == dt.date(2019, 7, 31)
    assert [c.close.issued.value for c in read.issued] == [1099025000, 5392075000]
    assert read.audit.verdict is Verdict.NEEDS_REVIEW
    reasons = [r for r in read.audit.reasons if r.code == "RX-R-004"]
    assert len(reasons) == 1 and reasons[0].message.startswith(TEXT_LAYER_UNREAD)
    assert "header.period_end" in reasons[0].message  # what the text layer lacked
    assert any(note.message.startswith(TEXT_LAYER_UNREAD) for note in read.reading_notes)  # kept in the XML


def test_a_text_layer_that_reads_is_never_sent_to_ocr(corpus, monkeypatch):
    monkeypatch.setattr(ocr, "recognise", _no_ocr)
    read = api.read_pdf(corpus / "01149_2012-07_legacy-undated-layout_zh.pdf")
    assert not any(note.message.startswith(TEXT_LAYER_UNREAD) for note in read.reading_notes)


def test_when_ocr_cannot_read_it_either_the_refusal_stands_and_says_so(lying_text_layer, monkeypatch):
    from return_xml.errors import InputError

    def failing(path, indexes, password=None):
        raise InputError("OCR failed: tesseract is not installed", file=path)

    monkeypatch.setattr(ocr, "recognise", failing)
    with pytest.raises(FieldError) as raised:
        api.read_pdf(lying_text_layer)
    assert raised.value.code == "E-FIELD-MISSING" and raised.value.field == "header.period_end"
    assert "read again by OCR: OCR failed" in str(raised.value)


def _no_ocr(path, indexes, password=None):
    raise AssertionError(f"pages {list(indexes)} of {path} sent to OCR")
