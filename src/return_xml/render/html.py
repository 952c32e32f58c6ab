"""A return as one self-contained HTML page: inline CSS, no script, no external resource.

The page has the sections of the form (I to V, III A to E with their totals),
every value as printed (or formatted when the model has no printed token), and
a findings panel when the business rules found something.  Every value is
escaped: the page is safe to open whatever the return holds.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

import return_xml.render.format as f
from return_xml.model import Language, MonthlyReturn, SectionTotal, ShareClass
from return_xml.model.values import Amount, Count, Currency, Day, Flag, Reading, Text
from return_xml.rules import Finding

# The fonts the page expects (docs/render.md): it embeds none and may fetch none, so the reader's browser draws it
# with the first installed family of this stack; Chinese needs one of the CJK families (on Debian fonts-wqy-zenhei or
# fonts-noto-cjk).  Without any, the text is still in the file (copy, search and parse it) but shows as empty boxes.
CSS = """
body{font-family:Helvetica,Arial,"Noto Sans CJK TC","Noto Sans TC","Source Han Sans TC","WenQuanYi Zen Hei",
"PingFang TC","Microsoft JhengHei","AR PL UMing TW",sans-serif;font-size:13px;margin:24px;color:#111}
h1{font-size:17px}h2{font-size:15px;margin-top:28px;border-bottom:1px solid #999}h3{font-size:13px;margin-top:18px}
table{border-collapse:collapse;margin:8px 0;width:100%}td,th{border:1px solid #777;padding:3px 5px;vertical-align:top}
th{background:#eee;font-weight:normal;font-size:11px}td.n{text-align:right;white-space:nowrap}
.na{color:#666;font-style:italic;font-weight:normal;margin-left:12px}.kv td:first-child{width:22%;background:#f7f7f7}
.findings{border:2px solid #b00;background:#fff4f4;padding:8px 14px;margin:12px 0}
.findings li.warning{color:#850}.findings li.error{color:#b00}pre{white-space:pre-wrap;font-family:inherit}
"""


class Markup(str):
    """Text that is already markup (escaped, perhaps tagged): the page inserts it as it is."""


def _e(text: str) -> str:
    return text if isinstance(text, Markup) else escape(text, quote=True)


class Shown:
    """The cells of the page: each value's printed text (``format``) as markup.

    The HTML page escapes it.  The Inline XBRL page (``return_xml.xbrl.inline``)
    overrides ``show`` to tag the fact behind the value object: every value the
    page shows goes through ``show`` with the object it was printed from.
    """

    def __init__(self, language: Language) -> None:
        self.language = language

    def show(self, value: Reading | None, text: str) -> Markup:
        """The markup of ``text``, printed from ``value``."""
        return Markup(escape(text, quote=True))

    def count(self, value: Count | None) -> Markup:
        return self.show(value, f.count(value))

    def amount(self, value: Amount | None) -> Markup:
        return self.show(value, f.amount(value))

    def currency(self, value: Currency | None) -> Markup:
        return self.show(value, f.currency(value))

    def money(self, code: Currency | None, figure: Amount | None) -> Markup:
        """A currency and a figure in one cell (``HKD 0.01``), as ``format.money`` prints them."""
        return Markup(" ".join(part for part in (self.currency(code), self.amount(figure)) if part))

    def day(self, value: Day | None) -> Markup:
        return self.show(value, f.day(value, self.language))

    def text(self, value: Text | None) -> Markup:
        return self.show(value, f.text(value))

    def flag(self, value: Flag | None) -> Markup:
        return self.show(value, f.flag(value, self.language))


class _Page:
    def __init__(self, monthly_return: MonthlyReturn, shown: Shown | None = None) -> None:
        self.r = monthly_return
        self.lang = monthly_return.form.language
        self.s = shown or Shown(self.lang)
        self.parts: list[str] = []

    def add(self, html: str) -> None:
        self.parts.append(html)

    def heading(self, level: int, text: str, applicable: bool = True) -> None:
        mark = "" if applicable else '<span class="na">Not applicable</span>'
        self.add(f"<h{level}>{_e(text)}{mark}</h{level}>")

    def kv(self, rows: Iterable[tuple[str, str]]) -> None:
        body = "".join(f"<tr><td>{_e(k)}</td><td>{_e(v)}</td></tr>" for k, v in rows)
        self.add(f'<table class="kv">{body}</table>')

    def table(self, headers: Sequence[str], rows: Iterable[Sequence[tuple[str, bool]]]) -> None:
        head = "".join(f"<th>{_e(h)}</th>" for h in headers)
        body = "".join(
            "<tr>" + "".join(f'<td class="n">{_e(v)}</td>' if numeric else f"<td>{_e(v)}</td>" for v, numeric in row) + "</tr>"
            for row in rows
        )
        self.add(f"<table><tr>{head}</tr>{body}</table>")

    def share_class(self, share_class: ShareClass, n: int) -> None:
        c = share_class
        name = self.s.text(c.class_name) or (c.category.value if c.category else "")
        self.heading(3, Markup(_e(f"{n}. Class of shares: ") + _e(name)))
        rows = [("Type of shares", self.s.text(c.share_type)), ("Listed on the Exchange", self.s.flag(c.listed)),
                ("Stock code", self.s.text(c.stock_code)), ("Description", self.s.text(c.description))]
        self.kv((k, v) for k, v in rows if v)

    def totals(self, title: str, totals: Sequence[SectionTotal]) -> None:
        if totals:
            self.table([title, "Issued shares (1)", "Treasury shares (2)"], [
                [(self.s.text(t.share_class.class_name), False), (self.s.count(t.issued), True), (self.s.count(t.treasury), True)] for t in totals
            ])

    def body(self, findings: Sequence[Finding]) -> tuple[str, str]:
        """The page's title and the markup of its body."""
        r, h = self.r, self.r.header
        title = f"Monthly return: {f.text(h.issuer_name)} {f.day(h.period_end, self.lang)}".strip()
        self.add(f"<h1>{_e(title)}</h1>")
        form = f"{r.form.family.value} {r.form.version or ''} ({r.form.language.value})".replace("  ", " ")
        self.kv([("Form", form), ("Name of issuer", self.s.text(h.issuer_name)),
                 ("For the month ended", self.s.day(h.period_end)),
                 ("Date submitted", self.s.day(h.submission_date)), ("Status", self.s.text(h.status))])
        if findings:
            items = "".join(
                f'<li class="{_e(x.severity.value)}"><b>{_e(x.code)}</b> {_e(x.severity.value)}'
                f'{" at " + _e(x.path) if x.path else ""}: {_e(x.message)}</li>'
                for x in findings
            )
            self.add(f'<div class="findings"><b>Findings of validate ({len(findings)})</b><ul>{items}</ul></div>')
        self.section_i()
        self.section_ii()
        self.section_iii()
        self.heading(2, "IV. Information about Hong Kong Depositary Receipt (HDR)", r.hdr_information is not None)
        if r.hdr_information is not None:
            self.add(f"<pre>{_e(self.s.text(r.hdr_information))}</pre>")
        if r.remarks is not None:
            self.heading(2, "Remarks")
            self.add(f"<pre>{_e(self.s.text(r.remarks))}</pre>")
        self.heading(2, "V. Confirmations")
        if r.signatory is not None:
            self.kv([("Submitted by", self.s.text(r.signatory.name)), ("Title", self.s.text(r.signatory.title))])
        return title, "\n".join(self.parts)

    def page(self, findings: Sequence[Finding]) -> str:
        title, body = self.body(findings)
        return (f'<!DOCTYPE html>\n<html lang="{language_tag(self.lang)}"><head><meta charset="utf-8">'
                f"<title>{_e(title)}</title><style>{CSS}</style></head><body>\n{body}\n</body></html>\n")

    def section_i(self) -> None:
        r = self.r
        self.heading(2, "I. Movements in Authorised / Registered Share Capital", bool(r.authorised))
        for n, block in enumerate(r.authorised, start=1):
            self.share_class(block.share_class, n)
            rows = []
            for key, label in (("preceding", "Balance at close of preceding month"), ("movement", "Increase / decrease (-)"),
                               ("close", "Balance at close of the month")):
                b = getattr(block, key)
                if b is not None:
                    rows.append([(label, False), (self.s.count(b.shares), True), (self.s.money(b.par_value_currency, b.par_value), True),
                                 (self.s.money(b.capital_currency, b.capital), True)])
            self.table(["", "Number of authorised/registered shares", "Par value", "Authorised/registered share capital"], rows)
            if block.remarks is not None:
                self.add(f"<p>Remarks:</p><pre>{_e(self.s.text(block.remarks))}</pre>")
        if r.authorised_total:
            money = Markup(", ".join(self.s.money(t.currency, t.amount) for t in r.authorised_total))
            self.kv([("Total authorised/registered share capital at the end of the month", money)])

    def section_ii(self) -> None:
        r = self.r
        self.heading(2, "II. Movements in Issued Shares and/or Treasury Shares", bool(r.issued))
        for n, block in enumerate(r.issued, start=1):
            self.share_class(block.share_class, n)
            for counter in block.multi_counter:
                self.kv([("Multi-counter stock code", Markup(f"{self.s.text(counter.stock_code)} {self.s.text(counter.description)}".strip()))])
            rows = []
            for key, label in (("preceding", "Balance at close of preceding month"), ("movement", "Increase / decrease (-)"),
                               ("close", "Balance at close of the month")):
                b = getattr(block, key)
                if b is not None:
                    rows.append([(label, False), (self.s.count(b.issued), True), (self.s.count(b.treasury), True), (self.s.count(b.total), True)])
            self.table(["", "Number of issued shares (excluding treasury shares)", "Number of treasury shares",
                        "Total number of issued shares"], rows)
            if block.remarks is not None:
                self.add(f"<p>Remarks:</p><pre>{_e(self.s.text(block.remarks))}</pre>")
            pf = block.public_float
            if pf is not None:
                complied = {True: "has been complied with", False: "has not been complied with", None: ""}[pf.complied.value if pf.complied else None]
                self.kv([("Public float requirement", self.s.show(pf.complied, complied)),
                         ("Applicable public float threshold", self.s.text(pf.threshold)),
                         ("Additional information", self.s.text(pf.additional_information))])

    def section_iii(self) -> None:
        r, s = self.r, self.s
        self.heading(2, "III. Details of Movements in Issued Shares and/or Treasury Shares")
        sections = (
            ("(A). Share Options (under Share Option Schemes of the Issuer)", r.options, r.options_total,
             ["Particulars of share option scheme", "Exercise price", "Approval date", "Outstanding at close of preceding month",
              "Granted", "Exercised", "Cancelled", "Lapsed", "Outstanding at close of the month", "New shares issued (A1)",
              "Treasury shares transferred (A2)", "Shares which may be issued", "Treasury shares which may be transferred"],
             lambda i: [(s.text(i.scheme), False), (s.money(i.exercise_price_currency, i.exercise_price), True),
                        (s.day(i.approval_date), False)] + [(s.count(getattr(i, k)), True) for k in (
                            "outstanding_preceding", "granted", "exercised", "cancelled", "lapsed", "outstanding_close",
                            "shares_issued", "treasury_transferred", "shares_issuable", "treasury_transferable")]),
            ("(B). Warrants to Issue Shares of the Issuer", r.warrants, r.warrants_total,
             ["Description of warrants", "Stock code", "Date of expiry", "Currency", "Nominal value at close of preceding month",
              "Exercised during the month", "Nominal value at close of the month", "Subscription price", "Approval date",
              "New shares issued (B1)", "Treasury shares transferred (B2)", "Shares which may be issued",
              "Treasury shares which may be transferred"],
             lambda i: [(s.text(i.description), False), (s.text(i.stock_code), False), (s.day(i.expiry_date), False),
                        (s.currency(i.currency), False), (s.amount(i.nominal_preceding), True), (s.amount(i.nominal_exercised), True),
                        (s.amount(i.nominal_close), True), (s.money(i.subscription_price_currency, i.subscription_price), True),
                        (s.day(i.approval_date), False)] + [(s.count(getattr(i, k)), True) for k in (
                            "shares_issued", "treasury_transferred", "shares_issuable", "treasury_transferable")]),
            ("(C). Convertibles (i.e. Convertible into Shares of the Issuer)", r.convertibles, r.convertibles_total,
             ["Description of the Convertibles", "Type", "Stock code", "Currency", "Amount at close of preceding month",
              "Movement during the month", "Amount", "Amount at close of the month", "Conversion price", "Approval date",
              "New shares issued (C1)", "Treasury shares transferred (C2)", "Shares which may be issued",
              "Treasury shares which may be transferred"],
             lambda i: [(s.text(i.description), False), (s.text(i.type), False), (s.text(i.stock_code), False),
                        (s.currency(i.currency), False), (s.amount(i.amount_preceding), True), (s.text(i.movement), False),
                        (s.amount(i.amount_converted), True), (s.amount(i.amount_close), True),
                        (s.money(i.conversion_price_currency, i.conversion_price), True), (s.day(i.approval_date), False)]
                       + [(s.count(getattr(i, k)), True) for k in ("shares_issued", "treasury_transferred", "shares_issuable",
                                                                  "treasury_transferable")]),
            ("(D). Any other Agreements or Arrangements to Issue Shares of the Issuer", r.arrangements, r.arrangements_total,
             ["Full particulars", "Approval date", "New shares issued (D1)", "Treasury shares transferred (D2)",
              "Shares which may be issued", "Treasury shares which may be transferred"],
             lambda i: [(s.text(i.particulars), False), (s.day(i.approval_date), False)] + [
                 (s.count(getattr(i, k)), True) for k in ("shares_issued", "treasury_transferred", "shares_issuable",
                                                         "treasury_transferable")]),
            ("(E). Other Movements in Issued Shares and/or Treasury Shares", r.other_movements, r.other_movements_total,
             ["Type of event", "Currency", "Price", "Date of event", "Approval date", "Issued shares (E1)",
              "Treasury shares (E2)", "Pending cancellation"],
             lambda i: [(s.text(i.description) or i.type.value, False), (s.currency(i.currency), False), (s.amount(i.price), True),
                        (s.day(i.event_date), False), (s.day(i.approval_date), False), (s.count(i.shares_issued), True),
                        (s.count(i.treasury), True), (s.count(i.shares_issuable), True)]),
        )
        for title, items, totals, headers, cells in sections:
            self.heading(3, title, bool(items))
            if items:
                self.table(["Class of shares"] + headers,
                           [[(s.text(i.share_class.class_name) or (i.share_class.category.value if i.share_class.category else ""), False),
                             *cells(i)] for i in items])
            self.totals("Total of the section", totals)
        if r.options_funds:
            self.kv([("Total funds raised during the month from exercise of options",
                      Markup(", ".join(s.money(t.currency, t.amount) for t in r.options_funds)))])
        self.totals("Total increase / decrease (-) during the month (Total of A to E)", r.total_increase)


def language_tag(language: Language) -> str:
    """The page's language tag: ``zh-Hant`` for Traditional Chinese returns, else ``en``."""
    return "zh-Hant" if language.value == "zh" else "en"


def page_body(monthly_return: MonthlyReturn, findings: Sequence[Finding], shown: Shown) -> tuple[str, str]:
    """The title and body markup of the page, each value shown through ``shown`` (the Inline XBRL page's hook)."""
    return _Page(monthly_return, shown).body(findings)


def render_html(monthly_return: MonthlyReturn, findings: Sequence[Finding] = ()) -> bytes:
    """The return as one self-contained HTML page (UTF-8 bytes), with a findings panel when there are findings."""
    return _Page(monthly_return).page(findings).encode("utf-8")
