"""The rules on a series of returns: balances carry over from month to month.

Returns are grouped by issuer through their stock codes (any class, any
counter: two returns that share a stock code belong to one issuer; codes are
compared without leading zeros, as legacy forms print ``1149`` and FF301
``01149``).  Within an issuer, returns are placed by the month ended; when a
month was submitted more than once, the latest submission wins (a
resubmission beats a new submission of the same day) and the others are
reported.  Classes are matched across months by stock code, else by category
and class text, in order of appearance.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from return_xml.model import AuthorisedClass, IssuedClass, MonthlyReturn
from return_xml.model.values import Reading
from return_xml.rules.common import finding, folded, money_differs, present, show, value
from return_xml.rules.findings import Finding


def _codes(r: MonthlyReturn) -> set[str]:
    classes = [block.share_class for block in r.authorised] + [block.share_class for block in r.issued]
    printed = [c.stock_code for c in classes] + [k.stock_code for block in r.issued for k in block.multi_counter]
    return {code.lstrip("0") or "0" for code in (folded(p) for p in printed) if code}


def group_by_issuer(returns: Sequence[MonthlyReturn]) -> list[list[int]]:
    """Indexes of ``returns`` grouped by issuer (shared stock codes; else the issuer name)."""
    parent = list(range(len(returns)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str, int] = {}
    for i, r in enumerate(returns):
        keys = _codes(r) or {f"name:{(folded(r.header.issuer_name) or f'#{i}').casefold()}"}
        for key in keys:
            if key in owner:
                parent[root(i)] = root(owner[key])
            else:
                owner[key] = i
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(returns)):
        groups[root(i)].append(i)
    return list(groups.values())


def _month(r: MonthlyReturn) -> tuple[int, int] | None:
    day = value(r.header.period_end)
    return (day.year, day.month) if day is not None else None


def _submission_order(r: MonthlyReturn, index: int) -> tuple:
    submitted = value(r.header.submission_date)
    resubmission = (value(r.header.status) or "").strip().lower() == "resubmission"
    return (submitted or dt.date.min, resubmission, index)


def _class_key(block: AuthorisedClass | IssuedClass) -> tuple:
    code = folded(block.share_class.stock_code)
    if code:
        return ("code", code.lstrip("0") or "0")
    category = block.share_class.category
    return ("class", category.value if category else None, folded(block.share_class.class_name))


_Block = TypeVar("_Block", AuthorisedClass, IssuedClass)


def _pairs(before: Sequence[_Block], after: Sequence[_Block]) -> Iterator[tuple[int, _Block, _Block]]:
    """(index in ``after``, block of ``before``, block of ``after``) for blocks of the same class."""
    seen: dict[tuple, int] = defaultdict(int)
    earlier: dict[tuple, _Block] = {}
    counts: dict[tuple, int] = defaultdict(int)
    for block in before:
        key = _class_key(block)
        earlier[(key, counts[key])] = block
        counts[key] += 1
    for i, block in enumerate(after):
        key = _class_key(block)
        match = earlier.get((key, seen[key]))
        seen[key] += 1
        if match is not None:
            yield i, match, block


@dataclass(frozen=True)
class _Break:
    path: str
    leaf: Reading
    expected: object
    label: str


def _breaks(before: MonthlyReturn, after: MonthlyReturn) -> Iterator[_Break]:
    """Opening balances of ``after`` that differ from the closing balances of ``before``."""
    for i, old, new in _pairs(before.authorised, after.authorised):
        if old.close is None or new.preceding is None:
            continue
        for field, label in (("shares", "authorised shares"), ("par_value", "par value"), ("capital", "authorised capital")):
            closing, opening = getattr(old.close, field), getattr(new.preceding, field)
            if not present(closing, opening):
                continue
            if isinstance(opening.value, Decimal) and field == "capital":
                differs = money_differs("RX-S-001", closing.value, opening.value)
            else:
                differs = closing.value != opening.value
            if differs:
                yield _Break(f"authorised[{i}].preceding.{field}", opening, closing.value, label)
    for i, old, new in _pairs(before.issued, after.issued):
        if old.close is None or new.preceding is None:
            continue
        for field, label in (("issued", "issued shares"), ("treasury", "treasury shares"), ("total", "total issued shares")):
            closing, opening = getattr(old.close, field), getattr(new.preceding, field)
            if present(closing, opening) and closing.value != opening.value:
                yield _Break(f"issued[{i}].preceding.{field}", opening, closing.value, label)


def _month_text(month: tuple[int, int]) -> str:
    return f"{month[0]:04d}-{month[1]:02d}"


def _missing(first: tuple[int, int], last: tuple[int, int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    year, month = first
    while True:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        if (year, month) >= last:
            return out
        out.append((year, month))


def _versions(returns: Sequence[MonthlyReturn], month: tuple[int, int], indexes: list[int]
              ) -> tuple[dict[object, int], Iterator[tuple[int, Finding]]]:
    """The winning submission of a month, one return per language, and the findings on the others.

    HKEX publishes a return in English and in Chinese: two files of one
    submission (same date and status) are its language versions, not a
    resubmission.
    """
    ranked = sorted(indexes, key=lambda i: _submission_order(returns[i], i))
    latest = _submission_order(returns[ranked[-1]], 0)[:2]
    versions: dict[object, int] = {}
    for i in ranked:
        if _submission_order(returns[i], 0)[:2] == latest:
            versions[returns[i].form.language] = i  # a later file of the same language replaces an earlier one
    winner = returns[ranked[-1]]

    def superseded() -> Iterator[tuple[int, Finding]]:
        for i in ranked:
            if i in versions.values():
                continue
            r = returns[i]
            leaf, path = (r.header.submission_date, "header.submission_date") if present(r.header.submission_date) \
                else (r.header.period_end, "header.period_end")
            yield i, finding("RX-S-003", f"the month {_month_text(month)} was submitted more than once: this "
                             f"submission ({value(r.header.submission_date)}) is superseded by the one of "
                             f"{value(winner.header.submission_date)}", path, leaf)

    return versions, superseded()


def iter_series_findings(returns: Sequence[MonthlyReturn]) -> Iterator[tuple[int, Finding]]:
    """Every series finding, as (index of the return in ``returns`` it is located in, finding).

    Each language version of a month is compared with the version of the
    previous month in the same language when there is one, so a misread
    figure is found in the file that holds it.
    """
    for group in group_by_issuer(returns):
        by_month: dict[tuple[int, int], list[int]] = defaultdict(list)
        for i in group:
            month = _month(returns[i])
            if month is not None:
                by_month[month].append(i)
        chain: list[tuple[tuple[int, int], dict[object, int]]] = []
        for month in sorted(by_month):
            versions, superseded = _versions(returns, month, by_month[month])
            yield from superseded
            chain.append((month, versions))
        for (old_month, before), (new_month, after) in zip(chain, chain[1:]):
            fallback = max(before.values())
            pairs = [(before.get(language, fallback), index) for language, index in after.items()]
            gap = _missing(old_month, new_month)
            if gap:
                old, new = returns[pairs[-1][0]], returns[pairs[-1][1]]
                breaks = list(_breaks(old, new))
                carried = "balances carry over unchanged" if not breaks else \
                    f"{len(breaks)} opening balance(s) differ from the closing balances of {_month_text(old_month)}"
                names = ", ".join(_month_text(m) for m in gap)
                yield pairs[-1][1], finding("RX-S-002", f"no return for {names} between {_month_text(old_month)} and "
                                            f"{_month_text(new_month)}; {carried}", "header.period_end",
                                            new.header.period_end)
                continue
            for old_index, new_index in pairs:
                for b in _breaks(returns[old_index], returns[new_index]):
                    yield new_index, finding("RX-S-001", f"opening {b.label} {show(value(b.leaf))} must equal the "
                                             f"closing balance {show(b.expected)} of the return for "
                                             f"{_month_text(old_month)}", b.path, b.leaf)


def check_series(returns: Sequence[MonthlyReturn]) -> list[tuple[int, Finding]]:
    """Every series finding as a list of (index into ``returns``, finding)."""
    return list(iter_series_findings(returns))
