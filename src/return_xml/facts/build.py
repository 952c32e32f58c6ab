"""Building the model of a checked facts object, by walking the vocabulary table.

Absence is kept as the facts view states it: a fact left out is no figure (the
model field stays ``None``, so the XML has no element for it), ``0`` is Nil; a
part of an item (a balance row, the public float, the signatory) exists when
one of its facts is given.  Values carry no provenance: ``printed`` and
``source`` are ``None``.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from return_xml.errors import FactsError
from return_xml.facts.check import Collector, collect
from return_xml.facts.json_input import read_bounded
from return_xml.facts.vocabulary import RETURN, Derived, Group
from return_xml.model import MonthlyReturn


def from_facts(facts: Mapping[str, Any], *, file: str | Path | None = None) -> MonthlyReturn:
    """The ``MonthlyReturn`` that a facts-view object describes.

    ``facts`` is a flat ``{"path": value}`` mapping with JSON values (as
    ``json.load`` or ``parse_facts_json`` give it).  Every problem is
    reported at once: ``FactsError`` (an ``InputError``) lists them in
    ``problems``, one ``FieldError`` per path.
    """
    collector = collect(facts)
    if collector.problems:
        raise FactsError(collector.problems, file=file)
    return _Builder(collector).build(RETURN, collector.scalars, ())


def read_facts(path: str | Path) -> MonthlyReturn:
    """Read a return written as a facts JSON document (see ``from_facts``)."""
    path = Path(path)
    return from_facts(read_bounded(path), file=path)


class _Builder:
    def __init__(self, collector: Collector) -> None:
        self.lists = collector.lists
        self.nested = collector.nested

    def build(self, group: Group, item: Mapping[str, Any], where: tuple[str, int] | tuple[()]) -> Any:
        """The model object of one item of ``group`` (``where``: its list and index; ``()`` for the return)."""
        tree: dict[str, Any] = {}
        derived = []
        for term in group.terms:
            if isinstance(term, Group):
                items = self.nested.get((*where, term.name), {}) if where else self.lists.get(term.name, {})
                tree[term.name] = tuple(self.build(term, items[i], (term.name, i)) for i in range(len(items)))
            elif term.path not in item:
                continue
            elif isinstance(term.attr, Derived):
                derived.append((term.attr, item[term.path]))
            else:
                value = item[term.path]
                leaf = term.kind.leaf
                _place(tree, term.attr, value if leaf is None else leaf(value))
        for attr, value in derived:
            attr.put(tree, value)
        return _construct(group.model, tree)


def _place(tree: dict[str, Any], dotted: str, value: Any) -> None:
    *parts, name = dotted.split(".")
    for part in parts:
        tree = tree.setdefault(part, {})
    tree[name] = value


def _construct(model: type, tree: dict[str, Any]) -> Any:
    # A part no fact names keeps its default (None, or an empty ShareClass).
    return model(**{name: _construct(_part_type(model, name), value) if isinstance(value, dict) else value
                    for name, value in tree.items()})


@cache
def _part_type(model: type, name: str) -> type:
    """The dataclass of field ``name`` of ``model`` (``AuthorisedBalance`` of ``AuthorisedBalance | None``)."""
    hint = typing.get_type_hints(model)[name]
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        hint = next(arg for arg in typing.get_args(hint) if arg is not type(None))
    return hint
