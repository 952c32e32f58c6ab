"""An XBRL 2.1 instance of a monthly return, written from its facts view (docs/xbrl.md).

Every fact of the facts view (``return_xml.facts.facts_of``) becomes exactly one
XBRL fact, of the concept of its path pattern (``concepts.CONCEPTS``):

- contexts: the entity is the first printed stock code (else the issuer name);
  the period is the month (duration), its close or the close of the preceding
  month (instants), by concept; a fact of a class list (``authorised[i]``,
  ``issued[i]``, section totals) carries the class-of-shares typed dimension (its
  class's key ``s1``, ``s2`` ...: ``_ClassMembers``), an item of a list
  (``options[k]``, ``authorised_total[j]`` ...) the item typed dimension (its
  1-based number);
- units: ``shares``; the ISO 4217 code of the fact's currency field for money
  (``XXX``, ISO's "no currency", when the return prints none); currency per share
  for prices and par values;
- provenance: each fact carries ``rx:printed`` (the token as printed, when it
  differs from the value written) and ``rx:page`` (1-based page it was read
  from), attributes in the namespace ``urn:return-xml:provenance:1``, which
  XBRL 2.1 allows on every fact (``xbrli:factAttrs`` takes any other namespace).

The output depends on the return alone: same return, same bytes.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from lxml import etree

from return_xml.errors import FieldError, InternalError
from return_xml.facts import fact_leaves, facts_of
from return_xml.model import MonthlyReturn
from return_xml.xbrl.concepts import (
    BOOLEAN,
    BY_PATTERN,
    CLASS,
    CLASS_ITEM,
    CLOSE,
    ITEM,
    MONETARY,
    MONTH,
    PER_SHARE,
    PRECEDING,
    SHARES,
    Concept,
    indices_of,
    pattern_of,
)
from return_xml.xbrl.taxonomy import ENTRY_POINT, NAMESPACE, PREFIX

XBRLI = "http://www.xbrl.org/2003/instance"
LINK = "http://www.xbrl.org/2003/linkbase"
XLINK = "http://www.w3.org/1999/xlink"
XBRLDI = "http://xbrl.org/2006/xbrldi"
IX = "http://www.xbrl.org/2013/inlineXBRL"  # Inline XBRL 1.1 (written by inline.py, read by inline_reader.py)
XHTML = "http://www.w3.org/1999/xhtml"
ISO4217 = "http://www.xbrl.org/2003/iso4217"
PROVENANCE = "urn:return-xml:provenance:1"
NSMAP = {"xbrli": XBRLI, "link": LINK, "xlink": XLINK, "xbrldi": XBRLDI, "iso4217": ISO4217, PREFIX: NAMESPACE,
         "rx": PROVENANCE}
SCHEME_STOCK_CODE = "http://return-xml.invalid/scheme/hkex-stock-code"
SCHEME_ISSUER_NAME = "http://return-xml.invalid/scheme/issuer-name"
NO_CURRENCY = "XXX"


def _q(ns: str, name: str) -> str:
    return f"{{{ns}}}{name}"


def render_xbrl(monthly_return: MonthlyReturn) -> bytes:
    """The XBRL 2.1 instance of ``monthly_return`` as UTF-8 bytes."""
    facts = facts_of(monthly_return)
    leaves = fact_leaves(monthly_return)
    return Instance(facts).build(leaves)


class Instance:
    """The contexts, units and facts of one return's instance; the Inline XBRL writer (``inline.py``) shares them.

    ``attributes`` gives a fact's concept and its ``contextRef``/``unitRef``/``decimals``,
    writing the context and unit it needs on first use (``context_elements``,
    ``unit_elements``, in order of first use).
    """

    def __init__(self, facts: dict[str, Any]) -> None:
        self.facts = facts
        self.root = etree.Element(_q(XBRLI, "xbrl"), nsmap=NSMAP)
        ref = etree.SubElement(self.root, _q(LINK, "schemaRef"))
        ref.set(_q(XLINK, "type"), "simple")
        ref.set(_q(XLINK, "href"), ENTRY_POINT)
        self.entity = _entity(facts)
        self.periods = _periods(facts)
        self.contexts: dict[tuple, str] = {}
        self.units: dict[tuple, str] = {}
        self.class_members = _ClassMembers(facts)
        self.context_elements: list[etree._Element] = []
        self.unit_elements: list[etree._Element] = []

    def build(self, leaves: dict[str, Any]) -> bytes:
        body = [self._fact(path, value, leaves.get(path)) for path, value in self.facts.items()]
        # Contexts, then units, then the facts in facts-view order: each group in order of first use.
        self.root.extend(self.context_elements + self.unit_elements + body)
        return etree.tostring(self.root, xml_declaration=True, encoding="UTF-8", pretty_print=True)

    def attributes(self, path: str, value: Any) -> tuple[Concept, dict[str, str]]:
        """The concept of the fact at ``path`` and its ``contextRef`` (and ``unitRef``, ``decimals`` for numbers)."""
        concept = BY_PATTERN.get(pattern_of(path))
        if concept is None:
            raise InternalError(f"facts path {path} has no XBRL concept (add it to return_xml/xbrl/concepts.py)")
        attributes = {"contextRef": self._context(path, concept)}
        if concept.kind in (SHARES, MONETARY, PER_SHARE):
            attributes["unitRef"] = self._unit(path, concept)
            attributes["decimals"] = "0" if concept.kind == SHARES else str(_decimals(value))
        return concept, attributes

    def _fact(self, path: str, value: Any, leaf: Any) -> etree._Element:
        concept, attributes = self.attributes(path, value)
        element = etree.Element(_q(NAMESPACE, concept.name), attributes)
        text = lexical(concept, value)
        element.text = text
        printed = getattr(leaf, "printed", None)
        if printed is not None and printed != text:
            element.set(_q(PROVENANCE, "printed"), printed)
        source = getattr(leaf, "source", None)
        if source is not None:
            element.set(_q(PROVENANCE, "page"), str(source.page))
        return element

    def _context(self, path: str, concept: Concept) -> str:
        indices = indices_of(path)
        dims: list[tuple[str, str | None, tuple]] = []
        if concept.dimension in (CLASS, CLASS_ITEM):
            dims.append(("ShareClassAxis", None, self.class_members.member(path.split("]", 1)[0] + "]")))
        if concept.dimension in (ITEM, CLASS_ITEM):
            dims.append(("ItemAxis", str(indices[-1] + 1), ()))
        key = (concept.period, tuple(dims))
        if key not in self.contexts:
            cid = {MONTH: "m", CLOSE: "c", PRECEDING: "p"}[concept.period]
            for axis, item, member in dims:
                cid += f"_s{self.class_members.number(member)}" if axis == "ShareClassAxis" else f"_i{item}"
            self.contexts[key] = cid
            self._write_context(cid, concept.period, dims)
        return self.contexts[key]

    def _write_context(self, cid: str, period: str, dims: list) -> None:
        context = etree.Element(_q(XBRLI, "context"), id=cid)
        entity = etree.SubElement(context, _q(XBRLI, "entity"))
        identifier = etree.SubElement(entity, _q(XBRLI, "identifier"), scheme=self.entity[0])
        identifier.text = self.entity[1]
        if dims:
            segment = etree.SubElement(entity, _q(XBRLI, "segment"))
            for axis, item, member in dims:
                typed = etree.SubElement(segment, _q(XBRLDI, "typedMember"), dimension=f"{PREFIX}:{axis}")
                if axis == "ItemAxis":
                    etree.SubElement(typed, _q(NAMESPACE, "item")).text = item
                else:
                    etree.SubElement(typed, _q(NAMESPACE, "shareClass")).text = self.class_members.key(member)
        xperiod = etree.SubElement(context, _q(XBRLI, "period"))
        start, close, preceding = self.periods
        if period == MONTH:
            etree.SubElement(xperiod, _q(XBRLI, "startDate")).text = start.isoformat()
            etree.SubElement(xperiod, _q(XBRLI, "endDate")).text = close.isoformat()
        else:
            etree.SubElement(xperiod, _q(XBRLI, "instant")).text = (close if period == CLOSE else preceding).isoformat()
        self.context_elements.append(context)

    def _unit(self, path: str, concept: Concept) -> str:
        currency = NO_CURRENCY
        if concept.currency_field:
            item = path[: path.rindex("]") + 1]  # every money concept is in a list; its currency is a field of the entry
            currency = self.facts.get(f"{item}.{concept.currency_field}", NO_CURRENCY)
        key = (concept.kind, currency if concept.kind != SHARES else None)
        if key not in self.units:
            uid = {SHARES: "shares", MONETARY: currency, PER_SHARE: f"{currency}_per_share"}[concept.kind]
            unit = etree.Element(_q(XBRLI, "unit"), id=uid)
            if concept.kind == SHARES:
                etree.SubElement(unit, _q(XBRLI, "measure")).text = "xbrli:shares"
            elif concept.kind == MONETARY:
                etree.SubElement(unit, _q(XBRLI, "measure")).text = f"iso4217:{currency}"
            else:
                divide = etree.SubElement(unit, _q(XBRLI, "divide"))
                etree.SubElement(etree.SubElement(divide, _q(XBRLI, "unitNumerator")), _q(XBRLI, "measure")).text = f"iso4217:{currency}"
                etree.SubElement(etree.SubElement(divide, _q(XBRLI, "unitDenominator")), _q(XBRLI, "measure")).text = "xbrli:shares"
            self.units[key] = uid
            self.unit_elements.append(unit)
        return self.units[key]


def lexical(concept: Concept, value: Any) -> str:
    """A facts-view value as the text of its XBRL fact (``true``/``false`` for yes/no)."""
    if concept.kind == BOOLEAN:
        return "true" if value else "false"
    return str(value)


def _decimals(value: str) -> int:
    exponent = Decimal(value).as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _entity(facts: dict[str, Any]) -> tuple[str, str]:
    for path, value in facts.items():
        if path.endswith(".stock_code") and (path.startswith(("issued[", "authorised["))):
            return SCHEME_STOCK_CODE, str(value)
    name = facts.get("issuer.name")
    if name:
        return SCHEME_ISSUER_NAME, str(name)
    return SCHEME_ISSUER_NAME, "unknown"


def _periods(facts: dict[str, Any]) -> tuple[dt.date, dt.date, dt.date]:
    """The month's first day, its close (``period.end``) and the close of the preceding month."""
    end = facts.get("period.end")
    if end is None:
        raise FieldError("an XBRL instance needs the month of the return, and period.end is not known", field="period.end")
    close = dt.date.fromisoformat(end)
    start = close.replace(day=1)
    return start, close, start - dt.timedelta(days=1)


class _ClassMembers:
    """The class of shares of each class-list entry, and its key in the instance (``s1``, ``s2`` ...).

    A class is what the entry prints of it: category, class text and stock code.
    A section total names its class by category and class text only: it takes the
    class of the one issued (else authorised) entry it matches, so that a class's
    facts share their contexts.  Two entries of one list that print the same class
    (legacy ordinary (1) and (2)) are told apart by a counter (2, 3 ...).

    Why a key and not the class itself: OIM (xBRL-JSON) takes simple typed
    dimensions only, so ``mr:shareClass`` is an ``xs:token``.  Nothing is lost: the
    category, class text and stock code are the entry's own facts
    (``mr:IssuedCategory`` ...), in the month context of the same key.
    """

    def __init__(self, facts: dict[str, Any]) -> None:
        self.facts = facts
        self.members: dict[str, tuple] = {}
        self.numbers: dict[tuple, int] = {}
        prefixes = dict.fromkeys(p.split("]", 1)[0] + "]" for p in facts if "[" in p.split(".", 1)[0])
        for prefix in prefixes:
            if prefix.split("[", 1)[0] in ("authorised", "issued"):
                self.member(prefix)

    def member(self, prefix: str) -> tuple:
        if prefix in self.members:
            return self.members[prefix]
        list_name = prefix.split("[", 1)[0]
        own = tuple((name, str(self.facts[f"{prefix}.{field}"])) for name, field in
                    (("category", "category"), ("class", "class"), ("stockCode", "stock_code")) if f"{prefix}.{field}" in self.facts)
        member = own
        if list_name not in ("authorised", "issued"):
            member = self._matching_class(own) or own
        else:
            taken = {m for p, m in self.members.items() if p.startswith(list_name + "[")}
            counter = 1
            while member in taken:
                counter += 1
                member = own + (("counter", str(counter)),)
        self.members[prefix] = member
        self.number(member)
        return member

    def _matching_class(self, own: tuple) -> tuple | None:
        for list_name in ("issued", "authorised"):
            found = [m for p, m in self.members.items() if p.startswith(list_name + "[") and all(pair in m for pair in own)]
            if len(found) == 1:
                return found[0]
        return None

    def number(self, member: tuple) -> int:
        """The class's 1-based number, in order of first appearance (authorised and issued entries first)."""
        return self.numbers.setdefault(member, len(self.numbers) + 1)

    def key(self, member: tuple) -> str:
        """The class's typed-dimension value: ``s`` and its number (the context ids' ``_s<n>``)."""
        return f"s{self.number(member)}"
