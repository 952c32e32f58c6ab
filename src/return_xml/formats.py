"""Output formats of a return, chosen by name or by the target's suffix (``api.write``, ``api.convert``, ``bulk``)."""

from __future__ import annotations

import json
from pathlib import Path

from return_xml.facts import facts_of
from return_xml.model import MonthlyReturn
from return_xml.xmlio import render_xml

FORMATS = ("xml", "json", "xbrl", "xbrl-json")
"""Output formats: return-xml XML, facts JSON, XBRL 2.1 instance, xBRL-JSON (OIM) report (docs/xbrl.md)."""

SUFFIXES = {"xml": ".xml", "json": ".json", "xbrl": ".xbrl", "xbrl-json": ".xbrl.json"}
"""The suffix a file of each format takes: an xBRL-JSON report is JSON, named ``.xbrl.json`` so that it is not
taken for (or written over) the facts JSON of the same return (``bulk`` names its outputs so)."""


def output_format(path: Path, fmt: str | None = None) -> str:
    """The format to write to ``path``: ``fmt`` if given (one of ``FORMATS``), else by suffix.

    By suffix: ``.xbrl.json`` xBRL-JSON, ``.json`` facts, ``.xbrl`` an instance, anything else XML.
    """
    if fmt is None:
        if path.name.lower().endswith(SUFFIXES["xbrl-json"]):
            return "xbrl-json"
        return {".json": "json", ".xbrl": "xbrl"}.get(path.suffix.lower(), "xml")
    if fmt not in FORMATS:
        raise ValueError(f"unknown output format {fmt!r} (use {', '.join(FORMATS)})")
    return fmt


def render_as(monthly_return: MonthlyReturn, path: Path, fmt: str | None = None) -> bytes:
    """The bytes of ``monthly_return`` in the format ``output_format(path, fmt)`` names."""
    return rendered(monthly_return, output_format(path, fmt))


def rendered(monthly_return: MonthlyReturn, fmt: str) -> bytes:
    """The bytes of ``monthly_return`` in format ``fmt`` (one of ``FORMATS``)."""
    if fmt in ("xbrl", "xbrl-json"):
        # lazy: only XBRL output needs the taxonomy
        from return_xml.xbrl import render_xbrl, render_xbrl_json

        return render_xbrl(monthly_return) if fmt == "xbrl" else render_xbrl_json(monthly_return)
    if fmt == "json":
        return (json.dumps(facts_of(monthly_return), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if fmt != "xml":
        raise ValueError(f"unknown output format {fmt!r} (use {', '.join(FORMATS)})")
    return render_xml(monthly_return)
