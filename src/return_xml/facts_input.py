"""Structured input: a facts-view JSON object -> a ``MonthlyReturn`` (the inverse of ``facts.facts_of``).

A return written as data (by hand, or exported from a spreadsheet) uses the
same flat ``{"path": value}`` vocabulary as the facts view
(../shared/spec/facts.md, docs/structured-input.md).  ``from_facts`` checks
the whole object first and raises one ``FactsError`` that lists every problem
by path (missing required facts, unknown paths, values of the wrong JSON type,
bad dates and decimals, gaps in list indexes); only a clean object becomes a
model.  For every object it accepts, ``facts_of(from_facts(f)) == f``, up to
white space folded in text and leading zeros dropped from decimals.

Absence is kept as the facts view states it: a fact left out is no figure (the
model field is ``None``, so the XML has no element for it), ``0`` is Nil.
Values carry no provenance: ``printed`` and ``source`` are ``None``.

The input is untrusted: the document is size-bounded, numbers are never
turned into ``float`` (money must be a quoted decimal string), integers are
bounded in digits before Python converts them, and duplicate keys are refused.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from return_xml.errors import FactsError, FieldError, InputError
from return_xml.model import (
    Amount,
    ArrangementItem,
    AuthorisedBalance,
    AuthorisedClass,
    Category,
    ConvertibleItem,
    Count,
    Counter,
    Currency,
    Day,
    Family,
    Flag,
    FormInfo,
    FundsRaised,
    Header,
    IssuedBalance,
    IssuedClass,
    Language,
    MonthlyReturn,
    MovementType,
    OptionItem,
    OtherMovement,
    PublicFloat,
    SectionTotal,
    ShareClass,
    Signatory,
    Text,
    WarrantItem,
)

MAX_JSON_BYTES = 5 * 1024 * 1024
"""Largest facts JSON document accepted (a real return's facts are a few kilobytes)."""
MAX_INT_DIGITS = 30
"""Longest JSON integer accepted, checked before Python converts it (counts of shares need 13)."""
MAX_DECIMAL_CHARS = 60
"""Longest decimal string accepted for money."""
MAX_INDEX = 9999
"""Largest list index accepted in a path."""
MAX_PROBLEMS = 200
"""Problems listed in one error; more are counted, not listed (a hostile document stays cheap)."""

REQUIRED = ("form.family", "form.language", "issuer.name", "period.end")
"""Facts every return must give (docs/structured-input.md says why)."""


# --- JSON reading ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Number:
    """A JSON number that is not a plain bounded integer, kept as written (never made a float)."""

    literal: str
    why: str  # "fraction", "huge" or "constant"


class _Object(dict):
    """A JSON object that remembers the keys it saw twice."""

    duplicates: tuple[str, ...] = ()


def _object(pairs: list[tuple[str, Any]]) -> _Object:
    result = _Object()
    seen_twice = []
    for key, value in pairs:
        if key in result:
            seen_twice.append(key)
        result[key] = value
    result.duplicates = tuple(seen_twice)
    return result


def _integer(literal: str) -> int | _Number:
    # Python's int() refuses more than 4300 digits with a ValueError that would
    # escape json.loads without a path; counting first reports it by path.
    if len(literal.lstrip("-")) > MAX_INT_DIGITS:
        return _Number(literal, "huge")
    return int(literal)


def parse_facts_json(data: bytes, *, file: str | Path | None = None) -> dict[str, Any]:
    """Parse the bytes of a facts JSON document into a dict (values still unchecked).

    Refuses (``InputError``) documents above ``MAX_JSON_BYTES``, text that is
    not UTF-8, JSON syntax errors and a top level that is not one object.
    Numbers with a fraction, huge integers and ``NaN``/``Infinity`` are kept
    as written, for ``from_facts`` to report by path.
    """
    if len(data) > MAX_JSON_BYTES:
        raise InputError(f"facts JSON too large (more than {MAX_JSON_BYTES} bytes)", file=file)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(f"facts JSON is not UTF-8 text (byte {err.start})", file=file) from err
    try:
        document = json.loads(
            text,
            object_pairs_hook=_object,
            parse_int=_integer,
            parse_float=lambda literal: _Number(literal, "fraction"),
            parse_constant=lambda literal: _Number(literal, "constant"),
        )
    except json.JSONDecodeError as err:
        raise InputError(f"not valid JSON: {err.msg} at line {err.lineno} column {err.colno}", file=file) from err
    except RecursionError as err:
        raise InputError("not a facts JSON object: nested too deeply", file=file) from err
    if not isinstance(document, dict):
        raise InputError('a facts JSON document is one JSON object {"path": value, ...}', file=file,
                         text=text.strip()[:40])
    return document


def read_facts(path: str | Path) -> MonthlyReturn:
    """Read a return written as a facts JSON document (see ``from_facts``)."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_JSON_BYTES + 1)
    except OSError as err:
        raise InputError(f"cannot read file: {err.strerror}", file=path) from err
    return from_facts(parse_facts_json(data, file=path), file=path)


# --- value kinds -------------------------------------------------------------------------------


class _Bad(Exception):
    """One value that cannot be used: the reason, and the text to show."""

    def __init__(self, reason: str, text: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.text = text


def _shown(raw: Any) -> str | None:
    if isinstance(raw, _Number):
        return raw.literal
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if raw is None:
        return "null"
    if isinstance(raw, (str, int)):
        return str(raw)
    return None


def _what(raw: Any) -> str:
    """What a raw JSON value is, for messages."""
    if raw is None:
        return "null"
    if isinstance(raw, bool):
        return "true/false"
    if isinstance(raw, int):
        return "a whole number"
    if isinstance(raw, _Number):
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
        raise _Bad("must not be null: leave the key out when there is no figure", "null")
    if isinstance(raw, (Mapping, list, tuple)):
        raise _Bad(f"must be a single value, got {_what(raw)}")


def _count(raw: Any) -> int:
    _common(raw)
    if isinstance(raw, _Number) and raw.why == "huge":
        raise _Bad(f"must be a count of at most {MAX_INT_DIGITS} digits", raw.literal[:40])
    if isinstance(raw, bool) or not isinstance(raw, int):
        hint = " (write it without quotes)" if isinstance(raw, str) else ""
        raise _Bad(f"must be a whole JSON number (a count), got {_what(raw)}{hint}", _shown(raw))
    if abs(raw) >= 10**MAX_INT_DIGITS:  # a mapping built in Python skips parse_facts_json's bound
        raise _Bad(f"must be a count of at most {MAX_INT_DIGITS} digits")
    return raw


_PLAIN_DECIMAL = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


def _amount(raw: Any) -> Decimal:
    _common(raw)
    if isinstance(raw, (_Number, int, float)) and not isinstance(raw, bool):
        # A JSON number may lose digits in other tools (and 0.10 would become 0.1):
        # money is written as a string, exactly as precise as printed.
        literal = _shown(raw) or ""
        example = literal if _PLAIN_DECIMAL.fullmatch(literal) and len(literal) <= 30 else "0.01"
        raise _Bad(f'must be a decimal string in quotes, such as "{example}", got {_what(raw)}', literal[:40])
    if not isinstance(raw, str):
        raise _Bad(f"must be a decimal string, got {_what(raw)}", _shown(raw))
    if len(raw) > MAX_DECIMAL_CHARS or not _PLAIN_DECIMAL.fullmatch(raw):
        raise _Bad("must be a plain decimal: digits, an optional leading '-' and '.', "
                   "no commas, spaces, exponent or currency", raw)
    return Decimal(raw)


def _text_of(raw: Any) -> str:
    _common(raw)
    if not isinstance(raw, str):
        raise _Bad(f"must be a string, got {_what(raw)}", _shown(raw))
    for char in raw:
        # XML 1.0 cannot carry these; white space is folded below.
        if char not in "\t\n\r" and (unicodedata.category(char) in ("Cc", "Cs") or char in "\ufffe\uffff"):
            raise _Bad(f"holds a character XML cannot carry (U+{ord(char):04X})", raw)
    return raw


def _text(raw: Any) -> str:
    folded = " ".join(_text_of(raw).split())
    if not folded:
        raise _Bad("must not be empty: leave the key out when there is no text", raw)
    return folded


def _version(raw: Any) -> str:
    return _text_of(raw)  # kept as given, as facts_of writes it


_CURRENCY = re.compile(r"[A-Z]{3}")


def _currency(raw: Any) -> str:
    if not _CURRENCY.fullmatch(_text_of(raw)):
        raise _Bad("must be an ISO 4217 currency code: three capital letters such as HKD, USD, CNY", raw)
    return raw


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _day(raw: Any) -> dt.date:
    if not _ISO_DATE.fullmatch(_text_of(raw)):
        raise _Bad("must be a date written YYYY-MM-DD", raw)
    try:
        return dt.date.fromisoformat(raw)
    except ValueError as err:
        raise _Bad(f"must be a real date ({err})", raw) from err


def _flag(raw: Any) -> bool:
    _common(raw)
    if not isinstance(raw, bool):
        raise _Bad(f"must be true or false, got {_what(raw)}", _shown(raw))
    return raw


def _choice(enum: type) -> Callable[[Any], Any]:
    allowed = [member.value for member in enum]

    def convert(raw: Any) -> Any:
        if _text_of(raw) not in allowed:
            raise _Bad(f"must be one of {', '.join(allowed)}", raw)
        return enum(raw)

    return convert


COUNT, AMOUNT, TEXT, CURRENCY, DAY, FLAG, VERSION = _count, _amount, _text, _currency, _day, _flag, _version
CATEGORY, MOVEMENT, FAMILY, LANGUAGE = _choice(Category), _choice(MovementType), _choice(Family), _choice(Language)


# --- the vocabulary (the paths facts.facts_of writes) ----------------------------------------

_SCALARS: dict[str, Callable[[Any], Any]] = {
    "form.family": FAMILY, "form.version": VERSION, "form.language": LANGUAGE,
    "issuer.name": TEXT, "period.end": DAY, "submission.date": DAY, "submission.status": TEXT,
    "remarks": TEXT, "signatory.name": TEXT, "signatory.title": TEXT,
}
_CLASS = {"category": CATEGORY, "class": TEXT, "share_type": TEXT, "listed": FLAG, "stock_code": TEXT,
          "description": TEXT}
_ISSUE_COLUMNS = {"shares_issued": COUNT, "shares_issuable": COUNT, "treasury_transferred": COUNT,
                  "treasury_transferable": COUNT}
_TOTAL = {"category": CATEGORY, "class": TEXT, "issued": COUNT, "treasury": COUNT}
_FUNDS = {"currency": CURRENCY, "amount": AMOUNT}
_COUNTER = {"stock_code": TEXT, "description": TEXT}

_LISTS: dict[str, dict[str, Callable[[Any], Any]]] = {
    "authorised": {
        **_CLASS, "currency": CURRENCY, "remarks": TEXT,
        "preceding.shares": COUNT, "preceding.par_value": AMOUNT, "preceding.capital": AMOUNT,
        "movement.shares": COUNT, "movement.capital": AMOUNT,
        "close.shares": COUNT, "close.par_value": AMOUNT, "close.capital": AMOUNT,
    },
    "authorised_total": _FUNDS,
    "issued": {
        **_CLASS, "remarks": TEXT, "public_float.complied": FLAG, "public_float.threshold": TEXT,
        **{f"{row}.{column}": COUNT for row in ("preceding", "movement", "close") for column in ("issued", "treasury", "total")},
    },
    "options": {
        "scheme": TEXT, "category": CATEGORY, "stock_code": TEXT, "approval_date": DAY,
        "exercise_price": AMOUNT, "exercise_price_currency": CURRENCY,
        "outstanding.preceding": COUNT, "movement.granted": COUNT, "movement.exercised": COUNT,
        "movement.cancelled": COUNT, "movement.lapsed": COUNT, "outstanding.close": COUNT,
        **_ISSUE_COLUMNS, "available_for_grant.preceding": COUNT, "available_for_grant.close": COUNT,
    },
    "options_funds": _FUNDS,
    "warrants": {
        "description": TEXT, "expiry_date": DAY, "currency": CURRENCY, "nominal.preceding": AMOUNT,
        "nominal.exercised": AMOUNT, "nominal.close": AMOUNT, "subscription_price": AMOUNT,
        "subscription_price_currency": CURRENCY, "stock_code": TEXT, "category": CATEGORY, "approval_date": DAY,
        **_ISSUE_COLUMNS,
    },
    "convertibles": {
        "description": TEXT, "type": TEXT, "currency": CURRENCY, "amount.preceding": AMOUNT,
        "amount.converted": AMOUNT, "movement": TEXT, "amount.close": AMOUNT, "conversion_price": AMOUNT,
        "conversion_price_currency": CURRENCY, "stock_code": TEXT, "category": CATEGORY, "approval_date": DAY,
        **_ISSUE_COLUMNS,
    },
    "arrangements": {"particulars": TEXT, "approval_date": DAY, "category": CATEGORY, **_ISSUE_COLUMNS},
    "other_movements": {
        "type": MOVEMENT, "description": TEXT, "category": CATEGORY, "price": AMOUNT, "currency": CURRENCY,
        "event_date": DAY, "approval_date": DAY, "shares_issued": COUNT, "treasury": COUNT, "shares_issuable": COUNT,
    },
    **{name: _TOTAL for name in ("options_total", "warrants_total", "convertibles_total", "arrangements_total",
                                 "other_movements_total", "total_increase")},
}
_NESTED = {("issued", "multi_counter"): _COUNTER}

_ITEM_PREFIX = re.compile(r"[a-z_]+\[[^\]]*\]")
_INDEX = re.compile(r"0|[1-9][0-9]{0,5}")  # ASCII digits only: str.isdigit() also takes '²'
_ITEM_KEY = re.compile(r"(?P<name>[a-z_]+)\[(?P<index>[^\]]*)\]\.(?P<rest>.+)")
_NESTED_KEY = re.compile(r"(?P<name>[a-z_]+)\[(?P<index>[^\]]*)\]\.(?P<rest>[a-z_.]+)")


def _patterns() -> dict[str, Callable[[Any], Any]]:
    """Every accepted path, indexes written ``[i]`` (``[k]`` when nested), with the check of its value."""
    patterns = dict(_SCALARS)
    for name, fields in _LISTS.items():
        patterns.update({f"{name}[i].{rest}": convert for rest, convert in fields.items()})
    for (outer, inner), fields in _NESTED.items():
        patterns.update({f"{outer}[i].{inner}[k].{rest}": convert for rest, convert in fields.items()})
    return patterns


_PATTERNS = _patterns()
_KIND_NAMES = {COUNT: "count", AMOUNT: "money", TEXT: "text", CURRENCY: "currency", DAY: "date", FLAG: "flag",
               VERSION: "text", CATEGORY: "choice", MOVEMENT: "choice", FAMILY: "choice", LANGUAGE: "choice"}
# The same paths with every index written "[]", for suggestions and value_kind().
_BY_GENERIC = {re.sub(r"\[[ik]\]", "[]", pattern): convert for pattern, convert in _PATTERNS.items()}
_GENERIC = list(_BY_GENERIC)


def vocabulary() -> list[str]:
    """Every path structured input accepts, list indexes written ``[i]`` (and ``[k]`` when nested)."""
    return list(_PATTERNS)


def value_kind(path: str) -> str | None:
    """What JSON value ``path`` takes: count, money, text, currency, date, flag or choice; None if unknown.

    For tools that turn other data (a spreadsheet's cells) into facts:
    ``issued[3].close.issued`` -> ``"count"``, ``options[0].exercise_price`` -> ``"money"``.
    """
    convert = _BY_GENERIC.get(re.sub(r"\[(0|[1-9][0-9]*)\]", "[]", path))
    return _KIND_NAMES.get(convert) if convert is not None else None


def _suggestion(key: str) -> str:
    generic = re.sub(r"\[[^\]]*\]", "[]", key)
    found = difflib.get_close_matches(generic, _GENERIC, n=1, cutoff=0.75)
    if not found:
        return ""
    indexes = iter(re.findall(r"\[[^\]]*\]", key))
    suggested = re.sub(r"\[\]", lambda _: next(indexes, "[0]"), found[0])
    return f"; did you mean {suggested!r}?"


# --- checking ----------------------------------------------------------------------------------


class _Collector:
    """Sorts the keys of a facts object into checked values, and gathers every problem."""

    def __init__(self) -> None:
        self.problems: list[FieldError] = []
        self.unlisted = 0  # problems beyond MAX_PROBLEMS, counted only
        self.items_with_problems: set[str] = set()  # "other_movements[3]" ...: where a value was refused
        self.scalars: dict[str, Any] = {}
        self.refused: set[str] = set()  # scalar paths given with a value that was refused
        # lists[name][index][rest]; nested lists under their outer item as nested[(name, i, inner)][k][rest]
        self.lists: dict[str, dict[int, dict[str, Any]]] = {}
        self.nested: dict[tuple[str, int, str], dict[int, dict[str, Any]]] = {}

    def problem(self, path: str, reason: str | Callable[[], str], text: str | None = None) -> None:
        """Record a problem; ``reason`` may be a function, called only when the problem is listed."""
        if (item := _ITEM_PREFIX.match(path)) is not None:
            self.items_with_problems.add(item[0])
        if len(self.problems) >= MAX_PROBLEMS:
            self.unlisted += 1
            return
        self.problems.append(FieldError(reason() if callable(reason) else reason, field=path, text=text))

    def unknown(self, key: str) -> None:
        # difflib is slow: the suggestion is computed only for the problems that are listed.
        self.problem(key, lambda: f"unknown path (not in the facts view){_suggestion(key)}")

    def index(self, path: str, written: str) -> int | None:
        if not _INDEX.fullmatch(written) or int(written) > MAX_INDEX:
            self.problem(path, f"list index must be a whole number from 0 to {MAX_INDEX}, without leading zeros",
                         written)
            return None
        return int(written)

    def value(self, path: str, convert: Callable[[Any], Any], raw: Any) -> tuple[bool, Any]:
        try:
            return True, convert(raw)
        except _Bad as bad:
            self.problem(path, bad.reason, bad.text)
            return False, None

    def add(self, key: Any, raw: Any) -> None:
        if not isinstance(key, str):
            self.problem(str(key), "a path must be a string")
            return
        if key in _SCALARS:
            ok, value = self.value(key, _SCALARS[key], raw)
            if ok:
                self.scalars[key] = value
            else:
                self.refused.add(key)
            return
        match = _ITEM_KEY.fullmatch(key)
        if match is None or match["name"] not in _LISTS:
            self.unknown(key)
            return
        name, rest = match["name"], match["rest"]
        nested = _NESTED_KEY.fullmatch(rest)
        inner_fields = _NESTED.get((name, nested["name"])) if nested else None
        if inner_fields is not None and nested["rest"] in inner_fields:
            convert = inner_fields[nested["rest"]]
        elif inner_fields is None and rest in _LISTS[name]:
            convert = _LISTS[name][rest]
        else:
            self.unknown(key)
            return
        index = self.index(key, match["index"])
        if index is None:
            return
        # The item exists once a key names it, even when its value is refused,
        # so a bad value is not also reported as a gap in the indexes.
        target = self.lists.setdefault(name, {}).setdefault(index, {})
        field = rest
        if inner_fields is not None:
            inner = self.index(key, nested["index"])
            if inner is None:
                return
            target = self.nested.setdefault((name, index, nested["name"]), {}).setdefault(inner, {})
            field = nested["rest"]
        ok, value = self.value(key, convert, raw)
        if ok:
            target[field] = value

    def contiguous(self) -> None:
        for name, items in self.lists.items():
            self._contiguous(name, items)
        for (name, index, inner), items in self.nested.items():
            self._contiguous(f"{name}[{index}].{inner}", items)

    def _contiguous(self, prefix: str, items: dict[int, Any]) -> None:
        missing = next(i for i in range(len(items) + 1) if i not in items)
        if missing < len(items):
            self.problem(f"{prefix}[{missing}]", f"missing list item: the indexes of {prefix} must run 0, 1, 2 ... "
                         f"without gaps (given: {', '.join(str(i) for i in sorted(items)[:10])})")

    def required(self) -> None:
        for path in REQUIRED:
            if path not in self.scalars and path not in self.refused:
                self.problem(path, "missing: every return gives it (docs/structured-input.md)")

    def items(self) -> None:
        """Item rules that keep ``facts_of(from_facts(f)) == f``: what the facts view would not list."""
        for index, item in self.lists.get("other_movements", {}).items():
            prefix = f"other_movements[{index}]"
            if prefix in self.items_with_problems:
                continue  # a figure that could not be read would make the next checks noise
            kind = item.get("type")
            if kind is None:
                self.problem(f"{prefix}.type", "missing: every other movement gives its type")
                continue
            if "description" in item and kind is not MovementType.OTHER:
                self.problem(f"{prefix}.description", f"only a movement of type 'other' has a description "
                             f"(this one is {kind.value!r})")
            figures = [item.get(n) for n in ("shares_issued", "treasury", "shares_issuable")]
            dated = any(n in item for n in ("price", "event_date", "approval_date"))
            if not dated and not any(f not in (None, 0) for f in figures):
                self.problem(prefix, "an other movement is listed only when it gives a figure other than 0, "
                             "a price or a date")
        for name in ("options_total", "warrants_total", "convertibles_total", "arrangements_total",
                     "other_movements_total", "total_increase"):
            for index, item in self.lists.get(name, {}).items():
                if "issued" not in item and "treasury" not in item and f"{name}[{index}]" not in self.items_with_problems:
                    self.problem(f"{name}[{index}]", "a total line gives issued or treasury (or is left out)")


def check_facts(facts: Mapping[str, Any]) -> list[FieldError]:
    """Every problem of a facts object, by path; an empty list when ``from_facts`` accepts it."""
    collector = _collect(facts)
    return collector.problems


def _collect(facts: Mapping[str, Any]) -> _Collector:
    collector = _Collector()
    if not isinstance(facts, Mapping):
        collector.problems.append(FieldError(f"a facts object must be a JSON object, got {_what(facts)}"))
        return collector
    for key in getattr(facts, "duplicates", ()):
        collector.problem(key, "given twice: each path may appear once")
    for key, raw in facts.items():
        collector.add(key, raw)
    collector.contiguous()
    collector.required()
    collector.items()
    if collector.unlisted:
        collector.problems.append(FieldError(f"{collector.unlisted} more problems, not listed (the first "
                                             f"{MAX_PROBLEMS} are)"))
    return collector


# --- building the model ------------------------------------------------------------------------


def from_facts(facts: Mapping[str, Any], *, file: str | Path | None = None) -> MonthlyReturn:
    """The ``MonthlyReturn`` that a facts-view object describes.

    ``facts`` is a flat ``{"path": value}`` mapping with JSON values (as
    ``json.load`` or ``parse_facts_json`` give it).  Every problem is
    reported at once: ``FactsError`` (an ``InputError``) lists them in
    ``problems``, one ``FieldError`` per path.
    """
    collector = _collect(facts)
    if collector.problems:
        raise FactsError(collector.problems, file=file)
    return _Builder(collector).monthly_return()


def _leaf(kind: type, value: Any) -> Any:
    return None if value is None else kind(value)


class _Builder:
    def __init__(self, collector: _Collector) -> None:
        self.scalars = collector.scalars
        self.lists = collector.lists
        self.nested = collector.nested

    def items(self, name: str) -> list[dict[str, Any]]:
        items = self.lists.get(name, {})
        return [items[i] for i in range(len(items))]

    def monthly_return(self) -> MonthlyReturn:
        s = self.scalars
        signatory = None
        if "signatory.name" in s or "signatory.title" in s:
            signatory = Signatory(name=_leaf(Text, s.get("signatory.name")), title=_leaf(Text, s.get("signatory.title")))
        return MonthlyReturn(
            form=FormInfo(family=s["form.family"], version=s.get("form.version"), language=s["form.language"]),
            header=Header(
                issuer_name=_leaf(Text, s.get("issuer.name")),
                period_end=_leaf(Day, s.get("period.end")),
                submission_date=_leaf(Day, s.get("submission.date")),
                status=_leaf(Text, s.get("submission.status")),
            ),
            authorised=tuple(_authorised(item) for item in self.items("authorised")),
            authorised_total=tuple(_funds(item) for item in self.items("authorised_total")),
            issued=tuple(self.issued(i, item) for i, item in enumerate(self.items("issued"))),
            options=tuple(_option(item) for item in self.items("options")),
            options_total=self.totals("options_total"),
            options_funds=tuple(_funds(item) for item in self.items("options_funds")),
            warrants=tuple(_warrant(item) for item in self.items("warrants")),
            warrants_total=self.totals("warrants_total"),
            convertibles=tuple(_convertible(item) for item in self.items("convertibles")),
            convertibles_total=self.totals("convertibles_total"),
            arrangements=tuple(_arrangement(item) for item in self.items("arrangements")),
            arrangements_total=self.totals("arrangements_total"),
            other_movements=tuple(_movement(item) for item in self.items("other_movements")),
            other_movements_total=self.totals("other_movements_total"),
            total_increase=self.totals("total_increase"),
            remarks=_leaf(Text, s.get("remarks")),
            signatory=signatory,
        )

    def totals(self, name: str) -> tuple[SectionTotal, ...]:
        return tuple(
            SectionTotal(
                share_class=ShareClass(category=item.get("category"), class_name=_leaf(Text, item.get("class"))),
                issued=_leaf(Count, item.get("issued")),
                treasury=_leaf(Count, item.get("treasury")),
            )
            for item in self.items(name)
        )

    def issued(self, index: int, item: dict[str, Any]) -> IssuedClass:
        counters = self.nested.get(("issued", index, "multi_counter"), {})
        public_float = None
        if "public_float.complied" in item or "public_float.threshold" in item:
            public_float = PublicFloat(complied=_leaf(Flag, item.get("public_float.complied")),
                                       threshold=_leaf(Text, item.get("public_float.threshold")))
        rows = {}
        for row in ("preceding", "movement", "close"):
            if any(f"{row}.{column}" in item for column in ("issued", "treasury", "total")):
                rows[row] = IssuedBalance(
                    issued=_leaf(Count, item.get(f"{row}.issued")),
                    treasury=_leaf(Count, item.get(f"{row}.treasury")),
                    total=_leaf(Count, item.get(f"{row}.total")),
                )
        return IssuedClass(
            share_class=_full_class(item),
            multi_counter=tuple(
                Counter(stock_code=_leaf(Text, c.get("stock_code")), description=_leaf(Text, c.get("description")))
                for c in (counters[k] for k in range(len(counters)))
            ),
            public_float=public_float,
            remarks=_leaf(Text, item.get("remarks")),
            **rows,
        )


def _full_class(item: dict[str, Any]) -> ShareClass:
    return ShareClass(
        category=item.get("category"),
        class_name=_leaf(Text, item.get("class")),
        share_type=_leaf(Text, item.get("share_type")),
        listed=_leaf(Flag, item.get("listed")),
        stock_code=_leaf(Text, item.get("stock_code")),
        description=_leaf(Text, item.get("description")),
    )


def _authorised(item: dict[str, Any]) -> AuthorisedClass:
    currency = item.get("currency")
    rows: dict[str, AuthorisedBalance] = {}
    for row, columns in (("preceding", ("shares", "par_value", "capital")), ("movement", ("shares", "capital")),
                         ("close", ("shares", "par_value", "capital"))):
        if not any(f"{row}.{column}" in item for column in columns):
            continue
        par_value, capital = item.get(f"{row}.par_value"), item.get(f"{row}.capital")
        rows[row] = AuthorisedBalance(
            shares=_leaf(Count, item.get(f"{row}.shares")),
            # The facts view has one currency per class: it goes with each amount given.
            par_value_currency=_leaf(Currency, currency if par_value is not None else None),
            par_value=_leaf(Amount, par_value),
            capital_currency=_leaf(Currency, currency if capital is not None else None),
            capital=_leaf(Amount, capital),
        )
    if currency is not None and not any(r.par_value_currency or r.capital_currency for r in rows.values()):
        # A currency without any amount still has to be kept: it goes in the
        # first row (created when the class gives no figure at all).
        first = next(iter(rows), "preceding")
        base = rows.get(first, AuthorisedBalance())
        rows[first] = AuthorisedBalance(shares=base.shares, par_value_currency=Currency(currency),
                                        par_value=base.par_value, capital_currency=base.capital_currency,
                                        capital=base.capital)
    return AuthorisedClass(share_class=_full_class(item), remarks=_leaf(Text, item.get("remarks")), **rows)


def _funds(item: dict[str, Any]) -> FundsRaised:
    return FundsRaised(currency=_leaf(Currency, item.get("currency")), amount=_leaf(Amount, item.get("amount")))


def _issue_columns(item: dict[str, Any]) -> dict[str, Count | None]:
    return {name: _leaf(Count, item.get(name)) for name in _ISSUE_COLUMNS}


def _option(item: dict[str, Any]) -> OptionItem:
    return OptionItem(
        share_class=ShareClass(category=item.get("category"), stock_code=_leaf(Text, item.get("stock_code"))),
        scheme=_leaf(Text, item.get("scheme")),
        approval_date=_leaf(Day, item.get("approval_date")),
        exercise_price_currency=_leaf(Currency, item.get("exercise_price_currency")),
        exercise_price=_leaf(Amount, item.get("exercise_price")),
        outstanding_preceding=_leaf(Count, item.get("outstanding.preceding")),
        granted=_leaf(Count, item.get("movement.granted")),
        exercised=_leaf(Count, item.get("movement.exercised")),
        cancelled=_leaf(Count, item.get("movement.cancelled")),
        lapsed=_leaf(Count, item.get("movement.lapsed")),
        outstanding_close=_leaf(Count, item.get("outstanding.close")),
        available_for_grant_preceding=_leaf(Count, item.get("available_for_grant.preceding")),
        available_for_grant_close=_leaf(Count, item.get("available_for_grant.close")),
        **_issue_columns(item),
    )


def _warrant(item: dict[str, Any]) -> WarrantItem:
    return WarrantItem(
        share_class=ShareClass(category=item.get("category")),
        description=_leaf(Text, item.get("description")),
        stock_code=_leaf(Text, item.get("stock_code")),
        expiry_date=_leaf(Day, item.get("expiry_date")),
        currency=_leaf(Currency, item.get("currency")),
        nominal_preceding=_leaf(Amount, item.get("nominal.preceding")),
        nominal_exercised=_leaf(Amount, item.get("nominal.exercised")),
        nominal_close=_leaf(Amount, item.get("nominal.close")),
        subscription_price_currency=_leaf(Currency, item.get("subscription_price_currency")),
        subscription_price=_leaf(Amount, item.get("subscription_price")),
        approval_date=_leaf(Day, item.get("approval_date")),
        **_issue_columns(item),
    )


def _convertible(item: dict[str, Any]) -> ConvertibleItem:
    return ConvertibleItem(
        share_class=ShareClass(category=item.get("category")),
        description=_leaf(Text, item.get("description")),
        type=_leaf(Text, item.get("type")),
        stock_code=_leaf(Text, item.get("stock_code")),
        currency=_leaf(Currency, item.get("currency")),
        amount_preceding=_leaf(Amount, item.get("amount.preceding")),
        movement=_leaf(Text, item.get("movement")),
        amount_converted=_leaf(Amount, item.get("amount.converted")),
        amount_close=_leaf(Amount, item.get("amount.close")),
        conversion_price_currency=_leaf(Currency, item.get("conversion_price_currency")),
        conversion_price=_leaf(Amount, item.get("conversion_price")),
        approval_date=_leaf(Day, item.get("approval_date")),
        **_issue_columns(item),
    )


def _arrangement(item: dict[str, Any]) -> ArrangementItem:
    return ArrangementItem(
        share_class=ShareClass(category=item.get("category")),
        particulars=_leaf(Text, item.get("particulars")),
        approval_date=_leaf(Day, item.get("approval_date")),
        **_issue_columns(item),
    )


def _movement(item: dict[str, Any]) -> OtherMovement:
    return OtherMovement(
        type=item["type"],
        share_class=ShareClass(category=item.get("category")),
        description=_leaf(Text, item.get("description")),
        currency=_leaf(Currency, item.get("currency")),
        price=_leaf(Amount, item.get("price")),
        event_date=_leaf(Day, item.get("event_date")),
        approval_date=_leaf(Day, item.get("approval_date")),
        shares_issued=_leaf(Count, item.get("shares_issued")),
        treasury=_leaf(Count, item.get("treasury")),
        shares_issuable=_leaf(Count, item.get("shares_issuable")),
    )
