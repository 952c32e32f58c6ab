"""XBRL -> facts -> model: reading back an instance or an xBRL-JSON report of our taxonomy (docs/xbrl.md).

There is no second vocabulary: a fact's concept gives its facts-view path
pattern (``concepts.CONCEPTS``), its context gives the list indices, and the
facts object goes through the facts -> model builder of structured input
(``facts.build.from_facts``), which checks every value.

- ``mr:ItemAxis`` is the item's 1-based number: index ``n - 1``.
- ``mr:ShareClassAxis`` names a class by its key (``s1``), not a position: the entries of a class
  list (``issued[i]``, ``options_total[t]`` ...) are numbered in the order in
  which their classes first appear among that list's facts, which is the
  order the writer puts them in.  A class seen again for a concept it already
  has a fact of starts a new entry (two entries that print the same class).

Anything that is not ours is refused with ``XbrlError`` (an ``InputError``):
an instance without our entry point or with a fact outside our taxonomy
(``E-XBRL-FOREIGN``), or one whose facts cannot be placed (``E-XBRL-INSTANCE``).
The XML is parsed by the project's hardened parser (``xmlio.reader.parse_safely``:
no DTD, no entity, no network, bounded size and depth); the JSON by the bounded
facts-JSON reader (no floats, bounded size and integers).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from return_xml.errors import InputError
from return_xml.facts.build import from_facts
from return_xml.facts.json_input import read_bounded
from return_xml.model import MonthlyReturn
from return_xml.xbrl.concepts import (
    BOOLEAN,
    CLASS,
    CLASS_ITEM,
    CONCEPTS,
    ITEM,
    SHARES,
    Concept,
)
from return_xml.xbrl.instance import IX, LINK, XBRLDI, XBRLI, XLINK
from return_xml.xbrl.oim import DOCUMENT_TYPE
from return_xml.xbrl.taxonomy import ENTRY_POINT, NAMESPACE
from return_xml.xmlio.reader import MAX_XML_BYTES, parse_safely

BY_NAME: dict[str, Concept] = {c.name: c for c in CONCEPTS}
_ROOT = f"{{{XBRLI}}}xbrl"
_FIRST_TAG = re.compile(rb"\s*<([A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)[\s/>]")
_SKIPPED = re.compile(rb"\s*(?:<\?.*?\?>|<!--.*?-->)", re.DOTALL)


class XbrlError(InputError):
    """An XBRL input that return-xml cannot read: foreign (not our taxonomy) or not placeable."""

    code = "E-XBRL-INSTANCE"


def is_instance(head: bytes) -> bool:
    """True when the first element in an XML document's first bytes is an XBRL ``xbrl`` root (any prefix)."""
    return _first_element(head) == b"xbrl"


def is_inline(head: bytes) -> bool:
    """True when an XML document's first bytes show Inline XBRL: an ``html`` root and the inlineXBRL namespace."""
    return _first_element(head) == b"html" and IX.encode("ascii") in head


def _first_element(head: bytes) -> bytes | None:
    """The local name of the first element in an XML document's first bytes (``None`` when none shows)."""
    head = head.removeprefix(b"\xef\xbb\xbf")
    position = 0
    while match := _SKIPPED.match(head, position):  # the XML declaration, processing instructions, comments
        position = match.end()
    match = _FIRST_TAG.match(head, position)
    return match.group(2) if match is not None else None


def is_xbrl_json(document: Mapping[str, Any]) -> bool:
    """True for a parsed JSON document that is an OIM report (it has ``documentInfo``), not a facts object."""
    return "documentInfo" in document


@dataclass(frozen=True)
class _Fact:
    concept: Concept
    share_class: str | None  # the class's key (mr:ShareClassAxis)
    item: int | None
    text: str


def read_xbrl(path: str | Path) -> MonthlyReturn:
    """The model of an XBRL 2.1 instance of our taxonomy at ``path`` (as written by ``render_xbrl``)."""
    path = Path(path)
    return from_facts(facts_of_instance(_read(path, MAX_XML_BYTES), file=path), file=path)


def read_xbrl_json(document: Mapping[str, Any], *, file: str | Path | None = None) -> MonthlyReturn:
    """The model of a parsed xBRL-JSON report of our taxonomy (as written by ``render_xbrl_json``)."""
    return from_facts(facts_of_xbrl_json(document, file=file), file=file)


def facts_of_instance(data: bytes, *, file: str | Path | None = None) -> dict[str, Any]:
    """The facts view held by the bytes of an XBRL 2.1 instance of our taxonomy."""
    return facts_of_tree(parse_safely(data, file=file).getroot(), file=file)


def facts_of_tree(root: etree._Element, *, file: str | Path | None = None) -> dict[str, Any]:
    """The facts view held by a parsed XBRL 2.1 instance of our taxonomy (its ``xbrli:xbrl`` root element)."""
    if root.tag != _ROOT:
        raise XbrlError(f"not an XBRL instance: the root element is {root.tag!r}", file=file, code="E-XBRL-FOREIGN")
    references = [ref.get(f"{{{XLINK}}}href") for ref in root.iterfind(f"{{{LINK}}}schemaRef")]
    if ENTRY_POINT not in references:
        raise XbrlError(f"not an instance of the return-xml taxonomy ({ENTRY_POINT}); its schemaRef is "
                        f"{', '.join(map(str, references)) or 'missing'}", file=file, code="E-XBRL-FOREIGN")
    contexts = {c.get("id"): _context_of(c, file) for c in root.iterfind(f"{{{XBRLI}}}context")}
    facts = []
    for element in root:
        if not isinstance(element.tag, str) or element.tag.startswith((f"{{{XBRLI}}}", f"{{{LINK}}}")):
            continue
        concept = _concept(etree.QName(element).namespace, etree.QName(element).localname, file)
        context = contexts.get(element.get("contextRef"))
        if context is None:
            raise XbrlError(f"fact {concept.name} refers to an unknown context {element.get('contextRef')!r}", file=file)
        facts.append(_Fact(concept, *context, element.text or ""))
    return _facts_view(facts, file)


def facts_of_xbrl_json(document: Mapping[str, Any], *, file: str | Path | None = None) -> dict[str, Any]:
    """The facts view held by a parsed xBRL-JSON report of our taxonomy."""
    info = document.get("documentInfo")
    if not isinstance(info, dict) or info.get("documentType") != DOCUMENT_TYPE:
        raise XbrlError(f"not an xBRL-JSON report (documentType is not {DOCUMENT_TYPE})", file=file, code="E-XBRL-FOREIGN")
    taxonomy = info.get("taxonomy")
    if not isinstance(taxonomy, list) or ENTRY_POINT not in taxonomy:
        raise XbrlError(f"not a report of the return-xml taxonomy ({ENTRY_POINT}): its taxonomy is {info.get('taxonomy')!r}",
                        file=file, code="E-XBRL-FOREIGN")
    namespaces: dict[str, Any] = info["namespaces"] if isinstance(info.get("namespaces"), dict) else {}
    ours = [prefix for prefix, uri in namespaces.items() if uri == NAMESPACE]
    if not ours:
        raise XbrlError(f"the report declares no prefix for {NAMESPACE}", file=file, code="E-XBRL-FOREIGN")
    prefix = ours[0]
    entries = document.get("facts")
    if not isinstance(entries, dict):
        raise XbrlError("an xBRL-JSON report without a facts object", file=file)
    facts = []
    for fact_id, fact in entries.items():
        dimensions = fact.get("dimensions") if isinstance(fact, dict) else None
        if not isinstance(dimensions, dict) or not isinstance(dimensions.get("concept"), str):
            raise XbrlError(f"fact {fact_id} has no concept", file=file)
        concept_prefix, _, local = dimensions["concept"].rpartition(":")
        concept = _concept(namespaces.get(concept_prefix), local, file)
        item = dimensions.get(f"{prefix}:ItemAxis")
        value = fact.get("value")
        if not isinstance(value, str):
            raise XbrlError(f"fact {fact_id} ({concept.name}) has no string value", file=file)
        facts.append(_Fact(concept, dimensions.get(f"{prefix}:ShareClassAxis"), _item_number(item, file), value))
    return _facts_view(facts, file)


def _read(path: Path, limit: int) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(limit + 1)  # one byte more, so that the parser's bound says "too large"
    except OSError as err:
        raise InputError(f"cannot read file: {err.strerror}", file=path, code="E-IO") from err


def _concept(namespace: str | None, local: str, file: str | Path | None) -> Concept:
    if namespace != NAMESPACE:
        raise XbrlError(f"fact {local} is not of the return-xml taxonomy (namespace {namespace})", file=file, code="E-XBRL-FOREIGN")
    concept = BY_NAME.get(local)
    if concept is None:
        raise XbrlError(f"no concept {local} in the return-xml taxonomy", file=file, code="E-XBRL-FOREIGN")
    return concept


def _context_of(context: etree._Element, file: str | Path | None) -> tuple[str | None, int | None]:
    share_class, item = None, None
    for typed in context.iter(f"{{{XBRLDI}}}typedMember"):
        axis = typed.get("dimension", "").rpartition(":")[2]
        member = next(iter(typed), None)
        if member is None:
            continue
        if axis == "ItemAxis":
            item = _item_number(member.text, file)
        elif axis == "ShareClassAxis":
            share_class = (member.text or "").strip()  # the class's key (s1): equal keys, one class
    return share_class, item


def _item_number(text: Any, file: str | Path | None) -> int | None:
    if text is None:
        return None
    if not isinstance(text, str) or not text.strip().isdigit() or int(text) < 1 or len(text) > 9:
        raise XbrlError(f"item number {text!r} is not a positive integer", file=file)
    return int(text)


def _facts_view(facts: Iterable[_Fact], file: str | Path | None) -> dict[str, Any]:
    """The facts object: each fact's path from its concept's pattern, with the list indices its context gives."""
    entries: dict[str, dict[tuple[str, int], int]] = {}  # class list -> (class, repeat) -> index
    seen: dict[tuple[str, str], int] = {}  # (concept, class) -> facts so far
    out: dict[str, Any] = {}
    for fact in facts:
        dimension = fact.concept.dimension
        indices: list[int] = []
        if dimension in (CLASS, CLASS_ITEM):
            if fact.share_class is None:
                raise XbrlError(f"fact {fact.concept.name} has no class of shares (mr:ShareClassAxis)", file=file)
            list_name = fact.concept.pattern.split("[", 1)[0]
            repeat = seen.get((fact.concept.pattern, fact.share_class), 0) if dimension == CLASS else 0
            seen[(fact.concept.pattern, fact.share_class)] = repeat + 1
            numbering = entries.setdefault(list_name, {})
            indices.append(numbering.setdefault((fact.share_class, repeat), len(numbering)))
        if dimension in (ITEM, CLASS_ITEM):
            if fact.item is None:
                raise XbrlError(f"fact {fact.concept.name} has no item number (mr:ItemAxis)", file=file)
            indices.append(fact.item - 1)
        path = _path(fact.concept.pattern, indices)
        if path in out:
            raise XbrlError(f"two facts for {path}", file=file)
        out[path] = _value(fact.concept, fact.text)
    return out


def _path(pattern: str, indices: list[int]) -> str:
    parts = pattern.split("[]")
    return "".join(part + (f"[{indices[n]}]" if n < len(indices) else "") for n, part in enumerate(parts))


def _value(concept: Concept, text: str) -> Any:
    """The JSON value of the facts view (counts as integers, yes/no as booleans, the rest as text); checked later."""
    if concept.kind == SHARES and re.fullmatch(r"-?\d{1,30}", text.strip()):
        return int(text)
    if concept.kind == BOOLEAN and text.strip() in ("true", "false", "1", "0"):
        return text.strip() in ("true", "1")
    return text


def read_json_return(path: str | Path) -> MonthlyReturn:
    """The model of a JSON file: an xBRL-JSON report of our taxonomy, else a facts JSON return (by content)."""
    path = Path(path)
    document = read_bounded(path)  # the facts-JSON reader's bounds: size, no floats, bounded integers
    return read_xbrl_json(document, file=path) if is_xbrl_json(document) else from_facts(document, file=path)
