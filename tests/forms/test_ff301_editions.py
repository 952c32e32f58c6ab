"""Every FF301 edition the corpus lacks, read from constructed pages (tests/ff301_pages.py).

Each page is built from the documented differences of its edition (see
src/return_xml/forms/ff301/editions.py): v1.0.0/v1.0.1 label the class box
"Type of shares", v1.0.2 swaps the labels back and adds multi-counter stock
codes, v1.1 adds treasury columns, v1.2 the public float confirmation.  The
real v1.1.1 (Chinese) and v1.2.0 (English) filings are covered by
test_corpus_labels.py and test_golden.py.
"""

from __future__ import annotations

import pytest

from ff301_pages import Form, confirmations, header
from return_xml.errors import UnsupportedFormError
from return_xml.facts import facts_of
from return_xml.forms import read_document, readers
from return_xml.forms.ff301.editions import EDITIONS, edition_of, labels_for
from return_xml.model import Language

AUTHORISED_COLUMNS = ["", "Number of authorised/registered shares", "Par value", "Authorised/registered share capital"]
AUTHORISED_WIDTHS = [221.1, 166.7, 195.0, 195.0]
ISSUED_WIDTHS_V1_0 = [182.8, 198.5]
ISSUED_COLUMNS_V1_1 = [
    "",
    "Number of issued shares (excluding treasury shares)",
    "Number of treasury shares",
    "Total number of issued shares",
]
ISSUED_WIDTHS_V1_1 = [182.8, 198.5, 198.4, 198.4]


def _authorised(form: Form, class_rows: list[list[str]]) -> None:
    form.heading("I. Movements in Authorised / Registered Share Capital")
    form.block(*class_rows)
    form.table(
        AUTHORISED_COLUMNS,
        [
            ["Balance at close of preceding month", "10,000,000,000", "HKD 0.1", "HKD 1,000,000,000"],
            ["Increase / decrease (-)", "", "", ""],
            ["Balance at close of the month", "10,000,000,000", "HKD 0.1", "HKD 1,000,000,000"],
        ],
        AUTHORISED_WIDTHS,
    )
    form.line((265.7, "Total authorised/registered share capital at the end of the month:"), (530.9, "HKD 1,000,000,000"))


def _facts(form: Form) -> dict:
    return facts_of(read_document(form.document()))


def _keys_with(facts: dict, word: str) -> list[str]:
    return [key for key in facts if word in key]


# -- v1.0.0 ---------------------------------------------------------------------------


def _v1_0_0() -> Form:
    """A 2021 return: class box labelled 'Type of shares', one header-less column in II, options."""
    form = Form("1.0.0")
    header(form, issuer="Example Holdings Limited", month_ended="31 July 2021", submitted="05 August 2021")
    swapped = [
        ["1. Type of shares", "Ordinary shares", "Class of shares", "Not applicable", "Listed on SEHK (Note 1)", "Yes"],
        ["Stock code", "01234", "Description", ""],
    ]
    _authorised(form, swapped)
    form.new_page()
    form.heading("II. Movements in Issued Shares")
    form.block(*swapped)
    form.table(
        None,
        [
            ["Balance at close of preceding month", "1,000,000,000"],
            ["Increase / decrease (-)", "1,500"],
            ["Balance at close of the month", "1,000,001,500"],
        ],
        ISSUED_WIDTHS_V1_0,
    )
    form.new_page()
    form.heading("III. Details of Movements in Issued Shares")
    form.line((26.4, "(A). Share Options (under Share Option Schemes of the Issuer)"))
    form.block(
        ["1. Type of shares issuable", "Ordinary shares", "Class of shares", "Not applicable",
         "Shares issuable to be listed on SEHK (Note 1)", "Yes"],
        ["Stock code", "01234", "Description", ""],
    )
    form.table(
        [
            "Particulars of share option scheme",
            "Number of share options outstanding at close of preceding month",
            "Movement during the month",
            "Number of share options outstanding at close of the month",
            "Number of new shares of issuer issued during the month pursuant thereto (A1)",
            "Number of new shares of issuer which may be issued pursuant thereto as at close of the month",
        ],
        [["1).", "2013 Share Option Scheme", "12,000,000", "Granted 0\nExercised -1,500\nCancelled 0\nLapsed -112,875",
          "11,885,625", "1,500", "11,885,625"]],
        [155.9, 110.0, 130.0, 110.0, 136.3, 136.3],
        numbered=True,
    )
    form.line((22.1, "Total funds raised during the month from exercise of options:"), (300.0, "HKD 2,025.00"))
    form.line((26.4, "(B). Warrants to Issue Shares of the Issuer which are to be Listed"), (330.0, "Not applicable"))
    form.line((26.4, "(C). Convertibles (i.e. Convertible into Issue Shares of the Issuer which are to be Listed)"),
              (420.0, "Not applicable"))
    form.line((26.4, "(E). Other Movements in Issued Share"), (330.0, "Not applicable"))
    form.line((22.1, "Total increase / decrease (-) in Ordinary shares during the month (i.e. Total of A to E)"), (420.0, "1,500"))
    form.heading("IV. Information about Hong Kong Depositary Receipt (HDR)", not_applicable="Not applicable")
    form.new_page()
    confirmations(form, name="Chan Tai Man", title="Company Secretary")
    return form


def test_v1_0_0_reads_the_class_from_the_box_labelled_type_of_shares():
    facts = _facts(_v1_0_0())
    assert facts["form.version"] == "1.0.0"
    for section in ("authorised", "issued"):
        assert facts[f"{section}[0].class"] == "Ordinary shares"
        assert facts[f"{section}[0].category"] == "ordinary"
        assert f"{section}[0].share_type" not in facts  # "Not applicable" in the box labelled "Class of shares"
        assert facts[f"{section}[0].listed"] is True
        assert facts[f"{section}[0].stock_code"] == "01234"
    assert facts["options[0].category"] == "ordinary"
    assert facts["options[0].stock_code"] == "01234"


def test_v1_0_0_section_ii_has_one_column_of_issued_shares_and_no_treasury():
    facts = _facts(_v1_0_0())
    assert (facts["issued[0].preceding.issued"], facts["issued[0].movement.issued"], facts["issued[0].close.issued"]) == (
        1000000000, 1500, 1000001500,
    )
    assert _keys_with(facts, "treasury") == []
    assert [key for key in facts if key.endswith(".total")] == []


def test_v1_0_0_option_movements_are_read_from_the_labelled_lines_of_one_cell():
    facts = _facts(_v1_0_0())
    assert facts["options[0].scheme"] == "2013 Share Option Scheme"
    assert facts["options[0].outstanding.preceding"] == 12000000
    assert (
        facts["options[0].movement.granted"],
        facts["options[0].movement.exercised"],
        facts["options[0].movement.cancelled"],
        facts["options[0].movement.lapsed"],
    ) == (0, -1500, 0, -112875)
    assert facts["options[0].outstanding.close"] == 11885625
    assert facts["options[0].shares_issued"] == 1500
    assert facts["options[0].shares_issuable"] == 11885625
    assert (facts["options_funds[0].currency"], facts["options_funds[0].amount"]) == ("HKD", "2025.00")


def test_v1_0_0_grand_total_names_its_class_inside_the_label():
    facts = _facts(_v1_0_0())
    assert facts["total_increase[0].class"] == "Ordinary shares"
    assert facts["total_increase[0].category"] == "ordinary"
    assert facts["total_increase[0].issued"] == 1500
    assert "total_increase[0].treasury" not in facts


def test_v1_0_0_header_and_signatory_are_read():
    facts = _facts(_v1_0_0())
    assert facts["issuer.name"] == "Example Holdings Limited"
    assert (facts["period.end"], facts["submission.date"], facts["submission.status"]) == ("2021-07-31", "2021-08-05", "new")
    assert (facts["signatory.name"], facts["signatory.title"]) == ("Chan Tai Man", "Company Secretary")
    assert facts["authorised[0].preceding.par_value"] == "0.1"
    assert (facts["authorised_total[0].currency"], facts["authorised_total[0].amount"]) == ("HKD", "1000000000")


# -- v1.0.1 ---------------------------------------------------------------------------


def _v1_0_1(language_rows: list[list[str]] | None = None) -> Form:
    form = Form("1.0.1")
    header(form, issuer="Example Industrial Company Limited", month_ended="31 October 2022", submitted="01 November 2022")
    rows = language_rows or [
        ["1. Type of shares", "Ordinary shares", "Class of shares", "H", "Listed on SEHK (Note 1)", "Yes"],
        ["Stock code", "01234", "Description", "H Shares"],
    ]
    _authorised(form, rows)
    form.new_page()
    form.heading("II. Movements in Issued Shares")
    form.block(*rows)
    form.table(
        ["", "Number of issued shares"],
        [
            ["Balance at close of preceding month", "600,000,000"],
            ["Increase / decrease (-)", "Nil"],
            ["Balance at close of the month", "600,000,000"],
        ],
        ISSUED_WIDTHS_V1_0,
    )
    form.heading("III. Details of Movements in Issued Shares")
    form.line((26.4, "(A). Share Options (under Share Option Schemes of the Issuer)"), (304.2, "Not applicable"))
    form.line((22.1, "Total increase / decrease (-) in Ordinary shares during the month (i.e. Total of A to E)"), (420.0, "0"))
    confirmations(form, name="Wong Siu Ming", title="Director")
    return form


def test_v1_0_1_reads_the_type_from_the_box_labelled_class_of_shares():
    facts = _facts(_v1_0_1())
    assert facts["issued[0].class"] == "Ordinary shares"
    assert facts["issued[0].share_type"] == "H"
    assert facts["issued[0].description"] == "H Shares"
    assert facts["authorised[0].share_type"] == "H"


def test_v1_0_1_reads_a_headed_single_column_with_nil_as_zero():
    facts = _facts(_v1_0_1())
    assert (facts["issued[0].preceding.issued"], facts["issued[0].movement.issued"], facts["issued[0].close.issued"]) == (
        600000000, 0, 600000000,
    )
    assert facts["total_increase[0].issued"] == 0
    assert not any(key.startswith("options[") for key in facts)


def test_v1_0_1_in_chinese_reads_the_swapped_labels_from_the_chinese_dictionary():
    rows = [
        ["1. 股份類別", "普通股", "股份分類", "H", "於香港聯交所上市 (註1)", "是"],
        ["證券代號", "01234", "說明", "H股"],
    ]
    form = Form("1.0.1", title="股份發行人及根據《上市規則》第十九B章上市的香港預託證券發行人的證券變動月報表")
    form.line((22.1, "截至月份:"), (136.9, "2022年10月31日"), (629.5, "狀態:"), (656.8, "新提交"))
    form.line((22.1, "公司名稱:"), (136.9, "Example Industrial Company Limited"))
    form.line((22.1, "呈交日期:"), (136.9, "2022年11月1日"))
    form.heading("I. 法定/註冊股本變動")
    form.block(*rows)
    form.table(
        ["", "法定/註冊股份數目", "面值", "法定/註冊股本"],
        [["上月底結存", "10,000,000,000", "HKD 0.1", "HKD 1,000,000,000"], ["本月底結存", "10,000,000,000", "HKD 0.1", "HKD 1,000,000,000"]],
        AUTHORISED_WIDTHS,
    )
    form.heading("II. 已發行股份變動")
    form.block(*rows)
    form.table(None, [["上月底結存", "600,000,000"], ["本月底結存", "600,000,000"]], ISSUED_WIDTHS_V1_0)
    facts = _facts(form)
    assert facts["form.language"] == "zh"
    assert (facts["issued[0].class"], facts["issued[0].category"], facts["issued[0].share_type"]) == ("普通股", "ordinary", "H")
    assert (facts["issued[0].listed"], facts["issued[0].stock_code"], facts["issued[0].description"]) == (True, "01234", "H股")
    assert facts["issued[0].close.issued"] == 600000000
    assert facts["period.end"] == "2022-10-31"


# -- v1.0.2 ---------------------------------------------------------------------------


def _v1_0_2() -> Form:
    form = Form("1.0.2")
    header(form, issuer="Example Technology Holdings Limited", month_ended="31 January 2024", submitted="06 February 2024")
    _authorised(form, [
        ["1. Class of shares", "Ordinary shares", "Type of shares", "Not applicable", "Listed on SEHK (Note 1)", "Yes"],
        ["Stock code", "01234", "Description", ""],
    ])
    form.new_page()
    form.heading("II. Movements in Issued Shares")
    form.block(
        ["1. Class of shares", "Ordinary shares", "Type of shares", "Not applicable", "Listed on SEHK (Note 1)", "Yes"],
        ["Stock code", "01234", "Description", ""],
        ["Multi-counter stock code", "81234", "Description", "RMB counter"],
        ["Multi-counter stock code", "91234", "Description", "USD counter"],
    )
    form.table(
        None,
        [
            ["Balance at close of preceding month", "9,482,992,820"],
            ["Increase / decrease (-)", "-51,209,455"],
            ["Balance at close of the month", "9,431,783,365"],
        ],
        ISSUED_WIDTHS_V1_0,
    )
    form.line((22.1, "Remarks:"))
    form.line((22.1, "Shares repurchased and cancelled during the month."))
    confirmations(form, name="Lee Ka Yan", title="Company Secretary")
    return form


def test_v1_0_2_reads_the_class_from_the_box_labelled_class_of_shares():
    facts = _facts(_v1_0_2())
    assert facts["issued[0].class"] == "Ordinary shares"
    assert "issued[0].share_type" not in facts
    assert facts["issued[0].stock_code"] == "01234"
    assert "issued[0].description" not in facts  # the class's own description box is blank


def test_v1_0_2_reads_each_multi_counter_stock_code_of_a_class():
    facts = _facts(_v1_0_2())
    assert facts["issued[0].multi_counter[0].stock_code"] == "81234"
    assert facts["issued[0].multi_counter[0].description"] == "RMB counter"
    assert facts["issued[0].multi_counter[1].stock_code"] == "91234"
    assert facts["issued[0].multi_counter[1].description"] == "USD counter"
    assert "issued[0].multi_counter[2].stock_code" not in facts


def test_v1_0_2_multi_counter_rows_are_not_taken_for_the_table_or_the_remarks():
    facts = _facts(_v1_0_2())
    assert facts["issued[0].movement.issued"] == -51209455
    assert facts["issued[0].close.issued"] == 9431783365
    assert facts["issued[0].remarks"] == "Shares repurchased and cancelled during the month."
    assert _keys_with(facts, "treasury") == [] and _keys_with(facts, "public_float") == []


# -- v1.1.x, English --------------------------------------------------------------------


def _v1_1() -> Form:
    """June 2024 on: treasury columns in II and in the III A table, totals AA1/AA2."""
    form = Form("1.1.1")
    header(form, issuer="Example Treasury Holdings Limited", month_ended="31 December 2024", submitted="03 January 2025")
    block = [
        ["1. Class of shares", "Ordinary shares", "Type of shares", "Not applicable", "Listed on the Exchange (Note 1)", "Yes"],
        ["Stock code (if listed)", "01234", "Description", "Ordinary shares of HKD 0.1 each"],
    ]
    _authorised(form, block)
    form.new_page()
    form.heading("II. Movements in Issued Shares and/or Treasury Shares")
    form.block(*block)
    form.table(
        ISSUED_COLUMNS_V1_1,
        [
            ["Balance at close of preceding month", "500,000,000", "2,000,000", "502,000,000"],
            ["Increase / decrease (-)", "1,000,000", "-1,000,000", ""],
            ["Balance at close of the month", "501,000,000", "1,000,000", "502,000,000"],
        ],
        ISSUED_WIDTHS_V1_1,
    )
    form.new_page()
    form.heading("III. Details of Movements in Issued Shares and/or Treasury Shares")
    form.line((26.4, "(A). Share Options (under Share Option Schemes of the Issuer)"))
    form.block(*block)
    form.table(
        [
            "Particulars of share option scheme",
            "Number of share options outstanding at close of preceding month",
            "Granted", "Exercised", "Cancelled", "Lapsed",
            "Number of share options outstanding at close of the month",
            "Number of new shares issued during the month pursuant thereto (A1)",
            "Number of treasury shares transferred out of treasury during the month pursuant thereto (A2)",
            "Number of new shares which may be issued pursuant thereto as at close of the month",
            "Number of treasury shares which may be transferred out of treasury pursuant thereto as at close of the month",
        ],
        [["1).", "Share Option Scheme adopted on 20 May 2020 (as amended on 1 June 2024)", "5,000,000", "Nil", "1,600,000", "Nil", "100,000", "3,300,000",
          "600,000", "1,000,000", "2,000,000", "1,300,000"]],
        [110.0, 78.0, 46.0, 52.0, 52.0, 46.0, 78.0, 78.0, 84.0, 78.0, 75.8],
        numbered=True,
    )
    form.line((22.1, "General Meeting approval date (if applicable)"), (250.0, "20 May 2020"))
    form.line((223.2, "Increase in issued shares (excluding treasury shares):"), (520.0, "600,000"), (596.1, "Ordinary shares (AA1)"))
    form.line((323.8, "Decrease in treasury shares:"), (520.0, "1,000,000"), (596.1, "Ordinary shares (AA2)"))
    form.line((22.1, "Total funds raised during the month from exercise of options:"), (300.0, "HKD 4,000,000"))
    form.line((26.4, "(E). Other Movements in Issued Shares and/or Treasury Shares"), (330.0, "Not applicable"))
    form.line(
        (22.1, "Total increase / decrease (-) in issued shares (excluding treasury shares) during the month (i.e. Total of AA1 to EE1):"),
        (540.0, "1,000,000"), (667.0, "Ordinary shares"),
    )
    form.line(
        (22.1, "Total increase / decrease (-) in treasury shares during the month (i.e. Total of AA2 to EE2):"),
        (540.0, "-1,000,000"), (667.0, "Ordinary shares"),
    )
    confirmations(form, name="Ho Wing Sze", title="Director")
    return form


def test_v1_1_english_section_ii_reads_issued_treasury_and_total_by_header():
    facts = _facts(_v1_1())
    assert facts["form.version"] == "1.1.1"
    assert (facts["issued[0].preceding.issued"], facts["issued[0].preceding.treasury"], facts["issued[0].preceding.total"]) == (
        500000000, 2000000, 502000000,
    )
    assert (facts["issued[0].movement.issued"], facts["issued[0].movement.treasury"]) == (1000000, -1000000)
    assert "issued[0].movement.total" not in facts  # the shaded, blank cell
    assert (facts["issued[0].close.issued"], facts["issued[0].close.treasury"], facts["issued[0].close.total"]) == (
        501000000, 1000000, 502000000,
    )
    assert facts["issued[0].listed"] is True and facts["issued[0].stock_code"] == "01234"
    assert facts["issued[0].description"] == "Ordinary shares of HKD 0.1 each"


def test_v1_1_english_options_read_the_treasury_columns_a2_and_transferable():
    facts = _facts(_v1_1())
    # The scheme's particulars wrap over three lines of their cell.
    assert facts["options[0].scheme"] == "Share Option Scheme adopted on 20 May 2020 (as amended on 1 June 2024)"
    assert facts["options[0].movement.exercised"] == 1600000
    assert facts["options[0].movement.granted"] == 0
    assert facts["options[0].movement.lapsed"] == 100000
    assert facts["options[0].shares_issued"] == 600000
    assert facts["options[0].treasury_transferred"] == 1000000
    assert facts["options[0].shares_issuable"] == 2000000
    assert facts["options[0].treasury_transferable"] == 1300000
    assert facts["options[0].approval_date"] == "2020-05-20"


def test_v1_1_english_totals_carry_issued_and_treasury_per_class():
    facts = _facts(_v1_1())
    assert (facts["options_total[0].class"], facts["options_total[0].issued"], facts["options_total[0].treasury"]) == (
        "Ordinary shares", 600000, 1000000,
    )
    assert (facts["total_increase[0].issued"], facts["total_increase[0].treasury"]) == (1000000, -1000000)
    assert "total_increase[1].issued" not in facts
    assert _keys_with(facts, "public_float") == []


# -- v1.2, two classes --------------------------------------------------------------------


H_THRESHOLD = (
    "Initial Prescribed Threshold - 15% of the total number of issued shares in the class to which the listed "
    "shares belong (excluding treasury shares)"
)


def _two_classes() -> Form:
    """An A+H issuer: every section prints one class block per class."""
    form = Form("1.2.0", metadata={"ReleaseVersion": "1.2.0.2026Q1"})
    header(form, issuer="Example A and H Company Limited", month_ended="28 February 2026", submitted="04 March 2026")
    h_block = [
        ["1. Class of shares", "Ordinary shares", "Type of shares", "H", "Listed on the Exchange (Note 1)", "Yes"],
        ["Stock code (if listed)", "01234", "Description", "H Shares"],
    ]
    a_block = [
        ["2. Class of shares", "Ordinary shares", "Type of shares", "A", "Listed on the Exchange (Note 1)", "No"],
        ["Stock code (if listed)", "", "Description", "A Shares listed on the Shanghai Stock Exchange"],
    ]
    form.heading("I. Movements in Authorised / Registered Share Capital")
    for block, shares in ((h_block, "1,000,000,000"), (a_block, "3,000,000,000")):
        form.block(*block)
        form.table(
            AUTHORISED_COLUMNS,
            [["Balance at close of preceding month", shares, "RMB 1", f"RMB {shares}"],
             ["Balance at close of the month", shares, "RMB 1", f"RMB {shares}"]],
            AUTHORISED_WIDTHS,
        )
    form.line((265.7, "Total authorised/registered share capital at the end of the month:"), (530.9, "RMB 4,000,000,000"))
    form.new_page()
    form.heading("II. Movements in Issued Shares and/or Treasury Shares and Public Float Sufficiency Confirmation")
    for block, preceding, close, ticked, threshold in (
        (h_block, "1,000,000,000", "1,000,500,000", 0, H_THRESHOLD),
        (a_block, "3,000,000,000", "3,000,000,000", 1, "Not applicable"),
    ):
        form.block(*block)
        form.table(
            ISSUED_COLUMNS_V1_1,
            [["Balance at close of preceding month", preceding, "0", preceding],
             ["Balance at close of the month", close, "0", close]],
            ISSUED_WIDTHS_V1_1,
        )
        form.line((23.5, "Public float sufficiency confirmation (Note 4)"))
        for n, wording in enumerate(("has been complied with", "has not been complied with")):
            tick = [(28.4, "✔")] if n == ticked else []
            form.line(*tick, (57.7, f"the applicable public float requirement (see below) {wording}"))
        form.block(["Applicable public float threshold", threshold])
        if block is a_block:
            form.new_page()
    form.heading("III. Details of Movements in Issued Shares and/or Treasury Shares")
    form.line((26.4, "(A). Share Options (under Share Option Schemes of the Issuer)"))
    for block, scheme, exercised in ((h_block, "H Share Option Scheme", "500,000"), (a_block, "A Share Incentive Scheme", "Nil")):
        form.block(*block)
        form.table(
            ["Particulars of share option scheme", "Exercised",
             "Number of new shares issued during the month pursuant thereto (A1)"],
            [["1).", scheme, exercised, exercised]],
            [300.0, 200.0, 277.8],
            numbered=True,
        )
        form.line((223.2, "Increase in issued shares (excluding treasury shares):"), (520.0, exercised),
                  (596.1, "Ordinary shares (AA1)"))
    form.new_page()
    form.line((26.4, "(E). Other Movements in Issued Shares and/or Treasury Shares"), (330.0, "Not applicable"))
    confirmations(form, name="Zhang San", title="Joint Company Secretary")
    return form


def test_two_class_blocks_give_one_item_each_in_sections_i_and_ii():
    facts = _facts(_two_classes())
    assert [facts[f"authorised[{i}].share_type"] for i in (0, 1)] == ["H", "A"]
    assert [facts[f"authorised[{i}].close.shares"] for i in (0, 1)] == [1000000000, 3000000000]
    assert (facts["authorised[0].currency"], facts["authorised_total[0].amount"]) == ("CNY", "4000000000")
    assert [facts[f"issued[{i}].share_type"] for i in (0, 1)] == ["H", "A"]
    assert [facts[f"issued[{i}].listed"] for i in (0, 1)] == [True, False]
    assert facts["issued[0].stock_code"] == "01234" and "issued[1].stock_code" not in facts
    assert facts["issued[1].description"] == "A Shares listed on the Shanghai Stock Exchange"
    assert [facts[f"issued[{i}].close.issued"] for i in (0, 1)] == [1000500000, 3000000000]
    assert "authorised[2].category" not in facts and "issued[2].category" not in facts


def test_two_class_blocks_each_carry_their_own_public_float_confirmation():
    facts = _facts(_two_classes())
    assert facts["issued[0].public_float.complied"] is True
    assert facts["issued[0].public_float.threshold"] == H_THRESHOLD
    assert facts["issued[1].public_float.complied"] is False
    assert facts["issued[1].public_float.threshold"] == "Not applicable"


def test_two_class_blocks_give_one_option_item_and_one_total_line_each():
    facts = _facts(_two_classes())
    assert [facts[f"options[{k}].scheme"] for k in (0, 1)] == ["H Share Option Scheme", "A Share Incentive Scheme"]
    assert facts["options[0].stock_code"] == "01234" and "options[1].stock_code" not in facts
    assert [facts[f"options[{k}].movement.exercised"] for k in (0, 1)] == [500000, 0]
    # Both classes print "Ordinary shares (AA1)": two lines, not one merged line.
    assert [facts[f"options_total[{t}].issued"] for t in (0, 1)] == [500000, 0]


# -- editions no reader knows ----------------------------------------------------------------


@pytest.mark.parametrize("version", ["2.0.0", "1.0.3", "1.3.0"])
def test_an_unknown_edition_is_refused_with_the_known_ones_named(version):
    form = Form(version)
    form.heading("I. Movements in Authorised / Registered Share Capital")
    with pytest.raises(UnsupportedFormError) as error:
        read_document(form.document())
    message = str(error.value)
    assert f"form version FF301 {version} not supported (known: " in message
    assert "FF301 1.0.0, 1.0.1, 1.0.2, 1.1.x, 1.2.x" in message


def test_editions_before_v1_1_have_no_treasury_columns_in_their_label_dictionaries():
    for version, has_treasury in (("1.0.0", False), ("1.0.2", False), ("1.1.1", True), ("1.2.0", True)):
        labels = labels_for(edition_of(version), Language.EN)
        assert (labels.column("issued", "Number of treasury shares") == "treasury") is has_treasury
        assert (labels.column("options", "Number of treasury shares transferred out of treasury during the month (A2)")
                == "treasury_transferred") is has_treasury
        assert labels.has("public_float") is version.startswith("1.2")
        assert labels.has("multi_counter") is (version != "1.0.0")


def test_known_versions_lists_exactly_the_editions_that_are_read():
    ff301 = next(reader for reader in readers() if reader.name == "FF301")
    assert ff301.known_versions() == "FF301 " + ", ".join(edition.name for edition in EDITIONS)
    assert [edition_of(v).name for v in ("1.0.0", "1.0.1", "1.0.2", "1.1.0", "1.1.1", "1.2.0")] == [
        "1.0.0", "1.0.1", "1.0.2", "1.1.x", "1.1.x", "1.2.x",
    ]
    assert edition_of("1.0.10") is None and edition_of("1.1") is None and edition_of(None) is None
