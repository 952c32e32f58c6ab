"""The header, section IV (HDR information), section V (signatory) and the III remarks of an FF301 return."""

from __future__ import annotations

import re

from return_xml.forms.ff301.remarks import section_remarks
from return_xml.forms.ff301.structure import ABOVE_TOP, FormStructure
from return_xml.model import Header, Signatory, Text
from return_xml.pdf import values as v
from return_xml.pdf.layout import fold, region_between

_HEADER_KEYS = ("period_end", "status", "issuer_name", "submission_date")


class HeaderReading(FormStructure):
    """The parts of an FF301 return outside its share tables (part of ``reader._Reading``)."""

    def header(self) -> Header:
        """The issuer, period and submission printed above section I."""
        anchor = self.anchors["I"]
        region = region_between(self.whole, (1, 0.0), (anchor.page, anchor.top - ABOVE_TOP))
        found = {key: self.labelled(region, key, tuple(k for k in _HEADER_KEYS if k != key)) for key in _HEADER_KEYS}
        status_phrase, status_page = found["status"]
        status = None
        if status_page is not None:
            printed = fold(status_phrase.text) if status_phrase else ""
            if re.search(self.labels.status_resubmission, printed, re.IGNORECASE):
                value = "resubmission"
            elif re.search(self.labels.status_new, printed, re.IGNORECASE):
                value = "new"
            else:
                value = None
            status = Text(value, printed=printed, source=v.source_of(status_phrase, status_page))
        issuer, issuer_page = found["issuer_name"]
        return Header(
            issuer_name=v.text(issuer, page=issuer_page) if issuer_page else None,
            period_end=v.day(found["period_end"][0], field="period.end", page=found["period_end"][1]),
            submission_date=v.day(found["submission_date"][0], field="submission.date", page=found["submission_date"][1]),
            status=status,
        )

    def signatory(self) -> Signatory | None:
        """Section V's name and title; None when neither is printed."""
        region = self.section("V")
        if region is None:
            return None
        keys = ("signatory.name", "signatory.title")
        name, name_page = self.labelled(region, keys[0], keys[1:])
        title, title_page = self.labelled(region, keys[1], keys[:1])
        if name_page is None and title_page is None:
            return None
        return Signatory(
            name=v.text(name, page=name_page) if name_page else None,
            title=v.text(title, page=title_page) if title_page else None,
        )

    def section_iii_remarks(self) -> Text | None:
        """The "Remarks:" boxes under the tables of III A-E, joined (facts.md: the return's ``remarks``)."""
        regions = [r for key in ("III.A", "III.B", "III.C", "III.D", "III.E") if (r := self.section(key)) is not None]
        stops = self.labels.any_of("section_total", "grand_total.issued", "grand_total.treasury", "block.class",
                                   "options_funds", "section.IV", "section.V")
        return section_remarks(regions, self.labels["remarks"], stops)

    def hdr_information(self) -> Text | None:
        """Section IV's text when it is applicable."""
        region = self.section("IV")
        if region is None or not self.applicable("IV"):
            return None
        phrases = [p for p in region.phrases() if p is not self.anchors["IV"]]
        if not phrases:
            return None
        joined = " ".join(p.text for p in phrases)
        return Text(fold(joined), printed=joined, source=v.source_of(phrases[0]))
