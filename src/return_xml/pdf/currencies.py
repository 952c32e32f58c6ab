"""The one table of currencies: how a return prints each, and the ISO 4217 code the model holds.

A currency may be printed as a code (``HKD``), a symbol (``HK$``) or a word
(``港元``).  ``pdf/values.py`` and the form readers take every list of printed
currencies from here, so that a currency added here is known everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Printed form -> ISO 4217 code.
CURRENCIES: dict[str, str] = {
    "HKD": "HKD", "HK$": "HKD", "HK": "HKD", "港元": "HKD", "港幣": "HKD",
    "USD": "USD", "US$": "USD", "美元": "USD",
    "RMB": "CNY", "CNY": "CNY", "人民幣": "CNY",
    "JPY": "JPY", "日圓": "JPY", "SGD": "SGD", "S$": "SGD", "EUR": "EUR", "GBP": "GBP", "£": "GBP",
    "AUD": "AUD", "A$": "AUD", "CAD": "CAD", "C$": "CAD", "加元": "CAD", "MOP": "MOP", "TWD": "TWD",
}
# The ISO codes themselves (three capital letters), printed as they are by some issuers (``CAD0.35``, ``(CAD)``).
_CODES: tuple[str, ...] = tuple(form for form in CURRENCIES if len(form) == 3 and form.isascii() and form.isalpha() and form.isupper())

# The codes and symbols a figure is printed with in front of it, often glued
# to it (``HK$0.10``, ``RMB1``): the readers split them off the figure.
FIGURE_PREFIXES: tuple[str, ...] = ("HK$", "US$", "S$", "C$", "A$") + _CODES

# The Chinese words for a currency, printed before or after a figure (``港元 100``, ``100 港元``).
CHINESE_WORDS: tuple[str, ...] = ("港幣", "港元", "人民幣", "美元", "加元")


# The currencies a legacy return's column headings name in brackets, as each
# edition of its template prints them: ``(HK$)`` in English, ``（港元）`` in
# Chinese (the labels add the template's own blank, "State currency").
BRACKETED_ENGLISH: tuple[str, ...] = ("HK$", "US$", "S$", "C$", "A$") + _CODES
BRACKETED_CHINESE: tuple[str, ...] = ("港元", "美元", "人民幣", "加元")
# The currencies in brackets the legacy reader looks for near the funds-raised
# label (III A) when that label carries no hint of its edition's own.
BRACKETED_NEAR_FUNDS: tuple[str, ...] = ("HK$", "港元", "US$", "人民幣", "美元", "加元", "S$", "C$", "A$") + _CODES


def alternation(forms: Iterable[str]) -> str:
    """A regular-expression alternation of printed forms, escaped, the longest first.

    Longest first: an alternation takes the first form that matches, and a
    form must not be cut short by another that begins it (``HK`` in ``HK$``).
    """
    return "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True))


def of(code: str, forms: Iterable[str]) -> tuple[str, ...]:
    """The printed ``forms`` of the currency with ISO code ``code``."""
    return tuple(form for form in forms if CURRENCIES.get(form) == code)
