"""return-xml: HKEX monthly returns (legacy template and FF301 e-form) to XML and back."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from return_xml.errors import InputError, ReturnXmlError
from return_xml.errors import FactsError

__version__ = "0.1.0"

# The library's names are imported on first use (PEP 562): importing the
# package, as the command line does on every start, then costs nothing for
# the PDF, XML and rule machinery until a command needs it.
_LAZY = {
    **{name: "return_xml.api" for name in ("convert", "facts", "read", "read_pdf", "validate", "validate_series", "validate_xml", "write")},
    **{name: "return_xml.api" for name in ("from_facts", "read_facts")},
    "MonthlyReturn": "return_xml.model",
}

if TYPE_CHECKING:
    from return_xml.api import convert, facts, from_facts, read, read_facts, read_pdf, validate, validate_series, validate_xml, write
    from return_xml.model import MonthlyReturn


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'return_xml' has no attribute {name!r}")

__all__ = ["InputError", "MonthlyReturn", "ReturnXmlError", "convert", "facts", "read", "read_pdf", "validate", "validate_series",
           "validate_xml", "write"]
__all__ += ["FactsError", "from_facts", "read_facts"]
