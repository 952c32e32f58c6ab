"""The legacy template reader: documents that hold a return more than once, and its traps."""

from __future__ import annotations

import dataclasses
from functools import cache
from pathlib import Path

import pytest

from conftest import CORPUS
from return_xml import api
from return_xml.errors import UnsupportedFormError
from return_xml.facts import facts_of
from return_xml.forms import read_document
from return_xml.pdf import open_pdf
from return_xml.pdf.document import PdfDocument

TRIPLE = CORPUS / "unlabelled" / "01149_2010-09_legacy-undated-layout_zh.pdf"


@cache
def _document(path: Path) -> PdfDocument:
    return open_pdf(path)


def _renumbered(document: PdfDocument, offset: int) -> list:
    pages = []
    for page in document.pages:
        number = page.number + offset
        phrases = [dataclasses.replace(p, page=number) for p in page.phrases]
        pages.append(dataclasses.replace(page, number=number, phrases=phrases))
    return pages


def test_a_pdf_holding_the_same_return_three_times_is_read_once_and_says_so(corpus):
    monthly_return = api.read_pdf(TRIPLE)
    assert len(monthly_return.reading_notes) == 1
    note = monthly_return.reading_notes[0]
    assert "3 times" in note.message and note.page == 11
    assert monthly_return.header.period_end.value.isoformat() == "2010-09-30"


def test_a_pdf_holding_two_different_returns_is_refused(corpus):
    first = _document(corpus / "01149_2012-07_legacy-undated-layout_en.pdf")
    second = _document(corpus / "01149_2013-11_legacy-undated-layout_en.pdf")
    combined = PdfDocument(Path("combined.pdf"), first.metadata, first.pages + _renumbered(second, len(first.pages)))
    with pytest.raises(UnsupportedFormError, match="2 different monthly returns"):
        read_document(combined)


def test_the_english_and_chinese_returns_of_one_month_give_the_same_figures(corpus):
    english = facts_of(api.read_pdf(corpus / "01149_2012-07_legacy-undated-layout_en.pdf"))
    chinese = facts_of(api.read_pdf(corpus / "01149_2012-07_legacy-undated-layout_zh.pdf"))
    figures = {k for k, v in english.items() if isinstance(v, int) and not isinstance(v, bool)}
    assert figures and all(chinese.get(k) == english[k] for k in figures)


def test_a_movement_type_filled_in_twice_gives_two_items(corpus):
    monthly_return = api.read_pdf(CORPUS / "unlabelled" / "01149_2012-08_legacy-undated-layout_en.pdf")
    consideration = [m for m in monthly_return.other_movements if m.type.value == "consideration_issue"]
    assert [m.shares_issuable.value for m in consideration] == [64707513, 172647258]
    assert consideration[1].shares_issued.value == 30467163
    assert str(consideration[1].price.value) == "1.477" and consideration[1].currency.value == "HKD"
