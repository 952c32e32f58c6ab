"""XML -> model, through one hardened parser.

The parser never loads a DTD, never expands an entity, never touches the
network and does not process XInclude; a document that carries a DOCTYPE at
all is refused, since a monthly return has no use for one.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from return_xml.errors import InputError, SchemaError
from return_xml.model import MonthlyReturn
from return_xml.model.shape import shape_of
from return_xml.model.values import Source
from return_xml.xmlio.schema import NAMESPACE, ROOT, lxml_schema
from return_xml.xmlio.values import parse_box, parse_scalar, parse_value

MAX_XML_BYTES = 50 * 1024 * 1024  # a return is a few hundred kilobytes at most
_NS = "{" + NAMESPACE + "}"

_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    dtd_validation=False,
    huge_tree=False,
    remove_comments=True,
    remove_pis=True,
)


def parse_document(data: bytes, *, file: str | Path | None = None) -> etree._ElementTree:
    """Parse untrusted XML bytes with the hardened parser and check them against the schema."""
    if len(data) > MAX_XML_BYTES:
        raise InputError(f"XML larger than {MAX_XML_BYTES} bytes", file=file)
    try:
        tree = etree.ElementTree(etree.fromstring(data, _PARSER))
    except etree.XMLSyntaxError as err:
        raise InputError(f"not well-formed XML: {err.msg}", file=file) from err
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise InputError("XML with a DOCTYPE is refused (no DTDs or entities in a return)", file=file)
    root = tree.getroot()
    if root.tag != _NS + ROOT:
        raise SchemaError(f"root element is {root.tag!r}, expected {{{NAMESPACE}}}{ROOT}", file=file)
    schema = lxml_schema()
    if not schema.validate(tree):
        first = schema.error_log[0]
        raise SchemaError(f"not valid against the schema (line {first.line}): {first.message}", file=file)
    return tree


def parse_xml(data: bytes, *, file: str | Path | None = None) -> MonthlyReturn:
    """The model of an XML document given as bytes."""
    root = parse_document(data, file=file).getroot()
    try:
        return _build(MonthlyReturn, root)
    except (ValueError, ArithmeticError) as err:  # a value the schema let through but the model cannot hold
        raise SchemaError(f"value cannot be read: {err}", file=file) from err


def read_xml(path: str | Path) -> MonthlyReturn:
    """The model of the XML file at ``path``."""
    path = Path(path)
    return parse_xml(path.read_bytes(), file=path)


def _build(cls: type, element: etree._Element) -> object:
    children = {child.tag: child for child in element if isinstance(child.tag, str)}
    kwargs = {}
    for shape in shape_of(cls):
        if shape.kind == "attribute":
            text = element.get(shape.xml_name)
            if text is not None:
                kwargs[shape.name] = parse_scalar(shape.type, text)
            continue
        child = children.get(_NS + shape.xml_name)
        if child is None:
            continue
        if shape.kind == "leaf":
            kwargs[shape.name] = _leaf(shape.type, child)
        elif shape.kind == "node":
            kwargs[shape.name] = _build(shape.type, child)
        else:
            kwargs[shape.name] = tuple(_build(shape.type, item) for item in child if isinstance(item.tag, str))
    return cls(**kwargs)


def _leaf(leaf_type: type, element: etree._Element) -> object:
    page = element.get("page")
    box = element.get("box")
    source = Source(int(page), parse_box(box) if box else None) if page is not None else None
    return leaf_type(parse_value(leaf_type, element.text), printed=element.get("printed"), source=source)
