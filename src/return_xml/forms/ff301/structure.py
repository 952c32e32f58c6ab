"""The structure of an FF301 return that every section is read from: its pages, section regions and labels.

``FormStructure`` is the base of the section readers (``header.py`` ...
``totals.py``): it finds the section headings once and answers "the region
of section X", "is X marked not applicable", and "the value right of label
K", which every section asks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from return_xml.errors import UnsupportedFormError
from return_xml.forms.ff301.editions import Edition, edition_of, known_editions, labels_for
from return_xml.forms.ff301.labels import Labels
from return_xml.forms.item_numbers import number_blind
from return_xml.forms.registry import Detection
from return_xml.model.values import Box
from return_xml.pdf import values as v
from return_xml.pdf.cell_text import with_joined_cells, with_mended_words
from return_xml.pdf.document import Page, PdfDocument, Phrase
from return_xml.pdf.layout import (
    Region,
    Slice,
    phrases_on_line,
    region_between,
    value_right_of,
)

# The form server prints "FF301" at the top (y < 35) and "Page n of m  v1.2.0"
# at the bottom (y > 535) of every A4-landscape page: neither belongs to a section.
CONTENT_TOP = 35.0
CONTENT_BOTTOM_MARGIN = 50.0
# A region that starts at a phrase starts this many points above its top, so the phrase is inside it.
ABOVE_TOP = 1.0
# Section headings stand at the left margin: a heading found by order (a scan) starts this near the others.
HEADING_MARGIN_SLACK = 8.0

SECTIONS = ("I", "II", "III", "III.A", "III.B", "III.C", "III.D", "III.E", "IV", "V", "notes")


class FormStructure:
    """One FF301 return's pages, section headings and edition labels, and the look-ups all sections share."""

    def __init__(self, document: PdfDocument, detection: Detection, edition: Edition | None = None) -> None:
        """``edition``: the one to read with when the version was not read (``reader.py``); else the version's."""
        self.document = document
        self.detection = detection
        edition = edition or edition_of(detection.version)
        if edition is None:
            raise UnsupportedFormError(
                f"form version FF301 {detection.version or '(version not printed)'} not supported "
                f"(known: FF301 {known_editions()})",
                file=document.path,
                code="E-FORM-VERSION",
            )
        self.labels: Labels = labels_for(edition, detection.language)
        # The pages as the reader reads them: a label wrapped inside its cell is one phrase.
        self.pages = [with_joined_cells(with_mended_words(page)) for page in document.pages]
        self.whole = Region(tuple(Slice(p, CONTENT_TOP, p.height - CONTENT_BOTTOM_MARGIN) for p in self.pages))
        self.anchors = self._section_anchors()
        self._cell_texts: dict[tuple[int, Box], Phrase | None] = {}

    def _section_anchors(self) -> dict[str, Phrase]:
        anchors: dict[str, Phrase] = {}
        for key in SECTIONS:
            found = self.whole.first(self.labels[f"section.{key}"])
            if found is not None:
                anchors[key] = found
        if any(page.recognised for page in self.pages):
            self._anchor_by_order(anchors)
        for required in ("I", "II"):
            if required not in anchors:
                raise v.FieldError(f"section {required} heading not found", field=f"section {required}", code="E-FIELD-MISSING")
        return anchors

    def _anchor_by_order(self, anchors: dict[str, Phrase]) -> None:
        """Headings of a scan whose item number OCR misread, found by the form's order instead.

        A missing section's heading words are looked for, after any short token, at the left
        margin of the headings found, below the section before it and above the one after.
        """
        margin = min((a.x0 for a in anchors.values()), default=None)
        for index, key in enumerate(SECTIONS):
            blind = number_blind(self.labels.text.get(f"section.{key}", ""))
            if key in anchors or blind is None or margin is None:
                continue
            pattern = re.compile(blind, re.IGNORECASE)
            after = max(((a.page, a.top) for k, a in anchors.items() if SECTIONS.index(k) < index), default=(0, 0.0))
            before = min(((a.page, a.top) for k, a in anchors.items() if SECTIONS.index(k) > index), default=(10**6, 0.0))
            taken = set(map(id, anchors.values()))
            found = next(
                (
                    p
                    for p in self.whole.phrases()
                    if after < (p.page, p.top) < before and abs(p.x0 - margin) <= HEADING_MARGIN_SLACK
                    and id(p) not in taken and self.page(p.page).recognised and pattern.search(p.text)
                ),
                None,
            )
            if found is not None:
                anchors[key] = found

    def printed_labels(self, keys: Iterable[str]) -> set[str]:
        """Those of ``keys`` whose label (as this edition words it) stands somewhere on the pages."""
        texts = [p.text for page in self.pages for p in page.phrases]
        return {key for key in keys if self.labels.has(key) and any(self.labels[key].search(text) for text in texts)}

    def section(self, key: str) -> Region | None:
        """Section ``key`` from its heading to the next heading printed; None when it is not printed."""
        start = self.anchors.get(key)
        if start is None:
            return None
        later = sorted(
            ((a.page, a.top - ABOVE_TOP) for a in self.anchors.values() if (a.page, a.top) > (start.page, start.top)),
        )
        return region_between(self.whole, (start.page, start.top - ABOVE_TOP), later[0] if later else None)

    def applicable(self, key: str) -> bool:
        """Whether section ``key``'s heading line is not marked "Not applicable"."""
        anchor = self.anchors[key]
        page = self.page(anchor.page)
        return not any(self.labels["not_applicable"].search(p.text) for p in phrases_on_line(page, anchor))

    def page(self, number: int) -> Page:
        """Page ``number`` (from 1) as the reader reads it."""
        return self.pages[number - 1]

    def cell_text(self, page: Page, box: Box) -> Phrase | None:
        """``page.text_in(box)``, read once per box: ``columns`` reads every cell below a
        block's header (its figure cells too), which ``balance_rows`` then reads again."""
        key = (page.number, box)
        if key not in self._cell_texts:
            self._cell_texts[key] = page.text_in(box)
        return self._cell_texts[key]

    def labelled(self, region: Region, key: str, stops: tuple[str, ...] = ()) -> tuple[Phrase | None, int | None]:
        """The value right of the first label ``key`` in ``region`` and its page; (None, None) without the label."""
        if not self.labels.has(key):
            return None, None
        label = region.first(self.labels[key]) or self._label_joined_to_value(region, key)
        if label is None:
            return None, None
        return self.value_of(region, label, stops), label.page

    def _label_joined_to_value(self, region: Region, key: str) -> Phrase | None:
        """Label ``key`` where OCR read it and its value as one phrase ("狀態 : 新提交"): the label's part.

        Why: a scan loses the gap a text layer keeps between a label and its value.  Only a
        whole label (up to its colon) at the start of a recognised phrase counts.
        """
        pattern = self.labels.text[key]
        if not pattern.endswith("[:：]?$"):
            return None
        joined = re.compile(_spaced_colons_required(pattern), re.IGNORECASE)
        for phrase in region.phrases():
            page = self.page(phrase.page)
            found = joined.search(phrase.text) if page.recognised else None
            if found is None or not phrase.text[found.end():].strip():
                continue
            ink = sorted(
                (c for c in page.chars if c.text.strip() and phrase.x0 - 0.5 <= c.x0 <= phrase.x1 and phrase.top - 0.5 <= c.top <= phrase.bottom),
                key=lambda c: c.x0,
            )
            count = len("".join(found.group(0).split()))
            if 0 < count <= len(ink):
                return Phrase(found.group(0), phrase.page, phrase.x0, phrase.top, ink[count - 1].x1, phrase.bottom, phrase.confidence)
        return None

    def value_of(self, region: Region, label: Phrase, stops: tuple[str, ...] = ()) -> Phrase | None:
        """The value right of ``label``, ending before any label of ``stops``."""
        stop = self.labels.any_of(*stops) if stops else None
        return value_right_of(region.page_of(label), label, stop)

    def find(self, region: Region, key: str) -> list[Phrase]:
        """Every label ``key`` in ``region`` (none when the edition does not print it)."""
        return region.find(self.labels[key]) if self.labels.has(key) else []


def _spaced_colons_required(pattern: str) -> str:
    """A label pattern ``...[:：]?$`` as the start of a longer phrase: its colon required, a space allowed before it."""
    return pattern[: -len("[:：]?$")] + r"\s*[:：]"
