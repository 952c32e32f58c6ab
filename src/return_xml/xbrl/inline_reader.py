"""Inline XBRL -> facts -> model: reading back the XHTML page that ``inline.py`` wrote (docs/xbrl.md).

The page's facts become the XBRL instance they were tagged from, and that
instance is read as ``reader.py`` reads any instance of ours (same concepts,
same contexts, same checks):

- every ``ix:nonFraction`` and ``ix:nonNumeric``, in ``ix:hidden`` and in the
  body, becomes a fact element of its ``name``, ``contextRef``, ``unitRef`` and
  ``decimals``, in document order;
- its value is its text read with the inverse of its ``format``
  (``transforms.READERS``; no format: the text itself), with ``-`` in front
  for ``sign="-"``; a format that return-xml does not write is refused;
- the contexts and units are those of ``ix:resources``, the ``link:schemaRef``
  those of ``ix:references``.

A document that is not Inline XBRL (no ``html`` root, no ``ix:header``) or not
of our taxonomy is refused with ``XbrlError`` (``E-XBRL-FOREIGN``).  The page is
parsed by the hardened parser (``xmlio.reader.parse_safely``) with its bounds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lxml import etree

from return_xml.facts.build import from_facts
from return_xml.model import MonthlyReturn
from return_xml.xbrl import transforms
from return_xml.xbrl.instance import IX, LINK, XBRLI, XHTML
from return_xml.xbrl.reader import XbrlError, _read, facts_of_tree
from return_xml.xmlio.reader import MAX_XML_BYTES, parse_safely
from return_xml.xmlio.safe_parser import hardened_parser

_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_FACTS = (f"{{{IX}}}nonFraction", f"{{{IX}}}nonNumeric")
# The attributes a fact of the instance carries over from its tag (rx:page, rx:printed are provenance, kept too).
_KEPT = ("contextRef", "unitRef", "decimals")


def read_inline(path: str | Path) -> MonthlyReturn:
    """The model of an Inline XBRL document of our taxonomy at ``path`` (as written by ``render_inline``)."""
    path = Path(path)
    return from_facts(facts_of_inline(_read(path, MAX_XML_BYTES), file=path), file=path)


def facts_of_inline(data: bytes, *, file: str | Path | None = None) -> dict[str, Any]:
    """The facts view held by the bytes of an Inline XBRL document of our taxonomy."""
    return facts_of_tree(instance_of_inline(parse_safely(data, file=file).getroot(), file=file), file=file)


def instance_of_inline(root: etree._Element, *, file: str | Path | None = None) -> etree._Element:
    """The XBRL instance (its ``xbrli:xbrl`` root) whose facts an Inline XBRL document's root tags."""
    if root.tag != f"{{{XHTML}}}html":
        raise XbrlError(f"not an Inline XBRL document: the root element is {root.tag!r}", file=file, code="E-XBRL-FOREIGN")
    header = root.find(f".//{{{IX}}}header")
    if header is None:
        raise XbrlError("not an Inline XBRL document: it has no ix:header", file=file, code="E-XBRL-FOREIGN")
    instance = etree.Element(f"{{{XBRLI}}}xbrl", nsmap={"xbrli": XBRLI, "link": LINK})
    for reference in header.iterfind(f"{{{IX}}}references/{{{LINK}}}schemaRef"):
        instance.append(_copy(reference))
    for resource in header.iterfind(f"{{{IX}}}resources/*"):
        if resource.tag in (f"{{{XBRLI}}}context", f"{{{XBRLI}}}unit"):
            instance.append(_copy(resource))
    for tag in root.iter(*_FACTS):
        instance.append(_fact(tag, file))
    return instance


def _copy(element: etree._Element) -> etree._Element:
    """A copy of ``element`` without its tail (the page's white space)."""
    copied = etree.fromstring(etree.tostring(element), hardened_parser())  # a deep copy that keeps the namespaces it uses
    copied.tail = None
    return copied


def _fact(tag: etree._Element, file: str | Path | None) -> etree._Element:
    """The instance fact of one ix:nonFraction / ix:nonNumeric tag."""
    name = tag.get("name") or ""
    prefix, _, local = name.rpartition(":")
    namespace = tag.nsmap.get(prefix or None)
    if namespace is None:
        raise XbrlError(f"the Inline XBRL fact {name!r} has no namespace", file=file, code="E-XBRL-FOREIGN")
    if tag.get("scale", "0") != "0" or tag.get(f"{{{_XSI}}}nil") is not None:
        raise XbrlError(f"the Inline XBRL fact {name} is scaled or nil, which return-xml does not write", file=file)
    fact = etree.Element(f"{{{namespace}}}{local}", {k: v for k in _KEPT if (v := tag.get(k)) is not None})
    for key, value in tag.attrib.items():
        if key.startswith("{") and not key.startswith(f"{{{IX}}}"):  # provenance (rx:page, rx:printed)
            fact.set(key, value)
    fact.text = _value(tag, name, file)
    return fact


def _value(tag: etree._Element, name: str, file: str | Path | None) -> str:
    """The fact's lexical value: its tagged text read back by its format, with its sign."""
    tagged = "".join(tag.itertext())
    format_ = _format(tag.get("format"), tag, file)
    try:
        value = transforms.value_of(format_, tagged)
    except KeyError:
        raise XbrlError(f"the Inline XBRL fact {name} has the format {tag.get('format')!r}, which return-xml does not write "
                        f"(known: {', '.join(transforms.READERS)})", file=file, code="E-XBRL-FOREIGN") from None
    except ValueError as err:
        raise XbrlError(f"the Inline XBRL fact {name}: {err}", file=file) from None
    if tag.get("sign") == "-":
        value = "-" + value
    elif tag.get("sign") is not None:
        raise XbrlError(f"the Inline XBRL fact {name} has sign={tag.get('sign')!r} (only '-' is allowed)", file=file)
    return value


def _format(qname: str | None, tag: etree._Element, file: str | Path | None) -> str | None:
    """The format as ``ixt:<name>`` when its prefix is bound to the transformation registry return-xml writes."""
    if qname is None:
        return None
    prefix, _, local = qname.rpartition(":")
    if tag.nsmap.get(prefix or None) != transforms.IXT:
        raise XbrlError(f"the Inline XBRL format {qname!r} is not of the transformation registry {transforms.IXT}",
                        file=file, code="E-XBRL-FOREIGN")
    return f"ixt:{local}"


__all__ = ["facts_of_inline", "instance_of_inline", "read_inline"]
