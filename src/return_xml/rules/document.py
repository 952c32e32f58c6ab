"""The rules on one return: every check is a generator of findings over the model.

Each check runs only on figures that are present: a blank or N/A box is
absent, never 0 (``Nil`` was read as 0 and takes part).  Sums over the items
of a section leave out items without the figure and are skipped when no item
has one.  The location of a finding is the value that does not agree with the
others: the closing balance of a roll-forward, the total of a sum.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from collections.abc import Iterable, Iterator
from decimal import Decimal

from return_xml.model import AuthorisedBalance, MonthlyReturn, ShareClass
from return_xml.rules.calendar import nth_business_day_after
from return_xml.rules.common import figures, finding, money_differs, present, same_class, show, value
from return_xml.rules.findings import Finding
from return_xml.rules.reading import iter_reading_findings
from return_xml.rules.total_classes import ambiguous_texts, line_classes, line_key, same_block, untold_texts

NO_PAR_VALUE_SINCE = dt.date(2014, 3, 3)  # Companies Ordinance (Cap. 622) commencement
FILING_BUSINESS_DAYS = 5  # Main Board Rule 13.25B / GEM Rule 17.27B


# --- header -----------------------------------------------------------------------------------


def _header(r: MonthlyReturn, holidays: Iterable[dt.date]) -> Iterator[Finding]:
    period, submitted = r.header.period_end, r.header.submission_date
    if (got := figures(period)) is not None:
        (day,) = got
        last = _calendar.monthrange(day.year, day.month)[1]
        if day.day != last:
            yield finding("RX-H-001", f"month ended {day} must be the last day of its month ({day.replace(day=last)})",
                          "header.period_end", period)
    if (dates := figures(period, submitted)) is None:
        return
    ended, sent = dates
    if sent <= ended:
        yield finding("RX-H-002", f"date submitted {sent} must be after the month ended {ended}",
                      "header.submission_date", submitted)
        return
    if (value(r.header.status) or "").strip().lower() == "resubmission":
        return  # a resubmission's date is not the filing date of the return
    deadline = nth_business_day_after(ended, FILING_BUSINESS_DAYS, holidays)
    if sent > deadline:
        yield finding("RX-H-003", f"submitted {sent}, after the {FILING_BUSINESS_DAYS}th business day "
                      f"after {ended} ({deadline})", "header.submission_date", submitted)


# --- section I --------------------------------------------------------------------------------


def _currency(*rows: AuthorisedBalance | None, field: str) -> set[str]:
    return {value(getattr(row, field)) for row in rows if row is not None and present(getattr(row, field))}


def _authorised(r: MonthlyReturn) -> Iterator[Finding]:
    for i, block in enumerate(r.authorised):
        prefix = f"authorised[{i}]"
        p, m, c = block.preceding, block.movement, block.close
        if p and m and c and (shares := figures(p.shares, m.shares, c.shares)) is not None:
            before, move, after = shares
            if before + move != after:
                yield finding("RX-I-001", f"authorised shares at close {show(after)} must equal preceding "
                              f"{show(before)} + movement {show(move)} = {show(before + move)}",
                              f"{prefix}.close.shares", c.shares)
        if (p and m and c and (capitals := figures(p.capital, m.capital, c.capital)) is not None
                and len(_currency(p, m, c, field="capital_currency")) <= 1):
            before_capital, move_capital, after_capital = capitals
            expected = before_capital + move_capital
            if money_differs("RX-I-002", expected, after_capital):
                yield finding("RX-I-002", f"authorised capital at close {show(after_capital)} must equal preceding "
                              f"{show(before_capital)} + movement {show(move_capital)} = {show(expected)}",
                              f"{prefix}.close.capital", c.capital)
        for name, row in (("preceding", p), ("close", c)):
            if row is None or (got := figures(row.shares, row.par_value, row.capital)) is None:
                continue
            if len(_currency(row, field="par_value_currency") | _currency(row, field="capital_currency")) > 1:
                continue
            count, par, capital = got
            expected = count * par
            if money_differs("RX-I-003", expected, capital):
                yield finding("RX-I-003", f"capital {show(capital)} must equal shares {show(count)} "
                              f"x par value {show(par)} = {show(expected)}",
                              f"{prefix}.{name}.capital", row.capital)
        yield from _no_par(r, prefix, block.preceding, block.movement, block.close)
    yield from _authorised_total(r)


def _is_no_par(row: AuthorisedBalance | None) -> bool:
    return row is not None and present(row.shares) and not present(row.par_value)


def _no_par(r: MonthlyReturn, prefix: str, *rows: AuthorisedBalance | None) -> Iterator[Finding]:
    period = value(r.header.period_end)
    if period is None:
        return
    preceding, movement, close = rows
    if period < NO_PAR_VALUE_SINCE:
        for name, row in (("preceding", preceding), ("close", close)):
            if row is not None and _is_no_par(row):
                yield finding("RX-I-006", f"no par value for {show(value(row.shares))} shares in a month ended before "
                              f"{NO_PAR_VALUE_SINCE} (no-par shares began with Cap. 622)", f"{prefix}.{name}.shares", row.shares)
        return
    if not _is_no_par(close):
        return
    transition = (period.year, period.month) == (NO_PAR_VALUE_SINCE.year, NO_PAR_VALUE_SINCE.month)
    for name, row in (("preceding", preceding), ("movement", movement)):
        if row is None or not present(row.par_value) or (transition and name == "preceding"):
            continue
        yield finding("RX-I-005", f"par value {show(value(row.par_value))} printed for a class without par value at "
                      f"close (no-par shares since {NO_PAR_VALUE_SINCE})", f"{prefix}.{name}.par_value", row.par_value)


def _authorised_total(r: MonthlyReturn) -> Iterator[Finding]:
    for j, total in enumerate(r.authorised_total):
        if (got := figures(total.amount)) is None:
            continue
        (amount,) = got
        currency = value(total.currency)
        capitals: list[Decimal] = [
            value(block.close.capital)
            for block in r.authorised
            if block.close is not None and present(block.close.capital)
            and (currency is None or value(block.close.capital_currency) in (None, currency))
        ]
        expected = sum(capitals, Decimal(0))
        if capitals and money_differs("RX-I-004", expected, amount):
            yield finding("RX-I-004", f"total authorised capital {show(amount)} {currency or ''} must "
                          f"equal the sum of the classes' capital at close {show(expected)}",
                          f"authorised_total[{j}].amount", total.amount)


# --- section II -------------------------------------------------------------------------------

_ISSUED_COLUMNS = (("issued", "RX-II-001", "issued shares"), ("treasury", "RX-II-002", "treasury shares"),
                   ("total", "RX-II-003", "total issued shares"))


def _issued(r: MonthlyReturn) -> Iterator[Finding]:
    for i, block in enumerate(r.issued):
        prefix = f"issued[{i}]"
        p, m, c = block.preceding, block.movement, block.close
        for column, code, label in _ISSUED_COLUMNS:
            if not (p and m and c):
                break
            balances = figures(getattr(p, column), getattr(m, column), getattr(c, column))
            if balances is not None and balances[0] + balances[1] != balances[2]:
                before, move, after = balances
                yield finding(code, f"{label} at close {show(after)} must equal preceding {show(before)} "
                              f"+ movement {show(move)} = {show(before + move)}",
                              f"{prefix}.close.{column}", getattr(c, column))
        for name in ("preceding", "movement", "close"):
            row = getattr(block, name)
            if row is not None and (parts := figures(row.issued, row.treasury, row.total)) is not None:
                issued, treasury, total = parts
                if issued + treasury != total:
                    yield finding("RX-II-004", f"total {show(total)} must equal issued {show(issued)} "
                                  f"+ treasury {show(treasury)} = {show(issued + treasury)}",
                                  f"{prefix}.{name}.total", row.total)
    grand_classes = _grand_total_classes(r)
    for t, line in enumerate(r.total_increase):
        for column, code in (("issued", "RX-II-005"), ("treasury", "RX-II-006")):
            total = getattr(line, column)
            if not present(total):
                continue
            movements = [
                value(getattr(block.movement, column))
                for block in r.issued
                if block.movement is not None and present(getattr(block.movement, column))
                and _of_line(block.share_class, line.share_class, grand_classes[t])
            ]
            if movements and sum(movements) != value(total):
                yield finding(code, f"grand total {show(value(total))} must equal the section II movement "
                              f"{show(sum(movements))} of the class", f"total_increase[{t}].{column}", total)


# --- section III ------------------------------------------------------------------------------

# (items, totals, field of the items' new-shares column, field of their treasury column)
SECTIONS = (
    ("options", "options_total", "shares_issued", "treasury_transferred"),
    ("warrants", "warrants_total", "shares_issued", "treasury_transferred"),
    ("convertibles", "convertibles_total", "shares_issued", "treasury_transferred"),
    ("arrangements", "arrangements_total", "shares_issued", "treasury_transferred"),
    ("other_movements", "other_movements_total", "shares_issued", "treasury"),
)


def _of_line(share_class: ShareClass, line_class: ShareClass, tied: ShareClass | None) -> bool:
    """Whether ``share_class`` is of a total line: of the class the line is tied to, else of its class text."""
    return same_block(share_class, tied) if tied is not None else same_class(share_class, line_class)


def _grand_total_classes(r: MonthlyReturn) -> list[ShareClass | None]:
    """The section II class each grand total line stands for, where its class text alone does not say."""
    return line_classes([line.share_class for line in r.total_increase], [b.share_class for b in r.issued],
                        ambiguous_texts(r))


def _section_total_classes(r: MonthlyReturn, items_name: str, totals_name: str) -> list[ShareClass | None]:
    """The class of its items each section total line stands for, where its class text alone does not say."""
    return line_classes([line.share_class for line in getattr(r, totals_name)],
                        [item.share_class for item in getattr(r, items_name)], ambiguous_texts(r))


def _matching_sum(items: Iterable[object], share_class: ShareClass, field: str,
                  tied: ShareClass | None = None) -> int | None:
    figures = [
        value(getattr(item, field))
        for item in items
        if present(getattr(item, field)) and _of_line(item.share_class, share_class, tied)  # type: ignore[attr-defined]  # items of any III section
    ]
    return sum(figures) if figures else None


def _untold_section_texts(r: MonthlyReturn, items_name: str, totals_name: str) -> set[tuple[object, str]]:
    """The class texts of a section's total lines that are checked together (``untold_texts``)."""
    return untold_texts([line.share_class for line in getattr(r, totals_name)],
                        [item.share_class for item in getattr(r, items_name)], ambiguous_texts(r))


def _section_totals(r: MonthlyReturn) -> Iterator[Finding]:
    untold_anywhere: set[tuple[object, str]] = set()
    for items_name, totals_name, issued_field, treasury_field in SECTIONS:
        items = getattr(r, items_name)
        lines = getattr(r, totals_name)
        tied = _section_total_classes(r, items_name, totals_name)
        untold = _untold_section_texts(r, items_name, totals_name)
        untold_anywhere |= untold
        for t, line in enumerate(lines):
            if line_key(line.share_class) in untold:
                continue  # checked with the other lines of its class text, below
            for column, field, code in (("issued", issued_field, "RX-III-001"), ("treasury", treasury_field, "RX-III-002")):
                total = getattr(line, column)
                if not present(total):
                    continue
                expected = _matching_sum(items, line.share_class, field, tied[t])
                if expected is not None and expected != value(total):
                    yield finding(code, f"section total {show(value(total))} must equal the sum of its items "
                                  f"{show(expected)}", f"{totals_name}[{t}].{column}", total)
        for key in sorted(untold, key=str):
            at = [t for t, line in enumerate(lines) if line_key(line.share_class) == key]
            for column, field, code in (("issued", issued_field, "RX-III-001"), ("treasury", treasury_field, "RX-III-002")):
                totals = [getattr(lines[t], column) for t in at if present(getattr(lines[t], column))]
                expected = _matching_sum(items, lines[at[0]].share_class, field)
                if totals and expected is not None and sum(value(x) for x in totals) != expected:
                    yield finding(code, f"section totals {' + '.join(show(value(x)) for x in totals)} of one class "
                                  f"text must equal the sum of their items {show(expected)}",
                                  f"{totals_name}[{at[0]}].{column}", totals[0])
    yield from _grand_totals(r, untold_anywhere)


def _grand_totals(r: MonthlyReturn, untold: set[tuple[object, str]]) -> Iterator[Finding]:
    """RX-III-003; the grand total lines of a class text that some section checks together are checked together."""
    grand_classes = _grand_total_classes(r)
    together = [t for t, line in enumerate(r.total_increase) if line_key(line.share_class) in untold]
    for key in sorted({line_key(r.total_increase[t].share_class) for t in together}, key=str):
        at = [t for t in together if line_key(r.total_increase[t].share_class) == key]
        grands = [r.total_increase[t].issued for t in at if present(r.total_increase[t].issued)]
        parts = [_matching_sum(getattr(r, totals_name), r.total_increase[at[0]].share_class, "issued")
                 for _, totals_name, _, _ in SECTIONS]
        known = [p for p in parts if p is not None]
        if grands and known and sum(value(g) for g in grands) != sum(known):
            yield finding("RX-III-003", f"grand totals {' + '.join(show(value(g)) for g in grands)} of one class text "
                          f"must equal the sum of the section totals {show(sum(known))}",
                          f"total_increase[{at[0]}].issued", grands[0])
    for t, line in enumerate(r.total_increase):
        if t in together or (got := figures(line.issued)) is None:
            continue
        (grand,) = got
        sections_sum: int | None = None
        for items_name, totals_name, _, _ in SECTIONS:
            part = _sections_part(r, items_name, totals_name, line.share_class, grand_classes[t])
            if part is not None:
                sections_sum = (sections_sum or 0) + part
        if sections_sum is not None and sections_sum != grand:
            yield finding("RX-III-003", f"grand total {show(grand)} must equal the sum of the section "
                          f"totals {show(sections_sum)}", f"total_increase[{t}].issued", line.issued)


def _sections_part(r: MonthlyReturn, items_name: str, totals_name: str, line_class: ShareClass,
                   tied: ShareClass | None) -> int | None:
    """The sum of one section's totals of a grand total line's class.

    A grand total line tied to one class (``total_classes``) takes the section total lines tied
    to that class; a section line tied to none still matches by its class text.
    """
    if tied is None:
        return _matching_sum(getattr(r, totals_name), line_class, "issued")
    lines = getattr(r, totals_name)
    section_tied = _section_total_classes(r, items_name, totals_name)
    figures_ = [
        value(total.issued)
        for total, own in zip(lines, section_tied)
        if present(total.issued) and (same_block(own, tied) if own is not None else same_class(total.share_class, line_class))
    ]
    return sum(figures_) if figures_ else None


def _options(r: MonthlyReturn) -> Iterator[Finding]:
    for k, o in enumerate(r.options):
        prefix = f"options[{k}]"
        counts = figures(o.outstanding_preceding, o.granted, o.exercised, o.cancelled, o.lapsed, o.outstanding_close)
        if counts is not None:
            preceding, granted, exercised, cancelled, lapsed, close = counts
            # FF301 prints exercises, cancellations and lapses either as positive counts or signed
            # (-144,400, stored as printed, facts.md): either way each one takes options away.
            expected = preceding + granted - abs(exercised) - abs(cancelled) - abs(lapsed)
            if expected != close:
                yield finding("RX-III-004", f"options outstanding at close {show(close)} must equal "
                              f"{show(preceding)} + granted {show(granted)} - exercised "
                              f"{show(exercised)} - cancelled {show(cancelled)} - lapsed "
                              f"{show(lapsed)} = {show(expected)}", f"{prefix}.outstanding_close", o.outstanding_close)
        if (exercise := figures(o.exercised, o.shares_issued)) is not None:
            exercised_count, issued_count = exercise
            delivered = issued_count + (value(o.treasury_transferred) or 0)
            if delivered != abs(exercised_count):  # an exercise may be printed signed (-450,000)
                yield finding("RX-III-006", f"new shares issued {show(delivered)} differ from options exercised "
                              f"{show(exercised_count)} (one share per option)", f"{prefix}.shares_issued", o.shares_issued)
    for j, funds in enumerate(r.options_funds):
        if (got := figures(funds.amount)) is None:
            continue
        (amount,) = got
        currency = value(funds.currency)
        raised = [
            abs(pair[0]) * pair[1]
            for o in r.options
            if (pair := figures(o.exercised, o.exercise_price)) is not None
            and (currency is None or value(o.exercise_price_currency) in (None, currency))
        ]
        if raised and money_differs("RX-III-005", sum(raised, Decimal(0)), amount):
            yield finding("RX-III-005", f"funds raised {show(amount)} differ from options exercised x "
                          f"exercise price = {show(sum(raised, Decimal(0)))}", f"options_funds[{j}].amount", funds.amount)


# --- all together -----------------------------------------------------------------------------


def iter_findings(monthly_return: MonthlyReturn, *, holidays: Iterable[dt.date] = ()) -> Iterator[Finding]:
    """Every finding of the single-return rules on ``monthly_return``, in form order.

    ``holidays`` adds dates that are not business days to the calendar of the
    late-filing rule (RX-H-003).
    """
    yield from _header(monthly_return, tuple(holidays))
    yield from _authorised(monthly_return)
    yield from _issued(monthly_return)
    yield from _section_totals(monthly_return)
    yield from _options(monthly_return)
    yield from iter_reading_findings(monthly_return)


def check(monthly_return: MonthlyReturn, *, holidays: Iterable[dt.date] = ()) -> list[Finding]:
    """Every finding on ``monthly_return`` as a list (empty when every rule holds)."""
    return list(iter_findings(monthly_return, holidays=holidays))


def is_valid(monthly_return: MonthlyReturn, *, strict: bool = False) -> bool:
    """True when no rule finds an error (nor a warning, when ``strict``)."""
    return not any(f.is_error or strict for f in iter_findings(monthly_return))

