"""Printed text of model values: the token as printed when the model has it, else the value formatted.

The readers turn these strings back into the same values: counts with
thousands separators, amounts exactly as the Decimal holds them, dates as the
form prints them in the return's language, yes/no in the form's words.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from return_xml.model import Language
from return_xml.model.values import Amount, Count, Currency, Day, Flag, Reading, Text

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def fold(text: str) -> str:
    return " ".join(text.split())


def count(value: Count | None) -> str:
    if value is None:
        return ""
    if value.printed is not None:
        return value.printed
    return "" if value.value is None else f"{value.value:,}"


def decimal(value: Decimal) -> str:
    """``Decimal('1234.50')`` -> ``1,234.50``: exact, with thousands separators."""
    return format(value, ",f")


def amount(value: Amount | None) -> str:
    if value is None:
        return ""
    if value.printed is not None:
        return value.printed
    return "" if value.value is None else decimal(value.value)


def currency(value: Currency | None) -> str:
    if value is None:
        return ""
    if value.printed:
        return value.printed
    # A currency printed nowhere (blank token) but known, e.g. from a column heading's "(HK$)": print its code.
    return value.value or ""


def money(code: Currency | None, figure: Amount | None) -> str:
    """A currency and a figure printed in one cell (``HKD 0.01``)."""
    return " ".join(part for part in (currency(code), amount(figure)) if part)


def date(value: dt.date, language: Language) -> str:
    if language is Language.ZH:
        return f"{value.year}年{value.month}月{value.day}日"
    return f"{value.day:02d} {_MONTHS[value.month - 1]} {value.year}"


def day(value: Day | None, language: Language) -> str:
    """A date as printed, else formatted; a box that held words but no date prints blank.

    The legacy template let filers write words in a date box ("Placing under
    General Mandate"); an FF301 date box holds a date or nothing, and its
    reader refuses words there.
    """
    if value is None:
        return ""
    if value.value is None:
        return ""
    if value.printed is not None:
        return value.printed
    return date(value.value, language)


def text(value: Text | None) -> str:
    """A text as printed (line breaks kept) when its printed form folds to its value, else the value."""
    if value is None:
        return ""
    if value.printed is not None and (value.value is None or fold(value.printed) == value.value):
        return value.printed
    return value.value or ""


def flag(value: Flag | None, language: Language) -> str:
    if value is None:
        return ""
    if value.printed is not None:
        return value.printed
    if value.value is None:
        return ""
    yes, no = ("是", "否") if language is Language.ZH else ("Yes", "No")
    return yes if value.value else no


def present(value: Reading | None) -> bool:
    return value is not None and getattr(value, "value") is not None
