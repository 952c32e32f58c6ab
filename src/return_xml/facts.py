"""The facts view: a flat ``{path: value}`` JSON object (see ../shared/spec/facts.md).

It is computed from the model alone, and the model can be read back from XML,
so PDF -> facts and PDF -> XML -> facts give the same object.  The rules of
absence live here: a value object whose ``value`` is ``None`` (blank, ``N/A``)
gives no key; ``Nil`` was already read as 0.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from return_xml.model import (
    ArrangementItem,
    ConvertibleItem,
    MonthlyReturn,
    OptionItem,
    OtherMovement,
    Reading,
    SectionTotal,
    ShareClass,
    WarrantItem,
)
from return_xml.model.values import Amount

Facts = dict[str, Any]


def _json_value(leaf: Reading) -> Any:
    value = getattr(leaf, "value")
    if isinstance(leaf, Amount):
        return format(value, "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, str):
        return " ".join(value.split())
    return value


class _Flat:
    def __init__(self) -> None:
        self.facts: Facts = {}
        self.leaves: dict[str, Reading] = {}  # the value object behind each fact that has one

    def put(self, path: str, leaf: Reading | None) -> None:
        if leaf is not None and getattr(leaf, "value") is not None:
            value = _json_value(leaf)
            if value != "":
                self.facts[path] = value
                self.leaves[path] = leaf

    def put_plain(self, path: str, value: Any) -> None:
        if value is not None:
            self.facts[path] = value

    def share_class(self, prefix: str, share_class: ShareClass, *, full: bool) -> None:
        if share_class.category is not None:
            self.facts[f"{prefix}.category"] = share_class.category.value
        if full:
            self.put(f"{prefix}.class", share_class.class_name)
            self.put(f"{prefix}.share_type", share_class.share_type)
            self.put(f"{prefix}.listed", share_class.listed)
            self.put(f"{prefix}.stock_code", share_class.stock_code)
            self.put(f"{prefix}.description", share_class.description)

    def totals(self, name: str, totals: tuple[SectionTotal, ...]) -> None:
        # Only class lines that carry a figure are listed (facts.md, "Section totals").
        shown = [t for t in totals if _has(t.issued) or _has(t.treasury)]
        for t, total in enumerate(shown):
            prefix = f"{name}[{t}]"
            if total.share_class.category is not None:
                self.facts[f"{prefix}.category"] = total.share_class.category.value
            self.put(f"{prefix}.class", total.share_class.class_name)
            self.put(f"{prefix}.issued", total.issued)
            self.put(f"{prefix}.treasury", total.treasury)


def _has(leaf: Reading | None) -> bool:
    return leaf is not None and getattr(leaf, "value") is not None


def facts_of(monthly_return: MonthlyReturn) -> Facts:
    """The facts view of a monthly return."""
    return _flattened(monthly_return).facts


def fact_leaves(monthly_return: MonthlyReturn) -> dict[str, Reading]:
    """The value object behind each fact of the facts view (same paths, same order; facts without one are left out).

    Its ``source`` (page and box) says where the fact was printed: the review page outlines it there.
    """
    return _flattened(monthly_return).leaves


def _flattened(monthly_return: MonthlyReturn) -> _Flat:
    r = monthly_return
    out = _Flat()
    out.put_plain("form.family", r.form.family.value)
    out.put_plain("form.version", r.form.version)
    out.put_plain("form.language", r.form.language.value)
    out.put("issuer.name", r.header.issuer_name)
    out.put("period.end", r.header.period_end)
    out.put("submission.date", r.header.submission_date)
    out.put("submission.status", r.header.status)

    for i, block in enumerate(r.authorised):
        prefix = f"authorised[{i}]"
        out.share_class(prefix, block.share_class, full=True)
        rows = {"preceding": block.preceding, "movement": block.movement, "close": block.close}
        currency = next(
            (c for row in rows.values() if row for c in (row.par_value_currency, row.capital_currency) if _has(c)),
            None,
        )
        out.put(f"{prefix}.currency", currency)
        for name, row in rows.items():
            if row is None:
                continue
            out.put(f"{prefix}.{name}.shares", row.shares)
            if name != "movement":
                out.put(f"{prefix}.{name}.par_value", row.par_value)
            out.put(f"{prefix}.{name}.capital", row.capital)
        out.put(f"{prefix}.remarks", block.remarks)
    for j, total in enumerate(r.authorised_total):
        out.put(f"authorised_total[{j}].currency", total.currency)
        out.put(f"authorised_total[{j}].amount", total.amount)

    for i, block in enumerate(r.issued):
        prefix = f"issued[{i}]"
        out.share_class(prefix, block.share_class, full=True)
        for k, counter in enumerate(block.multi_counter):
            out.put(f"{prefix}.multi_counter[{k}].stock_code", counter.stock_code)
            out.put(f"{prefix}.multi_counter[{k}].description", counter.description)
        for name in ("preceding", "movement", "close"):
            row = getattr(block, name)
            if row is not None:
                out.put(f"{prefix}.{name}.issued", row.issued)
                out.put(f"{prefix}.{name}.treasury", row.treasury)
                out.put(f"{prefix}.{name}.total", row.total)
        if block.public_float is not None:
            out.put(f"{prefix}.public_float.complied", block.public_float.complied)
            out.put(f"{prefix}.public_float.threshold", block.public_float.threshold)
        out.put(f"{prefix}.remarks", block.remarks)

    for k, option in enumerate(r.options):
        _option(out, f"options[{k}]", option)
    out.totals("options_total", r.options_total)
    for j, funds in enumerate(r.options_funds):
        out.put(f"options_funds[{j}].currency", funds.currency)
        out.put(f"options_funds[{j}].amount", funds.amount)
    for k, warrant in enumerate(r.warrants):
        _warrant(out, f"warrants[{k}]", warrant)
    out.totals("warrants_total", r.warrants_total)
    for k, convertible in enumerate(r.convertibles):
        _convertible(out, f"convertibles[{k}]", convertible)
    out.totals("convertibles_total", r.convertibles_total)
    for k, arrangement in enumerate(r.arrangements):
        _arrangement(out, f"arrangements[{k}]", arrangement)
    out.totals("arrangements_total", r.arrangements_total)
    listed = [m for m in r.other_movements if _is_listed_movement(m)]
    for k, movement in enumerate(listed):
        _movement(out, f"other_movements[{k}]", movement)
    out.totals("other_movements_total", r.other_movements_total)
    out.totals("total_increase", r.total_increase)

    out.put("remarks", r.remarks)
    if r.signatory is not None:
        out.put("signatory.name", r.signatory.name)
        out.put("signatory.title", r.signatory.title)
    return out


def _issue_columns(out: _Flat, prefix: str, item: Any) -> None:
    for name in ("shares_issued", "shares_issuable", "treasury_transferred", "treasury_transferable"):
        out.put(f"{prefix}.{name}", getattr(item, name))


def _option(out: _Flat, prefix: str, item: OptionItem) -> None:
    out.put(f"{prefix}.scheme", item.scheme)
    out.share_class(prefix, item.share_class, full=False)
    out.put(f"{prefix}.stock_code", item.share_class.stock_code)
    out.put(f"{prefix}.approval_date", item.approval_date)
    out.put(f"{prefix}.exercise_price", item.exercise_price)
    out.put(f"{prefix}.exercise_price_currency", item.exercise_price_currency)
    out.put(f"{prefix}.outstanding.preceding", item.outstanding_preceding)
    for name in ("granted", "exercised", "cancelled", "lapsed"):
        out.put(f"{prefix}.movement.{name}", getattr(item, name))
    out.put(f"{prefix}.outstanding.close", item.outstanding_close)
    _issue_columns(out, prefix, item)
    out.put(f"{prefix}.available_for_grant.preceding", item.available_for_grant_preceding)
    out.put(f"{prefix}.available_for_grant.close", item.available_for_grant_close)


def _warrant(out: _Flat, prefix: str, item: WarrantItem) -> None:
    out.put(f"{prefix}.description", item.description)
    out.put(f"{prefix}.expiry_date", item.expiry_date)
    out.put(f"{prefix}.currency", item.currency)
    out.put(f"{prefix}.nominal.preceding", item.nominal_preceding)
    out.put(f"{prefix}.nominal.exercised", item.nominal_exercised)
    out.put(f"{prefix}.nominal.close", item.nominal_close)
    out.put(f"{prefix}.subscription_price", item.subscription_price)
    out.put(f"{prefix}.subscription_price_currency", item.subscription_price_currency)
    out.put(f"{prefix}.stock_code", item.stock_code)
    out.share_class(prefix, item.share_class, full=False)
    out.put(f"{prefix}.approval_date", item.approval_date)
    _issue_columns(out, prefix, item)


def _convertible(out: _Flat, prefix: str, item: ConvertibleItem) -> None:
    out.put(f"{prefix}.description", item.description)
    out.put(f"{prefix}.type", item.type)
    out.put(f"{prefix}.currency", item.currency)
    out.put(f"{prefix}.amount.preceding", item.amount_preceding)
    out.put(f"{prefix}.amount.converted", item.amount_converted)
    out.put(f"{prefix}.movement", item.movement)
    out.put(f"{prefix}.amount.close", item.amount_close)
    out.put(f"{prefix}.conversion_price", item.conversion_price)
    out.put(f"{prefix}.conversion_price_currency", item.conversion_price_currency)
    out.put(f"{prefix}.stock_code", item.stock_code)
    out.share_class(prefix, item.share_class, full=False)
    out.put(f"{prefix}.approval_date", item.approval_date)
    _issue_columns(out, prefix, item)


def _arrangement(out: _Flat, prefix: str, item: ArrangementItem) -> None:
    out.put(f"{prefix}.particulars", item.particulars)
    out.put(f"{prefix}.approval_date", item.approval_date)
    out.share_class(prefix, item.share_class, full=False)
    _issue_columns(out, prefix, item)


def _is_listed_movement(item: OtherMovement) -> bool:
    # facts.md: only types that carry a non-Nil figure, a price or a date are listed.
    figures = (item.shares_issued, item.treasury, item.shares_issuable)
    if any(_has(f) and getattr(f, "value") != 0 for f in figures):
        return True
    return _has(item.price) or _has(item.event_date) or _has(item.approval_date)


def _movement(out: _Flat, prefix: str, item: OtherMovement) -> None:
    out.facts[f"{prefix}.type"] = item.type.value
    if item.type.value == "other":
        out.put(f"{prefix}.description", item.description)
    out.share_class(prefix, item.share_class, full=False)
    out.put(f"{prefix}.price", item.price)
    out.put(f"{prefix}.currency", item.currency)
    out.put(f"{prefix}.event_date", item.event_date)
    out.put(f"{prefix}.approval_date", item.approval_date)
    out.put(f"{prefix}.shares_issued", item.shares_issued)
    out.put(f"{prefix}.treasury", item.treasury)
    out.put(f"{prefix}.shares_issuable", item.shares_issuable)
