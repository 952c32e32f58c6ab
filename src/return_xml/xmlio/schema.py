"""The bundled XSD: where it is, and validators built from it without any network."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from lxml import etree

from return_xml.errors import error_from
from return_xml.xmlio.safe_parser import hardened_parser

SCHEMA_MAJOR = 1
SCHEMA_VERSION = "1.1"
NAMESPACE = f"urn:return-xml:monthly-return:{SCHEMA_MAJOR}"
ROOT = "monthlyReturn"
SCHEMA_FILE = f"monthly-return-{SCHEMA_MAJOR}.xsd"


def schema_path() -> Path:
    """Path of the bundled XSD.

    In a wheel the schema lives in the package (``return_xml/xsd/``); in a
    source checkout installed in editable mode it is the repository's ``xsd/``.
    """
    packaged = resources.files("return_xml") / "xsd" / SCHEMA_FILE
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[3] / "xsd" / SCHEMA_FILE


def schema_text() -> str:
    """The XSD as text."""
    return schema_path().read_text(encoding="utf-8")


@cache
def lxml_schema() -> etree.XMLSchema:
    """The schema compiled by libxml2 (no network, no includes)."""
    return etree.XMLSchema(etree.fromstring(schema_text().encode("utf-8"), hardened_parser()))


@cache
def xmlschema_schema():  # -> xmlschema.XMLSchema10, imported lazily: it is slow to import
    """The schema compiled by the xmlschema package, never fetching anything."""
    import xmlschema

    return xmlschema.XMLSchema10(str(schema_path()), allow="sandbox", defuse="always")


def xsd_errors(data: bytes) -> list[str]:
    """Every schema error of an XML document, checked by the xmlschema package.

    The document is handed over as text with every external access refused, so
    this is safe on untrusted input; lxml's validator is used by the reader.
    """
    import io

    import xmlschema

    # Bytes, not text: the document's own declaration says how it is encoded.
    from return_xml.xmlio.reader import parse_safely  # here: the reader imports this module

    parse_safely(data)  # size, depth and attribute limits, no DTD: xmlschema is slow on hostile shapes
    try:
        resource = xmlschema.XMLResource(io.BytesIO(data), allow="none", defuse="always")
        # Location hints off: an attacker's xsi:schemaLocation must never choose the schema.
        errors = xmlschema_schema().iter_errors(resource, use_location_hints=False)
        return [f"{error.path}: {error.reason}" for error in errors]
    except (xmlschema.XMLResourceError, xmlschema.XMLSchemaException, SyntaxError) as err:
        # Forbidden entities or DTDs, blocked resources, malformed XML: one coded error.
        raise error_from(err) from err
