"""The rule catalogue: every business rule with its stable code, severity and meaning.

Codes never change meaning and are never reused: a rule that is dropped keeps
its code retired.  ``RX-<part>-<nnn>``: ``H`` header, ``I`` and ``II`` the
sections of the form, ``III`` the details of movements, ``S`` a series of
returns of one issuer, ``X`` the XML schema.  ``docs/rules.md`` is written
from this table (a test keeps the two equal), and ``xsd/monthly-return-1.sch``
states every rule marked ``portable`` with the same code (a test runs it).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from return_xml.rules.findings import Severity

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Rule:
    """One rule of the catalogue.

    ``tolerance`` is set for rules on money: a printed amount passes when it is
    within ``max(tolerance, half a unit of its last printed digit)`` of the
    expected value (a capital printed ``300,000,000`` may be rounded to the
    dollar; one printed ``114,556.86`` to the cent).  Counts are always exact.
    """

    code: str
    severity: Severity
    meaning: str
    tolerance: Decimal | None = None
    portable: bool = True
    scope: str = "return"
    note: str = ""
    verdict: bool | None = None  # whether a finding of it stops a reading being verified (default: errors do)

    @property
    def blocks_verdict(self) -> bool:
        """True when a finding of this rule makes a conversion ``needs review`` (docs/verdict.md)."""
        return self.severity is Severity.ERROR if self.verdict is None else self.verdict


E, W = Severity.ERROR, Severity.WARNING

_RULES = (
    Rule("RX-X-001", E, "The XML document is valid against monthly-return-1.xsd.", scope="schema", portable=False,
         note="Checked before any other rule; a document that is not schema-valid gets no business-rule findings."),
    Rule("RX-X-002", E, "Every figure agrees with its own printed token (value 1000 printed '1,000', -5 printed '(5)', 0 printed 'Nil').",
         portable=False,
         note="Tokens with words around more than one number are not compared. Catches a value edited apart from its token."),
    # The reading (docs/verdict.md)
    Rule("RX-R-001", E, "Every figure printed on the pages is a value of the return or the template's own text (no unread figure).",
         portable=False, scope="reading",
         note="Found by the figure audit of a PDF reading (forms/audit.py) and kept in the XML under audit/unread, "
              "so validate reports it again on the XML."),
    Rule("RX-R-002", E, "FF301: every section I, II and III A-E is found, and a section not marked 'Not applicable' gives at least one item; section V is found and gives the signatory's name. Legacy template read by OCR: every section heading I, II, III and III A-E is found.",
         portable=False, scope="reading"),
    Rule("RX-R-003", E, "Every value read by OCR from a scanned page was recognised with a confidence of at least 80 (of 100).",
         portable=False, scope="reading",
         note="The confidence is the lowest Tesseract word confidence of the characters in the value's box "
              "(forms/confidence.py), kept in the XML as the value's confidence attribute; a value OCR read as "
              "something it cannot be (a count '2.5)') has confidence 0."),
    Rule("RX-R-004", E, "The return was read from the PDF's text layer: a reading made by OCR because the text layer could not be read as the form (its labels not found) is not vouched for.",
         portable=False, scope="reading",
         note="With --ocr auto, a PDF whose text layer lacks the form's headings or required labels (E-FIELD-MISSING; "
              "a wrong ToUnicode map can make a text layer lie) is read again with every page by OCR (docs/ocr.md). "
              "The finding comes from the reading note that says so, kept in the XML."),
    Rule("RX-R-005", E, "FF301 read by OCR: the form's version is the one at least two page footers read, and no footer reads another known version.",
         portable=False, scope="reading",
         note="OCR misreads a footer now and then (v1.1.1 as v1.4.4); the footers of every page are read and voted "
              "(forms/footer_votes.py). When they agree on no known version, the edition whose labels leave the fewest "
              "printed figures unread is read, and form.version is left out. The finding comes from the reading note, kept in the XML."),
    # Header
    Rule("RX-H-001", E, "The month ended is the last day of a calendar month."),
    Rule("RX-H-002", E, "The date submitted is after the month ended."),
    Rule("RX-H-003", W, "The return was submitted by the 5th business day after the month ended (Main Board Rule 13.25B).",
         portable=False,
         note="Business days are Monday to Friday except Hong Kong general holidays that the rule can compute: "
              "fixed-date holidays (moved to Monday when on a Sunday), Lunar New Year (table 2000-2040), "
              "Ching Ming, Good Friday and Easter Monday. Buddha's Birthday, Tuen Ng, the day after "
              "Mid-Autumn, Chung Yeung and one-off holidays are not known, so around those days the rule "
              "can warn one day early. A resubmission is not checked: its date is not the filing date of the return."),
    # Section I
    Rule("RX-I-001", E, "Section I, per class: authorised shares at close = preceding + movement."),
    Rule("RX-I-002", E, "Section I, per class: authorised capital at close = preceding + movement.", tolerance=CENT,
         note="Checked only when the three capital figures are in one currency."),
    Rule("RX-I-003", E, "Section I, per class and row: shares x par value = capital (same currency).", tolerance=CENT,
         note="Rows: balance at close of the preceding month and at close of the month."),
    Rule("RX-I-004", E, "Section I: each total authorised capital = sum of the classes' capital at close, per currency.",
         tolerance=CENT),
    Rule("RX-I-005", E, "Section I: a class without par value at close (no-par shares since 3 March 2014) prints no par value in the return.",
         note="Hong Kong companies' shares lost their par value on 3 March 2014 (Companies Ordinance, Cap. 622). "
              "In the return for March 2014 the preceding balance may still show the old par value."),
    Rule("RX-I-007", E, "Section I, per class: when the movement is not printed (N/A or blank), the close equals the preceding balance.",
         portable=False, note="Shares and capital; a balance that moves needs a printed movement."),
    Rule("RX-I-006", W, "Section I: before 3 March 2014 every class with shares has a par value.", verdict=True,
         note="No-par shares did not exist before Cap. 622; a missing par value then is usually a box not read."),
    # Section II
    Rule("RX-II-001", E, "Section II, per class: issued shares at close = preceding + movement."),
    Rule("RX-II-002", E, "Section II, per class: treasury shares at close = preceding + movement (FF301 v1.1+)."),
    Rule("RX-II-003", E, "Section II, per class: total issued shares at close = preceding + movement (FF301 v1.1+)."),
    Rule("RX-II-004", E, "Section II, per class and row: issued (excluding treasury) + treasury = total (FF301 v1.1+)."),
    Rule("RX-II-005", E, "Section II movement in issued shares = the grand total of the month, per class (legacy Total of A to E; FF301 AA1 to EE1)."),
    Rule("RX-II-006", E, "Section II movement in treasury shares = the grand total of the month, per class (FF301 AA2 to EE2)."),
    Rule("RX-II-007", E, "Section II, per class: when the movement is not printed (N/A or blank), the close equals the preceding balance.",
         portable=False, note="Issued, treasury and total shares."),
    # Section III
    Rule("RX-III-001", E, "Section III: each section total of new shares issued = sum of its items, per class (A1..E1 -> AA1..EE1).",
         note="Items whose figure is blank or N/A are left out of the sum; the check is skipped when no item gives a figure."),
    Rule("RX-III-002", E, "Section III: each section total of treasury shares = sum of its items, per class (A2..E2 -> AA2..EE2, FF301)."),
    Rule("RX-III-003", E, "Section III: the grand total of new shares issued = sum of the section totals, per class (AA1 + ... + EE1).",
         note="Only the issued-shares column: the form calls AA2..DD2 'decrease in treasury shares' but EE2 and the "
              "grand total 'increase / decrease', so the sign of a treasury sum is not settled by the form."),
    Rule("RX-III-004", E, "Section III A, per scheme: options outstanding at close = preceding + granted - exercised - cancelled - lapsed.",
         note="Exercised, cancelled and lapsed count as decreases whatever their printed sign: FF301 returns print them "
              "as positive counts or signed (-144,400)."),
    Rule("RX-III-005", W, "Section III A: funds raised = sum of options exercised x exercise price, per currency.", verdict=True,
         tolerance=CENT, portable=False,
         note="Not in the Schematron: XPath 1.0 cannot sum products."),
    Rule("RX-III-006", W, "Section III A, per scheme: new shares issued (+ treasury shares transferred) = options exercised (one share per option).",
         note="A warning: a scheme may give more than one share per option, which the form states in its particulars."),
    # Series
    Rule("RX-S-001", E, "Series: each month's preceding balances equal the previous month's closing balances, per class (sections I and II).",
         tolerance=CENT, portable=False, scope="series",
         note="Classes are matched by stock code, else by category and class name. Compared only between consecutive months."),
    Rule("RX-S-002", W, "Series: no month is missing between two returns of the issuer.", portable=False, scope="series",
         note="The finding says whether the balances carry over unchanged across the missing months."),
    Rule("RX-S-003", W, "Series: one return per month; a month submitted more than once is reported, and the latest submission wins.",
         portable=False, scope="series"),
)

RULES: dict[str, Rule] = {rule.code: rule for rule in _RULES}
"""Every rule, by code, in catalogue order."""

BEGIN, END = "<!-- catalogue: begin (generated from return_xml/rules/catalogue.py) -->", "<!-- catalogue: end -->"


def markdown() -> str:
    """The catalogue as the Markdown block of ``docs/rules.md`` (between ``BEGIN`` and ``END``)."""
    lines = [
        BEGIN,
        "| code | severity | meaning | tolerance | Schematron |",
        "|---|---|---|---|---|",
    ]
    for rule in RULES.values():
        tolerance = f"money: {rule.tolerance}, or half a unit of the last printed digit if larger" if rule.tolerance else "-"
        lines.append(f"| {rule.code} | {rule.severity.value} | {rule.meaning} | {tolerance} | {'yes' if rule.portable else 'no'} |")
    lines += ["", "Notes:", ""]
    lines += [f"- **{rule.code}**: {rule.note}" for rule in RULES.values() if rule.note]
    lines.append(END)
    return "\n".join(lines) + "\n"


def update_document(text: str) -> str:
    """``text`` (docs/rules.md) with its catalogue block replaced by the current ``markdown()``."""
    head, found, rest = text.partition(BEGIN)
    _, found_end, tail = rest.partition(END)
    if not found or not found_end:
        raise ValueError("docs/rules.md has no catalogue block (BEGIN/END markers)")
    return head + markdown().rstrip("\n") + tail

