"""Section III's item tables, and III A (share options) of a legacy return (part of ``_Reading``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from return_xml.forms.confidence import doubted
from return_xml.forms.legacy.column_order import columns_by_order
from return_xml.forms.legacy.common import (
    _DATE_SLOT,
    _WORD_DATE,
    _ZH_DATE_SLOT,
    _centre,
    _figure_like,
    _heading_stacks,
    _joined,
    _numeric,
    _strip_template,
    _with_text,
    stack_text,
)
from return_xml.forms.legacy.part import ReadingPart
from return_xml.model import Category, Day, FundsRaised, OptionItem, SectionTotal, ShareClass, Text
from return_xml.pdf import values as v
from return_xml.pdf.currencies import BRACKETED_NEAR_FUNDS, alternation
from return_xml.pdf.document import Phrase
from return_xml.pdf.layout import TOL, Column, PhraseIndex, continued_phrases, fold

_LEADING_NUMBER = re.compile(r"^\s*(\d{1,2})")

# A currency in brackets near the funds-raised label, in either language (the label's own hint first).
_BRACKETED_NEAR_FUNDS = re.compile(rf"[（(]({alternation(BRACKETED_NEAR_FUNDS)})[)）]")


@dataclass(frozen=True)
class ItemLines:
    """One numbered item of a section III table, read: its class line, its particulars and its figures."""

    class_text: str  # the class-of-shares line ("ordinary shares (Note 1)"), "" when not printed
    joined: Phrase | None  # the particulars' phrases joined: the source of the values read from them
    text: str  # the particulars, without the class line
    figures: dict[str, Phrase]  # by column name
    page: int


class OptionsReading(ReadingPart):
    """Section III's item tables, and III A (share options) of a legacy return (part of ``_Reading``)."""

    # -- section III: shared machinery ----------------------------------------------------------

    def _stacks(self, header: list[Phrase]) -> list[Column]:
        """Column headings: phrases stacked above each other, joined, and named by the dictionary.

        A heading that spans several columns ("Movement during the month") is
        left out; the narrow ones below it name the columns.
        """
        columns: list[Column] = []
        for x0, x1, members in _heading_stacks(header):
            text = fold(stack_text(members))
            if text not in self._column_names:
                self._column_names[text] = self.labels.column(text)
            name = self._column_names[text]
            if name is not None and all(c.name != name for c in columns):
                columns.append(Column(name, x0, x1))
        return sorted(columns, key=lambda c: c.x0)

    def _items(self, region: PhraseIndex, particulars: Column | None, stop: Phrase | None) -> list[PhraseIndex]:
        """The numbered items of a section, each up to the next one or to its totals."""
        limit = (particulars.x1 if particulars else 150.0)
        starts = [
            p
            for p in region.phrases
            if self.labels["item_number"].match(p.text) and p.x0 < limit and (stop is None or (p.page, p.top) < (stop.page, stop.top))
        ]
        return [region.between(start, starts[n + 1] if n + 1 < len(starts) else stop) for n, start in enumerate(starts)]

    def _numbering_gaps(self, items: list[PhraseIndex]) -> set[int]:
        """On recognised pages: the items beside a gap in their numbers ("1.", "3."), whose reading is in doubt.

        Why: an item whose number OCR lost is read into the item above it, and the items
        after it are numbered one short: their figures would be vouched for in the wrong items.
        """
        if not self.labels.recognised:
            return set()
        numbers = [int(m.group(1)) if (m := _LEADING_NUMBER.match(item.phrases[0].text)) else None for item in items]
        doubt: set[int] = set()
        for index, number in enumerate(numbers):
            previous = numbers[index - 1] if index else 0
            if number is None or previous is None or number != previous + 1:
                doubt.update(k for k in (index - 1, index) if k >= 0)
        return doubt

    def _doubted_where(self, items: list, origins: list[int], doubt: set[int]) -> list:
        """``items`` with those read from a doubted item region (``_numbering_gaps``) at confidence 0."""
        return [doubted(item) if origin in doubt else item for item, origin in zip(items, origins)]

    def _totals(self, region: PhraseIndex, letter: str) -> tuple[SectionTotal, ...]:
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

    def _first_total(self, region: PhraseIndex) -> Phrase | None:
        found = region.find(self.labels["total_class"])
        return found[0] if found else None

    def _section_columns(self, region: PhraseIndex, before: Phrase | None, order: tuple[str, ...] = ()) -> list[Column]:
        anchor_line = region.phrases[0].cy if region.phrases else 0
        header = [
            p
            for p in region.phrases
            if (before is None or (p.page, p.top) < (before.page, before.top - 1)) and abs(p.cy - anchor_line) > TOL.label_line
            and p.page == (before.page if before else p.page)
        ]
        columns = self._stacks(header)
        if order and self.labels.recognised and len(columns) < len(order):
            # Headings OCR misread or ran together ("本月底。新股份數目人新股份數目"): by the table's order.
            hint = self.labels["currency_hint"]
            known = [c for c in columns if c.name in order]
            found = columns_by_order(header, known, order, lambda text: hint.fullmatch(text.strip()) is not None)
            columns = sorted(found + [c for c in columns if c.name not in order], key=lambda c: c.x0)
        return columns

    def _particulars(self, item: PhraseIndex, right: float, exclude: set[int]) -> tuple[Phrase | None, str]:
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
        regions = self._items(region, particulars, stop)
        origins: list[int] = []  # the item region each item was read from
        for index, item in enumerate(regions):
            lines = self._item_lines(item, right, figure_columns)
            if lines is None:
                continue
            path = f"options[{len(items)}]"
            joined, text, figures, page = lines.joined, lines.text, lines.figures, lines.page
            price_text = re.search(r"(?:Exercise\s*Price|行使價)\s*[:：]?\s*(.*)", text, re.IGNORECASE)
            currency, price = self.money(_with_text(joined, price_text.group(1)) if price_text else None, f"{path}.exercise_price")
            items.append(
                OptionItem(
                    share_class=ShareClass(category=self.labels.category(lines.class_text)),
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
            origins.append(index)
        items = self._doubted_where(items, origins, self._numbering_gaps(regions))
        return tuple(items), self._totals(region, "options"), self._funds(region)

    def _item_lines(self, item: PhraseIndex, right: float, figure_columns: list[Column]) -> ItemLines | None:
        """The class line, particulars and figures of an item; ``None`` for an item left blank (no text, no figure)."""
        _, exclude, class_text = self._class_lines(item, right)
        joined, text = self._particulars(item, right, exclude)
        figures = self._assign([p for p in item.phrases if _centre(p) >= right and _figure_like(p.text, self.labels)], figure_columns)
        if self._empty_item(text) and not any(_numeric(p.text) for p in figures.values()):
            return None
        return ItemLines(class_text, joined, text, figures, item.phrases[0].page)

    def _item_table(
        self, region: PhraseIndex, default_right: float | None, order: tuple[str, ...] = ()
    ) -> tuple[Phrase | None, Column | None, list[Column], float]:
        """A section III table: where its totals start, its particulars column, its figure
        columns, and the x where figures begin (default: the particulars' right edge).

        ``order``: the table's columns in the template's order, which finds a heading OCR
        misread on a recognised page (column_order.py)."""
        stop = self._first_total(region)
        first_item = next((p for p in region.phrases if self.labels["item_number"].match(p.text) and p.x0 < 150), None)
        columns = self._section_columns(region, first_item, order)
        particulars = next((c for c in columns if c.name == "particulars"), None)
        figure_columns = [c for c in columns if c.name != "particulars"]
        if default_right is None:
            default_right = particulars.x1 if particulars else 150.0
        right = min((c.x0 for c in figure_columns), default=default_right)
        return stop, particulars, figure_columns, right

    def _class_lines(self, item: PhraseIndex, right: float) -> tuple[int | None, set[int], str]:
        """The item's class-of-shares line: its index, the indexes of its phrases, and its text.

        Why the wrapped one: a narrow particulars cell wraps "普通股 (註 1)" into "普通股 (註" / "1)".
        """
        index = self._class_line(item, right)
        if index is not None and self.labels.category(item.phrases[index].text) is not None:
            return index, {index}, item.phrases[index].text
        continued = continued_phrases([p for p in item.phrases if p.x0 < right - 2])
        positions = {id(p): i for i, p in enumerate(item.phrases)}
        found = named = None
        for i, p in enumerate(item.phrases):
            run = continued.get(id(p))
            if run is None or p.x0 >= right - 2 or self.labels["item_number"].match(p.text):
                continue
            text = " ".join(q.text for q in run)
            if self.labels["class_line"].search(text.strip()) and len(text) < 40:
                found = (i, {positions[id(q)] for q in run}, text)
                if self.labels.category(text) is not None:
                    named = found
        if index is not None:
            # A class wrapped word by word ("Ordinary" / "shares" / "(Note 1)"): its last line alone names no class.
            return named if named is not None else (index, {index}, item.phrases[index].text)
        return found if found is not None else (None, set(), "")

    def _class_line(self, item: PhraseIndex, right: float) -> int | None:
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
        printed = slot.group(0) if slot else word.group(1)  # type: ignore[union-attr]  # one of the two: checked above
        value = v.parse_date(printed)
        return Day(value, printed=printed, source=v.source_of(phrase)) if value else None

    def _funds(self, region: PhraseIndex) -> tuple[FundsRaised, ...]:
        label = region.first(self.labels["funds"])
        if label is None:
            return ()
        nearby = [p for p in region.phrases if p.page == label.page and label.top - 2 <= p.top <= label.bottom + 16 and p is not label]
        text_with_label = " ".join([label.text] + [p.text for p in nearby])
        hint = self.labels["currency_hint"].search(text_with_label) or _BRACKETED_NEAR_FUNDS.search(text_with_label)
        default = v.currency_code(hint.group(0).strip("()（）")) if hint else None
        figures = [p for p in nearby if p.x0 > label.x0 + 100 and _figure_like(p.text, self.labels)]
        if not figures:
            return ()
        currency, amount = self.money(figures[0], "options_funds[0].amount", default)
        if amount.value is None:
            return ()
        return (FundsRaised(currency=currency, amount=amount),)
