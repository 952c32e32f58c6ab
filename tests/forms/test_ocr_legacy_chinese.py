"""The legacy Chinese template as Tesseract's Chinese model reads a scan of it (issue 15).

Seen on a scanned legacy return: spaces beside ideographs and half-width marks
("增加 / (減少 )", "股份期權 (根據"), the Roman ``I.`` of a heading read as ``1`` or
losing its stop ("1 法定股本變動", "I. 已發行股本變動"), an ideograph of a heading
misread ("承詳發行" for "承諾發行"), and the period label's words lost ("BEAR (日 / 月 / 年 ) :").
The readers take this in their stride on recognised pages only.
"""

from __future__ import annotations

import re

from return_xml.forms.legacy.common import _SECTION_KEYS
from return_xml.forms.legacy.labels import LEGACY_LABELS
from return_xml.forms.legacy.scanned import anchor_by_order, release_shared_headings
from return_xml.forms.spaced_labels import spaced
from return_xml.model import Language
from return_xml.pdf.document import Phrase

ZH = LEGACY_LABELS[Language.ZH]


def test_spaced_labels_read_ocr_spaces_and_half_width_marks():
    assert re.search(spaced(r"增加／（減少）"), "增加 / (減少 )")
    assert re.search(spaced(r"^(?:\(?A\)?\.?\s*)?股份期權（根據"), "股份期權 (根據")
    assert re.search(spaced(r"[（(](?:港元|請註明貨幣)[)）]"), "(港元 )").group(0) == "(港元 )"
    # the words still decide
    assert not re.search(spaced(r"增加／（減少）"), "增加 / (增加 )")


def test_spaced_labels_leave_plain_patterns_alone():
    for pattern in (r"^\d{1,2}\.(?!\d)", r"(?P<n>a)|b{2,3}", r"^Stock code\s*:?\s*$"):
        assert spaced(pattern) == pattern


def test_the_labels_of_a_text_layer_are_not_widened():
    assert not ZH["row.movement"].search("增加 / (減少 )")
    assert ZH.as_recognised["row.movement"].search("增加 / (減少 )")


def _heading(text: str, page: int, top: float, x0: float = 54.0) -> Phrase:
    return Phrase(text, page, x0, top, x0 + 100, top + 10, 80.0)


def test_misread_headings_are_found_by_the_template_order():
    phrases = [
        _heading("1 法定股本變動", 1, 260), _heading("上月底結存", 1, 390), _heading("I. 已發行股本變動", 3, 49),
        _heading("Ill. 已發行股本變動詳情", 3, 265), _heading("股份期權 (根據", 3, 303), _heading("承詳發行將予上市的發行人股份的權證", 4, 49),
        _heading("可換股票據 (即可轉換為將予上市的發行人股份 )", 5, 49), _heading("已發行股本的其他變生", 7, 54),
        _heading("本月普通股增加 / (減少 ) 總額", 9, 265, x0=59.5),
    ]
    labels = ZH.as_recognised
    anchors = {}
    for key in _SECTION_KEYS:
        found = next((p for p in phrases if labels[f"section.{key}"].search(p.text)), None)
        if found is not None:
            anchors[key] = found
    assert set(anchors) == {"III", "A", "C", "grand"}
    anchor_by_order(phrases, anchors, _SECTION_KEYS, labels, lambda p: True)
    assert {k: a.text for k, a in anchors.items() if k in ("I", "II", "B", "E")} == {
        "I": "1 法定股本變動", "II": "I. 已發行股本變動", "B": "承詳發行將予上市的發行人股份的權證", "E": "已發行股本的其他變生",
    }
    assert "D" not in anchors  # "為發行": too few ideographs to tell a misread heading from other text


def test_a_heading_whose_numeral_lost_a_stroke_goes_to_the_section_it_matches_further():
    # Tesseract 5.5: "II." read "I.", "III." read "Il."; the II label's numeral takes "Il." and
    # its words begin the III heading's, so II was anchored at III's heading and III was lost.
    phrases = [
        _heading("1 法定股本變動", 1, 260), _heading("I. 已發行股本變動", 3, 49), _heading("Il. 已發行股本變動詳情", 3, 265),
        _heading("股份期權 (根據", 3, 303),
    ]
    labels = ZH.as_recognised
    anchors = {key: p for key in _SECTION_KEYS for p in phrases[:1] + phrases[2:] if labels[f"section.{key}"].search(p.text)}
    assert anchors["II"].text == "Il. 已發行股本變動詳情" and "III" not in anchors
    release_shared_headings(anchors, _SECTION_KEYS, labels, lambda p: True)
    assert "II" not in anchors
    anchor_by_order(phrases, anchors, _SECTION_KEYS, labels, lambda p: True)
    assert (anchors["II"].text, anchors["III"].text) == ("I. 已發行股本變動", "Il. 已發行股本變動詳情")


def test_on_a_text_layer_no_heading_is_given_up():
    anchors = {"II": _heading("II. 已發行股本變動詳情", 3, 265)}
    release_shared_headings(anchors, _SECTION_KEYS, ZH.as_recognised, lambda p: False)
    assert set(anchors) == {"II"}


def test_on_a_text_layer_no_heading_is_found_by_order():
    phrases = [_heading("1 法定股本變動", 1, 260), _heading("Ill. 已發行股本變動詳情", 3, 265)]
    anchors = {"III": phrases[1]}
    anchor_by_order(phrases, anchors, _SECTION_KEYS, ZH.as_recognised, lambda p: False)
    assert set(anchors) == {"III"}


def test_a_recognised_item_number_read_il_is_joined_to_its_heading():
    from return_xml.forms.legacy.headings import with_item_numbers_joined

    number, heading = Phrase("Il.", 2, 52.3, 56.4, 62.0, 66.0, 65.0), Phrase("已發行股本變動", 2, 75.6, 56.4, 160.0, 66.0, 23.0)
    joined = with_item_numbers_joined([number, heading])
    assert [p.text for p in joined] == ["Il. 已發行股本變動"] and joined[0].x0 == 52.3
    assert ZH.as_recognised["section.II"].search(joined[0].text)
    # a list item's "1." stays apart, and on a text layer "Il." is text, not an item number
    item = Phrase("1.", 2, 52.3, 56.4, 62.0, 66.0, 90.0)
    assert len(with_item_numbers_joined([item, heading])) == 2
    printed = Phrase("Il.", 2, 52.3, 56.4, 62.0, 66.0)
    assert len(with_item_numbers_joined([printed, Phrase("已發行股本變動", 2, 75.6, 56.4, 160.0, 66.0)])) == 2


def test_a_misread_column_heading_is_found_by_the_table_order():
    from return_xml.forms.legacy.column_order import columns_by_order
    from return_xml.pdf.layout import Column

    def at(text: str, x0: float, x1: float) -> Phrase:
        return Phrase(text, 1, x0, 169.0, x1, 179.0, 50.0)

    named = [Column("par_value", 339.4, 360.0), Column("capital", 441.8, 520.0)]
    header = [at("普通股數日", 245.3, 300.0), at("面值", 339.4, 360.0), at("(人民幣 )", 365.0, 395.0), at("法定股本 (人民幣)", 441.8, 520.0)]
    hint = ZH.as_recognised["currency_hint"]
    found = columns_by_order(header, named, ("shares", "par_value", "capital"), lambda t: hint.fullmatch(t.strip()) is not None)
    assert [(c.name, c.x0) for c in found] == [("shares", 245.3), ("par_value", 339.4), ("capital", 441.8)]
    # two unnamed headings where one column is missing: neither is taken
    two = header + [at("PHA", 200.0, 230.0)]
    assert columns_by_order(two, named, ("shares", "par_value", "capital"), lambda t: False) == named


def test_several_headings_ocr_ran_together_are_found_by_the_table_order():
    """III C of a scanned Chinese return: "本月底 已發行總額" and the two share columns' headings read as
    one run over three columns ("本月底。新股份數目人新股份數目"); the stacks left beside it are as many
    as the columns missing after "換股", so the template's order names them."""
    from return_xml.forms.legacy.column_order import columns_by_order
    from return_xml.pdf.layout import Column

    def at(text: str, x0: float, x1: float, top: float = 113.0) -> Phrase:
        return Phrase(text, 5, x0, top, x1, top + 12, 80.0)

    order = ("particulars", "currency", "preceding", "converted", "close", "shares_issued", "shares_issuable")
    named = [Column("particulars", 54.2, 103.2), Column("currency", 203.3, 242.4), Column("converted", 326.2, 385.2)]
    header = [at("類別及說明", 54.2, 103.2), at("發行貨幣", 203.3, 242.4), at("ALE", 273.8, 302.6, 101.0),
              at("已發行總額", 263.8, 313.7), at("本月內已換股", 326.2, 385.2, 100.0), at("款額", 345.8, 365.3),
              at("已發行總額", 394.3, 444.2), at("本月底。新股份數目人新股份數目", 405.6, 566.9, 100.0),
              at("本月內", 462.7, 491.3, 63.0), at("發行人", 462.7, 497.8, 88.0), at("能發行的發行", 509.0, 567.4, 88.0)]
    found = columns_by_order(header, named, order, lambda t: False)
    assert [(c.name, round(c.x0)) for c in found] == [
        ("particulars", 54), ("currency", 203), ("preceding", 264), ("converted", 326), ("close", 394),
        ("shares_issued", 463), ("shares_issuable", 509)]
    # one stack more after "換股" than columns missing there: those three stay unnamed
    noisy = header + [at("Ay", 575.0, 590.0)]
    assert [c.name for c in columns_by_order(noisy, named, order, lambda t: False)] == [
        "particulars", "currency", "preceding", "converted"]


def test_rows_whose_labels_ocr_misread_are_found_by_the_table_order():
    from return_xml.forms.legacy.rows import row_bands

    def line(text: str, top: float, x0: float = 57.8) -> Phrase:
        return Phrase(text, 1, x0, top, x0 + 60, top + 8, 60.0)

    phrases = [line("LA RATE", 180.2), line("10,000,000,000", 181.2, 225.6), line("增加 / (減少 ,", 188.9),
               line("Nil", 191.3, 274.3), line("本月底結存", 198.5), line("10,000,000,000", 201.1, 225.6)]
    labels = ZH.as_recognised
    patterns = {key: labels[f"rowtext.{key}"] for key in ("preceding", "movement", "close")}
    figure = re.compile(r"^[\d,.]+$|^Nil$").match
    assert set(row_bands(phrases, patterns, figure)) == {"close"}
    bands = row_bands(phrases, patterns, figure, by_order=True)
    assert {key: band.first.text for key, band in bands.items()} == {"preceding": "LA RATE", "movement": "增加 / (減少 ,", "close": "本月底結存"}
    # a stray line in the gap: the count no longer tells which line is which row
    stray = [*phrases, line("請註明", 185.0)]
    assert set(row_bands(stray, patterns, figure, by_order=True)) == {"close"}


def test_items_beside_a_gap_in_their_numbers_are_in_doubt():
    from types import SimpleNamespace

    from return_xml.forms.confidence import doubted
    from return_xml.forms.legacy.options import OptionsReading
    from return_xml.model import Count
    from return_xml.model.values import Source
    from return_xml.pdf.layout import PhraseIndex

    def item(text: str, top: float) -> PhraseIndex:
        return PhraseIndex([Phrase(text, 2, 58.0, top, 120.0, top + 9, 90.0)])

    items = [item("1. 股份期權", 235.9), item("3. 股份", 370.6), item("4. 不適用", 437.3)]
    recognised = SimpleNamespace(labels=ZH.as_recognised)
    assert OptionsReading._numbering_gaps(recognised, items) == {0, 1}  # item 2 was lost between them
    assert OptionsReading._numbering_gaps(recognised, [items[0], item("2. 股份", 300.0), items[2]]) == {1, 2}
    assert OptionsReading._numbering_gaps(SimpleNamespace(labels=ZH), items) == set()  # a text layer prints its numbers
    count = Count(2000000, printed="2,000,000", source=Source(2, (143.8, 370.6, 180.0, 380.0), 93))
    assert doubted((count,))[0].source.confidence == 0
