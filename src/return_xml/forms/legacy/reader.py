"""The legacy monthly-return template reader (about 2008-2021), English and Chinese.

The template was a Word document filled in by each issuer's staff and printed
through whatever software they had, so nothing can be found by position:
sections are found by their headings, values by their labels, and the figures
of a table by the column whose printed heading they stand under (headings are
"stacks" of phrases; a figure goes to the column it overlaps, else the nearest).

Traps, each handled once:
- ``N/A``, ``-`` and blank figures are absent; ``Nil`` is 0 (``pdf/values.py``).
- Blank template slots such as ``( / / )`` are no value.
- Section I of no-par issuers (after 3 March 2014) prints ``N/A`` for par value
  and capital: absent, never 0.
- A figure may carry a unit (``15,000,000 units``, ``份``) or a marker
  (``(Remark 1)``) on the next line.
- Some PDFs hold the same return several times: it is read once and the
  repetition is reported in ``reading_notes``; two different returns in one
  PDF are refused.

The reading is split by section: ``header.py`` (header, remarks, signatory),
``capital.py`` (sections I and II), ``options.py`` (section III's item tables
and III A), ``warrants.py`` (III B, C, D), ``other_movements.py`` (III E and
the grand totals); ``rows.py`` the wrapped row labels, ``headings.py`` the
item numbers printed apart, ``common.py`` the helpers on filled-in text.  The
phrase index they all ask (``PhraseIndex``) and wrapped labels are in
``pdf/layout.py``, with the layout's tolerances (``TOL``).
"""

from __future__ import annotations

import re
from dataclasses import fields, is_dataclass, replace

from return_xml.errors import FieldError, UnsupportedFormError
from return_xml.forms.legacy.capital import CapitalReading
from return_xml.forms.legacy.common import (
    _DATE_SLOT,
    _EDITION_PHRASE,
    _MONEY,
    _SECTION_KEYS,
    _SECTION_MARKS,
    _UNIT,
    _date_in_words,
    _is_blank,
    _is_page_number,
    _strip_template,
    _with_split_runs_joined,
    _with_text,
    _without_split_markers,
)
from return_xml.forms.legacy.header import HeaderReading
from return_xml.forms.legacy.headings import with_item_numbers_joined
from return_xml.forms.legacy.labels import LEGACY_LABELS, LegacyLabels
from return_xml.forms.legacy.options import OptionsReading
from return_xml.forms.legacy.other_movements import OtherMovementsReading
from return_xml.forms.legacy.scanned import anchor_by_order, release_shared_headings
from return_xml.forms.legacy.warrants import WarrantsReading
from return_xml.forms.registry import Detection, register
from return_xml.model import (
    Amount,
    Count,
    Currency,
    Day,
    Family,
    FormInfo,
    MonthlyReturn,
    Reading,
    ReadingNote,
    SectionMark,
)
from return_xml.pdf import values as v
from return_xml.pdf.document import PdfDocument, Phrase
from return_xml.pdf.layout import PhraseIndex


class LegacyReader:
    """Reads the legacy template (undated, Main Board, GEM and dated editions)."""

    name = "legacy"
    # The template's edition printed alone in a page margin ("March 2019"): template text to the audit.
    template_figures = (_EDITION_PHRASE,)

    def accepts(self, detection: Detection) -> bool:
        return detection.family is Family.LEGACY

    def known_versions(self) -> str:
        return "legacy template (all editions)"

    def read(self, document: PdfDocument, detection: Detection) -> MonthlyReturn:
        labels = LEGACY_LABELS[detection.language]
        if any(page.recognised for page in document.pages):
            labels = labels.as_recognised  # OCR's spaces and half-width marks (spaced_labels.py)
        copies = _split_copies(document, labels)
        models = [_Reading(document, pages, detection, labels).monthly_return() for pages in copies]
        first = models[0]
        if len(models) == 1:
            return first
        if any(_without_sources(m) != _without_sources(first) for m in models[1:]):
            starts = ", ".join(str(pages[0]) for pages in copies)
            raise UnsupportedFormError(
                f"the PDF holds {len(models)} different monthly returns (starting on pages {starts}); split it first",
                file=document.path,
            )
        note = ReadingNote(
            message=f"the PDF holds the same return {len(models)} times (starting on pages "
            + ", ".join(str(pages[0]) for pages in copies)
            + "); the first copy was read",
            page=copies[1][0],
        )
        return replace(first, reading_notes=first.reading_notes + (note,))


register(LegacyReader())

_CJK_SPACE = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")


def _split_copies(document: PdfDocument, labels: LegacyLabels) -> list[list[int]]:
    """Page numbers of each copy of the return in the PDF (a copy starts at a title page)."""
    starts = [
        page.number
        for page in document.pages
        if any(labels["title"].search(p.text) for p in page.phrases if p.top < page.height * 0.35)
        and any(labels["period_end"].search(p.text) for p in page.phrases)
    ]
    if not starts:
        return [[page.number for page in document.pages]]
    bounds = starts + [len(document.pages) + 1]
    return [list(range(bounds[i], bounds[i + 1])) for i in range(len(starts))]


def _without_sources(obj: object) -> object:
    """The values of a model without printed tokens and pages, to tell identical copies apart."""
    if isinstance(obj, Reading):
        return getattr(obj, "value")
    if is_dataclass(obj):
        return tuple(_without_sources(getattr(obj, f.name)) for f in fields(obj) if f.name != "page")
    if isinstance(obj, tuple):
        return tuple(_without_sources(item) for item in obj)
    return obj


class _Reading(HeaderReading, CapitalReading, OptionsReading, WarrantsReading, OtherMovementsReading):
    """One reading of one copy of a return: the sections are read by the parts it is made of."""

    def __init__(self, document: PdfDocument, pages: list[int], detection: Detection, labels: LegacyLabels) -> None:
        self.document = document
        self.detection = detection
        self.labels = labels
        page_header = labels["page_header"]
        phrases = [
            p
            for number in pages
            for p in document.pages[number - 1].phrases
            if not page_header.search(p.text) and not _is_page_number(p, document)
        ]
        self.whole = PhraseIndex(with_item_numbers_joined(_without_split_markers(_with_split_runs_joined(sorted(phrases, key=lambda p: (p.page, p.cy, p.x0))))))
        anchors = {key: self.whole.first_wrapped(labels[f"section.{key}"]) for key in _SECTION_KEYS}
        self.anchors = {k: a for k, a in anchors.items() if a is not None}
        if labels.recognised:
            recognised = lambda p: document.pages[p.page - 1].recognised  # noqa: E731
            release_shared_headings(self.anchors, _SECTION_KEYS, labels, recognised)
            anchor_by_order(self.whole.phrases, self.anchors, _SECTION_KEYS, labels, recognised)
        if "I" not in self.anchors or "II" not in self.anchors:
            raise FieldError("sections I and II of the legacy template not found", file=document.path, code="E-FIELD-MISSING")
        self.first_page = pages[0]
        # Column names by heading text: sections III A-E print the same headings,
        # and naming one tries every column pattern twice.
        self._column_names: dict[str, str | None] = {}

    # -- structure ---------------------------------------------------------------

    def section(self, key: str) -> PhraseIndex:
        start = self.anchors.get(key)
        if start is None:
            return PhraseIndex([])
        later = sorted(
            (a for a in self.anchors.values() if (a.page, a.top) > (start.page, start.top)), key=lambda a: (a.page, a.top)
        )
        return self.whole.between(start, later[0] if later else None)

    def money(self, phrase: Phrase | None, path: str, default_currency: str | None = None) -> tuple[Currency, Amount]:
        """A price or an amount with its currency, from text like ``HK$2.25 per share`` or ``每股港幣2.25``."""
        if phrase is None:
            return Currency(None, printed=""), Amount(None, printed="")
        text = v.normalise(phrase.text)
        # A Chinese currency word broken over two lines ("每股加" / "元0.35") is one word.
        m = _MONEY.search(text) or _MONEY.search(_CJK_SPACE.sub("", text))
        if m:
            code_token = m.group(1) or m.group(4)
            figure = m.group(2) or m.group(3)
            currency = v.currency(phrase, token=code_token, field=f"{path}_currency")
            return currency, v.amount(phrase, token=figure, field=path)
        figure = _UNIT.sub("", _strip_template(text))
        if _is_blank(figure) or self.labels["not_applicable"].match(figure):
            return Currency(None, printed=""), v.amount(phrase, token=figure if not _is_blank(figure) else "", field=path)
        if figure.strip().casefold() in v.ZERO_TOKENS:
            # Why: a capital printed "Nil" is an amount of zero (facts.md), not a figure missing.
            currency = Currency(default_currency, printed="") if default_currency else Currency(None, printed="")
            return currency, v.amount(phrase, token=figure.strip(), field=path)
        number = re.search(r"-?\(?[0-9][0-9,]*(?:\.[0-9]+)?\)?", figure)
        if number is None:
            return Currency(None, printed=""), Amount(None, printed=phrase.text, source=v.source_of(phrase))
        currency = Currency(default_currency, printed="") if default_currency else Currency(None, printed="")
        return currency, v.amount(phrase, token=number.group(0), field=path)

    def count(self, phrase: Phrase | None, path: str, page: int) -> Count:
        if phrase is None:
            return Count(None, printed="", source=v.Source(page))
        token = _UNIT.sub("", _strip_template(v.normalise(phrase.text)))
        if _is_blank(token) or self.labels["unlimited"].match(token):
            # "Unlimited" is no number: the count is absent and its printed word kept.
            return Count(None, printed=phrase.text, source=v.source_of(phrase))
        return v.count(_with_text(phrase, token), field=path)

    def date(self, phrase: Phrase | None, path: str) -> Day | None:
        """A date from a filled-in slot; free text that holds no date keeps its printed words."""
        if phrase is None:
            return None
        text = v.normalise(phrase.text)
        found = _DATE_SLOT.search(text)
        value = v.parse_date(found.group(0)) if found else v.parse_date(text)
        if value is None:
            value = _date_in_words(text)
        return Day(value, printed=phrase.text, source=v.source_of(phrase))

    # -- the whole return ----------------------------------------------------------

    def monthly_return(self) -> MonthlyReturn:
        authorised, codes = self.authorised()
        options, options_total, options_funds = self.options()
        warrants, warrants_total = self.warrants_or_convertibles("B")
        convertibles, convertibles_total = self.warrants_or_convertibles("C")
        arrangements, arrangements_total = self.arrangements()
        movements, movements_total = self.other_movements()
        sections = tuple(
            SectionMark(section=mark, applicable=True, page=self.anchors[key].page)
            for key, mark in _SECTION_MARKS.items()
            if key in self.anchors
        )
        return MonthlyReturn(
            form=FormInfo(
                family=Family.LEGACY, version=self.edition(), language=self.detection.language, detected_by=self.detection.rule
            ),
            header=self.header(),
            sections=sections,
            authorised=authorised,
            authorised_total=self.authorised_total(),
            issued=self.issued(codes),
            options=options,
            options_total=options_total,
            options_funds=options_funds,
            warrants=warrants,
            warrants_total=warrants_total,
            convertibles=convertibles,
            convertibles_total=convertibles_total,
            arrangements=arrangements,
            arrangements_total=arrangements_total,
            other_movements=movements,
            other_movements_total=movements_total,
            total_increase=self.grand_total(),
            remarks=self.remarks(),
            signatory=self.signatory(),
        )

    def edition(self) -> str | None:
        """The template edition printed in the page margins (e.g. ``March 2019``), if any."""
        pattern = re.compile(
            r"\b((?:January|February|March|April|May|June|July|August|September|October|November|December)\s+20\d\d)\b"
        )
        seen: dict[str, int] = {}
        for page in self.document.pages:
            for p in page.phrases:
                if p.top < 45 or p.top > page.height - 45:
                    if m := pattern.search(p.text):
                        seen[m.group(1)] = seen.get(m.group(1), 0) + 1
        repeated = [edition for edition, n in seen.items() if n >= 2]
        return repeated[0] if repeated else None
