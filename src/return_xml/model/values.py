"""Values read from a return: the parsed value, the printed token and where it stood.

Every figure on a monthly return can be a number, ``Nil``, ``N/A``, a dash or
blank, and these mean different things (``Nil`` is zero; ``N/A`` and blank are
"no figure").  A value object therefore keeps three things:

- ``value``: the parsed value (``None`` when the form gives no figure);
- ``printed``: the token exactly as printed (``"(1,500,000)"``, ``"Nil"``,
  ``"N/A"``, ``""`` for a blank cell that was read, ``None`` when the value
  did not come from a printed page);
- ``source``: the page and box it was read from, when read from a PDF.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

Box = tuple[float, float, float, float]
"""A region of a page in PDF points: (x0, top, x1, bottom), top-left origin."""


@dataclass(frozen=True)
class Source:
    """Where a value was printed: 1-based page number and box on that page.

    ``confidence`` is set for a value read by OCR from a scanned page: the
    lowest recognition confidence (0-100) of the characters in its box.
    """

    page: int
    box: Box | None = None
    confidence: int | None = None

    def __post_init__(self) -> None:
        # Boxes are kept to 1/100 point: enough to find a value again, and what
        # the XML carries, so a model read back from XML equals the one written.
        if self.box is not None:
            object.__setattr__(self, "box", tuple(round(float(v), 2) for v in self.box))


@dataclass(frozen=True)
class Reading:
    """Base of every value read from a return (see the module docstring)."""

    printed: str | None = field(default=None, kw_only=True)
    source: Source | None = field(default=None, kw_only=True)

    @property
    def is_present(self) -> bool:
        """True when the form gives a figure (``Nil`` counts, ``N/A`` and blank do not)."""
        return getattr(self, "value", None) is not None


@dataclass(frozen=True)
class Count(Reading):
    """A number of shares, options or units (``int``; negative for decreases)."""

    value: int | None


@dataclass(frozen=True)
class Amount(Reading):
    """Money, a price, a par value or a nominal value, as precise as printed."""

    value: Decimal | None


@dataclass(frozen=True)
class Text(Reading):
    """Free text or a code as printed, white space folded."""

    value: str | None


@dataclass(frozen=True)
class Currency(Reading):
    """An ISO 4217 currency code (``HKD``, ``CNY`` for RMB ...)."""

    value: str | None


@dataclass(frozen=True)
class Day(Reading):
    """A calendar date."""

    value: dt.date | None


@dataclass(frozen=True)
class Flag(Reading):
    """A yes/no answer or a ticked box."""

    value: bool | None


LEAF_TYPES: tuple[type[Reading], ...] = (Count, Amount, Text, Currency, Day, Flag)
