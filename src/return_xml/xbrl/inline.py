"""An Inline XBRL 1.1 document of a monthly return: the HTML page people read, as XHTML, with every fact tagged.

``render_inline(monthly_return, findings)`` writes the page of
``return_xml.render.html`` (same sections, same text, same findings panel) as
well-formed XHTML, and tags in it every fact of the XBRL instance that
``render_xbrl`` writes (docs/xbrl.md, "Inline XBRL"):

- a value the page shows is tagged where it is shown, the first time it is
  shown: ``ix:nonFraction`` for counts, money and prices (``unitRef`` and
  ``decimals`` as in the instance, ``format`` from the transformation registry,
  ``sign="-"`` for a negative), ``ix:nonNumeric`` for text, dates and yes/no;
- a fact the page does not show, or shows in a form no transformation reads back
  to the same value (a currency printed ``港幣``, text printed over several
  lines), is written in ``ix:hidden``, with the value of the instance;
- ``ix:header`` holds the taxonomy's entry point (``ix:references``) and the
  instance's own contexts and units (``ix:resources``): ``Instance`` makes both
  documents' contexts, units and fact attributes.

So the facts of the Inline XBRL document are the instance's, one for one, with
the same concept, context, unit and value.  Each fact carries ``rx:page`` (and,
when hidden, ``rx:printed``) as in the instance.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from html import escape
from typing import Any

from lxml import etree

from return_xml.errors import InternalError
from return_xml.facts import fact_leaves, facts_of
from return_xml.model import MonthlyReturn
from return_xml.model.values import Reading
from return_xml.render.html import CSS, Markup, Shown, language_tag, page_body
from return_xml.rules import Finding
from return_xml.xbrl import transforms
from return_xml.xbrl.concepts import BOOLEAN, DATE, NUMERIC_KINDS, Concept
from return_xml.xbrl.instance import IX, NSMAP, XHTML, Instance, lexical
from return_xml.xbrl.taxonomy import ENTRY_POINT, PREFIX
from return_xml.xmlio.safe_parser import hardened_parser

INLINE_NSMAP: dict[str | None, str] = {None: XHTML, "ix": IX, "ixt": transforms.IXT}
INLINE_NSMAP.update(NSMAP)

# Characters XML 1.0 forbids (a PDF's text layer can hold form feeds and the like): shown as U+FFFD.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _e(text: str) -> str:
    return escape(text, quote=True)


class _Fact:
    """One fact of the instance: its concept, tag attributes, instance text and provenance."""

    def __init__(self, path: str, value: Any, concept: Concept, attributes: dict[str, str], leaf: Reading | None) -> None:
        self.path, self.value, self.concept = path, value, concept
        self.attributes = {"name": f"{PREFIX}:{concept.name}", **attributes}
        self.text = lexical(concept, value)
        self.leaf = leaf

    def tagging(self, shown: str) -> transforms.Tagging | None:
        """How the page's ``shown`` text is tagged as this fact, or ``None`` when it does not read back to the value."""
        if self.concept.kind in NUMERIC_KINDS:
            return transforms.number(shown, self.value)
        if self.concept.kind == DATE:
            return transforms.date(shown, self.value)
        if self.concept.kind == BOOLEAN:
            return transforms.flag(shown, self.value)
        return transforms.text(shown, self.value)

    def element(self, tagging: transforms.Tagging, hidden: bool) -> str:
        """The fact's ix element (markup) around ``tagging.inner``, with what surrounds it outside."""
        numeric = self.concept.kind in NUMERIC_KINDS
        attributes = dict(self.attributes)
        if tagging.format:
            attributes["format"] = tagging.format
        if tagging.negative:
            attributes["sign"] = "-"
        source = getattr(self.leaf, "source", None)
        if source is not None:
            attributes["rx:page"] = str(source.page)
        printed = getattr(self.leaf, "printed", None)
        if hidden and printed is not None and printed != self.text:
            attributes["rx:printed"] = printed
        name = "ix:nonFraction" if numeric else "ix:nonNumeric"
        attrs = "".join(f' {k}="{_e(v)}"' for k, v in attributes.items())
        return f"{_e(tagging.before)}<{name}{attrs}>{_e(tagging.inner)}</{name}>{_e(tagging.after)}"

    def hidden(self) -> str:
        """The fact as written in ``ix:hidden``: its instance value (a number without its sign, read as a number)."""
        if self.concept.kind in NUMERIC_KINDS:
            negative = self.text.startswith("-")
            tagging = transforms.Tagging("ixt:num-dot-decimal", "", self.text.lstrip("-"), "", negative)
        else:
            tagging = transforms.Tagging(None, "", self.text, "")
        return self.element(tagging, hidden=True)


class _Tagging(Shown):
    """The page's values, each tagged as the fact printed from it (see the module docstring)."""

    def __init__(self, monthly_return: MonthlyReturn, instance: Instance) -> None:
        super().__init__(monthly_return.form.language)
        leaves = fact_leaves(monthly_return)
        self.facts: dict[str, _Fact] = {}
        self.by_leaf: dict[int, list[_Fact]] = {}
        for path, value in instance.facts.items():
            concept, attributes = instance.attributes(path, value)
            fact = self.facts[path] = _Fact(path, value, concept, attributes, leaves.get(path))
            if fact.leaf is not None:
                # The page shows model value objects; the same object behind two paths is tagged once per showing.
                self.by_leaf.setdefault(id(fact.leaf), []).append(fact)
        self.leaves = leaves  # keeps every value object alive, so that no id() is reused while the page is built
        self.tagged: set[str] = set()

    def show(self, value: Reading | None, text: str) -> Markup:
        for fact in self.by_leaf.get(id(value), ()) if value is not None and text else ():
            if fact.path in self.tagged:
                continue
            tagging = fact.tagging(text)
            if tagging is not None:
                self.tagged.add(fact.path)
                return Markup(fact.element(tagging, hidden=False))
        return super().show(value, text)

    def untagged(self) -> list[_Fact]:
        return [fact for path, fact in self.facts.items() if path not in self.tagged]


def render_inline(monthly_return: MonthlyReturn, findings: Sequence[Finding] = ()) -> bytes:
    """The return as an Inline XBRL 1.1 document (UTF-8 XHTML bytes): the HTML page with every fact tagged."""
    instance = Instance(facts_of(monthly_return))
    tagging = _Tagging(monthly_return, instance)
    title, body = page_body(monthly_return, findings, tagging)
    hidden = "".join(fact.hidden() for fact in tagging.untagged())
    namespaces = "".join(f' xmlns{":" + k if k else ""}="{v}"' for k, v in INLINE_NSMAP.items())
    document = (
        f'<html{namespaces} xml:lang="{language_tag(monthly_return.form.language)}"><head>'
        '<meta http-equiv="Content-Type" content="text/html; charset=UTF-8"/>'
        f'<title>{_e(title)}</title><style type="text/css">{CSS}</style></head><body>\n'
        '<div style="display:none"><ix:header>'
        + (f"<ix:hidden>{hidden}</ix:hidden>" if hidden else "")
        + f'<ix:references><link:schemaRef xlink:type="simple" xlink:href="{ENTRY_POINT}"/></ix:references>'
        "<ix:resources/></ix:header></div>\n"
        f"{body}\n</body></html>\n"
    )
    root = etree.fromstring(_NOT_XML.sub("\ufffd", document).encode("utf-8"), hardened_parser())
    resources = root.find(f".//{{{IX}}}resources")
    if resources is None:  # pragma: no cover - written just above
        raise InternalError("the Inline XBRL header lost its ix:resources")
    resources.extend(copy.deepcopy(e) for e in instance.context_elements + instance.unit_elements)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


__all__ = ["IX", "XHTML", "render_inline"]
