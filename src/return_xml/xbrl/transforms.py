"""Which Inline XBRL transformation reads a printed value back to its fact, and which part of the text it reads.

The Inline XBRL page (``inline.py``) tags the text a person reads.  A tag holds
only the part that the transformation reads (``1,500,000`` of ``(1,500,000)``,
``03/11/2003`` of ``(03/11/2003)``); what is around it stays outside the tag,
and a negative number is tagged with ``sign="-"``.  Each function here checks
that the transformation, applied to the tagged part, gives exactly the fact's
value, and returns ``None`` when it does not: that fact is then written in the
page's hidden section instead (its value is never guessed from the text).

The patterns are those of the Inline XBRL Transformation Registry 4
(``http://www.xbrl.org/inlineXBRL/transformation/2020-02-12``), narrowed to the
forms a monthly return prints:

- ``ixt:num-dot-decimal``: ``1,234,567``, ``0.01``, ``607,500.00``;
- ``ixt:fixed-zero``: a zero printed without digits (``Nil``, ``--``, ``-``:
  facts.md reads them as 0 in a movement column);
- ``ixt:date-day-monthname-year-en`` (``05 January 2026``),
  ``ixt:date-year-month-day`` (``2026年1月5日``, ``2026-01-05``),
  ``ixt:date-day-month-year`` (``03/11/2003``);
- ``ixt:fixed-true`` / ``ixt:fixed-false``: a yes/no answer in any wording.

The way back (``inline_reader.py``) is ``READERS``: each format's inverse, from
the tagged text to the fact's lexical value (``value_of``), next to its
forward function here so that one module holds both directions.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

IXT = "http://www.xbrl.org/inlineXBRL/transformation/2020-02-12"


@dataclass(frozen=True)
class Tagging:
    """How a printed text is tagged: ``before`` + tagged ``inner`` + ``after``, read with ``format``."""

    format: str | None
    before: str
    inner: str
    after: str
    negative: bool = False


# A number as TR4's num-dot-decimal reads it: thousands separated by commas, a dot before the decimals.
_NUMBER = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?")

_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December")
_MONTH = {name.lower(): n for n, name in enumerate(_MONTH_NAMES, start=1)} | {
    name[:3].lower(): n for n, name in enumerate(_MONTH_NAMES, start=1)}
# TR4 accepts each month name as "January", "Jan", "JAN" or "JANUARY".
_MONTH_ALTERNATIVES = "|".join(sorted({form for name in _MONTH_NAMES for form in (name, name[:3], name.upper(),
                                                                                   name[:3].upper())},
                                      key=len, reverse=True))

# (format, pattern, which groups are day, month, year): a pattern is searched in the text, and must match what the
# registry's own pattern matches (its separators: any non-digits; a CJK date may end in 日).
_DATES: tuple[tuple[str, re.Pattern[str], tuple[int, int, int]], ...] = (
    ("ixt:date-day-monthname-year-en", re.compile(rf"([0-9]{{1,2}})[^0-9]+?({_MONTH_ALTERNATIVES})[^0-9]+([0-9]{{4}})"),
     (1, 2, 3)),
    ("ixt:date-year-month-day", re.compile(r"([0-9]{4})[^0-9]+([0-9]{1,2})[^0-9]+([0-9]{1,2})日?"), (3, 2, 1)),
    ("ixt:date-day-month-year", re.compile(r"([0-9]{1,2})[^0-9]+([0-9]{1,2})[^0-9]+([0-9]{4})"), (1, 2, 3)),
)


def _has_digit(text: str) -> bool:
    return any(c.isdigit() for c in text)


def number(text: str, value: object) -> Tagging | None:
    """The tagging of a count or amount printed as ``text`` whose fact is ``value`` (an int or decimal string)."""
    try:
        target = Decimal(str(value))
    except InvalidOperation:
        return None
    found = list(_NUMBER.finditer(text))
    if not found:
        # Nil, --, -: a zero printed in words or dashes (facts.md); any text reads as 0 with fixed-zero.
        return Tagging("ixt:fixed-zero", "", text, "") if target == 0 and text.strip() else None
    if len(found) != 1:
        return None
    match = found[0]
    if Decimal(match.group().replace(",", "")) != abs(target):
        return None
    return Tagging("ixt:num-dot-decimal", text[: match.start()], match.group(), text[match.end():], target < 0)


def date(text: str, value: object) -> Tagging | None:
    """The tagging of a date printed as ``text`` whose fact is ``value`` (ISO ``YYYY-MM-DD``)."""
    try:
        target = dt.date.fromisoformat(str(value))
    except ValueError:
        return None
    for format_, pattern, (day, month, year) in _DATES:
        match = pattern.search(text)
        if match is None or _has_digit(text[: match.start()]) or _has_digit(text[match.end():]):
            continue
        month_text = match.group(month)
        month_number = _MONTH.get(month_text.lower()) if not month_text.isdigit() else int(month_text)
        try:
            printed = dt.date(int(match.group(year)), month_number or 0, int(match.group(day)))
        except ValueError:
            continue
        if printed == target:
            return Tagging(format_, text[: match.start()], match.group(), text[match.end():])
    return None


def flag(text: str, value: object) -> Tagging | None:
    """The tagging of a yes/no answer printed in any wording (``Yes``, ``是``, ``has been complied with``)."""
    if not text.strip() or not isinstance(value, bool):
        return None
    return Tagging("ixt:fixed-true" if value else "ixt:fixed-false", "", text, "")


def text(printed: str, value: object) -> Tagging | None:
    """The tagging of a text fact: the printed text is the value, but for white space around it."""
    inner = printed.strip()
    if not inner or inner != str(value):
        return None
    start = printed.index(inner)
    return Tagging(None, printed[:start], inner, printed[start + len(inner):])


# The way back: each format's inverse, from the tagged text to the fact's XBRL lexical value.


def read_number(tagged: str) -> str:
    """``ixt:num-dot-decimal``: ``1,234,567.50`` -> ``1234567.50`` (the sign is the tag's ``sign``)."""
    if _NUMBER.fullmatch(tagged.strip()) is None:
        raise ValueError(f"{tagged!r} is not a number with comma thousands and a decimal dot")
    return tagged.strip().replace(",", "")


def read_zero(tagged: str) -> str:
    """``ixt:fixed-zero``: any text is 0."""
    return "0"


def read_date(format_: str) -> Callable[[str], str]:
    """The inverse of a date format of ``_DATES``: the tagged date -> ``YYYY-MM-DD``."""
    _, pattern, (day, month, year) = next(entry for entry in _DATES if entry[0] == format_)

    def read(tagged: str) -> str:
        match = pattern.fullmatch(tagged.strip())
        if match is None:
            raise ValueError(f"{tagged!r} is not a date that {format_} reads")
        month_text = match.group(month)
        month_number = int(month_text) if month_text.isdigit() else _MONTH.get(month_text.lower(), 0)
        return dt.date(int(match.group(year)), month_number, int(match.group(day))).isoformat()

    return read


READERS: dict[str, Callable[[str], str]] = {
    "ixt:num-dot-decimal": read_number,
    "ixt:fixed-zero": read_zero,
    "ixt:fixed-true": lambda tagged: "true",
    "ixt:fixed-false": lambda tagged: "false",
    **{format_: read_date(format_) for format_, _, _ in _DATES},
}


def value_of(format_: str | None, tagged: str) -> str:
    """The lexical value of a fact tagged around ``tagged`` with ``format_`` (``None``: the text itself).

    ``KeyError`` for a format not in ``READERS``; ``ValueError`` for a text the format does not read.
    """
    return tagged if format_ is None else READERS[format_](tagged)
