"""Checking a facts object: every key sorted into a checked value, or a problem by path.

``check_facts`` lists every problem at once (missing required facts, unknown
paths, values of the wrong JSON type, bad dates and decimals, gaps in list
indexes, items the facts view would not list), so that ``facts_of`` of the
model built from a clean object gives that object back.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from return_xml.errors import FieldError
from return_xml.facts.kinds import BadValue, Kind, what
from return_xml.facts.paths import FIELDS, NESTED, SCALARS, suggestion
from return_xml.facts.vocabulary import OTHER_MOVEMENTS, TOTALS, Group, Term

MAX_INDEX = 9999
"""Largest list index accepted in a path."""
MAX_PROBLEMS = 200
"""Problems listed in one error; more are counted, not listed (a hostile document stays cheap)."""

REQUIRED = ("form.family", "form.language", "issuer.name", "period.end")
"""Facts every return must give (docs/structured-input.md says why)."""

_ITEM_PREFIX = re.compile(r"[a-z_]+\[[^\]]*\]")
_INDEX = re.compile(r"0|[1-9][0-9]{0,5}")  # ASCII digits only: str.isdigit() also takes '²'
_ITEM_KEY = re.compile(r"(?P<name>[a-z_]+)\[(?P<index>[^\]]*)\]\.(?P<rest>.+)")
_NESTED_KEY = re.compile(r"(?P<name>[a-z_]+)\[(?P<index>[^\]]*)\]\.(?P<rest>[a-z_.]+)")

_ITEM_RULES: tuple[Group, ...] = (OTHER_MOVEMENTS, *TOTALS)
"""The lists whose items obey rules beyond their values, in the order their problems are listed."""


class Collector:
    """Sorts the keys of a facts object into checked values, and gathers every problem."""

    def __init__(self) -> None:
        self.problems: list[FieldError] = []
        self.unlisted = 0  # problems beyond MAX_PROBLEMS, counted only
        self.items_with_problems: set[str] = set()  # "other_movements[3]" ...: where a value was refused
        self.scalars: dict[str, Any] = {}
        self.refused: set[str] = set()  # scalar paths given with a value that was refused
        # lists[name][index][rest]; nested lists under their outer item as nested[(name, i, inner)][k][rest]
        self.lists: dict[str, dict[int, dict[str, Any]]] = {}
        self.nested: dict[tuple[str, int, str], dict[int, dict[str, Any]]] = {}

    def problem(self, path: str, reason: str | Callable[[], str], text: str | None = None) -> None:
        """Record a problem; ``reason`` may be a function, called only when the problem is listed."""
        if (item := _ITEM_PREFIX.match(path)) is not None:
            self.items_with_problems.add(item[0])
        if len(self.problems) >= MAX_PROBLEMS:
            self.unlisted += 1
            return
        self.problems.append(FieldError(reason() if callable(reason) else reason, field=path, text=text))

    def unknown(self, key: str) -> None:
        # difflib is slow: the suggestion is computed only for the problems that are listed.
        self.problem(key, lambda: f"unknown path (not in the facts view){suggestion(key)}")

    def index(self, path: str, written: str) -> int | None:
        if not _INDEX.fullmatch(written) or int(written) > MAX_INDEX:
            self.problem(path, f"list index must be a whole number from 0 to {MAX_INDEX}, without leading zeros",
                         written)
            return None
        return int(written)

    def value(self, path: str, kind: Kind, raw: Any) -> tuple[bool, Any]:
        try:
            return True, kind.check(raw)
        except BadValue as bad:
            self.problem(path, bad.reason, bad.text)
            return False, None

    def add(self, key: Any, raw: Any) -> None:
        if not isinstance(key, str):
            self.problem(str(key), "a path must be a string")
            return
        if key in SCALARS:
            ok, value = self.value(key, SCALARS[key], raw)
            if ok:
                self.scalars[key] = value
            else:
                self.refused.add(key)
            return
        match = _ITEM_KEY.fullmatch(key)
        if match is None or match["name"] not in FIELDS:
            self.unknown(key)
            return
        name, rest = match["name"], match["rest"]
        nested = _NESTED_KEY.fullmatch(rest)
        inner = nested.groupdict() if nested is not None and (name, nested["name"]) in NESTED else None
        if inner is not None and inner["rest"] in NESTED[(name, inner["name"])]:
            kind = NESTED[(name, inner["name"])][inner["rest"]]
        elif inner is None and rest in FIELDS[name]:
            kind = FIELDS[name][rest]
        else:
            self.unknown(key)
            return
        index = self.index(key, match["index"])
        if index is None:
            return
        # The item exists once a key names it, even when its value is refused,
        # so a bad value is not also reported as a gap in the indexes.
        target = self.lists.setdefault(name, {}).setdefault(index, {})
        field = rest
        if inner is not None:
            inner_index = self.index(key, inner["index"])
            if inner_index is None:
                return
            target = self.nested.setdefault((name, index, inner["name"]), {}).setdefault(inner_index, {})
            field = inner["rest"]
        ok, value = self.value(key, kind, raw)
        if ok:
            target[field] = value

    def contiguous(self) -> None:
        for name, items in self.lists.items():
            self._contiguous(name, items)
        for (name, index, inner), items in self.nested.items():
            self._contiguous(f"{name}[{index}].{inner}", items)

    def _contiguous(self, prefix: str, items: dict[int, Any]) -> None:
        missing = next(i for i in range(len(items) + 1) if i not in items)
        if missing < len(items):
            self.problem(f"{prefix}[{missing}]", f"missing list item: the indexes of {prefix} must run 0, 1, 2 ... "
                         f"without gaps (given: {', '.join(str(i) for i in sorted(items)[:10])})")

    def required(self) -> None:
        for path in REQUIRED:
            if path not in self.scalars and path not in self.refused:
                self.problem(path, "missing: every return gives it (docs/structured-input.md)")

    def items(self) -> None:
        """Item rules that keep ``facts_of(from_facts(f)) == f``: what the facts view would not list."""
        for group in _ITEM_RULES:
            for index, item in self.lists.get(group.name, {}).items():
                prefix = f"{group.name}[{index}]"
                if prefix in self.items_with_problems:
                    continue  # a figure that could not be read would make the next checks noise
                if group.key is not None and group.key not in item:
                    self.problem(f"{prefix}.{group.key}", f"missing: every {group.item_label} gives its {group.key}")
                    continue
                for term in group.terms:
                    if isinstance(term, Term) and term.only_when is not None and term.path in item \
                            and not term.only_when.holds(item):
                        self.problem(f"{prefix}.{term.path}", term.only_when.reason(item))
                if group.listed is not None and not group.listed.holds(item):
                    self.problem(prefix, group.listed.reason(item))


def check_facts(facts: Mapping[str, Any]) -> list[FieldError]:
    """Every problem of a facts object, by path; an empty list when ``from_facts`` accepts it."""
    return collect(facts).problems


def collect(facts: Mapping[str, Any]) -> Collector:
    """The checked values of ``facts`` and its problems."""
    collector = Collector()
    if not isinstance(facts, Mapping):
        collector.problems.append(FieldError(f"a facts object must be a JSON object, got {what(facts)}"))
        return collector
    for key in getattr(facts, "duplicates", ()):
        collector.problem(key, "given twice: each path may appear once")
    for key, raw in facts.items():
        collector.add(key, raw)
    collector.contiguous()
    collector.required()
    collector.items()
    if collector.unlisted:
        collector.problems.append(FieldError(f"{collector.unlisted} more problems, not listed (the first "
                                             f"{MAX_PROBLEMS} are)"))
    return collector
