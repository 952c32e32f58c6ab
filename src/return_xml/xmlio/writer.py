"""Model -> XML.  ``render_xml`` returns bytes, ``write_xml`` writes a file atomically."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from lxml import etree

from return_xml.errors import OutputError
from return_xml.model import MonthlyReturn
from return_xml.model.shape import shape_of
from return_xml.model.values import Reading
from return_xml.xmlio.schema import NAMESPACE, ROOT, SCHEMA_VERSION
from return_xml.xmlio.values import format_box, format_scalar, format_value

_NS = "{" + NAMESPACE + "}"


def render_xml(monthly_return: MonthlyReturn) -> bytes:
    """The XML document of ``monthly_return`` (UTF-8, indented, deterministic)."""
    root = _element(monthly_return, ROOT)
    root.set("schemaVersion", SCHEMA_VERSION)
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write_xml(monthly_return: MonthlyReturn, path: str | Path) -> None:
    """Write the XML of ``monthly_return`` to ``path``; nothing is left behind on failure."""
    write_atomically(Path(path), render_xml(monthly_return))


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, then rename it into place.

    The file gets the permissions a plain ``open()`` would give it (mkstemp
    alone would leave it readable by its owner only).
    """
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent or Path("."))
    except OSError as err:
        raise OutputError(f"cannot write the output: {err.strerror}", file=path) from err
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException as err:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(err, OSError):
            raise OutputError(f"cannot write the output: {err.strerror}", file=path) from err
        raise


def _element(obj: object, name: str) -> etree._Element:
    element = etree.Element(_NS + name, nsmap={None: NAMESPACE}) if name == ROOT else etree.Element(_NS + name)
    for shape in shape_of(type(obj)):  # type: ignore[arg-type]  # a class is hashable; mypy checks it as an instance
        value = getattr(obj, shape.name)
        if value is None:
            continue
        if shape.kind == "attribute":
            element.set(shape.xml_name, format_scalar(value))
        elif shape.kind == "leaf":
            element.append(_leaf(value, shape.xml_name))
        elif shape.kind == "node":
            element.append(_element(value, shape.xml_name))
        elif value:  # a list: the wrapper is left out when empty
            wrapper = etree.SubElement(element, _NS + shape.xml_name)
            for item in value:
                wrapper.append(_element(item, shape.item_name or "item"))
    return element


def _leaf(leaf: Reading, name: str) -> etree._Element:
    element = etree.Element(_NS + name)
    if leaf.printed is not None:
        element.set("printed", leaf.printed)
    if leaf.source is not None:
        element.set("page", str(leaf.source.page))
        if leaf.source.box is not None:
            element.set("box", format_box(leaf.source.box))
        if leaf.source.confidence is not None:
            element.set("confidence", str(leaf.source.confidence))
    element.text = format_value(leaf)
    return element
