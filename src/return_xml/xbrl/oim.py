"""The xBRL-JSON (OIM 1.0) report of a monthly return (docs/xbrl.md, "xBRL-JSON").

It is made from the XBRL 2.1 instance (``instance.render_xbrl``), fact for fact,
so both formats always say the same: each fact of the instance becomes one
entry of ``facts`` (ids ``f1``, ``f2`` ... in the instance's order) with

- ``value``: the instance's text; ``decimals`` for numbers;
- ``dimensions``: ``concept`` (``mr:IssuedCloseIssued``), ``entity``
  (``hkex:01723``: the scheme's prefix is declared in ``namespaces``),
  ``period`` and ``unit`` in OIM's syntax, and the typed dimensions
  ``mr:ShareClassAxis`` (the class's key, ``s1``) and ``mr:ItemAxis`` (the
  item's number) of the fact's context;
- the provenance attributes as extension properties ``rx:printed`` and ``rx:page``.

OIM writes periods as date-times: an instant at the end of day D is ``D+1T00:00:00``,
a duration ``startT00:00:00/end+1T00:00:00``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any
from urllib.parse import quote

from lxml import etree

from return_xml.model import MonthlyReturn
from return_xml.xbrl.instance import (
    ISO4217,
    PROVENANCE,
    SCHEME_ISSUER_NAME,
    SCHEME_STOCK_CODE,
    XBRLDI,
    XBRLI,
    render_xbrl,
)
from return_xml.xbrl.taxonomy import ENTRY_POINT, NAMESPACE, PREFIX
from return_xml.xmlio.safe_parser import hardened_parser

DOCUMENT_TYPE = "https://xbrl.org/2021/xbrl-json"
SCHEME_PREFIXES = {SCHEME_STOCK_CODE: "hkex", SCHEME_ISSUER_NAME: "issuer"}
NAMESPACES = {"xbrli": XBRLI, "iso4217": ISO4217, PREFIX: NAMESPACE, "rx": PROVENANCE,
              **{prefix: scheme for scheme, prefix in SCHEME_PREFIXES.items()}}


def render_xbrl_json(monthly_return: MonthlyReturn) -> bytes:
    """The xBRL-JSON report of ``monthly_return`` as UTF-8 bytes (the same facts as ``render_xbrl``)."""
    return xbrl_json_of_instance(render_xbrl(monthly_return))


def xbrl_json_of_instance(instance: bytes) -> bytes:
    """The xBRL-JSON report of an instance that ``render_xbrl`` wrote (trusted bytes, ours)."""
    root = etree.fromstring(instance, hardened_parser())
    contexts = {c.get("id"): _context_dimensions(c) for c in root.iterfind(f"{{{XBRLI}}}context")}
    units = {u.get("id"): _unit(u) for u in root.iterfind(f"{{{XBRLI}}}unit")}
    facts: dict[str, Any] = {}
    for element in root:
        if not isinstance(element.tag, str) or not element.tag.startswith(f"{{{NAMESPACE}}}"):
            continue
        fact: dict[str, Any] = {"value": element.text or ""}
        if element.get("decimals") is not None:
            fact["decimals"] = int(element.get("decimals"))
        dimensions = {"concept": f"{PREFIX}:{etree.QName(element).localname}", **contexts[element.get("contextRef")]}
        if element.get("unitRef") is not None:
            dimensions["unit"] = units[element.get("unitRef")]
        fact["dimensions"] = dimensions
        if element.get(f"{{{PROVENANCE}}}printed") is not None:
            fact["rx:printed"] = element.get(f"{{{PROVENANCE}}}printed")
        if element.get(f"{{{PROVENANCE}}}page") is not None:
            fact["rx:page"] = int(element.get(f"{{{PROVENANCE}}}page"))
        facts[f"f{len(facts) + 1}"] = fact
    report = {
        "documentInfo": {"documentType": DOCUMENT_TYPE, "namespaces": NAMESPACES, "taxonomy": [ENTRY_POINT]},
        "facts": facts,
    }
    return (json.dumps(report, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _context_dimensions(context: etree._Element) -> dict[str, str]:
    identifier = context.find(f"{{{XBRLI}}}entity/{{{XBRLI}}}identifier")
    dimensions = {"entity": f"{SCHEME_PREFIXES[identifier.get('scheme')]}:{_sqname_local(identifier.text or '')}"}
    period = context.find(f"{{{XBRLI}}}period")
    instant = period.findtext(f"{{{XBRLI}}}instant")
    if instant is not None:
        dimensions["period"] = _end_of_day(instant)
    else:
        start = period.findtext(f"{{{XBRLI}}}startDate")
        dimensions["period"] = f"{start}T00:00:00/{_end_of_day(period.findtext(f'{{{XBRLI}}}endDate'))}"
    for typed in context.iter(f"{{{XBRLDI}}}typedMember"):
        # Both typed domains are simple (the class's key s1, s2 ..., the item's number): OIM writes their text.
        dimensions[typed.get("dimension")] = typed[0].text or ""
    return dimensions


def _end_of_day(date: str) -> str:
    return f"{dt.date.fromisoformat(date) + dt.timedelta(days=1)}T00:00:00"


def _sqname_local(identifier: str) -> str:
    # An OIM entity is an SQName, whose local part has no white space (an issuer's name has some).
    return quote(identifier, safe="") if re.search(r"\s", identifier) else identifier


def _unit(unit: etree._Element) -> str:
    numerator = [m.text for m in unit.iterfind(f"{{{XBRLI}}}divide/{{{XBRLI}}}unitNumerator/{{{XBRLI}}}measure")]
    if not numerator:
        return "*".join(m.text for m in unit.iterfind(f"{{{XBRLI}}}measure"))
    denominator = [m.text for m in unit.iterfind(f"{{{XBRLI}}}divide/{{{XBRLI}}}unitDenominator/{{{XBRLI}}}measure")]
    return f"{'*'.join(numerator)}/{'*'.join(denominator)}"
