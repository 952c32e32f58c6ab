"""A Chinese FF301 return as Tesseract's Chinese model reads a scan of it (issue 15).

What it does to the page, seen on scanned returns: a Roman ``II.`` becomes one ideograph
("山") or is lost, a space stands before a colon ("公司名稱 :") and around a slash
("法定 / 註冊"), and a label runs into its value ("狀態 : 新提交").  The readers take
this in their stride on recognised pages; on a text layer the item number still decides.
"""

from __future__ import annotations

import dataclasses

import pytest

from ff301_pages import Form
from return_xml.errors import ReturnXmlError
from return_xml.facts import facts_of
from return_xml.forms import read_document
from return_xml.forms.item_numbers import number_blind
from return_xml.pdf import ocr

AUTHORISED_WIDTHS = [221.1, 166.7, 195.0, 195.0]
ISSUED_WIDTHS = [182.8, 198.5]
TITLE = "股份發行人及根據《上市規則》第十九B章上市的香港預託證券發行人的證券變動月報表"
ROWS = [["1. 股份類別", "普通股", "股份分類", "H", "於香港聯交所上市 (註1)", "是"], ["證券代號", "01234", "說明", "H股"]]


def _as_scanned() -> Form:
    form = Form("1.0.1", title=TITLE)
    form.line((22.1, "截至月份 :"), (136.9, "2022年10月31日"), (629.5, "狀態 : 新提交"))
    form.line((22.1, "公司名稱 :"), (136.9, "Example Industrial Company Limited"))
    form.heading("1. 法定 / 註冊股本變動")
    form.block(*ROWS)
    form.table(
        ["", "法定 / 註冊股份數目", "面值", "法定 / 註冊股本"],
        [["上月底結存", "10,000,000,000", "HKD 0.1", "HKD 1,000,000,000"], ["本月底結存", "10,000,000,000", "HKD 0.1", "HKD 1,000,000,000"]],
        AUTHORISED_WIDTHS,
    )
    form.heading("山已發行股份變動")
    form.block(*ROWS)
    form.table(None, [["上月底結存", "600,000,000"], ["本月底結存", "600,000,000"]], ISSUED_WIDTHS)
    return form


def _document(recognised: bool):
    document = _as_scanned().document()
    document.pages = [dataclasses.replace(page, recognised=recognised) for page in document.pages]
    return document


def test_a_recognised_chinese_return_is_read_through_its_ocr_noise():
    facts = facts_of(read_document(_document(recognised=True)))
    assert facts["period.end"] == "2022-10-31"
    assert facts["submission.status"] == "new"
    assert facts["issuer.name"] == "Example Industrial Company Limited"
    assert facts["authorised[0].close.shares"] == 10000000000
    assert facts["issued[0].close.issued"] == 600000000


def test_on_a_text_layer_the_item_number_still_decides():
    with pytest.raises(ReturnXmlError, match="section II heading not found"):
        read_document(_document(recognised=False))


def test_number_blind_keeps_the_heading_words_and_drops_only_the_number():
    assert number_blind(r"^II\.\s*已發行股份") == r"^\S{1,3}\s*[.,·]?\s*已發行股份"
    assert number_blind(r"^\(A\)\.\s*股份期權") == r"^\S{1,3}\s*[.,·]?\s*股份期權"
    assert number_blind(r"^註$") is None


def _word(text, x0, x1):
    return ocr.Word(text, (x0, 100.0, x1, 109.0), 90.0, (1, 1, 1))


def test_a_word_box_running_over_the_next_words_keeps_the_line_in_order():
    # Seen on a scanned Chinese return: "2024" given a box as wide as "2024年12月".
    chars = ocr._chars([_word("2024", 137.3, 193.7), _word("年", 160.3, 168.7), _word("12", 168.5, 179.3), _word("月", 179.0, 186.7)])
    ink = [c for c in chars if c.text.strip()]
    assert [c.x0 for c in ink] == sorted(c.x0 for c in ink)
    assert "".join(c.text for c in sorted(ink, key=lambda c: c.x0)) == "2024年12月"
