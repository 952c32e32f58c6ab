"""A return laid out as the legacy monthly-return template (about 2008-2021), A4 portrait, English or Chinese.

The legacy reader (``forms/legacy/reader.py``) finds sections by their
headings, values right of their labels and figures under the column heading
they stand under; this layout prints the template's headings and labels and
puts every figure under its heading (centred, so that it overlaps that
heading only).  Traps it keeps:
- section II prints a figure (or ``N/A``) in every column of every row: the
  reader takes the first three lines holding figures as the three rows;
- the particulars of a III item are its first-column lines; the class line
  ("ordinary shares") comes last, as the reader takes the last such line;
- a warrant's expiry date is printed in a ``(dd/mm/yyyy)`` slot of its
  description, as the template asks;
- III E: one block per movement, self.w("e.class") label right of the type,
  the price between self.w("e.price") and that label, dates in slots right of
  their labels.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import return_xml.render.format as f
from return_xml.model import Category, MonthlyReturn, MovementType, SectionTotal
from return_xml.render.fonts import width as text_width
from return_xml.render.legacy_words import WORDS
from return_xml.render.sheet import A4_PORTRAIT, Sheet, line_height, wrap

LEFT = 54.0
SIZE = 8.5


def _slot(value: dt.date) -> str:
    return f"({value.day:02d}/{value.month:02d}/{value.year})"


def _day(value) -> str:
    """A date as the template's ``dd/mm/yyyy`` slot (the printed token when the model has one)."""
    if value is None:
        return ""
    if value.printed is not None:
        return value.printed
    return _slot(value.value) if value.value is not None else ""


class _Layout:
    def __init__(self, monthly_return: MonthlyReturn) -> None:
        self.r = monthly_return
        self.words = WORDS[monthly_return.form.language]
        self.sheet = Sheet(pagesize=A4_PORTRAIT, top=50.0, bottom=790.0, decorate=self.decorate,
                           title=f"Monthly return - {f.text(monthly_return.header.issuer_name)}")

    def decorate(self, sheet: Sheet, number: int, total: int) -> None:
        sheet.text(381.7, 30.0, self.w("page_header"))
        sheet.text(280.0, 815.0, self.w("page", n=number, total=total))

    # -- helpers -------------------------------------------------------------

    def w(self, key: str, **values: object) -> str:
        return self.words[key].format(**values) if values else self.words[key]

    def line(self, *parts: tuple[float, str], bold: bool = False, space: float = 6.0) -> float:
        return self.sheet.line(*parts, size=SIZE, bold=bold, space=space)

    def centred(self, centre: float, top: float, text: str, size: float = SIZE) -> None:
        if text:
            self.sheet.text(centre - text_width(text, size) / 2, top, text, size=size)

    def in_column(self, x0: float, x1: float, top: float, text: str) -> None:
        """A figure centred under its column heading, smaller when it is wider than the column.

        A figure reaching into the next column would be read as part of that column's figure.
        """
        size = SIZE
        while size > 4.0 and text and text_width(text, size) > x1 - x0 - 2:
            size -= 0.5
        self.centred((x0 + x1) / 2, top, text, size)

    def stack(self, x0: float, x1: float, top: float, text: str, size: float = 7.0) -> float:
        """A column heading wrapped into centred lines between x0 and x1; returns its bottom."""
        lines, size = wrap(text, x1 - x0, size)
        for n, line in enumerate(lines):
            self.centred((x0 + x1) / 2, top + n * line_height(size), line, size)
        return top + len(lines) * line_height(size)

    def headings(self, columns: list[tuple[float, float, str]], size: float = 7.0) -> None:
        self.sheet.room(80.0)
        top = self.sheet.y
        bottom = max(self.stack(x0, x1, top, text, size) for x0, x1, text in columns)
        self.sheet.y = bottom + 6.0

    # -- the whole return ----------------------------------------------------

    def pdf(self) -> bytes:
        self.header()
        self.section_i()
        self.section_ii()
        self.section_iii()
        self.closing()
        return self.sheet.pdf()

    def header(self) -> None:
        h = self.r.header
        self.sheet.y = 130.0
        self.line((LEFT, self.w("title")), bold=True, space=14.0)
        self.line((LEFT, self.w("period_end")), (252.8, _day(h.period_end).strip("()")), space=10.0)
        self.line((LEFT, self.w("to")), space=20.0)
        self.line((LEFT, self.w("issuer_name")), (194.3, f.text(h.issuer_name)), space=6.0)
        self.line((LEFT, self.w("submission_date")), (194.3, _day(h.submission_date).strip("()")), space=20.0)

    # -- section I -------------------------------------------------------------

    def section_i(self) -> None:
        self.line((LEFT, self.w("section.I")), bold=True, space=12.0)
        columns = [(235.0, 315.0), (320.0, 400.0), (405.0, 560.0)]
        shown: set[Category] = set()
        numbers: dict[Category, int] = {}
        for block in self.r.authorised:
            category = block.share_class.category or Category.OTHER
            self.sheet.room(150.0)
            if category not in shown:
                self.line((LEFT, self.w(f"heading.{category.value}")), bold=True, space=8.0)
                shown.add(category)
            numbers[category] = numbers.get(category, 0) + 1
            code = f.text(block.share_class.stock_code) or "N/A"
            self.line((LEFT, self.w("stock_code", n=numbers[category])), (156.4, code), (199.3, self.w("description")),
                      (260.0, f.text(block.share_class.description)), space=10.0)
            names = (self.w(f"col.shares.{category.value}"), self.w("col.par_value"), self.w("col.capital"))
            self.headings([(x0, x1, name) for (x0, x1), name in zip(columns, names)], size=SIZE)
            for key, label in (("preceding", self.w("row.preceding")), ("movement", self.w("row.movement")),
                               ("close", self.w("row.close"))):
                balance = getattr(block, key)
                if balance is None:
                    continue
                top = self.line((LEFT, label), space=12.0)
                values = (f.count(balance.shares), f.money(balance.par_value_currency, balance.par_value),
                          f.money(balance.capital_currency, balance.capital))
                for (x0, x1), value in zip(columns, values):
                    self.in_column(x0, x1, top, value)
            self.sheet.gap(8.0)
        if self.r.authorised_total:
            total = self.r.authorised_total[0]
            self.line((LEFT, self.w("authorised_total")),
                      (356.3, f.money(total.currency, total.amount)), space=14.0)

    # -- section II --------------------------------------------------------------

    def section_ii(self) -> None:
        self.sheet.room(160.0)
        self.line((LEFT, self.w("section.II")), bold=True, space=10.0)
        centres = {"ord1": 262.0, "ord2": 338.0, "preference": 420.0, "other": 505.0}
        top = self.sheet.y
        self.centred(300.0, top, self.w("ii.ordinary"))
        self.centred(420.0, top + 4, self.w("ii.preference"))
        self.centred(505.0, top + 4, self.w("ii.other"))
        self.centred(centres["ord1"], top + 15, "(1)")
        self.centred(centres["ord2"], top + 15, "(2)")
        self.centred(420.0, top + 15, self.w("ii.preference2"))
        self.centred(505.0, top + 15, self.w("ii.other2"))
        self.sheet.y = top + 34
        heading_widths = {"ord1": text_width("(1)", SIZE), "ord2": text_width("(2)", SIZE),
                          "preference": text_width(self.w("ii.preference"), SIZE), "other": text_width(self.w("ii.other"), SIZE)}
        columns: dict[str, object] = {}
        ordinary = [b for b in self.r.issued if b.share_class.category is Category.ORDINARY]
        for name, block in zip(("ord1", "ord2"), ordinary):
            columns[name] = block
        for name, category in (("preference", Category.PREFERENCE), ("other", Category.OTHER)):
            found = [b for b in self.r.issued if b.share_class.category is category]
            if found:
                columns[name] = found[0]
        for key, label in (("preceding", self.w("row.preceding")), ("movement", self.w("ii.movement")),
                           ("close", self.w("row.close"))):
            top = self.line((LEFT, label), space=14.0)
            for name, centre in centres.items():
                block = columns.get(name)
                balance = getattr(block, key) if block is not None else None
                # Every cell gets a figure or N/A: the reader takes the first three lines of figures as the rows.
                figure = (f.count(balance.issued) if balance is not None else "") or "N/A"
                # The figure ends 3 pt right of its heading: it still overlaps the heading, but a figure
                # exactly as wide as the heading would be taken for part of the heading by the reader.
                # The reader looks for figures from 40 pt left of the leftmost heading: a long figure is drawn smaller.
                size = SIZE
                while size > 4.0 and text_width(figure, size) > heading_widths[name] + 40.0:
                    size -= 0.5
                self.sheet.text_right(centre + heading_widths[name] / 2 + 3.0, top, figure, size=size)
        self.sheet.gap(10.0)

    # -- section III -------------------------------------------------------------

    def section_iii(self) -> None:
        self.sheet.room(200.0)
        self.line((LEFT, self.w("section.III")), bold=True, space=10.0)
        self.options()
        self.warrants_or_convertibles("B")
        self.warrants_or_convertibles("C")
        self.arrangements()
        self.other_movements()
        self.grand_total()

    def item_text(self, number: int, text: str, x1: float, class_line: str | None) -> float:
        """``1.`` and the wrapped particulars of an item, then its class line; returns the item's first line top."""
        lines, size = wrap(text, x1 - 68.0, SIZE)
        self.sheet.room(line_height(SIZE) * (len(lines) + 3) + 10)
        first = self.sheet.y
        # The number and the first line are one string: drawn in one font, they share one line
        # (a Latin "1." beside Chinese text sits higher and would be read after it).
        for n, line in enumerate(lines or [""]):
            self.sheet.text(56.0 if n == 0 else 68.0, first + n * line_height(size), f"{number}. {line}".strip() if n == 0 else line, size=size)
        self.sheet.y = first + max(len(lines), 1) * line_height(size) + 2
        if class_line:
            self.sheet.text(68.0, self.sheet.y, class_line, size=SIZE)
            self.sheet.y += line_height(SIZE) + 2
        return first

    def totals(self, letter: str, totals, centre: float) -> None:
        """The section's total lines; the template's three (with N/A) when the return has none.

        The reader ends the last item of a section at its first total line: without one, the
        lines after the section's items (the funds line) would join the last item.
        """
        lines = [((t.share_class.category or Category.OTHER), f.count(t.issued)) for t in totals]
        if not lines:
            lines = [(Category.ORDINARY, ""), (Category.PREFERENCE, ""), (Category.OTHER, "")]
        for category, figure in lines:
            top = self.line((250.0, self.w("total", letter=letter, cls=self.w(f"total.{category.value}"))), space=4.0)
            self.centred(centre, top, figure or "N/A")
        self.sheet.gap(8.0)

    def options(self) -> None:
        self.sheet.room(150.0)
        self.line((LEFT, self.w("section.A")), bold=True, space=4.0)
        figure_columns = [(205.0, 248.0, "granted", self.w("a.granted")), (252.0, 295.0, "exercised", self.w("a.exercised")),
                          (299.0, 342.0, "cancelled", self.w("a.cancelled")), (346.0, 389.0, "lapsed", self.w("a.lapsed")),
                          (394.0, 478.0, "shares_issued", self.w("col.shares_issued")),
                          (484.0, 568.0, "shares_issuable", self.w("col.shares_issuable"))]
        top = self.sheet.y
        self.stack(LEFT, 195.0, top, self.w("a.particulars"))
        self.centred(297.0, top + 12, self.w("a.movement"), 7.0)
        bottom = top
        for x0, x1, _, name in figure_columns:
            bottom = max(bottom, self.stack(x0, x1, top + (26 if x1 < 390 else 0), name))
        self.sheet.y = max(bottom, top + 50) + 6
        for n, item in enumerate(self.r.options, start=1):
            category = item.share_class.category
            first = self.item_text(n, f.text(item.scheme), 195.0, self.w(f"class_line.{category.value}") if category else None)
            for x0, x1, key, _ in figure_columns:
                self.in_column(x0, x1, first, f.count(getattr(item, key)))
            self.sheet.gap(6.0)
        self.totals("A", self.r.options_total, 436.0)
        funds = self.r.options_funds[0] if self.r.options_funds else None
        self.line((LEFT, self.w("funds")),
                  (350.0, f.money(funds.currency, funds.amount) if funds else "N/A"), space=14.0)

    def warrants_or_convertibles(self, key: str) -> None:
        warrants = key == "B"
        # Any: warrant and convertible items share most fields, each has its own (nominal_* or amount_*).
        items: tuple[Any, ...] = self.r.warrants if warrants else self.r.convertibles
        totals = self.r.warrants_total if warrants else self.r.convertibles_total
        self.sheet.room(180.0)
        if warrants:
            self.line((LEFT, self.w("section.B")), bold=True, space=4.0)
            names = (self.w("b.particulars"), self.w("b.currency"),
                     self.w("b.preceding"), self.w("b.exercised"),
                     self.w("b.close"))
        else:
            self.line((LEFT, self.w("section.C")), bold=True, space=4.0)
            names = (self.w("c.particulars"), self.w("c.currency"), self.w("c.preceding"),
                     self.w("c.converted"), self.w("c.close"))
        columns = [(LEFT, 185.0), (190.0, 235.0), (240.0, 300.0), (305.0, 365.0), (370.0, 440.0), (445.0, 505.0), (510.0, 570.0)]
        names = names + (self.w("col.shares_issued"),
                         self.w("col.shares_issuable"))
        self.headings([(x0, x1, name) for (x0, x1), name in zip(columns, names)])
        for n, item in enumerate(items, start=1):
            description = f.text(item.description)
            if warrants and item.expiry_date is not None and item.expiry_date.value is not None:
                description = f"{description} {_slot(item.expiry_date.value)}".strip()
            first = self.item_text(n, description, 185.0, None)
            if warrants:
                figures = (item.currency, item.nominal_preceding, item.nominal_exercised, item.nominal_close)
            else:
                figures = (item.currency, item.amount_preceding, item.amount_converted, item.amount_close)
            values = [f.currency(figures[0])] + [f.amount(v) for v in figures[1:]]
            values += [f.count(item.shares_issued), f.count(item.shares_issuable)]
            for (x0, x1), value in zip(columns[1:], values):
                self.in_column(x0, x1, first, value)
            category = item.share_class.category
            price = (f.money(item.subscription_price_currency, item.subscription_price) if warrants
                     else f.money(item.conversion_price_currency, item.conversion_price))
            rows = [(self.w("sub.stock_code"), f.text(item.stock_code) or "N/A"),
                    (self.w("sub.class"), self.w(f"class_value.{category.value}") if category else "N/A"),
                    (self.w("sub.price.b") if warrants else self.w("sub.price.c"), price or "N/A"),
                    (self.w("sub.approval"), _day(item.approval_date))]
            for label, value in rows:
                self.line((78.0, label), (260.0, value), space=3.0)
            self.sheet.gap(6.0)
        self.totals(key, totals, 475.0)

    def arrangements(self) -> None:
        self.sheet.room(150.0)
        self.line((LEFT, self.w("section.D")), bold=True, space=4.0)
        columns = [(LEFT, 375.0, self.w("d.particulars")),
                   (385.0, 475.0, self.w("col.shares_issued")),
                   (482.0, 570.0, self.w("col.shares_issuable"))]
        self.headings(columns)
        for n, item in enumerate(self.r.arrangements, start=1):
            category = item.share_class.category
            first = self.item_text(n, f.text(item.particulars), 375.0, self.w(f"class_line.{category.value}") if category else None)
            self.in_column(385.0, 475.0, first, f.count(item.shares_issued))
            self.in_column(482.0, 570.0, first, f.count(item.shares_issuable))
            self.sheet.gap(6.0)
        self.totals("D", self.r.arrangements_total, 430.0)

    def other_movements(self) -> None:
        self.sheet.room(160.0)
        self.line((LEFT, self.w("section.E")), bold=True, space=4.0)
        self.headings([(LEFT, 130.0, self.w("e.particulars")),
                       (468.0, 518.0, self.w("col.shares_issued")),
                       (524.0, 574.0, self.w("col.shares_issuable"))])
        for n, item in enumerate(self.r.other_movements, start=1):
            self.sheet.room(70.0)
            kind = item.type
            name = f.text(item.description) if item.description is not None else self.w(f"movement.{kind.value}")
            name = name or self.w(f"movement.{kind.value}")
            category = item.share_class.category
            top = self.sheet.y
            lines, size = wrap(name, 128.0 - 64.0, SIZE)
            for k, line in enumerate(lines):
                self.sheet.text(46.3 if k == 0 else 64.3, top + k * line_height(size), f"{n}. {line}" if k == 0 else line, size=size)
            price = f.money(item.currency, item.price)
            if price:
                self.sheet.text(137.6, top, self.w("e.price"), size=SIZE)
                self.sheet.text(180.0, top, price, size=SIZE)
            self.sheet.text(285.5, top, self.w("e.class"), size=SIZE)
            self.sheet.text(395.4, top, self.w(f"class_value.{category.value}") if category else "N/A", size=SIZE)
            self.in_column(468.0, 518.0, top, f.count(item.shares_issued))
            self.in_column(524.0, 574.0, top, f.count(item.shares_issuable))
            event = {MovementType.REPURCHASE: self.w("e.cancellation"), MovementType.REDEMPTION: self.w("e.redemption")}.get(
                kind, self.w("e.issue"))
            step = line_height(SIZE) + 6
            self.sheet.text(285.5, top + step, event, size=SIZE)
            self.sheet.text(405.6, top + step, _day(item.event_date) or "( / / )", size=SIZE)
            self.sheet.text(285.5, top + 2 * step, self.w("e.approval"), size=SIZE)
            self.sheet.text(405.6, top + 2 * step, _day(item.approval_date) or "( / / )", size=SIZE)
            self.sheet.y = top + max(3 * step, len(lines) * line_height(size)) + 8
        self.totals("E", self.r.other_movements_total, 493.0)

    def grand_total(self) -> None:
        totals = list(self.r.total_increase)
        if not totals:
            return
        self.sheet.room(90.0)
        self.sheet.gap(12.0)
        ordinary: list[SectionTotal | None] = [t for t in totals if t.share_class.category is Category.ORDINARY] or [None]
        for n, total in enumerate(ordinary, start=1):
            label = self.w("grand.ordinary") if n == 1 else ""
            parts = [(59.3, label), (430.0, f"({n})" if len(ordinary) > 1 else ""), (480.0, (f.count(total.issued) if total else "") or "N/A")]
            self.line(*parts, space=8.0)
        for category, label in ((Category.PREFERENCE, self.w("grand.preference")),
                                (Category.OTHER, self.w("grand.other"))):
            found = [t for t in totals if t.share_class.category is category]
            if found:
                self.line((59.3, label), (480.0, f.count(found[0].issued) or "N/A"), space=8.0)
        self.sheet.gap(10.0)

    def closing(self) -> None:
        r = self.r
        self.sheet.room(120.0)
        if r.remarks is not None:
            self.line((LEFT, self.w("remarks")), space=4.0)
            self.sheet.paragraph(LEFT, f.text(r.remarks), width=500.0, size=SIZE, space=14.0)
        if r.signatory is not None:
            self.line((LEFT, self.w("signatory.name")), (130.0, f.text(r.signatory.name)), space=6.0)
            self.line((LEFT, self.w("signatory.title")), (130.0, f.text(r.signatory.title)), space=4.0)
            self.line((130.0, self.w("signatory.note")))


def render_pdf(monthly_return: MonthlyReturn) -> bytes:
    """The return as a PDF laid out as the legacy template (bytes)."""
    return _Layout(monthly_return).pdf()
