"""The kinds of value a fact holds: how a JSON value is checked, and which model value object it becomes.

Each ``Kind`` joins the two directions of the facts view: ``view.py`` writes a
model value object of ``Kind.leaf`` as JSON, ``build.py`` checks the JSON with
``Kind.check`` and makes the value object again.  A kind whose ``leaf`` is
``None`` is a plain model value (an enum or the form version string), written
without provenance.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Any

from return_xml.facts.json_input import MAX_DECIMAL_CHARS, MAX_INT_DIGITS, Number
from return_xml.model import (
    Amount,
    Category,
    Count,
    Currency,
    Day,
    Family,
    Flag,
    Language,
    MovementType,
    Reading,
    Text,
)


class BadValue(Exception):
    """One value that cannot be used: the reason, and the text to show."""

    def __init__(self, reason: str, text: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.text = text


@dataclass(frozen=True)
class Kind:
    """What one fact holds (see the module docstring)."""

    name: str
    """What ``value_kind()`` calls it: count, money, text, currency, date, flag or choice."""
    check: Callable[[Any], Any]
    """Raw JSON value -> the checked Python value; raises ``BadValue``."""
    leaf: Callable[[Any], Reading] | None
    """The model's value object for it; ``None``: a plain model value (enum, version string)."""
    xbrl_type: str
    """The XBRL item type a taxonomy generator would give the fact."""
    choices: tuple[str, ...] = ()
    """The values a choice allows."""


def shown(raw: Any) -> str | None:
    """A raw JSON value as the text a problem shows, when it has one."""
    if isinstance(raw, Number):
        return raw.literal
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if raw is None:
        return "null"
    if isinstance(raw, (str, int)):
        return str(raw)
    return None


def what(raw: Any) -> str:
    """What a raw JSON value is, for messages."""
    if raw is None:
        return "null"
    if isinstance(raw, bool):
        return "true/false"
    if isinstance(raw, int):
        return "a whole number"
    if isinstance(raw, Number):
        return {"fraction": "a number with a fraction or exponent", "huge": "a huge number",
                "constant": "NaN or Infinity"}[raw.why]
    if isinstance(raw, float):
        return "a float"
    if isinstance(raw, str):
        return "a string"
    if isinstance(raw, Mapping):
        return "an object"
    if isinstance(raw, (list, tuple)):
        return "a list"
    return type(raw).__name__


def _common(raw: Any) -> None:
    """Refusals shared by every kind: null, and values that are not a single JSON value."""
    if raw is None:
        raise BadValue("must not be null: leave the key out when there is no figure", "null")
    if isinstance(raw, (Mapping, list, tuple)):
        raise BadValue(f"must be a single value, got {what(raw)}")


def _count(raw: Any) -> int:
    _common(raw)
    if isinstance(raw, Number) and raw.why == "huge":
        raise BadValue(f"must be a count of at most {MAX_INT_DIGITS} digits", raw.literal[:40])
    if isinstance(raw, bool) or not isinstance(raw, int):
        hint = " (write it without quotes)" if isinstance(raw, str) else ""
        raise BadValue(f"must be a whole JSON number (a count), got {what(raw)}{hint}", shown(raw))
    if abs(raw) >= 10**MAX_INT_DIGITS:  # a mapping built in Python skips parse_facts_json's bound
        raise BadValue(f"must be a count of at most {MAX_INT_DIGITS} digits")
    return raw


_PLAIN_DECIMAL = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


def _amount(raw: Any) -> Decimal:
    _common(raw)
    if isinstance(raw, (Number, int, float)) and not isinstance(raw, bool):
        # A JSON number may lose digits in other tools (and 0.10 would become 0.1):
        # money is written as a string, exactly as precise as printed.
        literal = shown(raw) or ""
        example = literal if _PLAIN_DECIMAL.fullmatch(literal) and len(literal) <= 30 else "0.01"
        raise BadValue(f'must be a decimal string in quotes, such as "{example}", got {what(raw)}', literal[:40])
    if not isinstance(raw, str):
        raise BadValue(f"must be a decimal string, got {what(raw)}", shown(raw))
    if len(raw) > MAX_DECIMAL_CHARS or not _PLAIN_DECIMAL.fullmatch(raw):
        raise BadValue("must be a plain decimal: digits, an optional leading '-' and '.', "
                       "no commas, spaces, exponent or currency", raw)
    return Decimal(raw)


def _text_of(raw: Any) -> str:
    _common(raw)
    if not isinstance(raw, str):
        raise BadValue(f"must be a string, got {what(raw)}", shown(raw))
    for char in raw:
        # XML 1.0 cannot carry these; white space is folded below.
        if char not in "\t\n\r" and (unicodedata.category(char) in ("Cc", "Cs") or char in "\ufffe\uffff"):
            raise BadValue(f"holds a character XML cannot carry (U+{ord(char):04X})", raw)
    return raw


def _text(raw: Any) -> str:
    folded = " ".join(_text_of(raw).split())
    if not folded:
        raise BadValue("must not be empty: leave the key out when there is no text", raw)
    return folded


def _version(raw: Any) -> str:
    return _text_of(raw)  # kept as given, as facts_of writes it


_CURRENCY = re.compile(r"[A-Z]{3}")


def _currency(raw: Any) -> str:
    if not _CURRENCY.fullmatch(_text_of(raw)):
        raise BadValue("must be an ISO 4217 currency code: three capital letters such as HKD, USD, CNY", raw)
    return raw


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _day(raw: Any) -> dt.date:
    if not _ISO_DATE.fullmatch(_text_of(raw)):
        raise BadValue("must be a date written YYYY-MM-DD", raw)
    try:
        return dt.date.fromisoformat(raw)
    except ValueError as err:
        raise BadValue(f"must be a real date ({err})", raw) from err


def _flag(raw: Any) -> bool:
    _common(raw)
    if not isinstance(raw, bool):
        raise BadValue(f"must be true or false, got {what(raw)}", shown(raw))
    return raw


def _choice(enum: type[Enum]) -> Kind:
    allowed = tuple(member.value for member in enum)

    def convert(raw: Any) -> Any:
        if _text_of(raw) not in allowed:
            raise BadValue(f"must be one of {', '.join(allowed)}", raw)
        return enum(raw)

    return Kind("choice", convert, None, "xbrli:tokenItemType", allowed)


COUNT = Kind("count", _count, Count, "xbrli:sharesItemType")
"""A number of shares, options or units: a JSON integer (``0`` for Nil)."""
MONEY = Kind("money", _amount, Amount, "xbrli:monetaryItemType")
"""Money (capital, nominal value, funds raised): a quoted plain decimal, as precise as printed."""
PRICE = Kind("money", _amount, Amount, "num:perShareItemType")
"""Money per share (par value, exercise, subscription, conversion or issue price): as ``MONEY``."""
TEXT = Kind("text", _text, Text, "xbrli:stringItemType")
"""Text as printed, white space folded."""
VERSION = Kind("text", _version, None, "xbrli:stringItemType")
"""The form version: text kept as given."""
CURRENCY = Kind("currency", _currency, Currency, "xbrli:tokenItemType")
"""An ISO 4217 currency code."""
DAY = Kind("date", _day, Day, "xbrli:dateItemType")
"""A date written YYYY-MM-DD."""
FLAG = Kind("flag", _flag, Flag, "xbrli:booleanItemType")
"""true or false."""
CATEGORY, MOVEMENT, FAMILY, LANGUAGE = _choice(Category), _choice(MovementType), _choice(Family), _choice(Language)
