"""The concepts of the monthly-return taxonomy: one per kind of fact of the facts view.

Keyed by the facts-view *path pattern*: the path with every list index written
``[]`` (``issued[].close.issued`` for ``issued[0].close.issued``; see
../shared/spec/facts.md).  That key is on purpose the key of the project's
vocabulary table (``return_xml.facts.vocabulary``, being written on another
branch): once it lands, this table is to be joined with it on the pattern, so
that the facts view, structured input and the taxonomy are driven by one table.
Until then the XBRL-only columns live here: the concept name, its XBRL type, its
period, which dimension its contexts carry, the currency field its unit comes
from, its labels in the form's own wording (FF301 English and Traditional
Chinese), and where it stands in the presentation (the form's order).

The taxonomy files (``xsd/xbrl/``) and the instance writer are both generated
from ``CONCEPTS``; nothing else lists the concepts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Kinds of value, each with its XBRL item type (taxonomy.py) and unit (instance.py).
SHARES, MONETARY, PER_SHARE, DATE, STRING, BOOLEAN = "shares", "monetary", "per-share", "date", "string", "boolean"
NUMERIC_KINDS = (SHARES, MONETARY, PER_SHARE)

# Periods: the month (a duration), its close (instant at period.end), and the
# close of the preceding month (instant on the day before the month starts).
MONTH, CLOSE, PRECEDING = "month", "close", "preceding"

# Dimensions a concept's contexts carry: none (the return as a whole), the class
# of shares, the numbered item of a list (section III items, per-currency totals),
# or both (the multi-counter stock codes of a class).
ENTITY, CLASS, ITEM, CLASS_ITEM = "entity", "class", "item", "class+item"


@dataclass(frozen=True)
class Concept:
    """One concept: the facts-view path pattern it holds and how it is reported in XBRL."""

    pattern: str
    kind: str
    period: str
    section: str  # presentation group (SECTIONS), in the form's order
    en: str
    zh: str
    currency_field: str | None = None  # sibling field whose ISO code is the unit of a money or per-share fact

    @property
    def name(self) -> str:
        """The concept's local name: the pattern in UpperCamelCase (``IssuedCloseIssued`` for ``issued[].close.issued``)."""
        return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^A-Za-z0-9]+", self.pattern) if part)

    @property
    def dimension(self) -> str:
        """ENTITY, CLASS, ITEM or CLASS_ITEM, from the lists in the pattern."""
        lists = re.findall(r"([a-z_]+)\[\]", self.pattern)
        if not lists:
            return ENTITY
        if lists[0] in CLASS_LISTS:
            return CLASS_ITEM if len(lists) > 1 else CLASS
        return ITEM


# Lists whose entries are classes of shares (the others are numbered items).
CLASS_LISTS = frozenset(
    ("authorised", "issued", "options_total", "warrants_total", "convertibles_total", "arrangements_total",
     "other_movements_total", "total_increase")
)

# Presentation groups in the form's order: (key, English, Chinese).
SECTIONS: tuple[tuple[str, str, str], ...] = (
    ("Header", "Monthly return: header", "月報表：表頭"),
    ("SectionI", "I. Movements in Authorised / Registered Share Capital", "I. 法定/註冊股本變動"),
    ("SectionII", "II. Movements in Issued Shares and/or Treasury Shares", "II. 已發行股份及/或庫存股份變動"),
    ("SectionIIIA", "(A). Share Options (under Share Option Schemes of the Issuer)", "(A). 股份期權（根據發行人的股份期權計劃）"),
    ("SectionIIIB", "(B). Warrants to Issue Shares of the Issuer", "(B). 承諾發行發行人股份的權證"),
    ("SectionIIIC", "(C). Convertibles (i.e. Convertible into Shares of the Issuer)", "(C). 可換股票據（即可轉換為發行人股份）"),
    ("SectionIIID", ("(D). Any other Agreements or Arrangements to Issue Shares of the Issuer, including Options "
                    "(other than Share Option Schemes)"),
     "(D). 為發行發行人股份所訂立的任何其他協議或安排，包括期權(但不包括根據股份期權計劃發行的期權)"),
    ("SectionIIIE", "(E). Other Movements in Issued Shares and/or Treasury Shares", "(E). 已發行股份及/或庫存股份的其他變動"),
    ("GrandTotal", "Total increase / decrease (-) during the month (i.e. Total of A to E)", "本月内合共增加/減少(-)總額 (即A至E項的總和)"),
    ("Closing", "Remarks and submission", "備註及呈交"),
)

_ROW = {PRECEDING: ("Balance at close of preceding month", "上月底結存"),
        MONTH: ("Increase / decrease (-)", "增加 / 減少 (-)"),
        CLOSE: ("Balance at close of the month", "本月底結存")}


def _c(pattern: str, kind: str, section: str, en: str, zh: str, period: str = MONTH, currency: str | None = None) -> Concept:
    return Concept(pattern, kind, period, section, en, zh, currency)


def _rows(prefix: str, field: str, kind: str, section: str, en: str, zh: str, periods=(PRECEDING, MONTH, CLOSE),
          currency: str | None = None) -> list[Concept]:
    """A column of a balance table: its preceding, movement and close rows."""
    step = {PRECEDING: "preceding", MONTH: "movement", CLOSE: "close"}
    return [_c(f"{prefix}.{step[p]}.{field}", kind, section, f"{en}: {_ROW[p][0]}", f"{zh}：{_ROW[p][1]}", p, currency)
            for p in periods]


def _class_fields(prefix: str, section: str) -> list[Concept]:
    return [
        _c(f"{prefix}.category", STRING, section, "Category of shares (ordinary, preference or other)", "股份類型（普通股、優先股或其他）"),
        _c(f"{prefix}.class", STRING, section, "Class of shares", "股份分類"),
        _c(f"{prefix}.share_type", STRING, section, "Type of shares", "股份類別"),
        _c(f"{prefix}.listed", BOOLEAN, section, "Listed on the Exchange", "於香港聯交所上市"),
        _c(f"{prefix}.stock_code", STRING, section, "Stock code (if listed)", "證券代號 (如上市)"),
        _c(f"{prefix}.description", STRING, section, "Description", "說明"),
    ]


def _issue_columns(prefix: str, section: str, letter: str) -> list[Concept]:
    """The issue columns every table of section III A-D ends with."""
    return [
        _c(f"{prefix}.shares_issued", SHARES, section,
           f"Number of new shares issued during the month pursuant thereto ({letter}1)", f"本月內因此已發行的新股份數目 ({letter}1)"),
        _c(f"{prefix}.shares_issuable", SHARES, section,
           "Number of new shares which may be issued as at close of the month pursuant thereto", "截至月底因此可能發行的新股份數目", CLOSE),
        _c(f"{prefix}.treasury_transferred", SHARES, section,
           f"Number of treasury shares transferred out of treasury during the month pursuant thereto ({letter}2)",
           f"本月內因此轉讓出庫存的庫存股份數目 ({letter}2)"),
        _c(f"{prefix}.treasury_transferable", SHARES, section,
           "Number of treasury shares which may be transferred out of treasury as at close of the month pursuant thereto",
           "截至月底因此可能轉讓出庫存的庫存股份數目", CLOSE),
    ]


def _item_class(prefix: str, section: str) -> list[Concept]:
    return [
        _c(f"{prefix}.category", STRING, section, "Category of shares issuable (ordinary, preference or other)", "可發行股份的類型（普通股、優先股或其他）"),
        _c(f"{prefix}.stock_code", STRING, section, "Stock code (if listed)", "證券代號 (如上市)"),
        _c(f"{prefix}.approval_date", DATE, section, "General Meeting approval date (if applicable)", "股東大會通過日期 (如適用)"),
    ]


def _total(name: str, section: str, en: str, zh: str) -> list[Concept]:
    return [
        _c(f"{name}[].category", STRING, section, f"{en}: category of shares", f"{zh}：股份類型"),
        _c(f"{name}[].class", STRING, section, f"{en}: class of shares", f"{zh}：股份分類"),
        _c(f"{name}[].issued", SHARES, section, f"{en}: increase / decrease (-) in issued shares (excluding treasury shares)",
           f"{zh}：增加/減少(-)已發行股份（不包括庫存股份）"),
        _c(f"{name}[].treasury", SHARES, section, f"{en}: increase / decrease (-) in treasury shares", f"{zh}：增加/減少(-)庫存股份"),
    ]


_A, _I = "authorised[]", "issued[]"
_O, _W, _V, _D, _E = "options[]", "warrants[]", "convertibles[]", "arrangements[]", "other_movements[]"

CONCEPTS: tuple[Concept, ...] = (
    # Header
    _c("form.family", STRING, "Header", "Form family (legacy or FF301)", "表格類別（舊表格或FF301）"),
    _c("form.version", STRING, "Header", "Form version or template edition", "表格版本"),
    _c("form.language", STRING, "Header", "Language of the form", "表格語言"),
    _c("issuer.name", STRING, "Header", "Name of Issuer", "公司名稱"),
    _c("period.end", DATE, "Header", "For the month ended", "截至月份"),
    _c("submission.date", DATE, "Header", "Date Submitted", "呈交日期"),
    _c("submission.status", STRING, "Header", "Status (New Submission or Resubmission)", "狀態（新提交或重新提交）"),
    # I. Authorised / registered share capital
    *_class_fields(_A, "SectionI"),
    _c(f"{_A}.currency", STRING, "SectionI", "Currency of par value and capital", "面值及股本的貨幣"),
    *_rows(_A, "shares", SHARES, "SectionI", "Number of authorised/registered shares", "法定/註冊股份數目"),
    *_rows(_A, "par_value", PER_SHARE, "SectionI", "Par value", "面值", (PRECEDING, CLOSE), "currency"),
    *_rows(_A, "capital", MONETARY, "SectionI", "Authorised/registered share capital", "法定/註冊股本", currency="currency"),
    _c(f"{_A}.remarks", STRING, "SectionI", "Remarks", "備註"),
    _c("authorised_total[].currency", STRING, "SectionI", "Total authorised/registered share capital at the end of the month: currency",
       "本月底法定/註冊股本總額：貨幣"),
    _c("authorised_total[].amount", MONETARY, "SectionI", "Total authorised/registered share capital at the end of the month",
       "本月底法定/註冊股本總額", CLOSE, "currency"),
    # II. Issued shares
    *_class_fields(_I, "SectionII"),
    _c(f"{_I}.multi_counter[].stock_code", STRING, "SectionII", "Multi-counter stock code", "多櫃台證券代號"),
    _c(f"{_I}.multi_counter[].description", STRING, "SectionII", "Multi-counter stock code: description", "多櫃台證券代號：說明"),
    *_rows(_I, "issued", SHARES, "SectionII", "Number of issued shares (excluding treasury shares)", "已發行股份（不包括庫存股份）數目"),
    *_rows(_I, "treasury", SHARES, "SectionII", "Number of treasury shares", "庫存股份數目"),
    *_rows(_I, "total", SHARES, "SectionII", "Total number of issued shares", "已發行股份總數"),
    _c(f"{_I}.public_float.complied", BOOLEAN, "SectionII", "The applicable public float requirement has been complied with",
       "已遵守上述公眾持股量規定"),
    _c(f"{_I}.public_float.threshold", STRING, "SectionII", "Applicable public float threshold", "適用公眾持股量門檻"),
    _c(f"{_I}.remarks", STRING, "SectionII", "Remarks", "備註"),
    # III (A). Share options
    _c(f"{_O}.scheme", STRING, "SectionIIIA", "Particulars of share option scheme", "股份期權計劃詳情"),
    *_item_class(_O, "SectionIIIA"),
    _c(f"{_O}.exercise_price", PER_SHARE, "SectionIIIA", "Exercise price", "行使價", currency="exercise_price_currency"),
    _c(f"{_O}.exercise_price_currency", STRING, "SectionIIIA", "Exercise price: currency", "行使價：貨幣"),
    _c(f"{_O}.outstanding.preceding", SHARES, "SectionIIIA", "Number of share options outstanding at close of preceding month",
       "上月底結存的股份期權數目", PRECEDING),
    _c(f"{_O}.movement.granted", SHARES, "SectionIIIA", "Movement during the month: Granted", "本月內變動：授出"),
    _c(f"{_O}.movement.exercised", SHARES, "SectionIIIA", "Movement during the month: Exercised", "本月內變動：行使"),
    _c(f"{_O}.movement.cancelled", SHARES, "SectionIIIA", "Movement during the month: Cancelled", "本月內變動：註銷"),
    _c(f"{_O}.movement.lapsed", SHARES, "SectionIIIA", "Movement during the month: Lapsed", "本月內變動：失效"),
    _c(f"{_O}.outstanding.close", SHARES, "SectionIIIA", "Number of share options outstanding at close of the month",
       "本月底結存的股份期權數目", CLOSE),
    *_issue_columns(_O, "SectionIIIA", "A"),
    _c(f"{_O}.available_for_grant.preceding", SHARES, "SectionIIIA",
       "Number of share options available for grant under the scheme mandate at the beginning of the month",
       "根據計劃授權可供授予的股份期權數目 (上月底)", PRECEDING),
    _c(f"{_O}.available_for_grant.close", SHARES, "SectionIIIA",
       "Number of share options available for grant under the scheme mandate at the end of the month",
       "根據計劃授權可供授予的股份期權數目 (本月底)", CLOSE),
    *_total("options_total", "SectionIIIA", "Total A", "A項總計"),
    _c("options_funds[].currency", STRING, "SectionIIIA", "Total funds raised during the month from exercise of options: currency",
       "本月內因行使期權所得資金總額：貨幣"),
    _c("options_funds[].amount", MONETARY, "SectionIIIA", "Total funds raised during the month from exercise of options",
       "本月內因行使期權所得資金總額", currency="currency"),
    # III (B). Warrants
    _c(f"{_W}.description", STRING, "SectionIIIB", "Description of warrants", "權證說明"),
    _c(f"{_W}.expiry_date", DATE, "SectionIIIB", "Date of expiry", "到期日"),
    _c(f"{_W}.currency", STRING, "SectionIIIB", "Currency", "貨幣"),
    _c(f"{_W}.nominal.preceding", MONETARY, "SectionIIIB", "Nominal value at close of preceding month", "上月底結存的面值",
       PRECEDING, "currency"),
    _c(f"{_W}.nominal.exercised", MONETARY, "SectionIIIB", "Nominal value exercised during the month", "本月內行使的面值",
       currency="currency"),
    _c(f"{_W}.nominal.close", MONETARY, "SectionIIIB", "Nominal value at close of the month", "本月底結存的面值", CLOSE, "currency"),
    _c(f"{_W}.subscription_price", PER_SHARE, "SectionIIIB", "Subscription price", "認購價", currency="subscription_price_currency"),
    _c(f"{_W}.subscription_price_currency", STRING, "SectionIIIB", "Subscription price: currency", "認購價：貨幣"),
    *_item_class(_W, "SectionIIIB"),
    *_issue_columns(_W, "SectionIIIB", "B"),
    *_total("warrants_total", "SectionIIIB", "Total B", "B項總計"),
    # III (C). Convertibles
    _c(f"{_V}.description", STRING, "SectionIIIC", "Description of the Convertibles", "可換股票據說明"),
    _c(f"{_V}.type", STRING, "SectionIIIC", "Type of the Convertibles", "可換股票據類別"),
    _c(f"{_V}.currency", STRING, "SectionIIIC", "Currency", "貨幣"),
    _c(f"{_V}.amount.preceding", MONETARY, "SectionIIIC", "Amount at close of preceding month", "上月底結存的金額", PRECEDING, "currency"),
    _c(f"{_V}.amount.converted", MONETARY, "SectionIIIC", "Movement during the month (converted)", "本月內變動（已轉換）",
       currency="currency"),
    _c(f"{_V}.movement", STRING, "SectionIIIC", "Movement during the month: kind", "本月內變動：類別"),
    _c(f"{_V}.amount.close", MONETARY, "SectionIIIC", "Amount at close of the month", "本月底結存的金額", CLOSE, "currency"),
    _c(f"{_V}.conversion_price", PER_SHARE, "SectionIIIC", "Subscription/Conversion price", "認購/轉換價",
       currency="conversion_price_currency"),
    _c(f"{_V}.conversion_price_currency", STRING, "SectionIIIC", "Subscription/Conversion price: currency", "認購/轉換價：貨幣"),
    *_item_class(_V, "SectionIIIC"),
    *_issue_columns(_V, "SectionIIIC", "C"),
    *_total("convertibles_total", "SectionIIIC", "Total C", "C項總計"),
    # III (D). Other agreements or arrangements
    _c(f"{_D}.particulars", STRING, "SectionIIID", "Full particulars", "協議或安排的詳情"),
    _c(f"{_D}.approval_date", DATE, "SectionIIID", "General Meeting approval date (if applicable)", "股東大會通過日期 (如適用)"),
    _c(f"{_D}.category", STRING, "SectionIIID", "Category of shares issuable (ordinary, preference or other)", "可發行股份的類型（普通股、優先股或其他）"),
    *_issue_columns(_D, "SectionIIID", "D"),
    *_total("arrangements_total", "SectionIIID", "Total D", "D項總計"),
    # III (E). Other movements
    _c(f"{_E}.type", STRING, "SectionIIIE", "Type of event", "事件"),
    _c(f"{_E}.description", STRING, "SectionIIIE", "Type of event: description (other)", "事件：說明（其他）"),
    _c(f"{_E}.category", STRING, "SectionIIIE", "Category of shares (ordinary, preference or other)", "股份類型（普通股、優先股或其他）"),
    _c(f"{_E}.price", PER_SHARE, "SectionIIIE", "Price (if applicable)", "價格 (如適用)", currency="currency"),
    _c(f"{_E}.currency", STRING, "SectionIIIE", "Currency", "貨幣"),
    _c(f"{_E}.event_date", DATE, "SectionIIIE", "Date of event", "事件發生日期"),
    _c(f"{_E}.approval_date", DATE, "SectionIIIE", "General Meeting approval date (if applicable)", "股東大會通過日期 (如適用)"),
    _c(f"{_E}.shares_issued", SHARES, "SectionIIIE",
       "Increase / decrease (-) in issued shares (excluding treasury shares) during the month pursuant thereto (E1)",
       "本月內因此而增加/減少(-)已發行股份（不包括庫存股份） (E1)"),
    _c(f"{_E}.treasury", SHARES, "SectionIIIE", "Increase / decrease (-) in treasury shares during the month pursuant thereto (E2)",
       "本月內因此而增加/減少(-)庫存股份 (E2)"),
    _c(f"{_E}.shares_issuable", SHARES, "SectionIIIE",
       "Number of shares repurchased or redeemed but pending cancellation as at close of the month",
       "贖回/購回股份（擬註銷但截至本月底尚未註銷）的數目", CLOSE),
    *_total("other_movements_total", "SectionIIIE", "Total E", "E項總計"),
    # Grand total, remarks, signatory
    *_total("total_increase", "GrandTotal", "Total increase / decrease (-) during the month (i.e. Total of A to E)",
            "本月内合共增加/減少(-)總額 (即A至E項的總和)"),
    _c("remarks", STRING, "Closing", "Remarks", "備註"),
    _c("signatory.name", STRING, "Closing", "Submitted by", "呈交者"),
    _c("signatory.title", STRING, "Closing", "Title (Director, Secretary or other Duly Authorised Officer)",
       "職銜 (董事、秘書或其他獲正式授權的人員)"),
)

BY_PATTERN: dict[str, Concept] = {c.pattern: c for c in CONCEPTS}

_INDEX = re.compile(r"\[(\d+)\]")


def pattern_of(path: str) -> str:
    """The path pattern of a facts-view path: ``issued[0].close.issued`` -> ``issued[].close.issued``."""
    return _INDEX.sub("[]", path)


def indices_of(path: str) -> tuple[int, ...]:
    """The list indices of a facts-view path, outermost first."""
    return tuple(int(n) for n in _INDEX.findall(path))
