"""return-xml: HKEX monthly returns (legacy template and FF301 e-form) to XML and back."""

from return_xml.api import convert, facts, read, read_pdf, validate, validate_series, validate_xml, write
from return_xml.errors import InputError, ReturnXmlError
from return_xml.model import MonthlyReturn

__version__ = "0.1.0"

__all__ = ["InputError", "MonthlyReturn", "ReturnXmlError", "convert", "facts", "read", "read_pdf", "validate", "validate_series",
           "validate_xml", "write"]
