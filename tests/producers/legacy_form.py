"""The legacy monthly-return template, laid out from a facts view, for the producer matrix.

Written from the printed template (the legacy corpus filings), NOT from `return_xml.render`: the point of
the matrix is to read PDFs whose layout the readers have never been told about. A form is a list of
blocks (paragraphs, tables, page breaks); `build_legacy.py` hands them to several real producers, each
laying them out its own way (bordered Word tables, Word tab stops, HTML tables).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass
class Para:
    text: str
    number: str | None = None  # an item number printed apart from its heading ("I." then a tab)
    bold: bool = False


@dataclass
class Table:
    rows: list[list[str | None]]  # None: merged with the cell on its left
    widths: list[float]  # cm
    align: list[str]  # per column: "l", "r" or "c"
    header_rows: int = 0


@dataclass
class PageBreak:
    pass


@dataclass
class Style:
    """How one issuer's staff filled in the template: tokens and date forms differ between issuers."""

    header: str | None = None  # page header line (edition of the template)
    footer: str | None = None  # page footer (edition date)
    nil: str = "Nil"  # printed for a zero movement
    date: str = "dd/mm/yyyy"  # header dates: "dd/mm/yyyy", "d/m/yyyy", "words"
    dollar: str = ""  # prefix printed before capital amounts ("$")
    no_par_remark: bool = False  # section I printed N/A with "(Remark)" beside it
    title: str | None = None  # a title other than the template's (the HDR title over ordinary sections)
    ii_heading: str | None = None  # section II's heading as revised (or as a web copy runs both wordings together)
    name_tag: str = ""  # a defined-term tag typed after the issuer's name (' (the "Company")')
    incorporated: str | None = None  # an "(Incorporated in ...)" line under the issuer's name
    period_date: str = "dd/mm/yyyy"  # the form of the "month ended" date
    unlimited: tuple[str, str] | None = None  # section I of an issuer incorporated elsewhere: (description, currency)


@dataclass
class Form:
    blocks: list[object] = field(default_factory=list)
    header: str | None = None
    footer: str | None = None
    language: str = "en"


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")

L = {
    "en": {
        "title": "Monthly Return of Equity Issuer on Movements in Securities",
        "period": "For the month ended (dd/mm/yyyy) :",
        "to": "To : Hong Kong Exchanges and Clearing Limited",
        "name": "Name of Issuer",
        "date": "Date Submitted",
        "I": "Movements in Authorised Share Capital",
        "heads": ("1. Ordinary Shares", "2. Preference Shares", "3. Other Classes of Shares"),
        "code": "Stock code :", "desc": "Description :",
        "shares": ("No. of ordinary shares", "No. of preference shares", "No. of other classes of shares"),
        "par": "Par value", "cap": "Authorised share capital", "state": "(State currency)",
        "pre": "Balance at close of preceding month", "mov": "Increase/(decrease)", "close": "Balance at close of the month",
        "auth_total": "Total authorised share capital at the end of the month",
        "II": "Movements in Issued Share Capital",
        "ii_cols": ("No. of ordinary shares", "No. of preference shares", "No. of other classes of shares"),
        "ii_rows": ("Balance at close of preceding month", "Increase/ (decrease) during the month",
                    "Balance at close of the month"),
        "III": "Details of Movements in Issued Share Capital",
        "A": "Share Options (under Share Option Schemes of the Issuer)",
        "a_part": "Particulars of share option scheme including EGM approval date (dd/mm/yyyy) and class of shares issuable",
        "a_mov": "Movement during the month", "a_kinds": ("Granted", "Exercised", "Cancelled", "Lapsed"),
        "issued": "No. of new shares of issuer issued during the month pursuant thereto",
        "issuable": "No. of new shares of issuer which may be issued pursuant thereto as at close of the month",
        "class_line": "{} shares (Note 1)", "blank_class": "shares (Note 1)",
        "totals": ("(Ordinary shares)", "(Preference shares)", "(Other class)"), "total": "Total {}.",
        "funds": "Total funds raised during the month from exercise of options",
        "B": "Warrants to Issue Shares of the Issuer which are to be Listed",
        "b_cols": ("Description of warrants (Date of expiry - dd/mm/yyyy)", "Currency of nominal value",
                   "Nominal value at close of preceding month", "Exercised during the month",
                   "Nominal value at close of the month"),
        "sub": ("Stock code (if listed)", "Class of shares issuable (Note 1)", "Subscription price",
                "EGM approval date (if applicable) (dd/mm/yyyy)"),
        "C": "Convertibles (i.e. Convertible into Shares of the Issuer which are to be Listed)",
        "c_cols": ("Class and description", "Currency of amount outstanding", "Amount at close of preceding month",
                   "Converted during the month", "Amount at close of the month"),
        "D": "Any other Agreements or Arrangements to Issue Shares of the Issuer which are to be Listed, including "
             "Options (other than under Share Option Schemes)",
        "d_part": "Full particulars including EGM approval date (dd/mm/yyyy), if applicable, and class of shares issuable:",
        "E": "Other Movements in Issued Share Capital", "e_type": "Type of Issue",
        "e_types": (("rights_issue", "Rights issue", True), ("open_offer", "Open offer", True), ("placing", "Placing", True),
                    ("bonus_issue", "Bonus issue", False), ("scrip_dividend", "Scrip dividend", True),
                    ("repurchase", "Repurchase of shares", False), ("redemption", "Redemption of shares", False),
                    ("consideration_issue", "Consideration issue", True),
                    ("capital_reorganisation", "Capital reorganisation", False), ("other", "Other (Please specify)", True)),
        "at_price": "At price :", "e_class": "Class of shares issuable (Note 1)",
        "e_class_rep": "Class of shares repurchased (Note 1)", "e_class_red": "Class of shares redeemed (Note 1)",
        "e_date": "Issue and allotment date : (dd/mm/yyyy)", "e_date_rep": "Cancellation date : (dd/mm/yyyy)",
        "e_date_red": "Redemption date : (dd/mm/yyyy)", "e_egm": "EGM approval date : (dd/mm/yyyy)",
        "grand": ("Total increase / (decrease) in ordinary shares during the month (i.e. Total of A to E):",
                  "Total increase / (decrease) in preference shares during the month (i.e. Total of A to E):",
                  "Total increase / (decrease) in other classes of shares during the month (i.e. Total of A to E):"),
        "grand_note": "(These figures should be the same as the relevant figures under II above "
                      "(\u201cMovements in Issued Share Capital\u201d).)",
        "remarks": "Remarks (if any):", "by": "Submitted by:", "title_l": "Title:",
        "officer": "(Director, Secretary or other duly authorised officer)",
        "notes": ("Notes :", "1. State the class of shares (e.g. ordinary, preference or other).",
                  "2. If there is insufficient space, please append the prescribed continuation sheet."),
        "na": "N/A", "remark": "(Remark)", "ordinary": "Ordinary",
        "cur": {"HKD": "HK$", "CNY": "RMB", "USD": "US$", "CAD": "CAD"},
        "unlimited": "Unlimited", "no_par": "No par value",
    },
    "zh": {
        "title": "股份發行人的證券變動月報表",
        "period": "截至月份（日／月／年）：",
        "to": "致：香港交易及結算所有限公司",
        "name": "公司名稱",
        "date": "呈交日期",
        "I": "法定股本變動",
        "heads": ("1. 普通股", "2. 優先股", "3. 其他類別股份"),
        "code": "股份代號：", "desc": "說明：",
        "shares": ("普通股數目", "優先股數目", "其他類別股份數目"),
        "par": "面值", "cap": "法定股本", "state": "（請註明貨幣）",
        "pre": "上月底結存", "mov": "增加／（減少）", "close": "本月底結存",
        "auth_total": "本月底法定股本總額",
        "II": "已發行股本變動",
        "ii_cols": ("普通股數目", "優先股數目", "其他類別股份數目"),
        "ii_rows": ("上月底結存", "本月增加／（減少）", "本月底結存"),
        "III": "已發行股本變動詳情",
        "A": "股份期權（根據發行人的股份期權計劃）",
        "a_part": "股份期權計劃詳情，包括股東特別大會通過日期 (日/月/年) 及可發行股份類別",
        "a_mov": "本月內變動", "a_kinds": ("授出", "行使", "註銷", "失效"),
        "issued": "本月內因此發行的發行人新股份數目",
        "issuable": "本月底因此可能發行的發行人新股份數目",
        "class_line": "{} (註 1)", "blank_class": "股 (註 1)",
        "totals": ("(普通股)", "(優先股)", "(其他類別股份)"), "total": "總數 {}.",
        "funds": "本月內因行使期權所得資金總額",
        "B": "承諾發行將予上市的發行人股份的權證",
        "b_cols": ("權證說明 (到期日 – 日/月/年)", "面值貨幣", "上月底面值", "本月內已行使", "本月底面值"),
        "sub": ("股份代號 (如已上市)", "可發行股份類別 (註 1)", "認購價", "股東特別大會通過日期 (如適用) (日/月/年)"),
        "C": "可換股票據（即可轉換為將予上市的發行人股份）",
        "c_cols": ("類別及說明", "發行貨幣", "上月底已發行總額", "本月內已換股款額", "本月底已發行總額"),
        "D": "為發行將予上市的發行人股份所訂立的任何其他協議或安排，包括期權（但不包括根據股份期權計劃授出的期權）",
        "d_part": "全部詳情，包括股東特別大會通過日期 (日/月/年) (如適用) 及可發行股份類別：",
        "E": "已發行股本的其他變動", "e_type": "發行類別",
        "e_types": (("rights_issue", "供股", True), ("open_offer", "公開招股", True), ("placing", "配售", True),
                    ("bonus_issue", "紅股發行", False), ("scrip_dividend", "以股代息", True),
                    ("repurchase", "購回股份", False), ("redemption", "贖回股份", False),
                    ("consideration_issue", "代價發行", True), ("capital_reorganisation", "資本重組", False),
                    ("other", "其他 (請註明)", True)),
        "at_price": "價格：", "e_class": "可發行股份類別 (註 1)",
        "e_class_rep": "所購回股份類別 (註 1)", "e_class_red": "所贖回股份類別 (註 1)",
        "e_date": "發行及配發日期：(日/月/年)", "e_date_rep": "註銷日期：(日/月/年)",
        "e_date_red": "贖回日期：(日/月/年)", "e_egm": "股東特別大會通過日期：(日/月/年)",
        "grand": ("本月普通股增加／（減少）總額（即 A 至 E 項的總和）：",
                  "本月優先股增加／（減少）總額（即 A 至 E 項的總和）：",
                  "本月其他類別股份增加／（減少）總額（即 A 至 E 項的總和）："),
        "grand_note": "（此數目應相等於上文第 II 項（「已發行股本變動」）內的相關數字。）",
        "remarks": "備註(如有)：", "by": "呈交者：", "title_l": "職銜：",
        "officer": "(董事、秘書或其他獲正式授權的人員)",
        "notes": ("註：", "1. 請註明股份類別 (如普通股、優先股或其他類別股份) 。", "2. 如空位不敷應用，請附加指定的續頁。"),
        "na": "不適用", "remark": "(備註)", "ordinary": "普通股",
        "cur": {"HKD": "港元", "CNY": "人民幣", "USD": "美元", "CAD": "加元"},
        "unlimited": "無限", "no_par": "無面值",
    },
}


def _items(facts: dict, prefix: str) -> list[dict]:
    """The list `prefix[n].*` of a facts view as dicts of the leaf paths."""
    out: dict[int, dict] = {}
    pattern = re.compile(rf"^{re.escape(prefix)}\[(\d+)\]\.(.+)$")
    for key, value in facts.items():
        if m := pattern.match(key):
            out.setdefault(int(m.group(1)), {})[m.group(2)] = value
    return [out[i] for i in sorted(out)]


class _Printer:
    def __init__(self, facts: dict, style: Style) -> None:
        self.facts, self.style = facts, style
        self.lang = facts["form.language"]
        self.t = L[self.lang]

    def count(self, value: int | None, na: str | None = None) -> str:
        if value is None:
            return self.t["na"] if na is None else na
        if value == 0:
            return self.style.nil
        return f"({-value:,})" if value < 0 else f"{value:,}"

    def money(self, value: str | None, dollar: bool = False) -> str:
        if value is None:
            return self.t["na"]
        amount = Decimal(value)
        if amount == 0:
            return self.style.nil
        places = -amount.as_tuple().exponent if amount.as_tuple().exponent < 0 else 0
        text = f"{amount:,.{places}f}"
        return (self.style.dollar if dollar else "") + text

    def day(self, iso: str, form: str | None = None) -> str:
        d = dt.date.fromisoformat(iso)
        form = form or self.style.date
        if form == "words":
            return f"{d.year}年{d.month}月{d.day}日" if self.lang == "zh" else f"{d.day} {_MONTHS[d.month - 1]} {d.year}"
        if form == "d/m/yyyy":
            return f"{d.day}/{d.month}/{d.year}"
        if form == "d /m/yyyy":  # a space typed before the first slash
            return f"{d.day} /{d.month}/{d.year}"
        return d.strftime("%d/%m/%Y")

    def currency(self, code: str | None) -> str:
        return f"({self.t['cur'][code]})" if code else self.t["state"]


def legacy_form(facts: dict, style: Style) -> Form:
    """The blocks of the legacy template filled in with `facts`, as an issuer's staff would print them."""
    p = _Printer(facts, style)
    t, f = p.t, facts
    form = Form(header=style.header, footer=style.footer, language=p.lang)
    b = form.blocks
    b.append(Para(style.title or t["title"], bold=True))
    name = f["issuer.name"] + style.name_tag + (f"\n{style.incorporated}" if style.incorporated else "")
    b.append(Table([[t["period"], p.day(f["period.end"], style.period_date)], [t["to"], ""],
                    [t["name"], name], [t["date"], p.day(f["submission.date"])]],
                   [5.5, 11.5], ["l", "l"]))
    # I. authorised
    b.append(Para(t["I"], number="I.", bold=True))
    authorised = _items(f, "authorised")
    ordinary = [a for a in authorised if a["category"] == "ordinary"]
    slots = [("ordinary", 0), ("ordinary", 1), ("preference", 0), ("other", 0)]
    for n, (category, index) in enumerate(slots):
        kind = {"ordinary": 0, "preference": 1, "other": 2}[category]
        if n in (0, 2, 3):
            b.append(Para(t["heads"][kind], bold=True))
        pool = ordinary if category == "ordinary" else [a for a in authorised if a["category"] == category]
        item = pool[index] if index < len(pool) else None
        code = (item or {}).get("stock_code") or (_code_of(f, category, index) if item is None else None)
        label = (f"({index + 1}) " if category == "ordinary" else "") + t["code"]
        unlimited = style.unlimited if n == 0 and item is None else None
        description = (item or {}).get("description", "") or (unlimited[0] if unlimited else "")
        b.append(Table([[label, code or t["na"], t["desc"], description]],
                       [3.2, 2.8, 2.6, 8.4], ["l", "l", "l", "l"]))
        cur = p.currency((item or {}).get("currency") or (unlimited[1] if unlimited else None))
        rows: list[list[str | None]] = [["", t["shares"][kind], f"{t['par']} {cur}", f"{t['cap']} {cur}"]]
        for key, name in (("preceding", "pre"), ("movement", "mov"), ("close", "close")):
            if unlimited:
                # no number of shares, no par value, no capital: nothing to read as a figure
                rows.append([t[name], t["na"] if key == "movement" else t["unlimited"],
                             "" if key == "movement" else t["no_par"], t["na"]])
                continue
            if item is None:
                no_par = style.no_par_remark and n == 0
                na = f"{t['na']} {t['remark']}" if no_par else ""
                rows.append([t[name], t["na"] if no_par else "", na if key != "movement" else (t["na"] if no_par else ""),
                             na if key != "movement" else (t["na"] if no_par else "")])
                continue
            shares = item.get(f"{key}.shares")
            rows.append([t[name], p.count(shares), p.money(item.get(f"{key}.par_value")) if key != "movement" else "",
                         p.money(item.get(f"{key}.capital"), dollar=True)])
        b.append(Table(rows, [5.5, 3.8, 3.2, 4.5], ["l", "r", "r", "r"], header_rows=1))
    totals = _items(f, "authorised_total")
    cur = p.currency(totals[0]["currency"] if totals else style.unlimited[1] if style.unlimited else None)
    value = p.money(totals[0]["amount"], dollar=True) if totals else t["unlimited"] if style.unlimited else t["na"]
    b.append(Table([[f"{t['auth_total']} {cur} :", value]], [12.5, 4.5], ["l", "r"]))
    b.append(PageBreak())
    # II. issued
    b.append(Para(style.ii_heading or t["II"], number="II.", bold=True))
    issued = _items(f, "issued")
    columns = [None, None, None, None]
    for item in issued:
        if item["category"] == "ordinary":
            columns[0 if columns[0] is None else 1] = item
        else:
            columns[2 if item["category"] == "preference" else 3] = item
    rows = [["", t["ii_cols"][0], None, t["ii_cols"][1], t["ii_cols"][2]], ["", "(1)", "(2)", "", ""]]
    for key, name in zip(("preceding", "movement", "close"), t["ii_rows"]):
        rows.append([name] + [p.count(c.get(f"{key}.issued")) if c else t["na"] for c in columns])
    b.append(Table(rows, [4.6, 3.1, 3.1, 3.1, 3.1], ["l", "r", "r", "r", "r"], header_rows=2))
    # III
    b.append(Para(t["III"], number="III.", bold=True))
    b.append(Para(t["A"], number="(A).", bold=True))
    rows = [[t["a_part"], t["a_mov"], None, None, None, t["issued"], t["issuable"]], [""] + list(t["a_kinds"]) + ["", ""]]
    options = _items(f, "options")
    for n, item in enumerate(options, 1):
        cls = t["class_line"].format(t["ordinary"]) if item.get("category") == "ordinary" else t["blank_class"]
        rows.append([f"{n}. {item['scheme']}\n{cls}"] + [p.count(item.get(f"movement.{k}"))
                                                     for k in ("granted", "exercised", "cancelled", "lapsed")]
                    + [p.count(item.get("shares_issued")), p.count(item.get("shares_issuable"))])
    rows.append([f"{len(options) + 1}. {t['na']}\n( / / )\n{t['blank_class']}", "", "", "", "", "", ""])
    b.append(Table(rows, [4.4, 1.8, 1.8, 1.8, 1.8, 2.7, 2.7], ["l", "r", "r", "r", "r", "r", "r"], header_rows=2))
    b.append(_totals(p, "A", "options_total"))
    funds = _items(f, "options_funds")
    b.append(Table([[f"{t['funds']} {p.currency(funds[0]['currency'] if funds else 'HKD')}",
                     p.money(funds[0]["amount"]) if funds else t["na"]]], [12.5, 4.5], ["l", "r"]))
    b.append(PageBreak())
    for key, cols in (("B", "b_cols"), ("C", "c_cols")):
        b.append(Para(t[key], number=f"({key}).", bold=True))
        rows = [list(t[cols]) + [t["issued"], t["issuable"]]]
        rows.append([f"1. {t['na']}\n( / / )", "", "", "", "", "", ""])
        for n, sub in enumerate(t["sub"]):
            rows.append([sub, "( / / )" if n == 3 else "", "", "", "", "", ""])
        b.append(Table(rows, [4.6, 1.8, 2.2, 2.0, 2.2, 2.1, 2.1], ["l", "c", "r", "r", "r", "r", "r"], header_rows=1))
        b.append(_totals(p, key, "warrants_total" if key == "B" else "convertibles_total"))
    b.append(PageBreak())
    b.append(Para(t["D"], number="(D).", bold=True))
    rows = [[t["d_part"], t["issued"], t["issuable"]], [f"1. {t['na']}\n( / / )\n{t['blank_class']}", "", ""]]
    b.append(Table(rows, [10.0, 3.5, 3.5], ["l", "r", "r"], header_rows=1))
    b.append(_totals(p, "D", "arrangements_total"))
    b.append(Para(t["E"], number="(E).", bold=True))
    moves = {m["type"]: m for m in _items(f, "other_movements")}
    for half in (t["e_types"][:5], t["e_types"][5:]):
        rows = [[t["e_type"], "", "", "", t["issued"], t["issuable"]]]
        for kind, name, priced in half:
            n = [k for k, _, _ in t["e_types"]].index(kind) + 1
            m = moves.get(kind, {})
            cls_l = t["e_class_rep"] if kind == "repurchase" else t["e_class_red"] if kind == "redemption" else t["e_class"]
            date_l = t["e_date_rep"] if kind == "repurchase" else t["e_date_red"] if kind == "redemption" else t["e_date"]
            price = ""
            if priced:
                price = t["at_price"] + " " + (f"{t['cur'][m['currency']]}{m['price']}" if m.get("price") else t["state"])
            cls = (t["ordinary"] + (" shares" if p.lang == "en" else "")) if m.get("category") == "ordinary" else t["na"]
            rows.append([f"{n}. {name}", price, cls_l, cls, p.count(m.get("shares_issued")) if m else t["na"],
                         p.count(m.get("shares_issuable")) if m else t["na"]])
            rows.append(["", "", date_l, f"({p.day(m['event_date'], style.date)})" if m.get("event_date") else "( / / )", "", ""])
            rows.append(["", "", t["e_egm"], f"({p.day(m['approval_date'])})" if m.get("approval_date") else "( / / )", "", ""])
        b.append(Table(rows, [3.2, 3.0, 4.4, 2.4, 2.0, 2.0], ["l", "l", "l", "c", "r", "r"], header_rows=1))
        if half is t["e_types"][:5]:
            b.append(PageBreak())
    b.append(_totals(p, "E", "other_movements_total"))
    b.append(PageBreak())
    grand = _items(f, "total_increase")
    ordinary_totals = [g for g in grand if g["category"] == "ordinary"]
    g1 = p.count(ordinary_totals[0]["issued"]) if ordinary_totals else t["na"]
    g2 = p.count(ordinary_totals[1]["issued"]) if len(ordinary_totals) > 1 else t["na"]
    rows = [[t["grand"][0], "(1)", g1], ["", "(2)", g2], [t["grand"][1], "", t["na"]], [t["grand"][2], "", t["na"]]]
    b.append(Table(rows, [12.0, 1.5, 3.5], ["l", "c", "r"]))
    b.append(Para(t["grand_note"]))
    b.append(Para(t["remarks"], bold=True))
    if f.get("remarks"):
        b.append(Para(f["remarks"]))
    b.append(Table([[t["by"], f["signatory.name"]], [t["title_l"], f["signatory.title"]], ["", t["officer"]]],
                   [4.0, 13.0], ["l", "l"]))
    for line in t["notes"]:
        b.append(Para(line))
    return form


def _code_of(facts: dict, category: str, index: int) -> str | None:
    """Section I prints the stock code of a class also when the class has no figure there (no-par issuers)."""
    same = [i for i in _items(facts, "issued") if i["category"] == category]
    return same[index].get("stock_code") if index < len(same) else None


def _totals(p: _Printer, letter: str, prefix: str) -> Table:
    t = p.t
    totals = {x["category"]: x["issued"] for x in _items(p.facts, prefix)}
    rows = []
    for n, (category, label) in enumerate(zip(("ordinary", "preference", "other"), t["totals"])):
        rows.append([t["total"].format(letter) if n == 0 else "", label, p.count(totals.get(category))])
    return Table(rows, [8.5, 5.0, 3.5], ["r", "r", "r"])
