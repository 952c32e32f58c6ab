"""The printed labels of the FF301 e-form, per language, as regular expressions.

The reader finds every box by its label, never by its position, so a label
dictionary is all that differs between the English and the Chinese form, and
(with ``editions.py``) between the editions of the form.  Keys are the same in
every language and edition; patterns are searched in the text of one printed
phrase (white space folded).

The dictionaries below are the wording of v1.1 (June 2024), which v1.2 keeps;
``editions.py`` states, per edition, which labels read differently and which
boxes the edition does not print (a key mapped to ``None``).  A key missing
from an edition's ``Labels`` means "this edition has no such box": the reader
then leaves the field ``None`` instead of searching for it.

Keys whose meaning is not obvious:
- ``block.class`` is the numbered label that opens a class block and whose
  box holds the class text (``Ordinary shares``); ``block.type`` is the label
  whose box holds the type (``H``, ``A``, ``Not applicable``).  Which printed
  words these are depends on the edition: v1.0.0 and v1.0.1 print
  ``1. Type of shares`` for the class box and ``Class of shares`` for the
  type box, v1.0.2 swapped them to today's wording.
- ``multi_counter`` labels an extra stock-code row of a class block (v1.0.2+).
- ``grand_total.*`` may hold a named group ``class``: then the class is part
  of the label (v1.0.x: ``Total increase / decrease (-) in Ordinary shares
  during the month (i.e. Total of A to E)``) and the figure stands to its
  right; otherwise the class is printed right of the figure (v1.1+).
"""

from __future__ import annotations

import re
from collections.abc import Container, Mapping
from dataclasses import dataclass, field, replace

from return_xml.forms.item_numbers import tolerant
from return_xml.forms.movements import MOVEMENT_NAMES
from return_xml.model import Category, Language, MovementType
from return_xml.pdf.wide_chars import without_wide_spaces


@dataclass(frozen=True)
class Labels:
    """Compiled label patterns of one language of one FF301 edition."""

    text: Mapping[str, str]
    columns: Mapping[str, tuple[tuple[str, str], ...]]
    movement_types: tuple[tuple[str, MovementType], ...]
    option_movements: tuple[tuple[str, str], ...]
    yes: frozenset[str]
    no: frozenset[str]
    status_new: str
    status_resubmission: str
    ordinary: str
    preference: str
    # Sections whose table may print one figure column without a header cell
    # (v1.0.x section II): section -> the model field of that column.
    single_columns: Mapping[str, str] = field(default_factory=dict)
    _compiled: dict[str, re.Pattern[str]] = field(default_factory=dict, compare=False, repr=False)
    # ``any_of`` patterns by their keys: the reader asks for the same stops for every value it reads.
    _combined: dict[tuple[str, ...], re.Pattern[str] | None] = field(default_factory=dict, compare=False, repr=False)

    def has(self, key: str) -> bool:
        """Whether this edition prints the box labelled ``key``."""
        return key in self.text

    def __getitem__(self, key: str) -> re.Pattern[str]:
        if key not in self._compiled:
            if key not in self.text:
                raise KeyError(f"label {key!r} is not printed by this FF301 edition (check labels.has first)")
            self._compiled[key] = re.compile(_spaced_colons(tolerant(self.text[key])), re.IGNORECASE)
        return self._compiled[key]

    def any_of(self, *keys: str) -> re.Pattern[str] | None:
        """One pattern matching any of the labels ``keys`` that the edition prints (used to stop a value)."""
        if keys not in self._combined:
            present = [f"(?:{_spaced_colons(tolerant(self.text[k]))})" for k in keys if k in self.text]
            # A label that OCR read together with its value ("狀態 : 新提交") stops a value too.
            present += [f"(?:{self.text[k][: -len('[:：]?$')]}\\s*[:：])" for k in keys if self.text.get(k, "").endswith("[:：]?$")]
            self._combined[keys] = re.compile("|".join(present), re.IGNORECASE) if present else None
        return self._combined[keys]

    def column(self, section: str, header: str, taken: Container[str] = ()) -> str | None:
        """The model field of a table column, from its printed header text: the first that fits and is not ``taken``."""
        header = without_wide_spaces(header)
        for name, pattern in self.columns[section]:
            if name not in taken and re.search(pattern, header, re.IGNORECASE):
                return name
        return None

    def option_movement(self, printed: str) -> tuple[str, str] | None:
        """``Lapsed -112,875`` -> (``lapsed``, ``-112,875``): one labelled line of an option movement cell."""
        for name, pattern in self.option_movements:
            if m := re.match(pattern, printed.strip(), re.IGNORECASE):
                return name, printed.strip()[m.end():].strip(" :：")
        return None

    def category(self, class_text: str) -> Category:
        if re.search(self.preference, class_text, re.IGNORECASE):
            return Category.PREFERENCE
        if re.search(self.ordinary, class_text, re.IGNORECASE):
            return Category.ORDINARY
        return Category.OTHER

    def movement_type(self, printed: str) -> MovementType:
        for pattern, kind in self.movement_types:
            if re.search(pattern, printed, re.IGNORECASE):
                return kind
        return MovementType.OTHER

    def revised(
        self,
        text: Mapping[str, str | None],
        absent_columns: frozenset[str] = frozenset(),
        single_columns: Mapping[str, str] | None = None,
    ) -> Labels:
        """These labels as another edition prints them.

        ``text`` replaces label patterns (``None`` removes a box the edition
        does not print); ``absent_columns`` removes table columns by model
        field (``treasury``) from every section.
        """
        merged = {key: pattern for key, pattern in {**self.text, **text}.items() if pattern is not None}
        columns = {
            section: tuple((name, pattern) for name, pattern in pairs if name not in absent_columns)
            for section, pairs in self.columns.items()
        }
        return replace(
            self,
            text=merged,
            columns=columns,
            single_columns=dict(single_columns if single_columns is not None else self.single_columns),
            _compiled={},
            _combined={},
        )


# Columns of the tables, by model field, most specific pattern first: the
# v1.2 form merges "may be issued" and "may be transferred out of treasury"
# into one column, which stays `shares_issuable`; v1.0.x has no treasury
# columns at all (editions.py removes them) and may say "new shares of issuer".
_EN_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "authorised": (
        ("shares", r"Number of authorised"),
        ("par_value", r"^Par value"),
        ("capital", r"share capital"),
    ),
    "issued": (
        ("issued", r"^Number of issued shares"),
        ("treasury", r"^Number of treasury shares"),
        ("total", r"^Total number of issued shares"),
    ),
    "options": (
        ("scheme", r"Particulars of share option scheme|share option scheme"),
        ("outstanding_preceding", r"outstanding at close of preceding month"),
        ("granted", r"^Granted"),
        ("exercised", r"^Exercised"),
        ("cancelled", r"^Cancelled"),
        ("lapsed", r"^Lapsed"),
        # v1.0.x prints one movement column whose cell holds labelled lines
        # (Granted 0 / Exercised 0 / Cancelled 0 / Lapsed -112,875).
        ("movement", r"^Movement during the month"),
        ("outstanding_close", r"outstanding at close of the month"),
        ("shares_issued", r"new shares (?:of (?:the )?issuer )?issued during the month"),
        ("treasury_transferred", r"treasury shares transferred out of treasury during the month"),
        ("treasury_transferable", r"treasury shares which may be transferred"),
        ("shares_issuable", r"may be issued"),
    ),
    "warrants": (
        ("description", r"^Description of warrants|^Description"),
        ("currency", r"^Currency"),
        ("nominal_preceding", r"close of preceding month"),
        ("nominal_exercised", r"exercised during the month|Movement during the month"),
        ("nominal_close", r"close of the month$|at close of the month(?!.*pursuant)"),
        ("shares_issued", r"new shares (?:of (?:the )?issuer )?issued during the month"),
        ("treasury_transferred", r"treasury shares transferred out of treasury during the month"),
        ("treasury_transferable", r"treasury shares which may be transferred"),
        ("shares_issuable", r"may be issued"),
    ),
    "convertibles": (
        ("description", r"^Description"),
        ("currency", r"^Currency"),
        ("amount_preceding", r"^Amount at close of preceding month"),
        ("movement", r"^Movement during the month"),
        ("amount_close", r"^Amount at close of the month"),
        ("shares_issued", r"new shares (?:of (?:the )?issuer )?issued during the month"),
        ("treasury_transferred", r"treasury shares transferred out of treasury during the month"),
        ("treasury_transferable", r"treasury shares which may be transferred"),
        ("shares_issuable", r"may be issued"),
    ),
    "arrangements": (
        ("particulars", r"^Full particulars|particulars"),
        ("approval_date", r"approval date"),
        ("shares_issued", r"new shares (?:of (?:the )?issuer )?issued during the month"),
        ("treasury_transferred", r"treasury shares transferred out of treasury during the month"),
        ("treasury_transferable", r"treasury shares which may be transferred"),
        ("shares_issuable", r"may be issued"),
    ),
    "other_movements": (
        ("event", r"^Type of event|^Event"),
        ("currency", r"^Currency"),
        ("price", r"^Price"),
        ("event_date", r"^Date of event"),
        ("approval_date", r"approval date"),
        ("shares_issued", r"issued shares \(excluding treasury shares\)|\(E1\)"),
        ("treasury", r"treasury shares.*\(E2\)|\(E2\)"),
        ("shares_issuable", r"pending cancellation|not yet cancelled"),
    ),
}

_ZH_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "authorised": (
        ("shares", r"法定/註冊股份數目"),
        ("par_value", r"^面值"),
        ("capital", r"法定/註冊股本"),
    ),
    "issued": (
        ("issued", r"^已發行股份（不包括庫存股份）數目|^已發行股份\(不包括庫存股份\)數目"),
        ("treasury", r"^庫存股份數目"),
        ("total", r"^已發行股份總數"),
    ),
    "options": (
        ("scheme", r"股份期權計劃"),
        ("outstanding_preceding", r"上月底"),
        ("granted", r"^授出"),
        ("exercised", r"^行使"),
        ("cancelled", r"^註銷"),
        ("lapsed", r"^失效"),
        ("movement", r"^本月[內内]變動"),
        ("outstanding_close", r"本月底結存"),
        ("shares_issued", r"已發行的新股份|發行新股份數目"),
        ("treasury_transferred", r"轉讓.*庫存股份.*\(A2\)|\(A2\)"),
        ("treasury_transferable", r"可能.*轉讓.*庫存股份"),
        ("shares_issuable", r"可能發行"),
    ),
    "warrants": (
        ("description", r"權證說明|^說明"),
        ("currency", r"^貨幣"),
        ("nominal_preceding", r"上月底"),
        ("nominal_exercised", r"本月內行使|本月内行使|本月內變動|本月内變動"),
        ("nominal_close", r"本月底"),
        ("shares_issued", r"\(B1\)"),
        ("treasury_transferred", r"\(B2\)"),
        ("treasury_transferable", r"可能.*轉讓.*庫存股份"),
        ("shares_issuable", r"可能發行"),
    ),
    "convertibles": (
        ("description", r"可換股票據說明|^說明"),
        ("currency", r"^貨幣"),
        ("amount_preceding", r"上月底"),
        ("movement", r"本月內變動|本月内變動"),
        ("amount_close", r"本月底"),
        ("shares_issued", r"\(C1\)"),
        ("treasury_transferred", r"\(C2\)"),
        ("treasury_transferable", r"可能.*轉讓.*庫存股份"),
        ("shares_issuable", r"可能發行"),
    ),
    "arrangements": (
        ("particulars", r"詳情"),
        ("approval_date", r"股東大會通過日期"),
        ("shares_issued", r"\(D1\)"),
        ("treasury_transferred", r"\(D2\)"),
        ("treasury_transferable", r"可能.*轉讓.*庫存股份"),
        ("shares_issuable", r"可能發行"),
    ),
    "other_movements": (
        ("event", r"^事件$"),
        ("currency", r"^貨幣"),
        ("price", r"^價格"),
        ("event_date", r"事件發生日期"),
        ("approval_date", r"股東大會通過日期"),
        ("shares_issued", r"\(E1\)"),
        ("treasury", r"\(E2\)"),
        ("shares_issuable", r"尚未註銷"),
    ),
}

_EN = {
    "period_end": r"^For the month ended:?$",
    "status": r"^Status:?$",
    "issuer_name": r"^Name of Issuer:?$",
    "submission_date": r"^Date Submitted:?$",
    "section.I": r"^I\.\s*Movements in Authorised",
    "section.II": r"^II\.\s*Movements in Issued",
    "section.III": r"^III\.\s*Details of Movements",
    "section.III.A": r"^\(A\)\.\s*Share Options",
    "section.III.B": r"^\(B\)\.\s*Warrants",
    "section.III.C": r"^\(C\)\.\s*Convertibles",
    "section.III.D": r"^\(D\)\.\s*Any other Agreements",
    "section.III.E": r"^\(E\)\.\s*Other Movements",
    "section.IV": r"^IV\.\s*Information about",
    "section.V": r"^V\.\s*Confirmations",
    "section.notes": r"^Notes$",
    "not_applicable": r"^Not applicable$",
    "block.class": r"^\d+\.\s*Class of shares$",
    "block.type": r"^Type of shares$",
    "listed": r"^Listed on the Exchange",
    "stock_code": r"^Stock code \(if listed\)$",
    "multi_counter": r"^Multi-counter stock code",
    "description": r"^Description$",
    "row.preceding": r"^Balance at close of preceding month",
    "row.movement": r"^Increase\s*/\s*decrease \(-\)",
    "row.close": r"^Balance at close of the month",
    "authorised_total": r"^Total authorised/registered share capital at the end of the month",
    "remarks": r"^Remarks:?$",
    "public_float": r"^Public float sufficiency confirmation",
    "public_float.complied": r"has been complied with",
    "public_float.not_complied": r"has not been complied with",
    "public_float.threshold": r"^Applicable public float threshold",
    "public_float.additional": r"^Additional information",
    "item.type": r"^Type of the Convertibles",
    "item.stock_code": r"^Stock code of the (?:Convertibles|Warrants)",
    "item.price": r"^(?:Subscription/Conversion|Exercise|Subscription) price",
    "item.approval_date": r"^General Meeting approval date",
    "item.expiry_date": r"^Date of expiry",
    "item.description": r"^Description of the event|^Please specify",
    "available_for_grant.preceding": r"available for grant.*beginning|available for grant.*preceding",
    "available_for_grant.close": r"available for grant.*end of|available for grant.*close",
    "options_funds": r"^Total funds raised during the month from exercise of options",
    "section_total": r"\((?P<section>AA|BB|CC|DD|EE)(?P<kind>[12])\)\s*$",
    "grand_total.issued": r"Total of AA1 to EE1",
    "grand_total.treasury": r"Total of AA2 to EE2",
    "signatory.name": r"^Submitted by:?$",
    "signatory.title": r"^Title:?$",
    "hdr_heading": r"^IV\.\s*Information about Hong Kong Depositary Receipt",
}

_ZH = {
    "period_end": r"^截至月份[:：]?$",
    "status": r"^狀態[:：]?$",
    "issuer_name": r"^公司名稱[:：]?$",
    "submission_date": r"^呈交日期[:：]?$",
    "section.I": r"^I\.\s*法定",
    "section.II": r"^II\.\s*已發行股份",
    "section.III": r"^III\.\s*已發行股份",
    "section.III.A": r"^\(A\)\.\s*股份期權",
    "section.III.B": r"^\(B\)\.\s*承諾發行",
    "section.III.C": r"^\(C\)\.\s*可換股票據",
    "section.III.D": r"^\(D\)\.\s*為發行",
    "section.III.E": r"^\(E\)\.\s*已發行股份",
    "section.IV": r"^IV\.\s*有關香港預託證券",
    "section.V": r"^V\.\s*確認",
    "section.notes": r"^註$",
    "not_applicable": r"^不適用$",
    "block.class": r"^\d+\.\s*股份分類$",
    "block.type": r"^股份類別$",
    "listed": r"^於香港聯交所上市",
    "stock_code": r"^證券代號\s*\(如上市\)$",
    "multi_counter": r"^多櫃[台檯]證券代號",
    "description": r"^說明$",
    "row.preceding": r"^上月底結存",
    "row.movement": r"^增加\s*/\s*減少\s*\(-\)$",
    "row.close": r"^本月底結存",
    "authorised_total": r"^本月底法定/註冊股本總額",
    "remarks": r"^備註[:：]?$",
    "public_float": r"^公眾持股量",
    "public_float.complied": r"已(?:經)?遵守|已符合",
    "public_float.not_complied": r"未(?:有)?遵守|未符合",
    "public_float.threshold": r"適用公眾持股量門檻|適用的公眾持股量",
    "public_float.additional": r"^其他資料|^補充資料",
    "item.type": r"^可換股票據類別|^可換股票據類型",
    "item.stock_code": r"^(?:可換股票據|權證)的?證券代號",
    "item.price": r"^(?:認購/轉換|行使|認購)價",
    "item.approval_date": r"^股東大會通過日期",
    "item.expiry_date": r"^到期日",
    "item.description": r"^事件說明|^請註明",
    "available_for_grant.preceding": r"可供授予.*(?:月初|上月底)",
    "available_for_grant.close": r"可供授予.*本月底",
    "options_funds": r"^本月內因行使期權所得資金總額|^本月内因行使期權所得資金總額",
    "section_total": r"\((?P<section>AA|BB|CC|DD|EE)(?P<kind>[12])\)\s*$",
    "grand_total.issued": r"AA1\s*至\s*EE1",
    "grand_total.treasury": r"AA2\s*至\s*EE2",
    "signatory.name": r"^呈交者[:：]?$",
    "signatory.title": r"^職銜[:：]?$",
    "hdr_heading": r"^IV\.\s*有關香港預託證券",
}

_EN_OPTION_MOVEMENTS = (
    ("granted", r"Granted"),
    ("exercised", r"Exercised"),
    ("cancelled", r"Cancelled"),
    ("lapsed", r"Lapsed"),
)
_ZH_OPTION_MOVEMENTS = (
    ("granted", r"授出"),
    ("exercised", r"行使"),
    ("cancelled", r"註銷"),
    ("lapsed", r"失效"),
)

# The labels as v1.1 prints them; editions.py derives every edition from these.
BASE: dict[Language, Labels] = {
    Language.EN: Labels(
        _EN, _EN_COLUMNS, MOVEMENT_NAMES[Language.EN], _EN_OPTION_MOVEMENTS, frozenset({"yes"}), frozenset({"no"}),
        status_new=r"new", status_resubmission=r"re-?submission", ordinary=r"ordinary", preference=r"preference",
    ),
    Language.ZH: Labels(
        _ZH, _ZH_COLUMNS, MOVEMENT_NAMES[Language.ZH], _ZH_OPTION_MOVEMENTS, frozenset({"是"}), frozenset({"否"}),
        status_new=r"^新提交", status_resubmission=r"重新提交", ordinary=r"普通股", preference=r"優先股",
    ),
}


# A space beside a Chinese character or full-width mark ("法定 / 註冊", "股份 )"): OCR sets
# words apart where a Chinese text layer prints none, so a header is compared without it.


def _spaced_colons(pattern: str) -> str:
    """``pattern`` with a space allowed before its colons: OCR sets one apart ("公司名稱 :")."""
    return pattern.replace("[:：]", r"\s*[:：]")
