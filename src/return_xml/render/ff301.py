"""A return laid out as the HKEX FF301 e-form: A4 landscape, sections I to V.

The page is built the way the e-form server builds it, and the way the FF301
reader (``forms/ff301/reader.py``) reads it: "FF301" at the top and
"Page n of m   v 1.2.0" at the foot of every page (the version in the footer
is how the reader tells the edition), numbered class blocks of ruled
label/value cells, ruled tables whose columns are named by header cells,
numbered item rows (``1).``) with their labelled lines below them, and
section totals printed as ``label  figure  class (AA1)``.  A section without
content prints "Not applicable" beside its heading.

Editions: the columns and boxes of 1.1.x (treasury shares) and 1.2.x (public
float, merged "may be issued or transferred" column); 1.0.x prints no
treasury columns, the older block labels and its own grand-total line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import return_xml.render.format as f
from return_xml.model import Language, MonthlyReturn, SectionTotal, ShareClass
from return_xml.render.ff301_words import WORDS
from return_xml.render.sheet import A4_LANDSCAPE, Cell, Sheet, line_height

LEFT, RIGHT = 20.7, 798.5
WIDTH = RIGHT - LEFT
SIZE = 9.0
TABLE_SIZE = 7.0
HEADER_SIZE = 6.0
NUMBER_WIDTH = 17.0
VALUE_X = 136.9  # where header values start, as on the e-form
_BLOCK_WIDTHS = (119.0, 147.4, 85.1, 150.2, 127.6, WIDTH - 119.0 - 147.4 - 85.1 - 150.2 - 127.6)


@dataclass(frozen=True)
class _Edition:
    version: str
    treasury: bool  # 1.1+: treasury columns and totals AA2 ... EE2
    public_float: bool  # 1.2+
    merged: bool  # 1.2+: "may be issued or transferred out of treasury" is one column
    swapped: bool  # 1.0.0/1.0.1: the class box is labelled "Type of shares"
    old_labels: bool  # 1.0.x wording of listed / stock code / grand total


def _edition(version: str | None) -> _Edition:
    numbers = tuple(int(n) for n in re.findall(r"\d+", version or "")[:3]) or (1, 2, 0)
    old = numbers < (1, 1)
    return _Edition(
        version=version or "1.2.0",
        treasury=not old,
        public_float=numbers >= (1, 2),
        merged=numbers >= (1, 2),
        swapped=numbers < (1, 0, 2),
        old_labels=old,
    )


# The 1.0.x wording, where it differs from 1.1.
_OLD_WORDS = {
    Language.EN: {
        "listed": "Listed on SEHK (Note 1)", "stock_code": "Stock code:",
        "grand_total.issued.class": "Total increase / decrease (-) in {cls} during the month (i.e. Total of A to E)",
    },
    Language.ZH: {
        "listed": "於香港聯交所上市 (註1)", "stock_code": "證券代號:",
        "grand_total.issued.class": "本月內合共增加 / 減少 (-) {cls} 總額 (即A至E項的總和)",
    },
}
_SWAPPED_WORDS = {
    Language.EN: {"block.class": "{n}. Type of shares", "block.type": "Class of shares"},
    Language.ZH: {"block.class": "{n}. 股份類別", "block.type": "股份分類"},
}


class _Layout:
    def __init__(self, monthly_return: MonthlyReturn) -> None:
        self.r = monthly_return
        self.language = monthly_return.form.language
        self.edition = _edition(monthly_return.form.version)
        self.words = dict(WORDS[self.language])
        if self.edition.old_labels:
            self.words.update(_OLD_WORDS[self.language])
        if self.edition.swapped:
            self.words.update(_SWAPPED_WORDS[self.language])
        self.sheet = Sheet(pagesize=A4_LANDSCAPE, top=40.0, bottom=528.0, decorate=self.decorate,
                           title=self.title(), join_wide=True)

    def w(self, key: str, **values: object) -> str:
        return self.words[key].format(**values) if values else self.words[key]

    def title(self) -> str:
        issuer = f.text(self.r.header.issuer_name)
        period = f.day(self.r.header.period_end, self.language)
        return " - ".join(part for part in ("FF301 monthly return", issuer, period) if part)

    def decorate(self, sheet: Sheet, number: int, total: int) -> None:
        sheet.text(761.6, 21.0, "FF301")
        sheet.text(390.7, 541.5, self.w("page", n=number, total=total))
        # The reader tells the edition from this footer ("v" and the version, as the e-form prints them).
        sheet.text(763.8, 541.5, "v")
        sheet.text(770.5, 541.5, self.edition.version)

    # -- the whole return ------------------------------------------------------

    def pdf(self) -> bytes:
        self.header()
        self.section_i()
        self.section_ii()
        self.section_iii()
        self.section_iv()
        self.section_v()
        return self.sheet.pdf()

    def heading(self, key: str, applicable: bool = True, *, new_page: bool = False, size: float = 10.0) -> None:
        if new_page and self.sheet.y > self.sheet.content_top:
            self.sheet.new_page()
        self.sheet.room(60.0)
        self.sheet.gap(4.0)
        parts = [(23.5, self.w(key))]
        if not applicable:
            parts.append((23.5, self.w("not_applicable")))
        self.sheet.line(*parts, size=size, bold=True, space=10.0)

    def header(self) -> None:
        s, h = self.sheet, self.r.header
        s.y = 90.0
        s.paragraph(22.1, self.w("title"), width=WIDTH, size=10.0, bold=True, space=16.0)
        # The status value is a code ("new"); its printed wording is the form's ("New Submission").
        status = h.status.printed or "" if h.status is not None and h.status.printed is not None else ""
        if h.status is not None and not status and h.status.value:
            status = self.w(f"status.{h.status.value}") if f"status.{h.status.value}" in self.words else h.status.value
        parts = [(22.1, self.w("period_end")), (VALUE_X, f.day(h.period_end, self.language))]
        if h.status is not None:
            parts += [(621.7, self.w("status")), (658.2, status)]
        s.line(*parts, space=14.0)
        s.line((22.1, self.w("to")), space=14.0)
        if h.issuer_name is not None:
            s.line((22.1, self.w("issuer_name")), (VALUE_X, f.text(h.issuer_name)), space=10.0)
        s.line((22.1, self.w("submission_date")), (VALUE_X, f.day(h.submission_date, self.language)), space=14.0)

    # -- class blocks ----------------------------------------------------------

    def class_rows(self, n: int, share_class: ShareClass, counters: Sequence = ()) -> list[tuple[list[Cell], float]]:
        """The header rows of a class block: class, type, listed; stock code, description; counters."""
        c, lang = share_class, self.language
        widths = _BLOCK_WIDTHS
        first = [
            Cell(widths[0], self.w("block.class", n=n)), Cell(widths[1], f.text(c.class_name)),
            Cell(widths[2], self.w("block.type")), Cell(widths[3], f.text(c.share_type)),
            Cell(widths[4], self.w("listed"), size=7.0), Cell(widths[5], f.flag(c.listed, lang)),
        ]
        rest = widths[3] + widths[4] + widths[5]
        second = [
            Cell(widths[0], self.w("stock_code")), Cell(widths[1], f.text(c.stock_code)),
            Cell(widths[2], self.w("description")), Cell(rest, f.text(c.description)),
        ]
        rows = [(first, SIZE), (second, SIZE)]
        for counter in counters:
            rows.append(([
                Cell(widths[0], self.w("multi_counter"), size=7.0), Cell(widths[1], f.text(counter.stock_code)),
                Cell(widths[2], self.w("description")), Cell(rest, f.text(counter.description)),
            ], SIZE))
        return rows

    def draw_rows(self, rows: list[tuple[list[Cell], float]]) -> None:
        for cells, size in rows:
            self.sheet.row(cells, x=LEFT, size=size)

    def rows_height(self, rows: list[tuple[list[Cell], float]]) -> float:
        return sum(self.sheet.row_height(cells, size) for cells, size in rows)

    def remarks(self, remarks) -> None:
        if remarks is None:
            return
        self.sheet.gap(4.0)
        self.sheet.line((22.1, self.w("remarks")), space=3.0)
        self.sheet.paragraph(22.1, f.text(remarks), width=WIDTH - 4.0, space=6.0)

    # -- section I ---------------------------------------------------------------

    def section_i(self) -> None:
        blocks = self.r.authorised
        self.heading("section.I", bool(blocks))
        # The reader takes everything after a block's "Remarks:" up to the next block as its
        # remarks; the total line would join the last block's remarks, so it then goes first.
        total_first = bool(blocks) and blocks[-1].remarks is not None
        if total_first:
            self.authorised_total()
        widths = (180.0, 200.0, 190.0, WIDTH - 570.0)
        for n, block in enumerate(blocks, start=1):
            rows = self.class_rows(n, block.share_class)
            rows.append(([Cell(widths[0]), Cell(widths[1], self.w("col.authorised.shares"), align="centre"),
                          Cell(widths[2], self.w("col.authorised.par_value"), align="centre"),
                          Cell(widths[3], self.w("col.authorised.capital"), align="centre")], SIZE))
            for key in ("preceding", "movement", "close"):
                balance = getattr(block, key)
                if balance is None:
                    continue
                rows.append(([
                    Cell(widths[0], self.w(f"row.{key}")),
                    Cell(widths[1], f.count(balance.shares), align="right"),
                    Cell(widths[2], f.money(balance.par_value_currency, balance.par_value), align="right"),
                    Cell(widths[3], f.money(balance.capital_currency, balance.capital), align="right"),
                ], SIZE))
            self.sheet.room(self.rows_height(rows) + 10.0)
            self.sheet.gap(6.0)
            self.draw_rows(rows)
            self.remarks(block.remarks)
        if not total_first:
            self.authorised_total()

    def authorised_total(self) -> None:
        if not self.r.authorised_total:
            return
        self.sheet.gap(10.0)
        money = "  ".join(f.money(t.currency, t.amount) for t in self.r.authorised_total)
        self.sheet.line((265.7, self.w("authorised_total")), (530.9, money), space=8.0)

    # -- section II --------------------------------------------------------------

    def section_ii(self) -> None:
        blocks = self.r.issued
        self.heading("section.II.float" if self.edition.public_float else "section.II", bool(blocks), new_page=True)
        treasury = self.edition.treasury
        if treasury:
            widths = (150.0, 209.0, 209.0, WIDTH - 568.0)
            headers = ("col.issued.issued", "col.issued.treasury", "col.issued.total")
        else:
            widths = (230.0, WIDTH - 230.0)
            headers = ("col.issued.issued.v1.0",)
        for n, block in enumerate(blocks, start=1):
            rows = self.class_rows(n, block.share_class, block.multi_counter)
            rows.append(([Cell(widths[0])] + [Cell(w, self.w(h), align="centre") for w, h in zip(widths[1:], headers)], SIZE))
            for key in ("preceding", "movement", "close"):
                balance = getattr(block, key)
                if balance is None:
                    continue
                figures = [balance.issued, balance.treasury, balance.total] if treasury else [balance.issued]
                rows.append(([Cell(widths[0], self.w(f"row.{key}"))]
                             + [Cell(w, f.count(v), align="right") for w, v in zip(widths[1:], figures)], SIZE))
            self.sheet.room(self.rows_height(rows) + 10.0)
            self.sheet.gap(6.0)
            self.draw_rows(rows)
            self.remarks(block.remarks)
            if self.edition.public_float and block.public_float is not None:
                self.public_float(block.public_float)

    def public_float(self, pf) -> None:
        s = self.sheet
        s.room(110.0)
        s.gap(8.0)
        s.line((23.5, self.w("public_float")), bold=True, space=6.0)
        s.paragraph(24.9, self.w("public_float.intro"), width=WIDTH - 8.0, size=8.0, space=3.0)
        for key, answer in (("public_float.complied", True), ("public_float.not_complied", False)):
            s.rect(27.0, s.y, 36.0, s.y + 9.0)
            # "X" is one of the tick marks the reader knows, and every font has it.
            mark = "X" if pf.complied is not None and pf.complied.value is answer else ""
            s.line((28.8, mark), (57.7, self.w(key)), size=8.0, space=5.0)
        widths = [225.0, WIDTH - 225.0]
        for key, value in (("public_float.threshold", pf.threshold), ("public_float.additional", pf.additional_information)):
            s.row([Cell(widths[0], self.w(key)), Cell(widths[1], f.text(value))], x=LEFT, size=8.0)

    # -- section III -------------------------------------------------------------

    def section_iii(self) -> None:
        r = self.r
        options_cols = ["scheme", "outstanding_preceding", "granted", "exercised", "cancelled", "lapsed", "outstanding_close"]
        self.heading("section.III", new_page=True)
        self.table_section("III.A", "options", "A", r.options, options_cols, self.option_lines, r.options_total,
                           after=self.options_funds)
        self.table_section("III.B", "warrants", "B", r.warrants,
                           ["description", "currency", "nominal_preceding", "nominal_exercised", "nominal_close"],
                           self.warrant_lines, r.warrants_total)
        self.table_section("III.C", "convertibles", "C", r.convertibles,
                           ["description", "currency", "amount_preceding", "movement", "amount_close"],
                           self.convertible_lines, r.convertibles_total)
        self.table_section("III.D", "arrangements", "D", r.arrangements, ["particulars", "approval_date"],
                           lambda item: [], r.arrangements_total)
        self.table_section("III.E", "other_movements", "E", r.other_movements,
                           ["event", "currency", "price", "event_date", "approval_date", "shares_issued", "treasury",
                            "shares_issuable"], lambda item: [], r.other_movements_total, issue_columns=False)
        # The return's remarks: the e-form's "Remarks:" box under the III tables (facts.md `remarks`).
        self.remarks(r.remarks)
        self.grand_total()

    def issue_columns(self) -> list[str]:
        e = self.edition
        if not e.treasury:
            return ["shares_issued", "shares_issuable"]
        if e.merged:
            return ["shares_issued", "treasury_transferred", "shares_issuable"]
        return ["shares_issued", "treasury_transferred", "shares_issuable", "treasury_transferable"]

    def header_text(self, table: str, column: str, letter: str) -> str:
        if f"col.{table}.{column}" in self.words:
            return self.w(f"col.{table}.{column}")
        if column == "shares_issuable" and self.edition.merged:
            return self.w("col.shares_issuable.merged")
        return self.w(f"col.{column}", t=letter)

    def table_section(self, key, table, letter, items, columns, lines_of: Callable, totals, *, after=None,
                      issue_columns: bool = True) -> None:
        if table == "other_movements" and not self.edition.treasury:
            columns = [c for c in columns if c != "treasury"]
        if issue_columns:
            columns = columns + self.issue_columns()
        groups = _groups(items)
        # Sections follow each other on the page (the e-form starts each on a new page):
        # fewer pages read faster, and the reader does not care.
        self.heading(f"section.{key}", bool(groups), size=9.0)
        first_width = {"options": 110.0, "warrants": 120.0, "convertibles": 130.0, "arrangements": 220.0,
                       "other_movements": 110.0}[table]
        other = (WIDTH - first_width) / (len(columns) - 1)
        widths = [first_width] + [other] * (len(columns) - 1)
        for n, (share_class, group) in enumerate(groups, start=1):
            head = self.class_rows(n, share_class)
            header = [Cell(w, self.header_text(table, c, letter), size=HEADER_SIZE, align="centre") for w, c in zip(widths, columns)]
            body = []
            for k, item in enumerate(group, start=1):
                cells = [Cell(NUMBER_WIDTH, f"{k}).")]
                for i, (width, column) in enumerate(zip(widths, columns)):
                    width = width - NUMBER_WIDTH if i == 0 else width
                    cells.append(self.item_cell(table, item, column, width))
                body.append((cells, lines_of(item)))
            height = self.rows_height(head) + self.sheet.row_height(header, HEADER_SIZE)
            height += sum(self.sheet.row_height(cells, TABLE_SIZE) + len(lines) * (line_height(8.0) + 5.0) for cells, lines in body)
            self.sheet.room(height + 10.0)
            self.sheet.gap(6.0)
            self.draw_rows(head)
            self.sheet.row(header, x=LEFT, size=HEADER_SIZE)
            for cells, lines in body:
                # Why: a table taller than a page goes on over the next between two items (an item
                # line with its labelled lines stays whole), never over the page's footer.
                self.sheet.room(self.sheet.row_height(cells, TABLE_SIZE) + len(lines) * (line_height(8.0) + 5.0) + 3.0)
                self.sheet.row(cells, x=LEFT, size=TABLE_SIZE)
                self.sheet.gap(3.0)
                for label, value in lines:
                    self.sheet.line((22.1, label), (240.0, value), size=8.0, space=5.0)
        if after is not None:
            after()
        self.section_totals(letter, totals)

    def item_cell(self, table: str, item, column: str, width: float) -> Cell:
        value = getattr(item, column, None) if column not in ("event", "movement") else None
        lang = self.language
        if column in ("scheme", "description", "particulars"):
            return Cell(width, f.text(value))
        if column == "event":
            return Cell(width, f.text(item.description) or _movement_name(item.type, lang))
        if column == "movement":  # III C: a movement word and its signed amount, in two parts of one cell
            word, figure = f.text(item.movement), f.amount(item.amount_converted)
            return Cell(width, "  ".join(p for p in (word, figure) if p), align="right")
        if column == "currency":
            return Cell(width, f.currency(value), align="centre")
        if column in ("event_date", "approval_date"):
            return Cell(width, f.day(value, lang), align="centre")
        if column in ("price", "nominal_preceding", "nominal_exercised", "nominal_close", "amount_preceding", "amount_close"):
            return Cell(width, f.amount(value), align="right")
        return Cell(width, f.count(value), align="right")

    def option_lines(self, item) -> list[tuple[str, str]]:
        return [
            (self.w("item.price.options"), f.money(item.exercise_price_currency, item.exercise_price)),
            (self.w("item.approval_date"), f.day(item.approval_date, self.language)),
            (self.w("available_for_grant.preceding"), f.count(item.available_for_grant_preceding)),
            (self.w("available_for_grant.close"), f.count(item.available_for_grant_close)),
        ]

    def warrant_lines(self, item) -> list[tuple[str, str]]:
        return [
            (self.w("item.stock_code.warrants"), f.text(item.stock_code)),
            (self.w("item.expiry_date"), f.day(item.expiry_date, self.language)),
            (self.w("item.price.warrants"), f.money(item.subscription_price_currency, item.subscription_price)),
            (self.w("item.approval_date"), f.day(item.approval_date, self.language)),
        ]

    def convertible_lines(self, item) -> list[tuple[str, str]]:
        return [
            (self.w("item.type"), f.text(item.type)),
            (self.w("item.stock_code.convertibles"), f.text(item.stock_code)),
            (self.w("item.price.convertibles"), f.money(item.conversion_price_currency, item.conversion_price)),
            (self.w("item.approval_date"), f.day(item.approval_date, self.language)),
        ]

    def options_funds(self) -> None:
        if not self.r.options_funds:
            return
        money = "  ".join(f.money(t.currency, t.amount) for t in self.r.options_funds)
        self.sheet.gap(6.0)
        self.sheet.line((22.1, self.w("options_funds")), (420.0, money), size=8.0)

    def _make_room_for(self, totals: Iterable[SectionTotal], gap: float) -> list[SectionTotal]:
        """The total lines to print, with room made for them and a gap above (none when there are none)."""
        totals = list(totals)
        if totals:
            self.sheet.room(24.0 * len(totals) + 10.0)
            self.sheet.gap(gap)
        return totals

    def section_totals(self, letter: str, totals: Iterable[SectionTotal]) -> None:
        for total in self._make_room_for(totals, 8.0):
            cls = f.text(total.share_class.class_name)
            self.sheet.line((223.2, self.w("total.issued")), (520.0, f.count(total.issued)),
                            (596.1, f"{cls} ({letter * 2}1)"), size=8.0, space=8.0)
            if self.edition.treasury:
                self.sheet.line((223.2, self.w("total.treasury")), (520.0, f.count(total.treasury)),
                                (596.1, f"{cls} ({letter * 2}2)"), size=8.0, space=8.0)

    def grand_total(self) -> None:
        for total in self._make_room_for(self.r.total_increase, 10.0):
            cls = f.text(total.share_class.class_name)
            if self.edition.old_labels:
                self.sheet.line((52.1, self.w("grand_total.issued.class", cls=cls)), (600.0, f.count(total.issued)),
                                size=8.0, space=10.0)
                continue
            self.sheet.line((52.1, self.w("grand_total.issued")), (560.0, f.count(total.issued)), (667.0, cls),
                            size=8.0, space=10.0)
            self.sheet.line((52.1, self.w("grand_total.treasury")), (560.0, f.count(total.treasury)), (667.0, cls),
                            size=8.0, space=10.0)

    # -- sections IV and V -------------------------------------------------------

    def section_iv(self) -> None:
        hdr = self.r.hdr_information
        applicable = hdr is not None and bool(f.text(hdr))
        self.heading("section.IV", applicable)
        if applicable:
            self.sheet.paragraph(22.1, f.text(hdr), width=WIDTH - 4.0)

    def section_v(self) -> None:
        s = self.r.signatory
        self.heading("section.V")
        self.sheet.paragraph(22.1, self.w("confirmation"), width=WIDTH - 4.0, space=20.0)
        if s is None:
            return
        if s.name is not None:
            self.sheet.line((22.1, self.w("signatory.name")), (121.3, f.text(s.name)), space=10.0)
        if s.title is not None:
            self.sheet.line((22.1, self.w("signatory.title")), (121.3, f.text(s.title)), space=4.0)
        self.sheet.line((127.0, self.w("signatory.note")))


def _groups(items: Sequence) -> list[tuple[ShareClass, list]]:
    """Consecutive items of one class form one class block."""
    groups: list[tuple[ShareClass, list]] = []
    for item in items:
        if groups and groups[-1][0] == item.share_class:
            groups[-1][1].append(item)
        else:
            groups.append((item.share_class, [item]))
    return groups


_MOVEMENT_NAMES = {
    Language.EN: {
        "rights_issue": "Rights issue", "open_offer": "Open offer", "placing": "Placing", "bonus_issue": "Bonus issue",
        "scrip_dividend": "Scrip dividend", "repurchase": "Repurchase of shares", "redemption": "Redemption of shares",
        "consideration_issue": "Consideration issue", "capital_reorganisation": "Capital reorganisation", "other": "Other",
    },
    Language.ZH: {
        "rights_issue": "供股", "open_offer": "公開發售", "placing": "配售", "bonus_issue": "紅股", "scrip_dividend": "以股代息",
        "repurchase": "購回股份", "redemption": "贖回股份", "consideration_issue": "代價發行", "capital_reorganisation": "資本重組",
        "other": "其他",
    },
}


def _movement_name(kind, language: Language) -> str:
    return _MOVEMENT_NAMES[language][kind.value]


def render_pdf(monthly_return: MonthlyReturn) -> bytes:
    """The return as an FF301 e-form PDF (bytes)."""
    return _Layout(monthly_return).pdf()
