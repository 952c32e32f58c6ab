"""Hypothesis strategies for the whole model, built generically from ``shape_of``.

Every dataclass of the model is walked through ``return_xml.model.shape.shape_of``
(the same description the XML writer, reader and XSD generator use), so a field
added to the model is generated here without touching this file.

Constraints the model and its XML rely on, kept here:

- text is XML 1.0-safe: no surrogates, no control characters, no ``\\r`` and no
  ``\\ufffe``/``\\uffff``; ``\\t`` and ``\\n`` only in ``printed`` (an attribute,
  which lxml escapes as ``&#9;``/``&#10;``);
- ``Text``/``Currency`` values are ``None`` or non-empty (``Currency`` matches
  ``[A-Z]{3}``);
- ``Amount`` values are Decimals built from plain digit strings with 0 to 4
  decimal places, possibly negative (never NaN, Infinity or an exponent);
- ``Day`` values lie in the years 1900-2100;
- lists hold at most 2 items, so examples stay small and fast.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import Any

from hypothesis import strategies as st

from return_xml.model import MonthlyReturn
from return_xml.model.shape import FieldShape, shape_of
from return_xml.model.values import Amount, Count, Currency, Day, Flag, Reading, Source, Text

MAX_LIST = 2

_EXCLUDED = "\r\ufffe\uffff"

# Text without any control character (the values and plain string attributes).
_SAFE_CHARS = st.characters(exclude_categories=("Cs", "Cc"), exclude_characters=_EXCLUDED)
# Text of a ``printed`` token: as above, plus tab and newline.
_PRINTED_CHARS = st.one_of(_SAFE_CHARS, st.sampled_from("\t\n"))


def safe_text(*, min_size: int = 0, max_size: int = 12) -> st.SearchStrategy[str]:
    """Short XML 1.0-safe text without control characters."""
    return st.text(_SAFE_CHARS, min_size=min_size, max_size=max_size)


_TOKENS = ("", "Nil", "N/A", "-", "--", "(1,500,000)", "0.010")
_PRINTED_TEXT = st.text(_PRINTED_CHARS, max_size=12)


def printed_tokens() -> st.SearchStrategy[str]:
    """A printed token: a typical one, or any text (may be empty, may carry tabs and newlines)."""
    return st.sampled_from(_TOKENS) | _PRINTED_TEXT


_COORDINATE = st.integers(min_value=-100_000, max_value=1_000_000)  # hundredths of a point
_BOX = st.tuples(_COORDINATE, _COORDINATE, _COORDINATE, _COORDINATE)
_PAGE = st.integers(min_value=1, max_value=500)


def boxes() -> st.SearchStrategy[tuple[float, float, float, float]]:
    """Four floats of at most 2 decimals (what ``Source`` keeps), drawn as hundredths."""
    return _BOX.map(lambda box: tuple(round(v / 100, 2) for v in box))


def sources() -> st.SearchStrategy[Source]:
    return st.builds(Source, page=_PAGE, box=st.none() | boxes())


_WHOLE = st.integers(min_value=0, max_value=10**12)
_SIGN_AND_PLACES = st.integers(min_value=0, max_value=9)  # sign: >= 5; places: n % 5
_FRACTION = st.integers(min_value=0, max_value=9999)


def _decimal(draw: st.DrawFn) -> Decimal:
    whole = draw(_WHOLE)
    sign_and_places = draw(_SIGN_AND_PLACES)
    places = sign_and_places % 5
    text = ("-" if sign_and_places >= 5 else "") + str(whole)
    if places:
        text += "." + str(draw(_FRACTION) % 10**places).zfill(places)
    return Decimal(text)


@st.composite
def decimals(draw: st.DrawFn) -> Decimal:
    """A Decimal from a plain digit string, 0-4 decimal places, possibly negative (``-0.50`` too)."""
    return _decimal(draw)


_FIRST_DAY = dt.date(1900, 1, 1).toordinal()
_LAST_DAY = dt.date(2100, 12, 31).toordinal()
_ORDINAL = st.integers(min_value=_FIRST_DAY, max_value=_LAST_DAY)
_COUNT = st.integers(min_value=-(10**12), max_value=10**12)
_TEXT = st.text(_SAFE_CHARS, min_size=1, max_size=20)
_CURRENCY = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=3, max_size=3)
_BOOL = st.booleans()


def _value(draw: st.DrawFn, leaf_type: type[Reading]) -> Any:
    # Each value is drawn from a single primitive strategy where possible:
    # a whole return has hundreds of leaves, and every draw costs time.
    if leaf_type is Count:
        return draw(_COUNT)
    if leaf_type is Amount:
        return _decimal(draw)
    if leaf_type is Text:
        return draw(_TEXT)
    if leaf_type is Currency:
        return draw(_CURRENCY)
    if leaf_type is Day:
        return dt.date.fromordinal(draw(_ORDINAL))
    if leaf_type is Flag:
        return draw(_BOOL)
    raise TypeError(f"no strategy for leaf type {leaf_type!r}")


_MODE = st.integers(min_value=0, max_value=15)
_MODE_OR_ABSENT = st.integers(min_value=0, max_value=31)
_PRINTED_PICK = st.integers(min_value=0, max_value=len(_TOKENS))


@st.composite
def _leaf(draw: st.DrawFn, leaf_type: type[Reading], optional: bool) -> Reading | None:
    # One integer says which parts are present (bit 0: value, 1: printed,
    # 2: source, 3: box; 16 and above: no such field, so an optional field is
    # absent about half the time), fewer draws than nested one_of; it shrinks
    # towards a bare leaf without a value.
    mode = draw(_MODE_OR_ABSENT if optional else _MODE)
    if mode >= 16:
        return None
    value = _value(draw, leaf_type) if mode & 1 else None
    printed = None
    if mode & 2:
        pick = draw(_PRINTED_PICK)
        printed = _TOKENS[pick] if pick < len(_TOKENS) else draw(_PRINTED_TEXT)
    source = None
    if mode & 4:
        box = tuple(v / 100 for v in draw(_BOX)) if mode & 8 else None
        source = Source(draw(_PAGE), box)
    return leaf_type(value, printed=printed, source=source)


def leaves(leaf_type: type[Reading], *, optional: bool = False) -> st.SearchStrategy[Reading | None]:
    """A value object: value ``None`` or a value, with optional printed token and source.

    With ``optional``, the field itself may also be ``None`` (no such box on the form).
    """
    return _leaf(leaf_type, optional)


def _attribute(kind: type) -> st.SearchStrategy[Any]:
    if isinstance(kind, type) and issubclass(kind, Enum):
        return st.sampled_from(list(kind))
    if kind is bool:
        return st.booleans()
    if kind is int:
        return st.integers(min_value=1, max_value=500)
    if kind is str:
        return safe_text(max_size=10)
    raise TypeError(f"no strategy for attribute type {kind!r}")


def _field(shape: FieldShape) -> st.SearchStrategy[Any]:
    if shape.kind == "attribute":
        strategy = _attribute(shape.type)
    elif shape.kind == "leaf":
        return leaves(shape.type, optional=shape.optional)
    elif shape.kind == "node":
        strategy = nodes(shape.type)
    elif shape.kind == "list":
        return st.lists(nodes(shape.type), max_size=MAX_LIST).map(tuple)
    else:  # pragma: no cover - a new kind must be taught to the strategies
        raise TypeError(f"unknown field kind {shape.kind!r}")
    return st.none() | strategy if shape.optional else strategy


@cache
def nodes(cls: type) -> st.SearchStrategy[Any]:
    """Any instance of the model dataclass ``cls``, every field generated from its shape."""
    return st.builds(cls, **{shape.name: _field(shape) for shape in shape_of(cls)})


def monthly_returns() -> st.SearchStrategy[MonthlyReturn]:
    """The main strategy: a whole generated monthly return."""
    return nodes(MonthlyReturn)
