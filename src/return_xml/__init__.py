"""return-xml: HKEX monthly returns (legacy template and FF301 e-form) to XML and back."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from return_xml.errors import FactsError, InputError, ReturnXmlError

__version__ = "0.1.0"

# Not ``render``: that name is the subpackage return_xml.render (use ``api.render``).
_API = (
    "convert", "converted", "cross_check", "facts", "from_facts", "read", "read_facts", "read_pdf",
    "validate", "validate_series", "validate_xml", "write",
)

# The library's names are imported on first use (PEP 562): importing the
# package, as the command line does on every start, then costs nothing for
# the PDF, XML and rule machinery until a command needs it.
_LAZY = {**{name: "return_xml.api" for name in _API}, "MonthlyReturn": "return_xml.model"}

if TYPE_CHECKING:
    from return_xml.api import (
        convert,
        converted,
        cross_check,
        facts,
        from_facts,
        read,
        read_facts,
        read_pdf,
        validate,
        validate_series,
        validate_xml,
        write,
    )
    from return_xml.model import MonthlyReturn


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'return_xml' has no attribute {name!r}")


__all__ = ["FactsError", "InputError", "MonthlyReturn", "ReturnXmlError", *_API]
