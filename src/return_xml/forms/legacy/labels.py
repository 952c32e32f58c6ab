"""The printed labels of the legacy monthly-return template, per language.

The legacy template was a Word document that every issuer filled in and printed
with its own software: the labels are the template's, their positions are not.
Patterns are searched in one printed phrase (white space folded).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cached_property

from return_xml.forms.item_numbers import tolerant
from return_xml.forms.movements import MOVEMENT_NAMES
from return_xml.forms.spaced_labels import spaced
from return_xml.model import Category, Language, MovementType
from return_xml.pdf.currencies import BRACKETED_CHINESE, BRACKETED_ENGLISH, alternation


@dataclass(frozen=True)
class LegacyLabels:
    text: dict[str, str]
    columns: tuple[tuple[str, str], ...]
    movement_types: tuple[tuple[str, MovementType], ...]
    categories: tuple[tuple[str, Category], ...]
    # True for the labels as read on pages recognised by OCR (``spaced_labels.py``).
    recognised: bool = False
    _compiled: dict[str, re.Pattern[str]] = field(default_factory=dict, compare=False, repr=False)

    def __getitem__(self, key: str) -> re.Pattern[str]:
        try:
            return self._compiled[key]
        except KeyError:
            self._compiled[key] = compiled = re.compile(self._widened(tolerant(self.text[key])), re.IGNORECASE)
            return compiled

    @cached_property
    def as_recognised(self) -> LegacyLabels:
        """These labels as OCR reads them: a space may stand beside an ideograph or mark, marks in either width."""
        return replace(self, recognised=True, _compiled={})

    def _widened(self, pattern: str) -> str:
        return spaced(pattern) if self.recognised else pattern

    # The tables below are searched for every heading stack, class line and
    # movement: compiled once per language instead of looked up in re's cache per call.
    @cached_property
    def _column_patterns(self) -> tuple[tuple[str, re.Pattern[str]], ...]:
        return tuple((name, re.compile(self._widened(pattern), re.IGNORECASE)) for name, pattern in self.columns)

    @cached_property
    def _category_patterns(self) -> tuple[tuple[re.Pattern[str], Category], ...]:
        return tuple((re.compile(self._widened(pattern), re.IGNORECASE), category) for pattern, category in self.categories)

    @cached_property
    def _movement_patterns(self) -> tuple[tuple[re.Pattern[str], MovementType], ...]:
        return tuple((re.compile(self._widened(pattern), re.IGNORECASE), kind) for pattern, kind in self.movement_types)

    def column(self, header: str) -> str | None:
        """The model name of a table column, from the text of its stacked header."""
        # Chinese headings wrap inside words ("可 能發行"), so also try without spaces.
        squeezed = header.replace(" ", "")
        for name, pattern in self._column_patterns:
            if pattern.search(header) or pattern.search(squeezed):
                return name
        return None

    def category(self, text: str) -> Category | None:
        for pattern, category in self._category_patterns:
            if pattern.search(text):
                return category
        return None

    def movement_type(self, text: str) -> MovementType:
        for pattern, kind in self._movement_patterns:
            if pattern.search(text):
                return kind
        return MovementType.OTHER


# Most specific first: "may be issued ... as at close of the month" must not
# be taken for "close of the month", nor "issued during" for "may be issued".
_EN_COLUMNS = (
    ("particulars", r"Particulars|Description|Full particulars|Type of Issue"),
    ("shares_issuable", r"which\s+may\s+be|may be issued|may\s+be"),
    ("shares_issued", r"issued\s+during|issuer\s+issued|during\s+the\s+month\s+pursuant"),
    ("granted", r"^Granted$"),
    ("exercised", r"^Exercised$"),
    ("cancelled", r"^Cancelled$"),
    ("lapsed", r"^Lapsed$"),
    ("converted", r"Converted"),
    ("exercised_nominal", r"Exercised\s+during"),
    ("currency", r"^Currency"),
    ("preceding", r"preceding\s+month"),
    ("close", r"close\s+of\s+the\s+month"),
)
_ZH_COLUMNS = (
    ("particulars", r"詳情|說明|發行類別"),
    ("shares_issuable", r"可能發行|可能"),
    ("shares_issued", r"因此發行|因此\s*發行"),
    ("granted", r"^授出$"),
    ("exercised", r"^行使$"),
    ("cancelled", r"^註銷$"),
    ("lapsed", r"^失效$"),
    ("converted", r"換股"),
    ("exercised_nominal", r"已行\s*使|已行使"),
    ("currency", r"貨幣"),
    ("preceding", r"上月底"),
    ("close", r"本月底"),
)

_EN = {
    "page_header": r"^For (?:Main Board|GEM|Main Board and GEM|the) listed issuers|^For Main Board|^For GEM",
    "title": r"^Monthly Return of Equity Issuer on Movements in Securities|^Monthly\s+Return\s+for\s+Hong\s+Kong\s+Depositary\s+Receipts",
    "period_end": r"^For the month ended",
    # The end of the period label, the template's date format, where OCR lost the label's words.
    "period_end.format": r"\(dd/mm/yyyy\)\s*:?$",
    "issuer_name": r"^Name of Issuer",
    "submission_date": r"^Date Submitted",
    "section.I": r"^I\.\s*Movements in Authori[sz]ed",
    "section.II": r"^II\.\s*Movements in Issued",
    "section.III": r"^III\.\s*Details of Movements",
    "section.A": r"^(?:\(?A\)?\.?\s*)?Share Options \(under",
    "section.B": r"^(?:\(?B\)?\.?\s*)?Warrants to Issue Shares",
    "section.C": r"^(?:\(?C\)?\.?\s*)?Convertibles \(i\.e\.",
    "section.D": r"^(?:\(?D\)?\.?\s*)?Any other Agreements or Arrangements",
    "section.E": r"^(?:\(?E\)?\.?\s*)?Other Movements in Issued",
    "section.grand": r"^Total increase\s*/\s*\(decrease\) in ordinary shares",
    "section.remarks": r"^Remarks",
    "section.signatory": r"^Submitted by",
    "class_heading": r"^\d\.\s*(?:Ordinary Shares|Preference Shares|Other Classes of Shares)",
    "stock_code": r"Stock code\s*:?\s*$|Stock code\s*:",
    "description": r"^Description\s*:?",
    "col.shares": r"^No\.? of (?:ordinary|preference|other)",
    "col.par_value": r"^Par value",
    "col.capital": r"^Authori[sz]ed share capital",
    "currency_hint": rf"\((?:{alternation(BRACKETED_ENGLISH)}|State currency)\)",
    "row.preceding": r"^Balance at close of preceding month|preceding month$",
    "row.movement": r"^Increase\s*/\s*\(?decrease\)?|during the month$",
    "row.close": r"^Balance at close of the month|^Balance at close of the\s*$",
    # Row labels searched in the label column's text with its white space removed (rows.py).
    "rowtext.preceding": r"Balanceatcloseof(?:the)?precedingmonth",
    "rowtext.movement": r"Increase[/／]?[(（]?decrease[)）]?(?:duringthemonth)?",
    "rowtext.close": r"Balanceatcloseofthemonth",
    "authorised_total": r"^Total authori[sz]ed share capital at the end of the month",
    "issued.ord1": r"^\(1\)$",
    "issued.ord2": r"^\(2\)$",
    "issued.preference": r"preference",
    "issued.other": r"other classes",
    # An item's number, with or without a space before its text ("1. Share Option", "1.Share Option"),
    # never a decimal figure ("2.30").
    "item_number": r"^\d{1,2}\.(?!\d)",
    "note_marker": r"^\(Note\s*\d\)$",
    "class_line": r"shares?\s*(?:\(Note\s*\d\))?$",
    "total_class": r"\((Ordinary shares|Preference shares|Other class(?:es)?(?: of shares)?)\)",
    "funds": r"^Total funds raised during the month",
    "sub.stock_code": r"^Stock code \(if listed\)",
    "sub.class": r"^Class of shares",
    "sub.price": r"^(?:Subscription|Conversion|Exercise) price",
    "sub.approval": r"^EGM approval date|^AGM approval date|^General Meeting approval date",
    "e.class": r"^Class(?:\s+of(?:\s+shares)?)?\b",
    # the whole label, for a value typed into its run ("Class of shares repurchased (Note 1)Ordinary shares")
    "e.class_whole": r"^Class\s+of\s+shares\s+(?:issuable|repurchased|redeemed)?\s*(?:[(（]\s*Note\s*1\s*[)）])?",
    "e.event_date": r"^Issue and allotment|^Cancellation date|^Redemption date",
    "e.approval": r"^(?:EGM|AGM|SGM|General Meeting) approval(?: date|$)",
    "e.price": r"^At price",
    "grand.marker": r"^\(([12])\)$",
    "grand.preference": r"^Total increase\s*/\s*\(decrease\) in preference shares",
    "grand.other": r"^Total increase\s*/\s*\(decrease\) in other classes",
    "remarks": r"^Remarks(?:\s*\(if any\))?\s*:?",
    "signatory.name": r"^Submitted by\s*:?",
    "signatory.title": r"^Title\s*:?",
    "signatory.end": r"^\(Director, Secretary|^Notes?\s*:",
    "general_meeting": r"general meeting|EGM|AGM|SGM",
    "not_applicable": r"^(?:N/A|Not applicable|-)$",
    # an issuer incorporated where shares need not be limited in number prints this for its authorised shares
    "unlimited": r"^Unlimited(?:\s+number(?:\s+of\s+shares)?)?$",
}

_ZH = {
    "page_header": r"^適用於(?:主板及創業板|主板|創業板)上市發行人",
    "title": r"證券變動月報表",
    "period_end": r"^截至月份",
    "period_end.format": r"[（(]日／月／年[)）]\s*[:：]?$",
    "issuer_name": r"^公司名稱",
    "submission_date": r"^呈交日期",
    "section.I": r"^I\.\s*法定股本變動",
    "section.II": r"^II\.\s*已發行股本變動",
    "section.III": r"^III\.\s*已發行股本變動詳情",
    "section.A": r"^(?:\(?A\)?\.?\s*)?股份期權（根據",
    "section.B": r"^(?:\(?B\)?\.?\s*)?承諾發行",
    "section.C": r"^(?:\(?C\)?\.?\s*)?可換股票據（即",
    "section.D": r"^(?:\(?D\)?\.?\s*)?為發行",
    "section.E": r"^(?:\(?E\)?\.?\s*)?已發行股本的其他變動",
    "section.grand": r"^本月普通股增加",
    "section.remarks": r"^備註",
    "section.signatory": r"^呈交者",
    "class_heading": r"^\d\.\s*(?:普通股|優先股|其他類別股份)",
    "stock_code": r"股份代號",
    "description": r"^說明",
    "col.shares": r"股數目$|股份數目$",
    "col.par_value": r"^面值",
    "col.capital": r"^法定股本(?:\s*[（(][^)）]*[)）])?$",
    "currency_hint": rf"[（(](?:{alternation(BRACKETED_CHINESE)}|請註明貨幣)[)）]",
    "row.preceding": r"^上月底結存",
    "row.movement": r"增加／（減少）|增加/\(減少\)|增加／\(減少\)",
    "row.close": r"^本月底結存",
    "rowtext.preceding": r"上月底結存",
    "rowtext.movement": r"增加[／/][（(]減少[)）]",
    "rowtext.close": r"本月底結存",
    "authorised_total": r"^本月底法定股本總額",
    "issued.ord1": r"^\(1\)$",
    "issued.ord2": r"^\(2\)$",
    "issued.preference": r"優先股",
    "issued.other": r"其他類別",
    "item_number": r"^\d{1,2}\.(?!\d)",
    "note_marker": r"^[（(]註\s*\d[)）]$",
    "class_line": r"股\s*(?:[（(]註\s*\d[)）])?$",
    "total_class": r"[（(](普通股|優先股|其他類別股份)[)）]",
    "funds": r"^本月內因行使期權所得資金總額|^本月内因行使期權所得資金總額",
    "sub.stock_code": r"^股份代號",
    "sub.class": r"^可發行股份類別",
    "sub.price": r"^(?:認購|換股|行使)價",
    "sub.approval": r"^股東(?:特別|週年)?大會通過日",
    "e.class": r"^(?:可發行|所購回|所贖回)股份類別",
    "e.class_whole": r"^(?:可發行|所購回|所贖回)股份類別\s*(?:[(（]\s*註\s*1\s*[)）])?",
    "e.event_date": r"^發行及配發日期|^註銷日期|^贖回日期",
    # the label's first line alone, where a page break parts it from its second ("股東特別大會通" / "過日期：")
    "e.approval": r"^股東(?:特別|週年)?大會通(?:過日|$)",
    "e.price": r"^價格",
    "grand.marker": r"^\(([12])\)$",
    "grand.preference": r"^本月優先股增加",
    "grand.other": r"^本月其他類別股份增加",
    "remarks": r"^備註(?:\s*[（(]如有[)）])?\s*[:：]?",
    "signatory.name": r"^呈交者\s*[:：]?",
    "signatory.title": r"^職銜\s*[:：]?",
    "signatory.end": r"^[（(]董事、秘書|^註\s*[:：]",
    "general_meeting": r"股東(?:特別|週年)?大會",
    "not_applicable": r"^(?:不適用|N/A|-)$",
    "unlimited": r"^(?:無限|無限制|無上限)(?:數目)?$",
}

LEGACY_LABELS: dict[Language, LegacyLabels] = {
    Language.EN: LegacyLabels(
        _EN,
        _EN_COLUMNS,
        MOVEMENT_NAMES[Language.EN],
        ((r"preference", Category.PREFERENCE), (r"ordinary", Category.ORDINARY), (r"other", Category.OTHER)),
    ),
    Language.ZH: LegacyLabels(
        _ZH,
        _ZH_COLUMNS,
        MOVEMENT_NAMES[Language.ZH],
        ((r"優先股", Category.PREFERENCE), (r"普通股", Category.ORDINARY), (r"其他類別", Category.OTHER)),
    ),
}
