"""Structured input: a facts-view JSON object -> a ``MonthlyReturn`` (the inverse of ``facts.facts_of``).

A return written as data (by hand, or exported from a spreadsheet) uses the
same flat ``{"path": value}`` vocabulary as the facts view
(../shared/spec/facts.md, docs/structured-input.md).  ``from_facts`` checks
the whole object first and raises one ``FactsError`` that lists every problem
by path (missing required facts, unknown paths, values of the wrong JSON type,
bad dates and decimals, gaps in list indexes); only a clean object becomes a
model.  For every object it accepts, ``facts_of(from_facts(f)) == f``, up to
white space folded in text and leading zeros dropped from decimals.

This module is the public face; the work is done in the package
``return_xml.facts``: ``json_input`` (bounded JSON), ``kinds`` (value kinds),
``vocabulary`` (the one table of paths), ``paths``, ``check`` and ``build``.
"""

from __future__ import annotations

from return_xml.facts.build import from_facts, read_facts
from return_xml.facts.check import MAX_INDEX, MAX_PROBLEMS, REQUIRED, check_facts
from return_xml.facts.json_input import (
    MAX_DECIMAL_CHARS,
    MAX_INT_DIGITS,
    MAX_JSON_BYTES,
    parse_facts_json,
)
from return_xml.facts.paths import value_kind, vocabulary

__all__ = [
    "MAX_DECIMAL_CHARS", "MAX_INDEX", "MAX_INT_DIGITS", "MAX_JSON_BYTES", "MAX_PROBLEMS", "REQUIRED",
    "check_facts", "from_facts", "parse_facts_json", "read_facts", "value_kind", "vocabulary",
]
