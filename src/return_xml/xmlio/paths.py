"""Model paths (``issued[0].close.issued``) as XPaths in a return-xml document, and back to lines.

The XML spells each model field in camelCase and writes a list inside a
wrapper element named for the field, one item element per entry (see
``writer.py``); this module walks the same shape, so a path found on the model
names the element the writer wrote for it.
"""

from __future__ import annotations

import re

from lxml import etree

from return_xml.model import MonthlyReturn
from return_xml.model.shape import shape_of
from return_xml.xmlio.schema import NAMESPACE, ROOT

PREFIX = "rx"
NAMESPACES = {PREFIX: NAMESPACE}
_SEGMENT = re.compile(r"^([a-z_][a-z0-9_]*)(?:\[(\d+)\])?$")


def xpath_of(path: str) -> str:
    """The XPath (prefix ``rx`` for the return-xml namespace) of the model path ``path``.

    >>> xpath_of("issued[0].close.issued")
    '/rx:monthlyReturn/rx:issued/rx:classBlock[1]/rx:close/rx:issued'
    """
    steps = [f"/{PREFIX}:{ROOT}"]
    cls: type | None = MonthlyReturn
    for segment in path.split("."):
        match = _SEGMENT.match(segment)
        shapes = {s.name: s for s in shape_of(cls)} if cls is not None else {}
        if match is None or match.group(1) not in shapes:
            raise ValueError(f"not a model path: {path!r} (at {segment!r})")
        shape = shapes[match.group(1)]
        if (shape.kind == "list") != (match.group(2) is not None):
            raise ValueError(f"not a model path: {path!r} (a list field takes an index, any other field none)")
        if shape.kind == "attribute":
            steps.append(f"@{shape.xml_name}")
            cls = None
        elif shape.kind == "list":
            steps.append(f"{PREFIX}:{shape.xml_name}/{PREFIX}:{shape.item_name or 'item'}[{int(match.group(2)) + 1}]")
            cls = shape.type
        else:
            steps.append(f"{PREFIX}:{shape.xml_name}")
            cls = shape.type if shape.kind == "node" else None
    return "/".join(steps)


def element_at(tree: etree._ElementTree | etree._Element, path: str) -> etree._Element | None:
    """The element of ``tree`` at the model path ``path``; ``None`` when the document has none."""
    found = tree.xpath(xpath_of(path), namespaces=NAMESPACES)
    return found[0] if found and isinstance(found[0], etree._Element) else None


def line_of(tree: etree._ElementTree | etree._Element, path: str) -> int | None:
    """The source line of the element at ``path`` in a parsed document (``None`` when unknown)."""
    element = element_at(tree, path)
    return element.sourceline if element is not None else None


def prefixed_path(element: etree._Element) -> str:
    """The XPath of ``element`` in the ``rx`` spelling (``/rx:monthlyReturn/rx:form``), for any element."""
    steps = []
    node: etree._Element | None = element
    while node is not None:
        qname = etree.QName(node)
        name = f"{PREFIX}:{qname.localname}" if qname.namespace == NAMESPACE else qname.localname
        parent = node.getparent()
        if parent is not None:
            same = [sibling for sibling in parent if sibling.tag == node.tag]
            if len(same) > 1:
                name += f"[{same.index(node) + 1}]"
        steps.append(name)
        node = parent
    return "/" + "/".join(reversed(steps))
