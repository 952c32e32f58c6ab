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
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, fields, is_dataclass, replace

from return_xml.errors import FieldError, UnsupportedFormError
from return_xml.forms.legacy.headings import (
    MAX_WRAP_LEADING,
    MAX_WRAPPED_LINES,
    continued_phrases,
    continued_texts,
    with_item_numbers_joined,
)
from return_xml.forms.legacy.labels import LEGACY_LABELS, LegacyLabels
from return_xml.forms.legacy.rows import RowBand, row_bands
from return_xml.forms.registry import Detection, register
from return_xml.model import (
    Amount,
    ArrangementItem,
    AuthorisedBalance,
    AuthorisedClass,
    Category,
    ConvertibleItem,
    Count,
    Currency,
    Day,
    Family,
    FormInfo,
    FundsRaised,
    Header,
    IssuedBalance,
    IssuedClass,
    MonthlyReturn,
    OptionItem,
    OtherMovement,
    Reading,
    ReadingNote,
    SectionMark,
    SectionTotal,
    ShareClass,
    Signatory,
    Text,
    WarrantItem,
)
from return_xml.pdf import values as v
from return_xml.pdf.document import PdfDocument, Phrase
from return_xml.pdf.layout import Column, fold, lines_of, nearest_column

_BLANK_SLOT = re.compile(r"^[\s(（]*[\s/_.-]*[)）]?\s*$|^\(\s*/\s*/\s*\)$")
_DATE_SLOT = re.compile(r"[(（]\s*[\d\s/.-]*\d[\d\s/.-]*[)）]|\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}")
_MARKER = re.compile(r"[(（]\s*(?:Note|Remark|註|附註|备注|備註)\s*\d+\s*[)）]", re.IGNORECASE)
_MARKER_HEAD = re.compile(r"^[(（]\s*(?:Note|Remark|註|附註|備註)s?\s*$", re.IGNORECASE)
_MARKER_TAIL = re.compile(r"^\d+\s*[)）]$")
_UNIT = re.compile(r"\s*(?:units?|shares?|per\s+share|份|股)\s*$", re.IGNORECASE)
_MONEY = re.compile(r"(HK\$|US\$|S\$|RMB|HKD|USD|CNY|港幣|港元|人民幣|美元)\s*([0-9][0-9,]*(?:\.[0-9]+)?)|([0-9][0-9,]*(?:\.[0-9]+)?)\s*(港元|港幣|人民幣|美元)")
_TEMPLATE_WORDS = re.compile(r"State\s+currency|State|currency|請註明|貨幣", re.IGNORECASE)
# Patterns tried on many phrases per return, compiled once (re's own cache costs a lookup per call).
_UNDERSCORES = re.compile(r"_{2,}")
_EMPTY_DATE_SLOT = re.compile(r"[(（]\s*/\s*/\s*[)）]")
_CLOSING_BRACKET = re.compile(r"[)）]")
_OPEN_BRACKET_AT_END = re.compile(r"[(（][^)）]*$")
_DIGIT = re.compile(r"\d")
_PAGE_NUMBER = re.compile(r"[-\s]*\d{1,3}[-\s]*|Page \d+ of \d+|第\s*\d+\s*頁.*")
_SECTION_KEYS = ("I", "II", "III", "A", "B", "C", "D", "E", "grand", "remarks", "signatory")
_SECTION_MARKS = {"I": "I", "II": "II", "III": "III", "A": "III.A", "B": "III.B", "C": "III.C", "D": "III.D", "E": "III.E"}


# Why a bound: a header label wraps over two or three lines at most; further down is the next label.
MAX_LABEL_WRAP = 3.5  # line heights below the label's own line

_EDITION_PHRASE = re.compile(
    r"^\s*(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+20\d\d"
    r"|20\d\d\s*年\s*\d{1,2}\s*月)\s*$"
)

_BLANK_CHARS = frozenset("_()/ .-（）")


def _is_blank(text: str) -> bool:
    stripped = text.strip()
    if stripped.casefold() in v.ZERO_TOKENS:
        return False  # "--" and "---" mean zero (facts.md), though made of a blank slot's dashes
    return not stripped or bool(_BLANK_SLOT.match(stripped)) or set(stripped) <= _BLANK_CHARS


def _strip_template(text: str) -> str:
    """Drop note markers, fill-in underscores and empty ``( / / )`` slots from filled-in text."""
    text = _MARKER.sub(" ", text)
    text = _UNDERSCORES.sub(" ", text)
    text = _EMPTY_DATE_SLOT.sub(" ", text)
    return fold(text)


def _numeric(text: str) -> bool:
    try:
        return v.parse_number(_UNIT.sub("", _strip_template(text)), field="", page=None) is not None
    except FieldError:
        return False


def _figure_like(text: str, labels: LegacyLabels) -> bool:
    cleaned = _UNIT.sub("", _strip_template(text))
    return _numeric(cleaned) or bool(labels["not_applicable"].match(cleaned)) or cleaned.casefold() in v.ZERO_TOKENS


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


@dataclass
class _Region:
    """Phrases of a part of the return, in reading order.

    ``between`` and ``on_line`` are asked thousands of times per return; when
    the phrases are sorted by their key (page, centre height), as the whole
    return and every part cut from it are, they bisect that key instead of
    looking at every phrase.  A region in another order (``grand_total``
    prepends the figures above its label) is scanned phrase by phrase.
    """

    phrases: list[Phrase]
    # (page, centre height) of each phrase, and whether they are in that order; computed on first use.
    _keys: list[tuple[int, float]] | None = field(default=None, repr=False, compare=False)
    _sorted: bool = field(default=False, repr=False, compare=False)
    _wrapped: dict[int, str] | None = field(default=None, repr=False, compare=False)

    def _reading_keys(self) -> list[tuple[int, float]]:
        if self._keys is None:
            # By the middle of the phrase: a value typed a little higher than its
            # label still belongs to the label's line.
            self._keys = [(p.page, p.cy) for p in self.phrases]
            self._sorted = all(a <= b for a, b in zip(self._keys, self._keys[1:]))
        return self._keys

    def find(self, pattern: re.Pattern[str]) -> list[Phrase]:
        return [p for p in self.phrases if pattern.search(p.text)]

    def find_wrapped(self, pattern: re.Pattern[str]) -> list[Phrase]:
        """The phrases that open a label matching ``pattern``, on their own line or wrapped
        over the next lines at the same left edge ("Stock code (if" / "listed)")."""
        continued = self._continued()
        return [p for p in self.phrases if pattern.search(p.text) or (id(p) in continued and pattern.search(continued[id(p)]))]

    def first_wrapped(self, pattern: re.Pattern[str]) -> Phrase | None:
        found = self.first(pattern)
        if found is not None:
            return found
        continued = self._continued()
        search = pattern.search
        return next((p for p in self.phrases if id(p) in continued and search(continued[id(p)])), None)

    def wrapped_text(self, phrase: Phrase) -> str:
        """``phrase``'s text with the lines it goes on in below it (see ``find_wrapped``)."""
        return self._continued().get(id(phrase), phrase.text)

    def _continued(self) -> dict[int, str]:
        """The text of each phrase joined with the phrases that go on below it, line after line, at its left edge."""
        if self._wrapped is None:
            self._wrapped = continued_texts(self.phrases)
        return self._wrapped

    def first(self, pattern: re.Pattern[str]) -> Phrase | None:
        search = pattern.search
        return next((p for p in self.phrases if search(p.text)), None)

    def between(self, start: Phrase | None, end: Phrase | None) -> "_Region":
        """The phrases from ``start``'s line (1 pt above its top) up to ``end``'s line (exclusive)."""
        keys = self._reading_keys()
        low = (start.page, start.top - 1.0) if start is not None else None
        high = (end.page, end.top - 1.0) if end is not None else None
        if self._sorted:
            first = 0 if low is None else bisect.bisect_left(keys, low)
            last = len(keys) if high is None else bisect.bisect_left(keys, high)
            return _Region(self.phrases[first:last], _keys=keys[first:last], _sorted=True) if first < last else _Region([])
        return _Region(
            [p for p, k in zip(self.phrases, keys) if (low is None or k >= low) and (high is None or k < high)]
        )

    def on_line(self, anchor: Phrase, tolerance: float = 3.5) -> list[Phrase]:
        keys = self._reading_keys()
        candidates = self.phrases
        if self._sorted:
            # Only the phrases of the anchor's page near its height (1 pt of slack
            # around the tolerance); the exact test below decides, as before.
            first = bisect.bisect_left(keys, (anchor.page, anchor.cy - tolerance - 1.0))
            last = bisect.bisect_right(keys, (anchor.page, anchor.cy + tolerance + 1.0))
            candidates = self.phrases[first:last]
        return sorted((p for p in candidates if p.page == anchor.page and abs(p.cy - anchor.cy) <= tolerance), key=lambda p: p.x0)

    def right_of(self, anchor: Phrase, stop: re.Pattern[str] | None = None) -> list[Phrase]:
        out = []
        for p in self.on_line(anchor):
            if p is anchor or p.x0 < anchor.x1 - 1:
                continue
            if stop is not None and stop.search(p.text):
                break
            out.append(p)
        return out


def _joined(phrases: Iterable[Phrase]) -> Phrase | None:
    """One phrase made of several (on one page), in reading order."""
    items = [p for line in lines_of(list(phrases)) for p in line]
    if not items:
        return None
    page = items[0].page
    same_page = [p for p in items if p.page == page]
    return Phrase(
        " ".join(p.text for p in items),
        page,
        min(p.x0 for p in same_page),
        min(p.top for p in same_page),
        max(p.x1 for p in same_page),
        max(p.bottom for p in same_page),
    )


def _bracketed_runs(phrases: Iterable[Phrase]) -> list[Phrase]:
    """The phrases with each bracketed run on a line joined into one, from ``(`` to its ``)``.

    Why: an empty date slot ``(   /   /   )`` is one phrase only while its
    spaces are in the text layer; PDFium (and some PDF producers) keep one
    space of a run, so the slot falls apart into ``(``, ``/``, ``/``, ``)``.
    """
    joined: list[Phrase] = []
    for line in lines_of(list(phrases)):
        run: list[Phrase] = []
        for phrase in line:
            if run:
                run.append(phrase)
                if _CLOSING_BRACKET.search(phrase.text):
                    joined.append(_joined(run))
                    run = []
            elif _OPEN_BRACKET_AT_END.search(phrase.text):
                run = [phrase]
            else:
                joined.append(phrase)
        joined.extend(run)  # a bracket never closed on its line: its pieces stay as they were
    return joined


def _with_text(phrase: Phrase | None, text: str) -> Phrase | None:
    if phrase is None:
        return None
    return Phrase(text, phrase.page, phrase.x0, phrase.top, phrase.x1, phrase.bottom)


class _Reading:
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
        self.whole = _Region(with_item_numbers_joined(_without_split_markers(sorted(phrases, key=lambda p: (p.page, p.cy, p.x0)))))
        self.anchors = {key: self.whole.first_wrapped(labels[f"section.{key}"]) for key in _SECTION_KEYS}
        self.anchors = {k: a for k, a in self.anchors.items() if a is not None}
        if "I" not in self.anchors or "II" not in self.anchors:
            raise FieldError("sections I and II of the legacy template not found", file=document.path, code="E-FIELD-MISSING")
        self.first_page = pages[0]
        # Column names by heading text: sections III A-E print the same headings,
        # and naming one tries every column pattern twice.
        self._column_names: dict[str, str | None] = {}

    # -- structure ---------------------------------------------------------------

    def section(self, key: str) -> _Region:
        start = self.anchors.get(key)
        if start is None:
            return _Region([])
        later = sorted(
            (a for a in self.anchors.values() if (a.page, a.top) > (start.page, start.top)), key=lambda a: (a.page, a.top)
        )
        return self.whole.between(start, later[0] if later else None)

    def money(self, phrase: Phrase | None, path: str, default_currency: str | None = None) -> tuple[Currency, Amount]:
        """A price or an amount with its currency, from text like ``HK$2.25 per share`` or ``每股港幣2.25``."""
        if phrase is None:
            return Currency(None, printed=""), Amount(None, printed="")
        text = v.normalise(phrase.text)
        m = _MONEY.search(text)
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
        if _is_blank(token):
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
            warrants=warrants,  # type: ignore[arg-type]
            warrants_total=warrants_total,
            convertibles=convertibles,  # type: ignore[arg-type]
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

    # -- header, remarks, signatory -------------------------------------------------------

    def _value_right(self, region: _Region, key: str) -> Phrase | None:
        label = region.first(self.labels[key])
        if label is None:
            return None
        parts = [p for p in region.right_of(label) if not _is_blank(p.text)]
        if not parts:
            parts = self._right_of_wrapped(region, label)
        joined = _joined(parts)
        if joined is None:
            return None
        return _with_text(joined, _strip_template(joined.text))

    def _right_of_wrapped(self, region: _Region, label: Phrase) -> list[Phrase]:
        """The value beside a label wrapped over the next lines ("For the month ended" /
        "(dd/mm/yyyy) :"), typed beside any of its lines or centred between them."""
        labels = [self.labels[k] for k in ("issuer_name", "period_end", "submission_date", "title")]
        height = label.bottom - label.top
        right = label.x1
        last = label
        below = [p for p in region.phrases if (p.page, p.top) > (label.page, label.top + 1) and p.x0 < label.x1]
        for line in lines_of(below):
            first = line[0]
            if first.page != label.page or first.top > label.bottom + MAX_LABEL_WRAP * height:
                break
            if abs(first.x0 - label.x0) > 3 or any(pattern.search(first.text) for pattern in labels):
                break  # not a continuation of the label: another label or a value of its own
            right = max(right, first.x1)
            last = first
            values = [
                p
                for p in region.phrases
                if p.page == label.page and p.x0 > right + 1 and label.cy - 3.5 <= p.cy <= last.cy + 3.5 and not _is_blank(p.text)
            ]
            if values:
                return values
        return []

    def header(self) -> Header:
        region = self.whole.between(None, self.anchors["I"])
        issuer = self._value_right(region, "issuer_name")
        period = self._value_right(region, "period_end")
        submitted = self._value_right(region, "submission_date")
        return Header(
            issuer_name=v.text(issuer, page=self.first_page),
            period_end=v.day(period, field="period.end", page=self.first_page),
            submission_date=v.day(submitted, field="submission.date", page=self.first_page) if submitted else Day(None, printed=""),
        )

    def remarks(self) -> Text | None:
        region = self.section("remarks")
        label = region.first(self.labels["remarks"])
        if label is None:
            return None
        end = region.first(self.labels["signatory.name"])
        phrases = [p for line in lines_of([p for p in region.between(label, end).phrases if p is not label]) for p in line]
        head = self.labels["remarks"].sub("", label.text).strip()
        texts = ([head] if head else []) + [p.text for p in phrases if not _is_blank(p.text)]
        if not texts:
            return Text(None, printed="", source=v.source_of(label))
        printed = "\n".join(texts)
        # The box of the whole text: a figure in it (a date, a section number) is part of the remarks.
        return Text(fold(printed), printed=printed, source=v.source_of(_joined(phrases) if phrases else label))

    def signatory(self) -> Signatory | None:
        region = self.section("signatory")
        if not region.phrases:
            return None
        name = self._labelled_line(region, "signatory.name")
        title = self._labelled_line(region, "signatory.title")
        return Signatory(name=v.text(name, page=self.first_page), title=v.text(title, page=self.first_page))

    def _labelled_line(self, region: _Region, key: str) -> Phrase | None:
        label = region.first(self.labels[key])
        if label is None:
            return None
        rest = self.labels[key].sub("", label.text).strip()
        parts = ([_with_text(label, rest)] if rest else []) + region.right_of(label)
        joined = _joined(p for p in parts if p is not None and not _is_blank(p.text))
        return _with_text(joined, _strip_template(joined.text)) if joined else None

    # -- section I ---------------------------------------------------------------------------

    def authorised(self) -> tuple[tuple[AuthorisedClass, ...], dict[tuple[Category, int], Text]]:
        region = self.section("I")
        total = region.first_wrapped(self.labels["authorised_total"])
        labels = [p for p in region.find(self.labels["stock_code"])]
        headings = region.find(self.labels["class_heading"])
        blocks: list[AuthorisedClass] = []
        codes: dict[tuple[Category, int], Text] = {}
        seen: dict[Category, int] = {}
        for n, label in enumerate(labels):
            end = labels[n + 1] if n + 1 < len(labels) else total
            block = region.between(label, end)
            heading = [h for h in headings if (h.page, h.top) <= (label.page, label.top)]
            category = self.labels.category(heading[-1].text) if heading else Category.ORDINARY
            category = category or Category.OTHER
            index = seen.get(category, 0)
            seen[category] = index + 1
            item = self._authorised_block(block, label, category, f"authorised[{len(blocks)}]")
            if item.share_class.stock_code is not None:
                codes[(category, index)] = item.share_class.stock_code
            if _carries_figure(item):
                blocks.append(item)
        return tuple(blocks), codes

    def _authorised_block(self, block: _Region, label: Phrase, category: Category, path: str) -> AuthorisedClass:
        line = block.right_of(label)
        description_label = next((p for p in line if self.labels["description"].search(p.text)), None)
        code_parts = [p for p in line if description_label is None or p.x0 < description_label.x0]
        code = _joined(p for p in code_parts if not _is_blank(p.text))
        description = _joined(p for p in block.right_of(description_label) if not _is_blank(p.text)) if description_label else None
        if description is not None:
            description = self._wrapped_value(block, description)
        rows = self._row_bands([p for p in block.phrases if abs(p.cy - label.cy) > 3.5])
        first_row = min((r.first for r in rows.values()), key=lambda p: (p.page, p.top), default=None)
        header = [p for p in block.between(label, first_row).phrases if abs(p.cy - label.cy) > 3.5]
        columns = self._columns_from(header, {"shares": "col.shares", "par_value": "col.par_value", "capital": "col.capital"})
        currencies = self._currency_hints(header, columns)
        left = max((r.label_x1 for r in rows.values()), default=0.0)
        balances: dict[str, AuthorisedBalance] = {}
        for key, row in rows.items():
            cells = self._assign([p for p in block.phrases if row.holds(p) and p.x0 > left + 1 and not _is_blank(p.text)], columns)
            par_currency, par = self.money(cells.get("par_value"), f"{path}.{key}.par_value", currencies.get("par_value"))
            capital_currency, capital = self.money(cells.get("capital"), f"{path}.{key}.capital", currencies.get("capital"))
            balances[key] = AuthorisedBalance(
                shares=self.count(cells.get("shares"), f"{path}.{key}.shares", row.page),
                par_value_currency=par_currency if par.value is not None else Currency(None, printed=""),
                par_value=par,
                capital_currency=capital_currency if capital.value is not None else Currency(None, printed=""),
                capital=capital,
            )
        code_text = v.text(code, page=label.page, absent_when_not_applicable=True)
        return AuthorisedClass(
            share_class=ShareClass(
                category=category,
                stock_code=code_text,
                description=v.text(description, page=label.page, absent_when_not_applicable=True),
            ),
            preceding=balances.get("preceding"),
            movement=balances.get("movement"),
            close=balances.get("close"),
        )

    def _wrapped_value(self, block: _Region, value: Phrase) -> Phrase:
        """``value`` with the lines it wraps onto below it, at its left edge ("Ordinary shares of
        HK$0.10" / "each"), up to the table's column headings."""
        headings = [self.labels[k] for k in ("col.shares", "col.par_value", "col.capital")]
        parts, last = [value], value
        below = [p for p in block.phrases if (p.page, p.top) > (value.page, value.top + 1)]
        for line in lines_of(below)[: MAX_WRAPPED_LINES - 1]:
            follow = next((q for q in line if abs(q.x0 - value.x0) <= 2.5), None)
            if follow is None or follow.page != last.page or follow.top - last.bottom > MAX_WRAP_LEADING * (last.bottom - last.top):
                break
            if any(pattern.search(q.text) for q in line for pattern in headings) or _figure_like(follow.text, self.labels):
                break  # the table's headings, or a figure: the value ended above
            parts.append(follow)
            last = follow
        return _joined(parts) if len(parts) > 1 else value

    def _row_bands(self, phrases: list[Phrase]) -> dict[str, RowBand]:
        """The preceding, movement and close rows of a section I or II table, in that order."""
        patterns = {key: self.labels[f"rowtext.{key}"] for key in ("preceding", "movement", "close")}
        return row_bands(phrases, patterns, lambda text: _figure_like(text, self.labels))

    def _columns_from(self, header: list[Phrase], keys: dict[str, str]) -> list[Column]:
        columns: dict[str, Column] = {}
        for phrase in header:
            for name, key in keys.items():
                if self.labels[key].search(phrase.text) and name not in columns:
                    columns[name] = Column(name, phrase.x0, phrase.x1)
        if len(columns) < len(keys):
            # A heading wrapped in its cell ("Authorised share" / "capital (RMB)"): read as its stack.
            for x0, x1, members in _heading_stacks(header):
                text = fold(" ".join(p.text for p in sorted(members, key=lambda p: p.top)))
                for name, key in keys.items():
                    if name not in columns and self.labels[key].search(text):
                        columns[name] = Column(name, x0, x1)
        return list(columns.values())

    def _currency_hints(self, header: list[Phrase], columns: list[Column]) -> dict[str, str]:
        hints: dict[str, str] = {}
        for phrase in header:
            m = self.labels["currency_hint"].search(phrase.text)
            if not m:
                continue
            code = v.currency_code(m.group(0).strip("()（）"))
            column = nearest_column(phrase, columns)
            if code and column is not None:
                hints[column.name] = code
        return hints

    def _assign(self, phrases: list[Phrase], columns: list[Column]) -> dict[str, Phrase]:
        """Figures under their columns; several phrases under one column are joined."""
        grouped: dict[str, list[Phrase]] = {}
        for phrase in phrases:
            column = nearest_column(phrase, columns)
            if column is not None:
                grouped.setdefault(column.name, []).append(phrase)
        return {name: _joined(parts) for name, parts in grouped.items()}  # type: ignore[misc]

    def authorised_total(self) -> tuple[FundsRaised, ...]:
        region = self.section("I")
        label = region.first_wrapped(self.labels["authorised_total"])
        if label is None:
            return ()
        values = [p for p in region.right_of(label) if not _is_blank(p.text)]
        if not values:
            values = [p for p in region.on_line(label, 8.0) if p.x0 > label.x1 and not _is_blank(p.text)]
        hint = self.labels["currency_hint"].search(label.text) or self.labels["currency_hint"].search(region.wrapped_text(label))
        default = v.currency_code(hint.group(0).strip("()（）")) if hint else None
        joined = _joined(values)
        if joined is None:
            return ()
        currency, amount = self.money(joined, "authorised_total[0].amount", default)
        return (FundsRaised(currency=currency, amount=amount),)

    # -- section II --------------------------------------------------------------------------

    def issued(self, codes: dict[tuple[Category, int], Text]) -> tuple[IssuedClass, ...]:
        region = self.section("II")
        columns, header_bottom = self._issued_columns(region)
        if not columns:
            return ()
        left_edge = min(c.x0 for c in columns) - 40
        lines = [
            [p for p in line if p.x0 >= left_edge and _figure_like(p.text, self.labels)]
            for line in lines_of([p for p in region.phrases if p.top > header_bottom])
        ]
        value_lines = [line for line in lines if line]
        rows: dict[str, dict[str, Phrase]] = {}
        for key, line in zip(("preceding", "movement", "close"), value_lines[:3]):
            rows[key] = self._assign(line, columns)
        out = []
        kinds = {"ord1": (Category.ORDINARY, 0), "ord2": (Category.ORDINARY, 1), "preference": (Category.PREFERENCE, 0), "other": (Category.OTHER, 0)}
        for column in columns:
            path = f"issued[{len(out)}]"
            balances = {
                key: IssuedBalance(issued=self.count(cells.get(column.name), f"{path}.{key}.issued", region.phrases[0].page))
                for key, cells in rows.items()
            }
            if not any(b.issued is not None and b.issued.value is not None for b in balances.values()):
                continue
            category, index = kinds[column.name]
            out.append(
                IssuedClass(
                    share_class=ShareClass(category=category, stock_code=codes.get((category, index))),
                    preceding=balances.get("preceding"),
                    movement=balances.get("movement"),
                    close=balances.get("close"),
                )
            )
        return tuple(out)

    def _issued_columns(self, region: _Region) -> tuple[list[Column], float]:
        """Section II's class columns and the bottom of their headings.

        The headings are stacks of phrases ("No. of other" over "classes of shares"); the
        ordinary heading spans two sub-columns, each named by its marker "(1)" or "(2)".
        """
        anchor = region.phrases[0] if region.phrases else None
        below = [p for p in region.phrases if anchor is None or abs(p.cy - anchor.cy) > 3.5]
        bands = self._row_bands(below)
        first_row = min((r.first for r in bands.values()), key=lambda p: (p.page, p.top), default=None)
        header = [p for p in region.between(None, first_row).phrases if p in below] if first_row is not None else below
        named: dict[str, tuple[float, float, float]] = {}
        for x0, x1, members in _heading_stacks(header):
            text = fold(" ".join(p.text for p in sorted(members, key=lambda p: p.top)))
            if any(self.labels["issued.ord1"].search(p.text) for p in members):
                name = "ord1"
            elif any(self.labels["issued.ord2"].search(p.text) for p in members):
                name = "ord2"
            elif self.labels["issued.preference"].search(text):
                name = "preference"
            elif self.labels["issued.other"].search(text) or self.labels["issued.other"].search(text.replace(" ", "")):
                name = "other"
            else:
                continue
            if name not in named:
                named[name] = (x0, x1, max(p.bottom for p in members))
        order = ("ord1", "ord2", "preference", "other")
        columns = [Column(name, named[name][0], named[name][1]) for name in order if name in named]
        return columns, max((b for _, _, b in named.values()), default=0.0)

    # -- section III: shared machinery ----------------------------------------------------------

    def _stacks(self, header: list[Phrase]) -> list[Column]:
        """Column headings: phrases stacked above each other, joined, and named by the dictionary.

        A heading that spans several columns ("Movement during the month") is
        left out; the narrow ones below it name the columns.
        """
        columns = []
        for x0, x1, members in _heading_stacks(header):
            text = fold(" ".join(p.text for p in sorted(members, key=lambda p: p.top)))
            if text not in self._column_names:
                self._column_names[text] = self.labels.column(text)
            name = self._column_names[text]
            if name is not None and all(c.name != name for c in columns):
                columns.append(Column(name, x0, x1))
        return sorted(columns, key=lambda c: c.x0)

    def _items(self, region: _Region, particulars: Column | None, stop: Phrase | None) -> list[_Region]:
        """The numbered items of a section, each up to the next one or to its totals."""
        limit = (particulars.x1 if particulars else 150.0)
        starts = [
            p
            for p in region.phrases
            if self.labels["item_number"].match(p.text) and p.x0 < limit and (stop is None or (p.page, p.top) < (stop.page, stop.top))
        ]
        return [region.between(start, starts[n + 1] if n + 1 < len(starts) else stop) for n, start in enumerate(starts)]

    def _totals(self, region: _Region, letter: str) -> tuple[SectionTotal, ...]:
        out = []
        for label in region.find(self.labels["total_class"]):
            m = self.labels["total_class"].search(label.text)
            category = self.labels.category(m.group(1)) if m else None
            figures = [p for p in region.right_of(label) if _figure_like(p.text, self.labels)]
            tail = label.text[m.end():].strip() if m else ""
            if tail and _figure_like(tail, self.labels):  # the figure typed into the label's own run
                figures.insert(0, _with_text(label, tail))
            out.append(
                SectionTotal(
                    share_class=ShareClass(category=category or Category.OTHER),
                    issued=self.count(figures[0] if figures else None, f"{letter}_total.issued", label.page),
                )
            )
        return tuple(out)

    def _first_total(self, region: _Region) -> Phrase | None:
        found = region.find(self.labels["total_class"])
        return found[0] if found else None

    def _section_columns(self, region: _Region, before: Phrase | None) -> list[Column]:
        anchor_line = region.phrases[0].cy if region.phrases else 0
        header = [
            p
            for p in region.phrases
            if (before is None or (p.page, p.top) < (before.page, before.top - 1)) and abs(p.cy - anchor_line) > 3.5
            and p.page == (before.page if before else p.page)
        ]
        return self._stacks(header)

    def _particulars(self, item: _Region, right: float, exclude: set[int]) -> tuple[Phrase | None, str]:
        """The particulars text of an item: its first-column phrases, item number and markers removed."""
        parts = [p for i, p in enumerate(item.phrases) if _centre(p) < right and i not in exclude]
        parts = [p for p in parts if not self.labels["note_marker"].match(p.text.strip())]
        joined = _joined(parts)
        if joined is None:
            return None, ""
        text = re.sub(r"^\s*\d{1,2}\.\s*", "", _strip_template(joined.text))
        return joined, text

    # -- III A ---------------------------------------------------------------------------------

    def options(self) -> tuple[tuple[OptionItem, ...], tuple[SectionTotal, ...], tuple[FundsRaised, ...]]:
        region = self.section("A")
        if not region.phrases:
            return (), (), ()
        stop, particulars, figure_columns, right = self._item_table(region, default_right=None)
        items: list[OptionItem] = []
        for item in self._items(region, particulars, stop):
            path = f"options[{len(items)}]"
            class_index, exclude, class_text = self._class_lines(item, right)
            joined, text = self._particulars(item, right, exclude)
            figures = self._assign([p for p in item.phrases if _centre(p) >= right and _figure_like(p.text, self.labels)], figure_columns)
            if self._empty_item(text) and not any(_numeric(p.text) for p in figures.values()):
                continue
            price_text = re.search(r"(?:Exercise\s*Price|行使價)\s*[:：]?\s*(.*)", text, re.IGNORECASE)
            currency, price = self.money(_with_text(joined, price_text.group(1)) if price_text else None, f"{path}.exercise_price")
            page = item.phrases[0].page
            items.append(
                OptionItem(
                    share_class=ShareClass(category=self.labels.category(class_text)),
                    scheme=Text(text or None, printed=joined.text if joined else "", source=v.source_of(joined)),
                    approval_date=self._slot_date(text, joined, f"{path}.approval_date"),
                    exercise_price_currency=currency if price_text else None,
                    exercise_price=price if price_text else None,
                    granted=self.count(figures.get("granted"), f"{path}.movement.granted", page),
                    exercised=self.count(figures.get("exercised"), f"{path}.movement.exercised", page),
                    cancelled=self.count(figures.get("cancelled"), f"{path}.movement.cancelled", page),
                    lapsed=self.count(figures.get("lapsed"), f"{path}.movement.lapsed", page),
                    shares_issued=self.count(figures.get("shares_issued"), f"{path}.shares_issued", page),
                    shares_issuable=self.count(figures.get("shares_issuable"), f"{path}.shares_issuable", page),
                )
            )
        return tuple(items), self._totals(region, "options"), self._funds(region)

    def _item_table(
        self, region: _Region, default_right: float | None
    ) -> tuple[Phrase | None, Column | None, list[Column], float]:
        """A section III table: where its totals start, its particulars column, its figure
        columns, and the x where figures begin (default: the particulars' right edge)."""
        stop = self._first_total(region)
        first_item = next((p for p in region.phrases if self.labels["item_number"].match(p.text) and p.x0 < 150), None)
        columns = self._section_columns(region, first_item)
        particulars = next((c for c in columns if c.name == "particulars"), None)
        figure_columns = [c for c in columns if c.name != "particulars"]
        if default_right is None:
            default_right = particulars.x1 if particulars else 150.0
        right = min((c.x0 for c in figure_columns), default=default_right)
        return stop, particulars, figure_columns, right

    def _class_lines(self, item: _Region, right: float) -> tuple[int | None, set[int], str]:
        """The item's class-of-shares line: its index, the indexes of its phrases, and its text.

        Why the wrapped one: a narrow particulars cell wraps "普通股 (註 1)" into "普通股 (註" / "1)".
        """
        index = self._class_line(item, right)
        if index is not None:
            return index, {index}, item.phrases[index].text
        continued = continued_phrases([p for p in item.phrases if p.x0 < right - 2])
        positions = {id(p): i for i, p in enumerate(item.phrases)}
        found = None
        for i, p in enumerate(item.phrases):
            run = continued.get(id(p))
            if run is None or p.x0 >= right - 2 or self.labels["item_number"].match(p.text):
                continue
            text = " ".join(q.text for q in run)
            if self.labels["class_line"].search(text.strip()) and len(text) < 40:
                found = (i, {positions[id(q)] for q in run}, text)
        return found if found is not None else (None, set(), "")

    def _class_line(self, item: _Region, right: float) -> int | None:
        """Index of the item's class-of-shares line ("ordinary shares (Note 1)"), if printed."""
        candidates = [
            i
            for i, p in enumerate(item.phrases)
            if p.x0 < right - 2 and self.labels["class_line"].search(p.text.strip()) and len(p.text) < 40
            and not self.labels["item_number"].match(p.text)
        ]
        return candidates[-1] if candidates else None

    def _empty_item(self, text: str) -> bool:
        cleaned = fold(re.sub(r"shares?|股|[（(]\s*[)）]", " ", text, flags=re.IGNORECASE))
        return not cleaned or bool(self.labels["not_applicable"].match(cleaned))

    def _slot_date(self, text: str, phrase: Phrase | None, path: str) -> Day | None:
        text = v.normalise(text)
        # Why the written-out date: issuers fill the slot in their own way, "(3 June 2019)" or "(2019年6月3日)".
        # Only a bracketed one: the slot is printed "(dd/mm/yyyy)", and free text holds other dates.
        slot = _DATE_SLOT.search(text)
        word = None if slot else re.search(rf"[(（]\s*({_WORD_DATE.pattern})\s*[)）]", text, re.IGNORECASE)
        if slot is None and word is None:
            # A Chinese date wrapped or spaced apart by the PDF's text runs ("(2" / "019年6月3日)"):
            # a date written with 年月日 holds no spaces.
            word = _ZH_DATE_SLOT.search(re.sub(r"\s+", "", text))
        if (slot is None and word is None) or phrase is None:
            return None
        printed = slot.group(0) if slot else word.group(1)
        value = v.parse_date(printed)
        return Day(value, printed=printed, source=v.source_of(phrase)) if value else None

    def _funds(self, region: _Region) -> tuple[FundsRaised, ...]:
        label = region.first(self.labels["funds"])
        if label is None:
            return ()
        nearby = [p for p in region.phrases if p.page == label.page and label.top - 2 <= p.top <= label.bottom + 16 and p is not label]
        text_with_label = " ".join([label.text] + [p.text for p in nearby])
        hint = self.labels["currency_hint"].search(text_with_label) or re.search(r"[（(](HK\$|港元|US\$|RMB|人民幣)[)）]", text_with_label)
        default = v.currency_code(hint.group(0).strip("()（）")) if hint else None
        figures = [p for p in nearby if p.x0 > label.x0 + 100 and _figure_like(p.text, self.labels)]
        if not figures:
            return ()
        currency, amount = self.money(figures[0], "options_funds[0].amount", default)
        if amount.value is None:
            return ()
        return (FundsRaised(currency=currency, amount=amount),)

    # -- III B and C ------------------------------------------------------------------------------

    def warrants_or_convertibles(self, key: str) -> tuple[tuple[object, ...], tuple[SectionTotal, ...]]:
        region = self.section(key)
        if not region.phrases:
            return (), ()
        stop, particulars, figure_columns, right = self._item_table(region, default_right=200.0)
        items: list[object] = []
        name = "warrants" if key == "B" else "convertibles"
        for item in self._items(region, particulars, stop):
            path = f"{name}[{len(items)}]"
            sub_start = item.first_wrapped(self.labels["sub.stock_code"]) or item.first_wrapped(self.labels["sub.class"])
            head = item.between(None, sub_start) if sub_start else item
            tail = item.between(sub_start, None) if sub_start else _Region([])
            joined, text = self._particulars(head, right, set())
            figures = self._assign([p for p in head.phrases if _centre(p) >= right and not _is_blank(p.text)], figure_columns)
            if self._empty_item(text) and not any(_numeric(p.text) for p in figures.values()):
                continue
            sub = self._sub_rows(tail)
            page = item.phrases[0].page
            currency_phrase = figures.get("currency")
            currency = v.currency(currency_phrase, field=f"{path}.currency") if currency_phrase and not _is_blank(currency_phrase.text) and not self.labels["not_applicable"].match(currency_phrase.text) else Currency(None, printed=currency_phrase.text if currency_phrase else "")
            price_currency, price = self.money(sub.get("sub.price"), f"{path}.price")
            class_phrase = sub.get("sub.class")
            share_class = ShareClass(category=self.labels.category(class_phrase.text) if class_phrase else None)
            stock_code = v.text(sub.get("sub.stock_code"), page=page, absent_when_not_applicable=True)
            approval = self.date(sub.get("sub.approval"), f"{path}.approval_date")
            description_text = text
            expiry = self._slot_date(text, joined, f"{path}.expiry_date") if key == "B" else None
            if expiry is not None:  # a warrant's particulars hold its expiry date in a "( / / )" slot
                description_text = fold(_DATE_SLOT.sub(" ", text))
            shared = dict(
                share_class=share_class,
                description=Text(description_text or None, printed=joined.text if joined else "", source=v.source_of(joined)),
                stock_code=stock_code,
                currency=currency,
                approval_date=approval,
                shares_issued=self.count(figures.get("shares_issued"), f"{path}.shares_issued", page),
                shares_issuable=self.count(figures.get("shares_issuable"), f"{path}.shares_issuable", page),
            )
            if key == "B":
                items.append(
                    WarrantItem(
                        **shared,
                        expiry_date=expiry,
                        nominal_preceding=self._nominal(figures.get("preceding"), f"{path}.nominal.preceding", page),
                        nominal_exercised=self._nominal(figures.get("exercised_nominal"), f"{path}.nominal.exercised", page),
                        nominal_close=self._nominal(figures.get("close"), f"{path}.nominal.close", page),
                        subscription_price_currency=price_currency,
                        subscription_price=price,
                    )
                )
            else:
                items.append(
                    ConvertibleItem(
                        **shared,
                        amount_preceding=self._nominal(figures.get("preceding"), f"{path}.amount.preceding", page),
                        amount_converted=self._nominal(figures.get("converted"), f"{path}.amount.converted", page),
                        amount_close=self._nominal(figures.get("close"), f"{path}.amount.close", page),
                        conversion_price_currency=price_currency,
                        conversion_price=price,
                    )
                )
        return tuple(items), self._totals(region, name)

    def _nominal(self, phrase: Phrase | None, path: str, page: int) -> Amount:
        if phrase is None:
            return Amount(None, printed="", source=v.Source(page))
        token = _UNIT.sub("", _strip_template(v.normalise(phrase.text)))
        token = _UNIT.sub("", token)
        return v.amount(_with_text(phrase, token), field=path) if not _is_blank(token) else Amount(None, printed=phrase.text, source=v.source_of(phrase))

    def _sub_rows(self, tail: _Region) -> dict[str, Phrase]:
        """Values of the labelled rows under a B/C item (stock code, class, price, approval date)."""
        keys = ("sub.stock_code", "sub.class", "sub.price", "sub.approval")
        labels = sorted(
            ((key, label) for key in keys for label in tail.find_wrapped(self.labels[key])[:1]), key=lambda kl: (kl[1].page, kl[1].top)
        )
        if not labels:
            return {}
        label_right = max(p.x1 for p in tail.phrases if p.x0 <= labels[0][1].x0 + 2) if tail.phrases else 0.0
        out: dict[str, Phrase] = {}
        for n, (key, label) in enumerate(labels):
            end = labels[n + 1][1] if n + 1 < len(labels) else None
            span = tail.between(label, end)
            values = [p for p in span.phrases if p.x0 > min(label_right, label.x1 + 40) - 1 and not _is_blank(p.text) and p.x0 > label.x0 + 20]
            values = [p for p in values if not any(self.labels[k].search(p.text) for k in keys)]
            joined = _joined(values)
            if joined is not None:
                out[key] = _with_text(joined, _strip_template(joined.text))
        return out

    # -- III D ---------------------------------------------------------------------------------

    def arrangements(self) -> tuple[tuple[ArrangementItem, ...], tuple[SectionTotal, ...]]:
        region = self.section("D")
        if not region.phrases:
            return (), ()
        stop, particulars, figure_columns, right = self._item_table(region, default_right=350.0)
        items: list[ArrangementItem] = []
        for item in self._items(region, Column("particulars", 0, right), stop):
            path = f"arrangements[{len(items)}]"
            class_index, exclude, class_text = self._class_lines(item, right)
            joined, text = self._particulars(item, right, exclude)
            figures = self._assign([p for p in item.phrases if _centre(p) >= right and _figure_like(p.text, self.labels)], figure_columns)
            if self._empty_item(text) and not any(_numeric(p.text) for p in figures.values()):
                continue
            page = item.phrases[0].page
            category = self.labels.category(re.sub(r"[（(]\s*(?:Note|註)\s*\d[)）]", "", class_text)) if class_text else None
            items.append(
                ArrangementItem(
                    share_class=ShareClass(category=category),
                    particulars=Text(text or None, printed=joined.text if joined else "", source=v.source_of(joined)),
                    approval_date=self._slot_date(text, joined, f"{path}.approval_date") or self._meeting_date(text, joined),
                    shares_issued=self.count(figures.get("shares_issued"), f"{path}.shares_issued", page),
                    shares_issuable=self.count(figures.get("shares_issuable"), f"{path}.shares_issuable", page),
                )
            )
        return tuple(items), self._totals(region, "arrangements")

    def _meeting_date(self, text: str, phrase: Phrase | None) -> Day | None:
        """The date of the general meeting named in free text ("... general meeting held on 18 May 2012")."""
        meeting = [m.start() for m in self.labels["general_meeting"].finditer(text)]
        if not meeting or phrase is None:
            return None
        best: tuple[int, object, str] | None = None
        for found in _WORD_DATE.finditer(v.normalise(text)):
            value = v.parse_date(found.group(0))
            if value is None:
                continue
            distance = min(abs(found.start() - m) for m in meeting)
            if distance <= 60 and (best is None or distance < best[0]):
                best = (distance, value, found.group(0))
        if best is None:
            return None
        return Day(best[1], printed=best[2], source=v.source_of(phrase))  # type: ignore[arg-type]

    # -- III E ---------------------------------------------------------------------------------

    def other_movements(self) -> tuple[tuple[OtherMovement, ...], tuple[SectionTotal, ...]]:
        region = self.section("E")
        if not region.phrases:
            return (), ()
        stop = self._first_total(region)
        body = self._without_headers(region.between(None, stop))
        class_labels = [p for p in body.find(self.labels["e.class"]) if p.x0 > 150]
        items: list[OtherMovement] = []
        columns: list[Column] = []
        headings_of_page: dict[int, list[Column]] = {}  # the headings of a page, read once for all its types
        for n, label in enumerate(class_labels):
            block = body.between(label, class_labels[n + 1] if n + 1 < len(class_labels) else None)
            if label.page not in headings_of_page:
                headings_of_page[label.page] = self._e_columns(region, label.page)
            # A page that does not repeat the headings goes on with the previous page's columns.
            columns = headings_of_page[label.page] or columns
            figure_columns = [c for c in columns if c.name in ("shares_issued", "shares_issuable")]
            value_left = min((c.x0 for c in figure_columns), default=460.0) - 12
            type_column = next((c for c in columns if c.name == "particulars"), None)
            type_right = type_column.x1 + 5 if type_column else 130.0
            type_phrases = [p for p in block.phrases if p.x0 < type_right and p.x1 < label.x0 - 20]
            type_text = re.sub(r"^\s*\d{1,2}\.\s*", "", _strip_template(" ".join(p.text for p in type_phrases)))
            type_text = fold(re.sub(r"[（(]\s*(?:Please specify|請註明)\s*[)）]", " ", type_text))
            class_value = _joined(p for p in block.right_of(label) if p.x0 < value_left and not _is_blank(p.text))
            class_line_values = [p for p in block.on_line(label, 8.0) if label.x1 < p.x0 < value_left and not _is_blank(p.text)]
            if class_value is None and class_line_values:
                class_value = _joined(class_line_values)
            category = self.labels.category(class_value.text) if class_value else None
            event_labels = block.find(self.labels["e.event_date"]) or block.find_wrapped(self.labels["e.event_date"])
            approval_labels = block.find(self.labels["e.approval"]) or block.find_wrapped(self.labels["e.approval"])
            if len(approval_labels) > max(len(event_labels), 1):
                # A type filled in twice under one date label: each approval date opens an entry.
                splitters = [approval_labels[0]] + [_raised(a, 6.0) for a in approval_labels[1:]]
                spans = [(span, event_labels[0] if event_labels and n == 0 else None) for n, (span, _) in enumerate(self._entries(block, splitters))]
            else:
                spans = self._entries(block, event_labels)
            for span, event_label in spans:
                path = f"other_movements[{len(items)}]"
                page = label.page
                figures = self._assign(
                    [p for p in span.phrases if p.x0 >= value_left and _figure_like(p.text, self.labels)], figure_columns
                )
                event_date, approval_date = self._e_dates(span, event_label, value_left)
                currency, price = self._e_price(span, label.x0, block, type_right)
                items.append(
                    OtherMovement(
                        type=self.labels.movement_type(type_text),
                        share_class=ShareClass(category=category),
                        description=Text(type_text or None, printed=" ".join(p.text for p in type_phrases)),
                        currency=currency,
                        price=price,
                        event_date=event_date,
                        approval_date=approval_date,
                        shares_issued=self.count(figures.get("shares_issued"), f"{path}.shares_issued", page),
                        shares_issuable=self.count(figures.get("shares_issuable"), f"{path}.shares_issuable", page),
                    )
                )
        return tuple(items), self._totals(region, "other_movements")

    def _without_headers(self, region: _Region) -> _Region:
        """The section without the column headings it repeats at the top of each page."""
        keep = []
        for page in sorted({p.page for p in region.phrases}):
            on_page = [p for p in region.phrases if p.page == page]
            first = next(
                (p for p in on_page if (self.labels["e.class"].search(p.text) and p.x0 > 150) or self.labels["item_number"].match(p.text)),
                None,
            )
            keep.extend(p for p in on_page if first is not None and p.top >= first.top - 12)
        return _Region(keep)

    def _e_columns(self, region: _Region, page: int) -> list[Column]:
        on_page = [p for p in region.phrases if p.page == page]
        first_label = next(
            (p for p in on_page if self.labels["e.class"].search(p.text) or self.labels["item_number"].match(p.text)), None
        )
        header = [p for p in on_page if first_label is None or p.top < first_label.top - 1]
        header = [p for p in header if not self.labels["section.E"].search(p.text)]
        return self._stacks(header)

    def _entries(self, block: _Region, event_labels: list[Phrase]) -> list[tuple[_Region, Phrase | None]]:
        """One span per entry of a movement type: a type may be filled in several times."""
        if len(event_labels) <= 1:
            return [(block, event_labels[0] if event_labels else None)]
        spans = []
        for n, label in enumerate(event_labels):
            start = None if n == 0 else label
            end = event_labels[n + 1] if n + 1 < len(event_labels) else None
            spans.append((block.between(start, end), label))
        return spans

    def _e_dates(self, span: _Region, event_label: Phrase | None, value_left: float) -> tuple[Day | None, Day | None]:
        approval_label = span.first_wrapped(self.labels["e.approval"])
        labels_x0 = (event_label or approval_label).x0 if (event_label or approval_label) else None
        in_column = [p for p in span.phrases if labels_x0 is not None and p.x0 > labels_x0 + 60 and p.x1 <= value_left + 5]
        slots = [
            p
            for p in _bracketed_runs(in_column)
            if _DATE_SLOT.search(v.normalise(p.text)) or _EMPTY_DATE_SLOT.search(p.text)
        ]
        used: set[int] = set()

        def nearest(label: Phrase | None) -> Phrase | None:
            if label is None:
                return None
            candidates = [(abs(p.cy - label.cy), i, p) for i, p in enumerate(slots) if i not in used and p.cy >= label.top - 12]
            if not candidates:
                return None
            _, index, phrase = min(candidates)
            used.add(index)
            return phrase

        # A tab-stop layout types the date into the label's own run: "... : (dd/mm/yyyy)(02/08/2018)".
        event = _own_slot(event_label) or nearest(event_label)
        approval = _own_slot(approval_label) or nearest(approval_label)
        return (
            self.date(event, "other_movements.event_date") if event and not _is_blank(event.text) else None,
            self.date(approval, "other_movements.approval_date") if approval and not _is_blank(approval.text) else None,
        )

    def _e_price(self, span: _Region, date_column: float, block: _Region, type_right: float) -> tuple[Currency | None, Amount | None]:
        """The price of a movement type: in the column between the type and the class labels,
        under "At price :" or in its run ("At price : HK$0.25"), or alone where a filer typed over the label."""
        price_label = span.first(self.labels["e.price"]) or block.first(self.labels["e.price"])
        if price_label is not None and self._e_price_legacy_area(span, price_label, date_column):
            left = price_label.x1 - 2
        else:
            left = min(price_label.x0 - 2, type_right) if price_label else type_right
        area = [p for p in span.phrases if left <= p.x0 and p.x1 <= date_column + 2]
        area = [_with_text(p, self.labels["e.price"].sub(" ", p.text).strip(" :：")) for p in area]
        area = [p for p in area if p.text]
        if not any(_DIGIT.search(p.text) for p in area):
            return None, None
        joined = _joined(area)
        currency, price = self.money(_with_text(joined, _TEMPLATE_WORDS.sub(" ", joined.text)) if joined else None, "other_movements.price")
        return currency, price

    def _e_price_legacy_area(self, span: _Region, price_label: Phrase, date_column: float) -> bool:
        """Whether a figure stands right of the price label (the figure then is the price, as always read)."""
        return any(
            price_label.x1 - 2 <= p.x0 and p.x1 <= date_column + 2 and not self.labels["e.price"].search(p.text) and _DIGIT.search(p.text)
            for p in span.phrases
        )

    # -- grand totals -------------------------------------------------------------------------

    def grand_total(self) -> tuple[SectionTotal, ...]:
        region = self.section("grand")
        if not region.phrases:
            return ()
        ordinary = self.anchors["grand"]
        # Filers often type the first figure a little above the label's line.
        above = [
            p for p in self.whole.phrases if p.page == ordinary.page and ordinary.top - 10 <= p.top < ordinary.top - 1
        ]
        region = _Region(above + region.phrases)
        markers = [p for p in region.find(self.labels["grand.marker"]) if p.x0 > ordinary.x0 + 100]
        lines: list[tuple[Category, Phrase]] = [(Category.ORDINARY, m) for m in markers] or [(Category.ORDINARY, ordinary)]
        for key, category in (("grand.preference", Category.PREFERENCE), ("grand.other", Category.OTHER)):
            label = region.first_wrapped(self.labels[key])
            if label is not None:
                lines.append((category, label))
        left = max((m.x1 for m in markers), default=ordinary.x1 - 200)
        figures = sorted(
            (p for p in region.phrases if p.x0 > left and _figure_like(p.text, self.labels)), key=lambda p: (p.page, p.cy)
        )
        out = []
        if len(figures) == len(lines):
            pairs = zip(lines, figures)
        else:
            pairs = ((line, min(figures, key=lambda f: abs(f.cy - line[1].cy), default=None)) for line in lines)
        for (category, anchor), figure in pairs:
            out.append(SectionTotal(share_class=ShareClass(category=category), issued=self.count(figure, "total_increase.issued", anchor.page)))
        return tuple(out)


_WORD_DATE = re.compile(
    r"\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{4}"
    r"|[0-9零一二三四五六七八九〇○]{4}\s*年\s*[0-9零一二三四五六七八九十]{1,3}\s*月\s*[0-9零一二三四五六七八九十]{1,3}\s*日"
    r"|\d{1,2}/\d{1,2}/\d{4}",
    re.IGNORECASE,
)


_ZH_DATE_SLOT = re.compile(
    r"[(（]([0-9零一二三四五六七八九〇○]{4}年[0-9零一二三四五六七八九十]{1,3}月[0-9零一二三四五六七八九十]{1,3}日)[)）]"
)


def _date_in_words(text: str):
    found = _WORD_DATE.search(text)
    return v.parse_date(found.group(0)) if found else None


def _without_split_markers(phrases: list[Phrase]) -> list[Phrase]:
    """Drop note markers printed as two runs ("(Remark" + "1)"), which would read as a figure "1"."""
    if not any(_MARKER_HEAD.match(p.text) for p in phrases):
        return phrases  # most returns have none: no need to group the whole return into lines
    drop: set[int] = set()
    for line in lines_of(phrases):
        for a, b in zip(line, line[1:]):
            if _MARKER_HEAD.match(a.text) and _MARKER_TAIL.match(b.text) and b.x0 - a.x1 < 8:
                drop.update((id(a), id(b)))
    return [p for p in phrases if id(p) not in drop]


def _heading_stacks(header: list[Phrase]) -> list[tuple[float, float, list[Phrase]]]:
    """Heading phrases grouped into columns: phrases stacked above each other, narrowest first.

    A phrase over several stacks (a spanning heading such as "Movement during the month") is left out.
    """
    stacks: list[tuple[float, float, list[Phrase]]] = []
    for phrase in sorted(header, key=lambda p: p.x1 - p.x0):
        touching = [i for i, (x0, x1, _) in enumerate(stacks) if _stacked(phrase.x0, phrase.x1, x0, x1)]
        if len(touching) > 1:
            continue
        if touching:
            x0, x1, members = stacks[touching[0]]
            stacks[touching[0]] = (min(x0, phrase.x0), max(x1, phrase.x1), members + [phrase])
        else:
            stacks.append((phrase.x0, phrase.x1, [phrase]))
    return stacks


def _stacked(a0: float, a1: float, b0: float, b1: float) -> bool:
    """Two heading phrases belong to one column when they overlap for most of the narrower one."""
    overlap = min(a1, b1) - max(a0, b0)
    return overlap >= 0.5 * min(a1 - a0, b1 - b0)


def _own_slot(label: Phrase | None) -> Phrase | None:
    """The date slot typed into a label's own run, after the label's words, if any."""
    if label is None:
        return None
    found = _DATE_SLOT.search(v.normalise(label.text))
    return _with_text(label, found.group(0)) if found else None


def _raised(phrase: Phrase, by: float) -> Phrase:
    return Phrase(phrase.text, phrase.page, phrase.x0, phrase.top - by, phrase.x1, phrase.bottom - by)


def _centre(phrase: Phrase) -> float:
    return (phrase.x0 + phrase.x1) / 2


def _is_page_number(phrase: Phrase, document: PdfDocument) -> bool:
    page = document.pages[phrase.page - 1]
    return phrase.top > page.height - 40 and bool(_PAGE_NUMBER.fullmatch(phrase.text))


def _carries_figure(item: AuthorisedClass) -> bool:
    for balance in (item.preceding, item.movement, item.close):
        if balance is None:
            continue
        if any(getattr(balance, name) is not None and getattr(balance, name).value is not None for name in ("shares", "par_value", "capital")):
            return True
    return False
