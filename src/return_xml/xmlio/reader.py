"""XML -> model, through one hardened parser.

The parser never loads a DTD, never expands an entity, never touches the
network and does not process XInclude; a document that carries a DOCTYPE at
all is refused before it is parsed (``E-XML-DTD``), since a monthly return has
no use for one, and so is an XInclude element (``E-XML-XINCLUDE``).  Location
hints (``xsi:schemaLocation``) are never followed: only the bundled schema is
used.  Size (50 MiB) and nesting depth (``MAX_XML_DEPTH``) are bounded
(``E-XML-LIMIT``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from lxml import etree

from return_xml.errors import InputError, ResourceLimitError, ReturnXmlError, SchemaError
from return_xml.model import MonthlyReturn
from return_xml.model.shape import shape_of
from return_xml.model.values import Source
from return_xml.xmlio.safe_parser import hardened_parser
from return_xml.xmlio.schema import NAMESPACE, ROOT, lxml_schema
from return_xml.xmlio.values import parse_box, parse_scalar, parse_value

_T = TypeVar("_T")

MAX_XML_BYTES = 50 * 1024 * 1024  # a return is a few hundred kilobytes at most
MAX_XML_DEPTH = 32  # a return nests about 6 deep; libxml2's own limit (256) is far too generous
MAX_XML_ELEMENTS = 100_000  # a return has a few thousand elements
MAX_XML_ATTRIBUTES = 64  # per element: the xmlschema package is quadratic in them (20,000 take minutes)
_XINCLUDE_NAMESPACES = ("http://www.w3.org/2001/XInclude", "http://www.w3.org/2003/XInclude")
# A DTD in any of the encodings an XML document may use (the parser never sees it).
_DTD_MARKERS = tuple(marker.encode(encoding) for marker in ("<!DOCTYPE", "<!ENTITY") for encoding in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"))
_NS = "{" + NAMESPACE + "}"

_PARSER = hardened_parser(remove_comments=True, remove_pis=True)


def parse_document(data: bytes, *, file: str | Path | None = None) -> etree._ElementTree:
    """Parse untrusted XML bytes with the hardened parser and check them against the schema."""
    tree = parse_safely(data, file=file)
    root = tree.getroot()
    _refuse_xinclude(root, file)
    if root.tag != _NS + ROOT:
        raise SchemaError(f"root element is {root.tag!r}, expected {{{NAMESPACE}}}{ROOT}", file=file, code="E-XML-NAMESPACE")
    schema = lxml_schema()
    if not schema.validate(tree):
        first = schema.error_log[0]
        raise SchemaError(f"not valid against the schema (line {first.line}): {first.message}", file=file)
    return tree


def parse_safely(data: bytes, *, file: str | Path | None = None) -> etree._ElementTree:
    """Parse untrusted XML bytes: no DTD, no entity, no XInclude, no network, bounded size and depth.

    Raises ``InputError`` (codes ``E-XML-DTD``, ``E-XML-SYNTAX``) or
    ``ResourceLimitError`` (``E-XML-LIMIT``).
    """
    if len(data) > MAX_XML_BYTES:
        raise ResourceLimitError(f"XML larger than {MAX_XML_BYTES} bytes", file=file, code="E-XML-LIMIT")
    if any(marker in data for marker in _DTD_MARKERS):
        # Refused before parsing: libxml2 would still read an internal subset
        # (entity definitions) even with entity resolution off.
        raise InputError("XML with a DOCTYPE is refused (no DTDs or entities in a return)", file=file, code="E-XML-DTD")
    failure: ReturnXmlError | None = None
    try:
        tree = etree.ElementTree(etree.fromstring(data, _PARSER))
    except etree.XMLSyntaxError as err:
        message = (err.msg or "").lower()
        if "depth" in message:
            failure = ResourceLimitError(f"XML nested deeper than {MAX_XML_DEPTH} elements", file=file, code="E-XML-LIMIT")
        elif "huge" in message:  # libxml2's own bounds without huge_tree (a text node over 10 MB ...)
            failure = ResourceLimitError(f"XML over a size limit: {err.msg}", file=file, code="E-XML-LIMIT")
        else:
            failure = InputError(f"not well-formed XML: {err.msg}", file=file, code="E-XML-SYNTAX")
    except ValueError as err:  # lxml refuses some inputs (NUL bytes, unicode with an encoding declaration) this way
        failure = InputError(f"not well-formed XML: {err}", file=file, code="E-XML-SYNTAX")
    if failure is not None:
        # Raised outside the except: the lxml error (its message is in ours) holds an error log that cannot be
        # pickled, and a worker sends our error back pickled, with its chained errors where tblib is installed (Dask).
        raise failure
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise InputError("XML with a DOCTYPE is refused (no DTDs or entities in a return)", file=file, code="E-XML-DTD")
    _check_shape(tree.getroot(), file)
    return tree


def _check_shape(root: etree._Element, file: str | Path | None) -> None:
    """Refuse nesting, element and attribute counts beyond the limits (one walk, no recursion)."""
    stack = [(root, 1)]
    elements = 0
    while stack:
        element, depth = stack.pop()
        elements += 1
        if depth > MAX_XML_DEPTH:
            raise ResourceLimitError(f"XML nested deeper than {MAX_XML_DEPTH} elements", file=file, code="E-XML-LIMIT")
        if elements > MAX_XML_ELEMENTS:
            raise ResourceLimitError(f"XML with more than {MAX_XML_ELEMENTS} elements", file=file, code="E-XML-LIMIT")
        if len(element.attrib) > MAX_XML_ATTRIBUTES:
            raise ResourceLimitError(
                f"XML element with more than {MAX_XML_ATTRIBUTES} attributes", file=file, code="E-XML-LIMIT"
            )
        stack.extend((child, depth + 1) for child in element if isinstance(child.tag, str))


def _refuse_xinclude(root: etree._Element, file: str | Path | None) -> None:
    # Never processed (lxml only includes on request); named here so that the
    # error says why, rather than "element not expected".  Still a schema error:
    # an xi:include is an element the schema does not allow.
    for namespace in _XINCLUDE_NAMESPACES:
        if root.tag.startswith("{" + namespace + "}") or next(root.iter("{" + namespace + "}*"), None) is not None:
            raise SchemaError("XInclude is refused (a return includes nothing)", file=file, code="E-XML-XINCLUDE")


def parse_xml(data: bytes, *, file: str | Path | None = None) -> MonthlyReturn:
    """The model of an XML document given as bytes."""
    root = parse_document(data, file=file).getroot()
    try:
        return _build(MonthlyReturn, root)
    except (ValueError, ArithmeticError) as err:  # a value the schema let through but the model cannot hold
        raise SchemaError(f"value cannot be read: {err}", file=file, code="E-XML-SCHEMA") from err


def read_xml(path: str | Path) -> MonthlyReturn:
    """The model of the XML file at ``path``."""
    path = Path(path)
    return parse_xml(path.read_bytes(), file=path)


def _build(cls: type[_T], element: etree._Element) -> _T:
    children = {child.tag: child for child in element if isinstance(child.tag, str)}
    kwargs = {}
    for shape in shape_of(cls):  # type: ignore[arg-type]  # a class is hashable; mypy checks it as an instance
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
    confidence = element.get("confidence")
    source = Source(int(page), parse_box(box) if box else None, int(confidence) if confidence is not None else None) if page is not None else None
    return leaf_type(parse_value(leaf_type, element.text), printed=element.get("printed"), source=source)
