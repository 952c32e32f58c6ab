"""Bounded reading of a facts JSON document: bytes -> a dict of still unchecked JSON values.

The input is untrusted: the document is size-bounded, numbers are never
turned into ``float`` (money must be a quoted decimal string), integers are
bounded in digits before Python converts them, and duplicate keys are noticed
(``check.py`` reports them by path).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from return_xml.errors import InputError

MAX_JSON_BYTES = 5 * 1024 * 1024
"""Largest facts JSON document accepted (a real return's facts are a few kilobytes)."""
MAX_INT_DIGITS = 30
"""Longest JSON integer accepted, checked before Python converts it (counts of shares need 13)."""
MAX_DECIMAL_CHARS = 60
"""Longest decimal string accepted for money."""


@dataclass(frozen=True)
class Number:
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


def _integer(literal: str) -> int | Number:
    # Python's int() refuses more than 4300 digits with a ValueError that would
    # escape json.loads without a path; counting first reports it by path.
    if len(literal.lstrip("-")) > MAX_INT_DIGITS:
        return Number(literal, "huge")
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
            parse_float=lambda literal: Number(literal, "fraction"),
            parse_constant=lambda literal: Number(literal, "constant"),
        )
    except json.JSONDecodeError as err:
        raise InputError(f"not valid JSON: {err.msg} at line {err.lineno} column {err.colno}", file=file) from err
    except RecursionError as err:
        raise InputError("not a facts JSON object: nested too deeply", file=file) from err
    if not isinstance(document, dict):
        raise InputError('a facts JSON document is one JSON object {"path": value, ...}', file=file,
                         text=text.strip()[:40])
    return document


def read_bounded(path: str | Path) -> dict[str, Any]:
    """The unchecked facts of the JSON file at ``path`` (read no further than the size bound)."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_JSON_BYTES + 1)
    except OSError as err:
        raise InputError(f"cannot read file: {err.strerror}", file=path) from err
    return parse_facts_json(data, file=path)
