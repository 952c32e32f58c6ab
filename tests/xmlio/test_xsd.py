"""The published XSD: generated from the model, documented, self-contained."""

from __future__ import annotations

import socket

import pytest
import xmlschema
from lxml import etree

from conftest import PROJECT
from return_xml.model import MonthlyReturn
from return_xml.xmlio import render_xml
from return_xml.xmlio.schema import NAMESPACE, schema_path, schema_text
from return_xml.xmlio.xsdgen import generate_xsd

XSD = PROJECT / "xsd" / "monthly-return-1.xsd"
XS = "http://www.w3.org/2001/XMLSchema"
_XS = {"xs": XS}


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a socket fails the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def _tree() -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.fromstring(XSD.read_bytes(), parser)


def test_the_checked_in_xsd_is_the_one_generated_from_the_model() -> None:
    assert XSD.read_text(encoding="utf-8") == generate_xsd(), "xsd/monthly-return-1.xsd is stale: run `make xsd`"


def test_the_bundled_schema_path_exists_and_holds_the_checked_in_xsd() -> None:
    path = schema_path()
    assert path.is_file(), path
    assert path.name == XSD.name
    assert schema_text() == XSD.read_text(encoding="utf-8")


def test_the_target_namespace_carries_the_major_version() -> None:
    root = _tree()
    assert NAMESPACE == "urn:return-xml:monthly-return:1"
    assert root.get("targetNamespace") == "urn:return-xml:monthly-return:1"
    assert root.get("version", "").split(".")[0] == "1"


def test_every_element_and_attribute_is_documented() -> None:
    declarations = _tree().xpath("//xs:element | //xs:attribute", namespaces=_XS)
    assert len(declarations) > 50  # the whole model is declared, not an empty schema
    undocumented = []
    for declaration in declarations:
        texts = declaration.xpath("xs:annotation/xs:documentation", namespaces=_XS)
        if not texts or not any("".join(t.itertext()).strip() for t in texts):
            undocumented.append(declaration.get("name") or declaration.get("ref"))
    assert undocumented == []


def test_the_xsd_refers_to_no_other_document() -> None:
    root = _tree()
    assert root.xpath("//xs:import | //xs:include | //xs:redefine | //xs:override", namespaces=_XS) == []
    assert not [e for e in root.iter() if isinstance(e.tag, str) and any("schemaLocation" in a for a in e.attrib)]
    assert "schemaLocation" not in XSD.read_text(encoding="utf-8")


def test_the_xsd_compiles_with_lxml_without_network(no_network: None) -> None:
    schema = etree.XMLSchema(_tree())
    assert schema.validate(etree.fromstring(render_xml(MonthlyReturn()))), schema.error_log
    assert not schema.validate(etree.fromstring(f'<monthlyReturn xmlns="{NAMESPACE}" schemaVersion="1.0"/>'))


def test_the_xsd_compiles_with_xmlschema_without_network(no_network: None) -> None:
    schema = xmlschema.XMLSchema10(XSD.read_text(encoding="utf-8"), allow="none", defuse="always")
    assert schema.target_namespace == NAMESPACE
    minimal = render_xml(MonthlyReturn()).decode("utf-8")
    assert schema.is_valid(minimal)
    assert not schema.is_valid(minimal.replace(' schemaVersion="1.1"', ""))  # schemaVersion is required
