"""An FF301 e-form return as an HTML page, for Chromium's print-to-PDF (tests/producers/build_ff301.py).

The page is laid out the way the HKEX e-form prints a return, not the way our own `render` does:
one A4-landscape page per section, "FF301" at the top and "Page n of m  v 1.0.2" at the foot of
every page, numbered class blocks of bordered label/value cells (labels wrap inside narrow cells),
bordered tables whose columns are named by header cells (some stacked: "Movement during the month"
over Granted/Exercised/Cancelled/Lapsed, "Price (if applicable)" over Currency/Price), numbered item
rows with their labelled rows below them, "Remarks:" boxes under the III tables, and the wording of
each edition (v1.0.x: "Class of shares issuable", one movement cell of labelled lines, "... which
may be issued pursuant thereto as at close of the month").  Chromium draws the borders as thin
filled strips, not stroked rectangles.
"""

from __future__ import annotations

import html
import math
import unicodedata
from collections.abc import Sequence

from return_xml.model import Language, MonthlyReturn, ShareClass
from return_xml.render import format as f
from return_xml.render.ff301_words import WORDS

_E = html.escape

# Where the v1.0.x e-form words its labels differently from v1.1 (what the filings of other issuers print).
_V1_0 = {
    Language.EN: {
        "listed": "Listed on SEHK (Note 1)",
        "stock_code": "Stock code",
        "iii.block.class": "{n}. Class of shares issuable",
        "iii.block.type": "Type of shares issuable",
        "iii.listed": "Shares issuable to be listed on SEHK (Note 1)",
        "iii.stock_code": "Stock code of shares issuable (if listed on SEHK) (Note 1)",
        "col.issued.issued": "Number of issued shares",
        "col.options.movement": "Movement during the month",
        "col.shares_issued": "Number of new shares of issuer issued during the month pursuant thereto ({t}1)",
        "col.shares_issuable": "Number of new shares of issuer which may be issued pursuant thereto as at close of the month",
        "col.warrants.nominal_exercised": "Movement during the month",
        "grand_total": "Total increase / decrease (-) in {cls} during the month (i.e. Total of A to E)",
    },
    Language.ZH: {
        "listed": "於香港聯交所上市 (註1)",
        "stock_code": "證券代號",
        "iii.block.class": "{n}. 可予發行股份分類",
        "iii.block.type": "可予發行股份類別",
        "iii.listed": "可予發行股份於香港聯交所上市 (註1)",
        "iii.stock_code": "可予發行股份的證券代號 (如於香港聯交所上市) (註1)",
        "col.issued.issued": "已發行股份數目",
        "col.options.movement": "本月內變動",
        "col.shares_issued": "本月內因此已發行的新股份數目 ({t}1)",
        "col.shares_issuable": "截至月底因此可能發行的新股份數目",
        "col.warrants.nominal_exercised": "本月內變動",
        "grand_total": "本月內合共增加 / 減少 (-) {cls} 總額 (即A至E項的總和)",
    },
}
# v1.0.0 and v1.0.1 (2021-2022): the class block opens with "Type of shares" (which holds the class,
# "Ordinary shares") and the box "Class of shares" holds the type ("H"); v1.0.2 swapped them back.
_V1_0_SWAPPED = {
    Language.EN: {
        "block.class": "{n}. Type of shares",
        "block.type": "Class of shares",
        "iii.block.class": "{n}. Type of shares issuable",
        "iii.block.type": "Class of shares issuable",
    },
    Language.ZH: {
        "block.class": "{n}. 股份類別",
        "block.type": "股份分類",
        "iii.block.class": "{n}. 可予發行股份類別",
        "iii.block.type": "可予發行股份分類",
    },
}
# v1.1 wording this page uses where our words table has none (real column headers of the e-form).
_V1_1 = {
    Language.EN: {
        "col.options.movement": "Movement during the month",
        "col.shares_issuable": "Number of new shares which may be issued pursuant thereto as at close of the month",
        "col.treasury_transferable": "Number of treasury shares which may be transferred out of treasury pursuant "
                                     "thereto as at close of the month",
        "col.other_movements.price_group": "Price (if applicable)",
        "col.other_movements.price": "Price",
        "col.warrants.nominal_exercised": "Movement during the month",
    },
    Language.ZH: {
        "col.options.movement": "本月內變動",
        "col.other_movements.price_group": "價格 (如適用)",
        "col.other_movements.price": "價格",
        "col.warrants.nominal_exercised": "本月內變動",
    },
}
_MOVEMENT_WORDS = {
    Language.EN: ("Granted", "Exercised", "Cancelled", "Lapsed"),
    Language.ZH: ("授出", "行使", "註銷", "失效"),
}
_EVENT = {
    Language.EN: {"repurchase": "Repurchase of shares (shares held as treasury shares)", "placing": "Placing",
                  "repurchase.cancelled": "Repurchase of shares (shares cancelled)"},
    Language.ZH: {"repurchase": "購回股份 (作為庫存股份持有)", "placing": "配售",
                  "repurchase.cancelled": "購回股份 (股份已註銷)"},
}

# Where a III A table too long for its page goes on over the next (points from the top of the page, as
# Chromium lays out this page at 7.5pt): an estimate that only a table of many schemes reaches.
_ITEMS_TOP = 100.0  # below the section headings
_BLOCK_AND_HEADER = 58.0  # a class block and the table's header rows
_CONTINUED_TOP = 48.0  # a continuation page: its table header rows start here
_ITEMS_BOTTOM = 520.0  # no item line ends lower (the reader's footer zone starts at 545)
_LINE, _LABELLED = 10.5, 13.5  # a wrapped line of a cell; a labelled row under an item line

CSS = """
@page { size: A4 landscape; margin: 0 }
body { margin: 0; font-family: '%(font)s'; font-size: 7.5pt; }
.page { width: 297mm; height: 209mm; position: relative; overflow: hidden; box-sizing: border-box;
        padding: 17mm 9mm 21mm 9mm; page-break-after: always; }
.ff { position: absolute; top: 6mm; right: 12mm; font-size: 8pt; }
.foot { position: absolute; bottom: 7mm; left: 0; width: 100%%; font-size: 7pt; }
.foot .n { position: absolute; left: 135mm; } .foot .v { position: absolute; right: 14mm; }
h1 { font-size: 10pt; margin: 0 0 4mm 0; } h2 { font-size: 9pt; margin: 1mm 0 2mm 0; }
h3 { font-size: 8.5pt; margin: 2mm 0 2mm 0; }
.na { margin-left: 6mm; font-weight: normal; }
table { border-collapse: collapse; width: 100%%; table-layout: fixed; margin: 0; }
td { border: 0.7pt solid #000; padding: 1.2pt 2.5pt; vertical-align: top; overflow-wrap: break-word; }
td.r { text-align: right; } td.c { text-align: center; } th { font-weight: normal; }
td.h { text-align: center; font-size: 6.5pt; vertical-align: middle; }
.kv { margin: 0 0 2.5mm 0; } .kv .k { display: inline-block; width: 42mm; } .kv .k2 { display: inline-block; width: 90mm; }
.mv { display: flex; justify-content: space-between; }
.total { margin: 2.5mm 0 0 60mm; } .total .k { display: inline-block; width: 118mm; }
.total .fig { display: inline-block; width: 30mm; text-align: right; margin-right: 8mm; }
.gap { height: 3mm; } .remarks { margin-top: 3mm; } .remarks .box { border: 0.7pt solid #000; padding: 2pt 3pt; min-height: 8mm; }
p { margin: 0 0 3mm 0; }
"""


class Page:
    """The pages of one return as HTML, section by section."""

    def __init__(self, r: MonthlyReturn, font: str, section_remarks: Sequence[tuple[str, str]] = ()) -> None:
        self.r, self.font, self.lang = r, font, r.form.language
        self.version = r.form.version or "1.1.1"
        self.old = self.version.startswith("1.0")
        # v1.2 prints "may be issued or transferred out of treasury" as one column (render/ff301.py does too).
        self.merged = not self.old and not self.version.startswith("1.1")
        self.words = {**WORDS[self.lang], **(_V1_0 if self.old else _V1_1)[self.lang]}
        if self.version in ("1.0.0", "1.0.1"):
            self.words.update(_V1_0_SWAPPED[self.lang])
        self.section_remarks = dict(section_remarks)
        self.pages: list[str] = []

    def w(self, key: str, **values: object) -> str:
        return self.words[key].format(**values) if values else self.words[key]

    # -- pieces ------------------------------------------------------------------------------

    def heading(self, key: str, applicable: bool, level: str = "h2") -> str:
        na = f'<span class="na">{_E(self.w("not_applicable"))}</span>' if not applicable else ""
        return f"<{level}>{_E(self.w(key))}{na}</{level}>"

    def class_block(self, n: int, c: ShareClass, section_iii: bool = False) -> str:
        k = (lambda key: "iii." + key) if section_iii and self.old else (lambda key: key)
        share_type = f.text(c.share_type) or self.w("not_applicable")
        return (
            '<table><colgroup><col style="width:15%"><col style="width:18%"><col style="width:11%">'
            '<col style="width:19%"><col style="width:16%"><col style="width:21%"></colgroup>'
            f"<tr><td>{_E(self.w(k('block.class'), n=n))}</td><td>{_E(f.text(c.class_name))}</td>"
            f"<td>{_E(self.w(k('block.type')))}</td><td>{_E(share_type)}</td>"
            f"<td>{_E(self.w(k('listed')))}</td><td>{_E(f.flag(c.listed, self.lang))}</td></tr>"
            f"<tr><td>{_E(self.w(k('stock_code')))}</td><td>{_E(f.text(c.stock_code))}</td>"
            f"<td>{_E(self.w('description'))}</td><td colspan=3>{_E(f.text(c.description))}</td></tr></table>"
        )

    def remarks(self, text: str | None) -> str:
        if not text:
            return ""
        return f'<div class="remarks">{_E(self.w("remarks"))}<div class="box">{_E(text)}</div></div>'

    def table(self, widths: Sequence[float], rows: Sequence[str]) -> str:
        cols = "".join(f'<col style="width:{w}%">' for w in widths)
        return f"<table><colgroup>{cols}</colgroup>{''.join(rows)}</table>"

    def page(self, body: str) -> None:
        self.pages.append(body)

    def html(self) -> str:
        total = len(self.pages)
        out = []
        for n, body in enumerate(self.pages, start=1):
            foot = (f'<div class="foot"><span class="n">{_E(self.w("page", n=n, total=total))}</span>'
                    f'<span class="v">v {_E(self.version)}</span></div>')
            out.append(f'<div class="page"><div class="ff">FF301</div>{body}{foot}</div>')
        lang = "zh-Hant" if self.lang is Language.ZH else "en"
        # The Ming font has no bold: Chromium would paint synthetic bold as Type 3 glyphs (a megabyte a page set).
        css = CSS % {"font": self.font} + ("h1, h2, h3 { font-weight: normal; }" if self.lang is Language.ZH else "")
        return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><style>{css}'
                f"</style></head><body>{''.join(out)}</body></html>")

    # -- the return ------------------------------------------------------------------------------

    def build(self) -> str:
        self.front()
        self.section_ii()
        self.section_iii()
        self.section_iv_v()
        return self.html()

    def kv(self, label: str, value: str, right: tuple[str, str] | None = None) -> str:
        extra = f'<span class="k2"></span><span class="k">{_E(right[0])}</span><span>{_E(right[1])}</span>' if right else ""
        return f'<div class="kv"><span class="k">{_E(label)}</span><span class="k2">{_E(value)}</span>{extra}</div>'

    def front(self) -> None:
        h, lang = self.r.header, self.lang
        status = self.w(f"status.{h.status.value}") if h.status is not None and h.status.value else ""
        body = [f"<h1>{_E(self.w('title'))}</h1>",
                self.kv(self.w("period_end"), f.day(h.period_end, lang), (self.w("status"), status)),
                f'<div class="kv">{_E(self.w("to"))}</div>',
                self.kv(self.w("issuer_name"), f.text(h.issuer_name)),
                self.kv(self.w("submission_date"), f.day(h.submission_date, lang)),
                self.heading("section.I", bool(self.r.authorised))]
        for n, block in enumerate(self.r.authorised, start=1):
            rows = [f'<tr><td></td><td class="h">{_E(self.w("col.authorised.shares"))}</td>'
                    f'<td class="h">{_E(self.w("col.authorised.par_value"))}</td>'
                    f'<td class="h">{_E(self.w("col.authorised.capital"))}</td></tr>']
            for key in ("preceding", "movement", "close"):
                b = getattr(block, key)
                cur = block.preceding.par_value_currency if block.preceding else None
                shares = f.count(b.shares) if b else ""
                par = f.money(b.par_value_currency, b.par_value) if b and b.par_value else ""
                capital = f.money(b.capital_currency, b.capital) if b and b.capital else (f.currency(cur) if key == "movement" else "")
                rows.append(f'<tr><td>{_E(self.w(f"row.{key}"))}</td><td class="r">{_E(shares)}</td>'
                            f'<td class="r">{_E(par)}</td><td class="r">{_E(capital)}</td></tr>')
            body += ['<div class="gap"></div>', self.class_block(n, block.share_class),
                     self.table((30, 24, 18, 28), rows), self.remarks(f.text(block.remarks))]
        money = "  ".join(f.money(t.currency, t.amount) for t in self.r.authorised_total)
        body.append(f'<div class="total"><span class="k">{_E(self.w("authorised_total"))}</span>'
                    f'<span>{_E(money)}</span></div>')
        self.page("".join(body))

    def section_ii(self) -> None:
        blocks = self.r.issued
        body = [self.heading("section.II", bool(blocks))]
        cols = ("issued",) if self.old else ("issued", "treasury", "total")
        for n, block in enumerate(blocks, start=1):
            head = "".join(f'<td class="h">{_E(self.w(f"col.issued.{c}"))}</td>' for c in cols)
            rows = [f"<tr><td></td>{head}</tr>"]
            for key in ("preceding", "movement", "close"):
                b = getattr(block, key)
                cells = "".join(f'<td class="r">{_E(f.count(getattr(b, c)) if b else "")}</td>' for c in cols)
                rows.append(f'<tr><td>{_E(self.w(f"row.{key}"))}</td>{cells}</tr>')
            widths = (34, 66) if self.old else (25, 25, 25, 25)
            body += ['<div class="gap"></div>', self.class_block(n, block.share_class), self.table(widths, rows),
                     self.remarks(f.text(block.remarks))]
        self.page("".join(body))

    # -- section III ----------------------------------------------------------------------------

    def issue_headers(self, letter: str) -> list[str]:
        keys = ["col.shares_issued", "col.shares_issuable"] if self.old else [
            "col.shares_issued", "col.treasury_transferred", "col.shares_issuable", "col.treasury_transferable"]
        if self.merged:
            keys = ["col.shares_issued", "col.treasury_transferred", "col.shares_issuable.merged"]
        return [self.w(k, t=letter) for k in keys]

    def issue_cells(self, item) -> list[str]:
        names = ["shares_issued", "shares_issuable"] if self.old else [
            "shares_issued", "treasury_transferred", "shares_issuable", "treasury_transferable"]
        if self.merged:
            names = ["shares_issued", "treasury_transferred", "shares_issuable"]
        return [f.count(getattr(item, n)) for n in names]

    def groups(self, items) -> list[tuple[ShareClass, list]]:
        out: list[tuple[ShareClass, list]] = []
        for item in items:
            if out and out[-1][0] == item.share_class:
                out[-1][1].append(item)
            else:
                out.append((item.share_class, [item]))
        return out

    def totals(self, letter: str, totals) -> str:
        out = []
        for t in totals:
            cls = f.text(t.share_class.class_name)
            out.append(f'<div class="total"><span class="k">{_E(self.w("total.issued"))}</span>'
                       f'<span class="fig">{_E(f.count(t.issued))}</span><span>{_E(cls)} ({letter * 2}1)</span></div>')
            if not self.old:
                out.append(f'<div class="total"><span class="k">{_E(self.w("total.treasury"))}</span>'
                           f'<span class="fig">{_E(f.count(t.treasury))}</span><span>{_E(cls)} ({letter * 2}2)</span></div>')
        return "".join(out)

    def labelled_rows(self, span: int, lines: Sequence[tuple[str, str]]) -> list[str]:
        left = max(2, span // 2)
        return [f"<tr><td colspan={left}>{_E(k)}</td><td colspan={span - left}>{_E(v)}</td></tr>" for k, v in lines]

    def section_iii(self) -> None:
        r = self.r
        parts = [("III.A", r.options, self.options_table, r.options_total, "A"),
                 ("III.B", r.warrants, self.warrants_table, r.warrants_total, "B"),
                 ("III.C", r.convertibles, self.convertibles_table, r.convertibles_total, "C"),
                 ("III.D", r.arrangements, self.arrangements_table, r.arrangements_total, "D"),
                 ("III.E", r.other_movements, self.movements_table, r.other_movements_total, "E")]
        for key, items, table, totals, letter in parts:
            body = [self.heading("section.III", True, "h2")] if key == "III.A" else []
            groups = self.groups(items)
            body.append(self.heading(f"section.{key}", bool(groups), "h3"))
            y = _ITEMS_TOP
            for n, (share_class, group) in enumerate(groups, start=1):
                if key == "III.A" and y + _BLOCK_AND_HEADER + self.option_height(group[0]) > _ITEMS_BOTTOM:
                    self.page("".join(body))  # the next class block starts a page of its own
                    body, y = [], _CONTINUED_TOP
                body += ['<div class="gap"></div>', self.class_block(n, share_class, section_iii=True)]
                chunks, y = self.option_chunks(group, y + _BLOCK_AND_HEADER) if key == "III.A" else ([group], y)
                first = 1
                for c, chunk in enumerate(chunks):
                    if c:  # the table goes on over the next page, its header rows repeated (as a browser prints a <thead>)
                        self.page("".join(body))
                        body = []
                    body.append(table(chunk, first) if key == "III.A" else table(chunk))
                    first += len(chunk)
            if key == "III.A" and r.options_funds:
                money = "  ".join(f.money(t.currency, t.amount) for t in r.options_funds)
                body.append(f'<div class="kv" style="margin-top:3mm"><span class="k2" style="width:120mm">'
                            f'{_E(self.w("options_funds"))}</span><span>{_E(money)}</span></div>')
            body.append(self.totals(letter, totals))
            body.append(self.remarks(self.section_remarks.get(key)))
            if key == "III.E":
                body.append(self.grand_total())
            self.page("".join(body))

    def option_height(self, o) -> float:
        """About how tall an option item is printed: its scheme cell's wrapped lines and its labelled rows."""
        units = sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.55 for ch in f.text(o.scheme))
        lines = max(1, math.ceil(units / 17.0))
        return lines * _LINE + 5.0 + (2 if self.old else 4) * _LABELLED

    def option_chunks(self, items, y: float) -> tuple[list[list], float]:
        """``items`` cut where the page is full (from height ``y`` down); the height where the last chunk ends."""
        chunks: list[list] = [[]]
        for item in items:
            height = self.option_height(item)
            if chunks[-1] and y + height > _ITEMS_BOTTOM:
                chunks.append([])
                y = _CONTINUED_TOP + _BLOCK_AND_HEADER / 2
            chunks[-1].append(item)
            y += height
        return chunks, y

    def options_table(self, items, first: int = 1) -> str:
        lang = self.lang
        heads = [self.w("col.options.scheme"), self.w("col.options.outstanding_preceding")]
        if self.old:
            heads += [self.w("col.options.movement")]
        heads += [self.w("col.options.outstanding_close"), *self.issue_headers("A")]
        if self.old:
            widths = [3, 25, 14, 15, 14, 14, 15]
            row1 = (f'<tr><td colspan=2 class="h">{_E(heads[0])}</td>'
                    + "".join(f'<td class="h">{_E(h)}</td>' for h in heads[1:]) + "</tr>")
            header = [row1]
        else:
            widths = [3, 17, 9, 7, 7, 7, 7, 9, 9, 9, 8, 8]
            words = _MOVEMENT_WORDS[lang]
            row1 = (f'<tr><td colspan=2 rowspan=2 class="h">{_E(heads[0])}</td><td rowspan=2 class="h">{_E(heads[1])}</td>'
                    f'<td colspan=4 class="h">{_E(self.w("col.options.movement"))}</td>'
                    + "".join(f'<td rowspan=2 class="h">{_E(h)}</td>' for h in heads[2:]) + "</tr>")
            header = [row1, "<tr>" + "".join(f'<td class="h">{_E(w)}</td>' for w in words) + "</tr>"]
        rows = list(header)
        span = len(widths)
        for k, o in enumerate(items, start=first):
            moves = [o.granted, o.exercised, o.cancelled, o.lapsed]
            if self.old:
                lines = "".join(f'<div class="mv"><span>{_E(w)}</span><span>{_E(f.count(m))}</span></div>'
                                for w, m in zip(_MOVEMENT_WORDS[lang], moves))
                move_cells = f"<td>{lines}</td>"
            else:
                move_cells = "".join(f'<td class="r">{_E(f.count(m))}</td>' for m in moves)
            rest = "".join(f'<td class="r">{_E(v)}</td>' for v in [f.count(o.outstanding_close), *self.issue_cells(o)])
            rows.append(f"<tr><td>{k}).</td><td>{_E(f.text(o.scheme))}</td><td class=\"r\">{_E(f.count(o.outstanding_preceding))}</td>"
                        f"{move_cells}{rest}</tr>")
            lines = [(self.w("item.price.options"), f.money(o.exercise_price_currency, o.exercise_price)),
                     (self.w("item.approval_date"), f.day(o.approval_date, lang))]
            if not self.old:
                lines += [(self.w("available_for_grant.preceding"), f.count(o.available_for_grant_preceding)),
                          (self.w("available_for_grant.close"), f.count(o.available_for_grant_close))]
            rows += self.labelled_rows(span, lines)
        return self.table(widths, rows)

    def warrants_table(self, items) -> str:
        lang = self.lang
        heads = [self.w("col.warrants.description"), self.w("col.warrants.currency"),
                 self.w("col.warrants.nominal_preceding"), self.w("col.warrants.nominal_exercised"),
                 self.w("col.warrants.nominal_close"), *self.issue_headers("B")]
        widths = [3, 22, 7, 13, 12, 13, 15, 15] if self.old else [3, 17, 6, 10, 10, 10, 11, 11, 11, 11]
        rows = [f'<tr><td colspan=2 class="h">{_E(heads[0])}</td>' + "".join(f'<td class="h">{_E(h)}</td>' for h in heads[1:]) + "</tr>"]
        for k, item in enumerate(items, start=1):
            figs = [f.amount(item.nominal_preceding), f.amount(item.nominal_exercised), f.amount(item.nominal_close),
                    *self.issue_cells(item)]
            rows.append(f"<tr><td>{k}).</td><td>{_E(f.text(item.description))}</td><td class=\"c\">{_E(f.currency(item.currency))}</td>"
                        + "".join(f'<td class="r">{_E(v)}</td>' for v in figs) + "</tr>")
            rows += self.labelled_rows(len(widths), [
                (self.w("item.stock_code.warrants"), f.text(item.stock_code)),
                (self.w("item.expiry_date"), f.day(item.expiry_date, lang)),
                (self.w("item.price.warrants"), f.money(item.subscription_price_currency, item.subscription_price)),
                (self.w("item.approval_date"), f.day(item.approval_date, lang))])
        return self.table(widths, rows)

    def convertibles_table(self, items) -> str:
        lang = self.lang
        heads = [self.w("col.convertibles.description"), self.w("col.convertibles.currency"),
                 self.w("col.convertibles.amount_preceding"), self.w("col.convertibles.movement"),
                 self.w("col.convertibles.amount_close"), *self.issue_headers("C")]
        widths = [3, 22, 7, 13, 12, 13, 15, 15] if self.old else [3, 17, 6, 10, 10, 10, 11, 11, 11, 11]
        rows = [f'<tr><td colspan=2 class="h">{_E(heads[0])}</td>' + "".join(f'<td class="h">{_E(h)}</td>' for h in heads[1:]) + "</tr>"]
        for k, item in enumerate(items, start=1):
            move = "  ".join(p for p in (f.text(item.movement), f.amount(item.amount_converted)) if p)
            figs = [f.amount(item.amount_preceding), move, f.amount(item.amount_close), *self.issue_cells(item)]
            rows.append(f"<tr><td>{k}).</td><td>{_E(f.text(item.description))}</td><td class=\"c\">{_E(f.currency(item.currency))}</td>"
                        + "".join(f'<td class="r">{_E(v)}</td>' for v in figs) + "</tr>")
            rows += self.labelled_rows(len(widths), [
                (self.w("item.type"), f.text(item.type)),
                (self.w("item.stock_code.convertibles"), f.text(item.stock_code)),
                (self.w("item.price.convertibles"), f.money(item.conversion_price_currency, item.conversion_price)),
                (self.w("item.approval_date"), f.day(item.approval_date, lang))])
        return self.table(widths, rows)

    def arrangements_table(self, items) -> str:
        heads = [self.w("col.arrangements.particulars"), self.w("col.arrangements.approval_date"), *self.issue_headers("D")]
        widths = [3, 40, 15, 21, 21] if self.old else [3, 33, 12, 13, 13, 13, 13]
        rows = [f'<tr><td colspan=2 class="h">{_E(heads[0])}</td>' + "".join(f'<td class="h">{_E(h)}</td>' for h in heads[1:]) + "</tr>"]
        for k, item in enumerate(items, start=1):
            figs = self.issue_cells(item)
            rows.append(f"<tr><td>{k}).</td><td>{_E(f.text(item.particulars))}</td>"
                        f"<td class=\"c\">{_E(f.day(item.approval_date, self.lang))}</td>"
                        + "".join(f'<td class="r">{_E(v)}</td>' for v in figs) + "</tr>")
        return self.table(widths, rows)

    def movements_table(self, items) -> str:
        lang = self.lang
        tail = [self.w("col.other_movements.event_date"), self.w("col.other_movements.approval_date"),
                self.w("col.other_movements.shares_issued")]
        if not self.old:
            tail.append(self.w("col.other_movements.treasury"))
        tail.append(self.w("col.other_movements.shares_issuable"))
        widths = [3, 19, 7, 8, 11, 11, 14, 13, 14] if not self.old else [3, 22, 8, 9, 12, 12, 17, 17]
        rows = [f'<tr><td colspan=2 rowspan=2 class="h">{_E(self.w("col.other_movements.event"))}</td>'
                f'<td colspan=2 class="h">{_E(self.w("col.other_movements.price_group" if not self.old else "col.other_movements.price"))}</td>'
                + "".join(f'<td rowspan=2 class="h">{_E(h)}</td>' for h in tail) + "</tr>",
                f'<tr><td class="h">{_E(self.w("col.other_movements.currency"))}</td>'
                f'<td class="h">{_E(self.w("col.other_movements.price") if not self.old else "")}</td></tr>']
        for k, m in enumerate(items, start=1):
            kind = m.type.value
            if kind == "repurchase" and (m.treasury is None or not m.treasury.value):  # none into treasury: cancelled
                kind = "repurchase.cancelled"
            event = f.text(m.description) or _EVENT[lang].get(kind, m.type.value)
            figs = [f.count(m.shares_issued)] + ([] if self.old else [f.count(m.treasury)]) + [f.count(m.shares_issuable)]
            rows.append(f"<tr><td>{k}).</td><td>{_E(event)}</td><td class=\"c\">{_E(f.currency(m.currency))}</td>"
                        f"<td class=\"r\">{_E(f.amount(m.price))}</td><td class=\"c\">{_E(f.day(m.event_date, lang))}</td>"
                        f"<td class=\"c\">{_E(f.day(m.approval_date, lang))}</td>"
                        + "".join(f'<td class="r">{_E(v)}</td>' for v in figs) + "</tr>")
        return self.table(widths, rows)

    def grand_total(self) -> str:
        out = ['<div class="gap"></div>']
        for t in self.r.total_increase:
            cls = f.text(t.share_class.class_name)
            if self.old:
                out.append(f'<div class="total" style="margin-left:10mm"><span class="k" style="width:165mm">'
                           f'{_E(self.w("grand_total", cls=cls))}</span><span class="fig">{_E(f.count(t.issued))}</span></div>')
                continue
            for key, figure in (("grand_total.issued", t.issued), ("grand_total.treasury", t.treasury)):
                out.append(f'<div class="total" style="margin-left:10mm"><span class="k" style="width:165mm">'
                           f'{_E(self.w(key))}</span><span class="fig">{_E(f.count(figure))}</span><span>{_E(cls)}</span></div>')
        return "".join(out)

    def section_iv_v(self) -> None:
        s = self.r.signatory
        body = [self.heading("section.IV", False), '<div class="gap"></div>', self.heading("section.V", True),
                f"<p>{_E(self.w('confirmation'))}</p>"]
        if s is not None:
            body.append(self.kv(self.w("signatory.name"), f.text(s.name)))
            body.append(self.kv(self.w("signatory.title"), f.text(s.title)))
        body.append(f'<div class="kv"><span class="k"></span>{_E(self.w("signatory.note"))}</div>')
        self.page("".join(body))
