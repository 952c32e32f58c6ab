"""The business rules in portable form: ``xsd/monthly-return-1.sch`` (ISO Schematron), run with lxml.

return-xml itself checks the rules natively (``return_xml.rules``, faster and
located in the PDF too); this module is for consumers who want the portable
rules, and for the test that keeps the two in agreement.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lxml import etree, isoschematron

from return_xml.xmlio.safe_parser import hardened_parser
from return_xml.xmlio.schema import SCHEMA_MAJOR, schema_path

SCHEMATRON_FILE = f"monthly-return-{SCHEMA_MAJOR}.sch"
_SVRL = {"svrl": "http://purl.oclc.org/dsdl/svrl"}


def schematron_path() -> Path:
    """Path of the bundled Schematron, beside the XSD (in a wheel: ``return_xml/xsd/``)."""
    return schema_path().with_name(SCHEMATRON_FILE)


@cache
def _compiled() -> isoschematron.Schematron:
    document = etree.parse(str(schematron_path()), hardened_parser())
    return isoschematron.Schematron(document, store_report=True)


@dataclass(frozen=True)
class SchematronFinding:
    """A failed Schematron assert: the rule code (@id), severity (@role), message and location XPath."""

    code: str
    severity: str
    message: str
    location: str


def run_schematron(tree: etree._ElementTree | etree._Element) -> list[SchematronFinding]:
    """Every failed assert of the bundled Schematron on a (schema-valid) return-xml document."""
    schematron = _compiled()
    schematron.validate(tree)
    report = schematron.validation_report
    return [
        SchematronFinding(
            code=failed.get("id", ""),
            severity=failed.get("role", "error"),
            message=" ".join("".join(failed.itertext()).split()),
            location=failed.get("location", ""),
        )
        for failed in report.iterfind("svrl:failed-assert", _SVRL)
    ]
