"""Small helpers shared by the rules: presence, money tolerance, class matching, wording."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Protocol, TypeVar, overload

from return_xml.model import ShareClass
from return_xml.model.values import Reading
from return_xml.rules.catalogue import RULES
from return_xml.rules.findings import Finding


def value(leaf: Reading | None) -> Any:
    """The value of a leaf; ``None`` when the box does not exist, is blank or N/A.

    ``Any``: each kind of leaf has its own type of value (int, Decimal, date, str, bool).
    """
    return None if leaf is None else getattr(leaf, "value")


def present(*leaves: Reading | None) -> bool:
    """True when every leaf gives a figure (absent values are never taken as 0)."""
    return all(value(leaf) is not None for leaf in leaves)


_A = TypeVar("_A", covariant=True)
_B = TypeVar("_B")
_C = TypeVar("_C")
_D = TypeVar("_D")
_E = TypeVar("_E")
_F = TypeVar("_F")


class Leaf(Protocol[_A]):
    """A value of the model with a ``value`` of type ``_A`` (Count: int, Amount: Decimal, Day: date ...)."""

    @property
    def value(self) -> _A | None: ...


# Why overloads: the rules need every figure of a check at once, each with its own type, and mypy
# can narrow a tuple of values (never several arguments of one ``present()`` call).
@overload
def figures(a: Leaf[_B] | None, /) -> tuple[_B] | None: ...
@overload
def figures(a: Leaf[_B] | None, b: Leaf[_C] | None, /) -> tuple[_B, _C] | None: ...
@overload
def figures(a: Leaf[_B] | None, b: Leaf[_C] | None, c: Leaf[_D] | None, /) -> tuple[_B, _C, _D] | None: ...
@overload
def figures(a: Leaf[_B] | None, b: Leaf[_C] | None, c: Leaf[_D] | None, d: Leaf[_E] | None, /
            ) -> tuple[_B, _C, _D, _E] | None: ...
@overload
def figures(a: Leaf[_B] | None, b: Leaf[_C] | None, c: Leaf[_D] | None, d: Leaf[_E] | None,
            e: Leaf[_F] | None, f: Leaf[Any] | None, /) -> tuple[_B, _C, _D, _E, _F, Any] | None: ...
def figures(*leaves: Any) -> tuple[Any, ...] | None:
    """The values of ``leaves`` when every one gives a figure, else ``None`` (absent is never 0)."""
    values = tuple(value(leaf) for leaf in leaves)
    return None if any(v is None for v in values) else values


def half_unit(amount: Decimal) -> Decimal:
    """Half a unit of the last printed digit: 0.5 for ``300000000``, 0.005 for ``0.01``."""
    exponent = amount.as_tuple().exponent
    return Decimal(5).scaleb(int(exponent) - 1) if isinstance(exponent, int) else Decimal(0)


def money_differs(code: str, expected: Decimal, printed: Decimal) -> bool:
    """True when ``printed`` is further from ``expected`` than the rule's money tolerance allows."""
    tolerance = RULES[code].tolerance or Decimal(0)
    return abs(expected - printed) > max(tolerance, half_unit(printed))


def folded(leaf: Reading | None) -> str | None:
    text = value(leaf)
    if not isinstance(text, str):
        return None
    return " ".join(text.split()) or None


def same_class(a: ShareClass, b: ShareClass) -> bool:
    """Whether two class descriptions can be the same class: nothing they both give differs.

    Totals print only the category or the class text ('Ordinary shares'), so a
    total line matches every item of that category and class text.
    """
    if a.category is not None and b.category is not None and a.category != b.category:
        return False
    name_a, name_b = folded(a.class_name), folded(b.class_name)
    return name_a is None or name_b is None or name_a == name_b


def show(number: object) -> str:
    """A figure as a reader would print it: ``114,556,865``, ``1,145,568.65``."""
    if isinstance(number, Decimal):
        return f"{number:,f}"
    if isinstance(number, int):
        return f"{number:,}"
    return str(number)


def finding(code: str, message: str, path: str | None, leaf: Reading | None) -> Finding:
    """A finding of rule ``code`` at the value ``leaf`` (its severity from the catalogue); ``path`` None: no one value."""
    return Finding.at(code, RULES[code].severity, message, path, leaf)
