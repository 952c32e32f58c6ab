"""The facts view: a flat ``{path: value}`` JSON object (see ../shared/spec/facts.md).

It is computed from the model alone, and the model can be read back from XML,
so PDF -> facts and PDF -> XML -> facts give the same object.  The paths and
the model attributes behind them are the table of ``vocabulary.py``; the rules
of absence live here: a value object whose ``value`` is ``None`` (blank,
``N/A``) gives no key; ``Nil`` was already read as 0.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import Enum
from typing import Any

from return_xml.facts.vocabulary import RETURN, Derived, Group, Term
from return_xml.model import MonthlyReturn, Reading
from return_xml.model.values import Amount

Facts = dict[str, Any]


def _json_value(leaf: Reading) -> Any:
    value = getattr(leaf, "value")  # noqa: B009 (Reading itself declares no value: its subclasses do)
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
        if leaf is not None and getattr(leaf, "value") is not None:  # noqa: B009
            value = _json_value(leaf)
            if value != "":
                self.facts[path] = value
                self.leaves[path] = leaf

    def put_plain(self, path: str, value: Any) -> None:
        if value is not None:
            self.facts[path] = value.value if isinstance(value, Enum) else value

    def merge(self, prefix: str, item: _Flat) -> None:
        self.facts.update((prefix + path, value) for path, value in item.facts.items())
        self.leaves.update((prefix + path, leaf) for path, leaf in item.leaves.items())


def facts_of(monthly_return: MonthlyReturn) -> Facts:
    """The facts view of a monthly return."""
    return _flattened(monthly_return).facts


def fact_leaves(monthly_return: MonthlyReturn) -> dict[str, Reading]:
    """The value object behind each fact of the facts view (same paths, same order; facts without one are left out).

    Its ``source`` (page and box) says where the fact was printed: the review page outlines it there.
    """
    return _flattened(monthly_return).leaves


def _flattened(monthly_return: MonthlyReturn) -> _Flat:
    out = _Flat()
    _write(out, RETURN, monthly_return)
    return out


def _attribute(obj: Any, dotted: str) -> Any:
    for name in dotted.split("."):
        if obj is None:
            return None
        obj = getattr(obj, name)
    return obj


def _write(out: _Flat, group: Group, obj: Any) -> None:
    """Write the facts of ``obj``, one item of ``group``, with paths below the item."""
    for term in group.terms:
        if isinstance(term, Group):
            _write_list(out, term, getattr(obj, term.name))
        else:
            _write_term(out, term, obj)


def _write_term(out: _Flat, term: Term, obj: Any) -> None:
    if term.only_when is not None and not term.only_when.holds(out.facts):
        return
    value = term.attr.get(obj) if isinstance(term.attr, Derived) else _attribute(obj, term.attr)
    if term.kind.leaf is None:
        out.put_plain(term.path, value)
    else:
        out.put(term.path, value)


def _write_list(out: _Flat, group: Group, items: tuple[Any, ...]) -> None:
    # Items that the facts view does not list (a total line without a figure...) are
    # left out, and the ones after them numbered on: indexes run without gaps.
    index = 0
    for obj in items:
        item = _Flat()
        _write(item, group, obj)
        if group.listed is None or group.listed.holds(item.facts):
            out.merge(f"{group.name}[{index}].", item)
            index += 1
