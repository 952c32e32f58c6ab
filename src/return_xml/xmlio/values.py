"""Spelling of leaf values and attributes in XML, both ways."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import Enum

from return_xml.model.values import Amount, Count, Currency, Day, Flag, Reading, Text


def format_value(leaf: Reading) -> str | None:
    """The element text of a leaf value; ``None`` when the form gives no figure."""
    value = getattr(leaf, "value")
    if value is None:
        return None
    if isinstance(leaf, Flag):
        return "true" if value else "false"
    if isinstance(leaf, Amount):
        # 'f' keeps exactly the printed precision of a Decimal built from text.
        return format(value, "f")
    if isinstance(leaf, Day):
        return value.isoformat()
    return str(value)


def parse_value(leaf_type: type[Reading], text: str | None) -> object:
    if text is None or text == "":
        return None
    if leaf_type in (Text, Currency):
        return text  # kept exactly: white space inside text is the filer's
    text = text.strip()  # xs:integer, xs:decimal, xs:date and xs:boolean collapse white space
    if not text:
        return None
    if leaf_type is Count:
        return int(text)
    if leaf_type is Amount:
        return Decimal(text)
    if leaf_type is Day:
        return dt.date.fromisoformat(text)
    if leaf_type is Flag:
        return text.strip() in ("true", "1")
    if leaf_type in (Text, Currency):
        return text
    raise TypeError(f"not a leaf type: {leaf_type!r}")


def format_scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return str(value.value)
    return str(value)


def parse_scalar(kind: type, text: str) -> object:
    if kind is bool:
        return text.strip() in ("true", "1")
    if kind is int:
        return int(text)
    return kind(text)  # str or a StrEnum


def format_box(box: tuple[float, float, float, float]) -> str:
    return " ".join(f"{v:.2f}" for v in box)


def parse_box(text: str) -> tuple[float, float, float, float]:
    x0, top, x1, bottom = (float(part) for part in text.split())
    return (x0, top, x1, bottom)
