"""The one set of lxml parser settings every XML parse of return-xml uses.

No entity is expanded, no DTD is loaded and nothing is fetched from the
network; libxml2's ``huge_tree`` stays off, so its own size limits hold.
Callers add settings of their own (``remove_comments=True`` ...), never take
these away.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

HARDENED: dict[str, Any] = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "huge_tree": False,
}


def hardened_parser(**extra: Any) -> etree.XMLParser:
    """A new parser with the settings of ``HARDENED`` and ``extra`` (which may not override them)."""
    overridden = sorted(set(extra) & set(HARDENED))
    if overridden:
        raise ValueError(f"hardened settings may not be overridden: {', '.join(overridden)}")
    return etree.XMLParser(**HARDENED, **extra)
