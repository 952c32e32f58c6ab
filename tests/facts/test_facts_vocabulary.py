"""The vocabulary table (return_xml/facts/vocabulary.py) names real model fields, and both directions walk it."""

from __future__ import annotations

import dataclasses
import typing

from return_xml.facts.vocabulary import RETURN, Derived, Group, Term
from return_xml.facts_input import value_kind, vocabulary


def _groups(group: Group) -> list[Group]:
    return [group, *(g for term in group.terms if isinstance(term, Group) for g in _groups(term))]


def _field_type(model: type, name: str) -> type:
    hint = typing.get_type_hints(model)[name]
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    return args[0] if args and typing.get_origin(hint) is not tuple else hint


def test_every_term_names_a_field_chain_of_its_model():
    for group in _groups(RETURN):
        assert group.label, group.name
        for term in group.terms:
            if isinstance(term, Group):
                assert term.name in {f.name for f in dataclasses.fields(group.model)}
                continue
            assert term.label, term.path
            if isinstance(term.attr, Derived):
                continue
            model: type = group.model
            for name in term.attr.split("."):
                assert dataclasses.is_dataclass(model), (group.name, term.path)
                assert name in {f.name for f in dataclasses.fields(model)}, (group.name, term.path)
                model = _field_type(model, name)


def test_paths_are_unique_and_each_has_a_kind():
    paths = vocabulary()
    assert len(paths) == len(set(paths)) == 140
    assert all(value_kind(p.replace("[i]", "[0]").replace("[k]", "[0]")) for p in paths)


def test_adding_a_row_is_the_only_edit_a_new_fact_needs():
    # Every accepted path comes from the table: no second list of paths exists.
    from_table = set()
    for term in RETURN.terms:
        if isinstance(term, Term):
            from_table.add(term.path)
        else:
            for inner in term.terms:
                if isinstance(inner, Term):
                    from_table.add(f"{term.name}[i].{inner.path}")
                else:
                    from_table.update(f"{term.name}[i].{inner.name}[k].{t.path}" for t in inner.terms)
    assert from_table == set(vocabulary())
