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
from return_xml.model import MonthlyReturn, SectionTotal, ShareClass
from return_xml.rules import Finding

# The fonts the page expects (docs/render.md): it embeds none and may fetch none, so the reader's browser draws it
# with the first installed family of this stack; Chinese needs one of the CJK families (on Debian fonts-wqy-zenhei or
# fonts-noto-cjk).  Without any, the text is still in the file (copy, search and parse it) but shows as empty boxes.
_CSS = """
body{font-family:Helvetica,Arial,"Noto Sans CJK TC","Noto Sans TC","Source Han Sans TC","WenQuanYi Zen Hei",
"PingFang TC","Microsoft JhengHei","AR PL UMing TW",sans-serif;font-size:13px;margin:24px;color:#111}
h1{font-size:17px}h2{font-size:15px;margin-top:28px;border-bottom:1px solid #999}h3{font-size:13px;margin-top:18px}
table{border-collapse:collapse;margin:8px 0;width:100%}td,th{border:1px solid #777;padding:3px 5px;vertical-align:top}
th{background:#eee;font-weight:normal;font-size:11px}td.n{text-align:right;white-space:nowrap}
.na{color:#666;font-style:italic;font-weight:normal;margin-left:12px}.kv td:first-child{width:22%;background:#f7f7f7}
.findings{border:2px solid #b00;background:#fff4f4;padding:8px 14px;margin:12px 0}
.findings li.warning{color:#850}.findings li.error{color:#b00}pre{white-space:pre-wrap;font-family:inherit}
"""


def _e(text: str) -> str:
    return escape(text, quote=True)


class _Page:
    def __init__(self, monthly_return: MonthlyReturn) -> None:
        self.r = monthly_return
        self.lang = monthly_return.form.language
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
        self.heading(3, f"{n}. Class of shares: {f.text(c.class_name) or (c.category.value if c.category else '')}")
        rows = [("Type of shares", f.text(c.share_type)), ("Listed on the Exchange", f.flag(c.listed, self.lang)),
                ("Stock code", f.text(c.stock_code)), ("Description", f.text(c.description))]
        self.kv((k, v) for k, v in rows if v)

    def totals(self, title: str, totals: Sequence[SectionTotal]) -> None:
        if totals:
            self.table([title, "Issued shares (1)", "Treasury shares (2)"], [
                [(f.text(t.share_class.class_name), False), (f.count(t.issued), True), (f.count(t.treasury), True)] for t in totals
            ])

    def page(self, findings: Sequence[Finding]) -> str:
        r, h = self.r, self.r.header
        title = f"Monthly return: {f.text(h.issuer_name)} {f.day(h.period_end, self.lang)}".strip()
        self.add(f"<h1>{_e(title)}</h1>")
        form = f"{r.form.family.value} {r.form.version or ''} ({r.form.language.value})".replace("  ", " ")
        self.kv([("Form", form), ("Name of issuer", f.text(h.issuer_name)),
                 ("For the month ended", f.day(h.period_end, self.lang)),
                 ("Date submitted", f.day(h.submission_date, self.lang)), ("Status", f.text(h.status))])
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
            self.add(f"<pre>{_e(f.text(r.hdr_information))}</pre>")
        if r.remarks is not None:
            self.heading(2, "Remarks")
            self.add(f"<pre>{_e(f.text(r.remarks))}</pre>")
        self.heading(2, "V. Confirmations")
        if r.signatory is not None:
            self.kv([("Submitted by", f.text(r.signatory.name)), ("Title", f.text(r.signatory.title))])
        body = "\n".join(self.parts)
        lang = "zh-Hant" if self.lang.value == "zh" else "en"
        return (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
                f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>\n{body}\n</body></html>\n")

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
                    rows.append([(label, False), (f.count(b.shares), True), (f.money(b.par_value_currency, b.par_value), True),
                                 (f.money(b.capital_currency, b.capital), True)])
            self.table(["", "Number of authorised/registered shares", "Par value", "Authorised/registered share capital"], rows)
            if block.remarks is not None:
                self.add(f"<p>Remarks:</p><pre>{_e(f.text(block.remarks))}</pre>")
        if r.authorised_total:
            money = ", ".join(f.money(t.currency, t.amount) for t in r.authorised_total)
            self.kv([("Total authorised/registered share capital at the end of the month", money)])

    def section_ii(self) -> None:
        r = self.r
        self.heading(2, "II. Movements in Issued Shares and/or Treasury Shares", bool(r.issued))
        for n, block in enumerate(r.issued, start=1):
            self.share_class(block.share_class, n)
            for counter in block.multi_counter:
                self.kv([("Multi-counter stock code", f"{f.text(counter.stock_code)} {f.text(counter.description)}".strip())])
            rows = []
            for key, label in (("preceding", "Balance at close of preceding month"), ("movement", "Increase / decrease (-)"),
                               ("close", "Balance at close of the month")):
                b = getattr(block, key)
                if b is not None:
                    rows.append([(label, False), (f.count(b.issued), True), (f.count(b.treasury), True), (f.count(b.total), True)])
            self.table(["", "Number of issued shares (excluding treasury shares)", "Number of treasury shares",
                        "Total number of issued shares"], rows)
            if block.remarks is not None:
                self.add(f"<p>Remarks:</p><pre>{_e(f.text(block.remarks))}</pre>")
            pf = block.public_float
            if pf is not None:
                complied = {True: "has been complied with", False: "has not been complied with", None: ""}[pf.complied.value if pf.complied else None]
                self.kv([("Public float requirement", complied), ("Applicable public float threshold", f.text(pf.threshold)),
                         ("Additional information", f.text(pf.additional_information))])

    def section_iii(self) -> None:
        r, lang = self.r, self.lang
        self.heading(2, "III. Details of Movements in Issued Shares and/or Treasury Shares")
        sections = (
            ("(A). Share Options (under Share Option Schemes of the Issuer)", r.options, r.options_total,
             ["Particulars of share option scheme", "Exercise price", "Approval date", "Outstanding at close of preceding month",
              "Granted", "Exercised", "Cancelled", "Lapsed", "Outstanding at close of the month", "New shares issued (A1)",
              "Treasury shares transferred (A2)", "Shares which may be issued", "Treasury shares which may be transferred"],
             lambda i: [(f.text(i.scheme), False), (f.money(i.exercise_price_currency, i.exercise_price), True),
                        (f.day(i.approval_date, lang), False)] + [(f.count(getattr(i, k)), True) for k in (
                            "outstanding_preceding", "granted", "exercised", "cancelled", "lapsed", "outstanding_close",
                            "shares_issued", "treasury_transferred", "shares_issuable", "treasury_transferable")]),
            ("(B). Warrants to Issue Shares of the Issuer", r.warrants, r.warrants_total,
             ["Description of warrants", "Stock code", "Date of expiry", "Currency", "Nominal value at close of preceding month",
              "Exercised during the month", "Nominal value at close of the month", "Subscription price", "Approval date",
              "New shares issued (B1)", "Treasury shares transferred (B2)", "Shares which may be issued",
              "Treasury shares which may be transferred"],
             lambda i: [(f.text(i.description), False), (f.text(i.stock_code), False), (f.day(i.expiry_date, lang), False),
                        (f.currency(i.currency), False), (f.amount(i.nominal_preceding), True), (f.amount(i.nominal_exercised), True),
                        (f.amount(i.nominal_close), True), (f.money(i.subscription_price_currency, i.subscription_price), True),
                        (f.day(i.approval_date, lang), False)] + [(f.count(getattr(i, k)), True) for k in (
                            "shares_issued", "treasury_transferred", "shares_issuable", "treasury_transferable")]),
            ("(C). Convertibles (i.e. Convertible into Shares of the Issuer)", r.convertibles, r.convertibles_total,
             ["Description of the Convertibles", "Type", "Stock code", "Currency", "Amount at close of preceding month",
              "Movement during the month", "Amount", "Amount at close of the month", "Conversion price", "Approval date",
              "New shares issued (C1)", "Treasury shares transferred (C2)", "Shares which may be issued",
              "Treasury shares which may be transferred"],
             lambda i: [(f.text(i.description), False), (f.text(i.type), False), (f.text(i.stock_code), False),
                        (f.currency(i.currency), False), (f.amount(i.amount_preceding), True), (f.text(i.movement), False),
                        (f.amount(i.amount_converted), True), (f.amount(i.amount_close), True),
                        (f.money(i.conversion_price_currency, i.conversion_price), True), (f.day(i.approval_date, lang), False)]
                       + [(f.count(getattr(i, k)), True) for k in ("shares_issued", "treasury_transferred", "shares_issuable",
                                                                  "treasury_transferable")]),
            ("(D). Any other Agreements or Arrangements to Issue Shares of the Issuer", r.arrangements, r.arrangements_total,
             ["Full particulars", "Approval date", "New shares issued (D1)", "Treasury shares transferred (D2)",
              "Shares which may be issued", "Treasury shares which may be transferred"],
             lambda i: [(f.text(i.particulars), False), (f.day(i.approval_date, lang), False)] + [
                 (f.count(getattr(i, k)), True) for k in ("shares_issued", "treasury_transferred", "shares_issuable",
                                                         "treasury_transferable")]),
            ("(E). Other Movements in Issued Shares and/or Treasury Shares", r.other_movements, r.other_movements_total,
             ["Type of event", "Currency", "Price", "Date of event", "Approval date", "Issued shares (E1)",
              "Treasury shares (E2)", "Pending cancellation"],
             lambda i: [(f.text(i.description) or i.type.value, False), (f.currency(i.currency), False), (f.amount(i.price), True),
                        (f.day(i.event_date, lang), False), (f.day(i.approval_date, lang), False), (f.count(i.shares_issued), True),
                        (f.count(i.treasury), True), (f.count(i.shares_issuable), True)]),
        )
        for title, items, totals, headers, cells in sections:
            self.heading(3, title, bool(items))
            if items:
                self.table(["Class of shares"] + headers,
                           [[(f.text(i.share_class.class_name) or (i.share_class.category.value if i.share_class.category else ""), False)]
                            + cells(i) for i in items])
            self.totals("Total of the section", totals)
        if r.options_funds:
            self.kv([("Total funds raised during the month from exercise of options",
                      ", ".join(f.money(t.currency, t.amount) for t in r.options_funds))])
        self.totals("Total increase / decrease (-) during the month (Total of A to E)", r.total_increase)


def render_html(monthly_return: MonthlyReturn, findings: Sequence[Finding] = ()) -> bytes:
    """The return as one self-contained HTML page (UTF-8 bytes), with a findings panel when there are findings."""
    return _Page(monthly_return).page(findings).encode("utf-8")
