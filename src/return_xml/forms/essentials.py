"""The fields without which a reading is no return: the issuer, the month and section II."""

from __future__ import annotations

from pathlib import Path

from return_xml.errors import FieldError
from return_xml.model import MonthlyReturn


def require_essentials(monthly_return: MonthlyReturn, path: Path) -> MonthlyReturn:
    """Refuse a return read without the issuer, the month or section II: never an empty XML.

    Raises ``FieldError`` (``E-FIELD-MISSING``) naming the first field missing.
    """
    header = monthly_return.header
    missing = [
        name
        for name, value in (("header.issuer_name", header.issuer_name), ("header.period_end", header.period_end))
        if value is None or value.value is None
    ]
    if not monthly_return.issued:
        missing.append("issued")
    if missing:
        raise FieldError("a required field was not found on the form", file=path, field=missing[0], code="E-FIELD-MISSING")
    return monthly_return
