"""Section III E (other movements) and the grand totals of a legacy return (part of ``_Reading``)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from return_xml.forms.legacy.common import (
    _CLOSING_BRACKET,
    _DATE_SLOT,
    _DIGIT,
    _EMPTY_DATE_SLOT,
    _OPEN_BRACKET_AT_END,
    _TEMPLATE_WORDS,
    _WORD_DATE_SLOT,
    MAX_LABEL_WRAP,
    _bracketed_runs,
    _figure_like,
    _is_blank,
    _joined,
    _own_slot,
    _raised,
    _strip_template,
    _with_text,
)
from return_xml.forms.legacy.part import ReadingPart
from return_xml.model import Amount, Category, Currency, Day, OtherMovement, SectionTotal, ShareClass, Text
from return_xml.pdf import values as v
from return_xml.pdf.document import Phrase
from return_xml.pdf.layout import TOL, Column, PhraseIndex, fold, lines_of


def _with_wrapped_slots(phrases: list[Phrase]) -> list[Phrase]:
    """A date slot wrapped in its narrow cell ("(2 August" / "2018)", "(2018 年 8 月 2" / "日)") joined into one
    phrase: the pieces from a bracket left open at the end of a line, and the closing piece right below them."""
    out: list[Phrase] = []
    used: set[int] = set()
    lines = lines_of(phrases)
    for n, line in enumerate(lines):
        opened = next((i for i in range(len(line) - 1, -1, -1) if _OPEN_BRACKET_AT_END.search(" ".join(p.text for p in line[i:]))
                       and _OPEN_BRACKET_AT_END.search(line[i].text)), None)
        rest = line if opened is None else line[:opened]
        out.extend(p for p in rest if id(p) not in used)
        if opened is None:
            continue
        pieces = line[opened:]
        x0, x1, bottom = min(p.x0 for p in pieces), max(p.x1 for p in pieces), max(p.bottom for p in pieces)
        height = bottom - min(p.top for p in pieces)
        below = next((q for later in lines[n + 1:n + 4] for q in later if id(q) not in used and q.page == pieces[0].page
                      and 0 <= q.top - bottom <= 0.8 * height and min(x1, q.x1) > max(x0, q.x0)
                      and _CLOSING_BRACKET.search(q.text) and not _OPEN_BRACKET_AT_END.search(q.text)), None)
        if below is None:
            out.extend(p for p in pieces if id(p) not in used)
            continue
        used.add(id(below))
        out.append(_joined(pieces + [below]) or pieces[0])
    return out


def _with_slot_rest(span: PhraseIndex, label: Phrase | None) -> Phrase | None:
    """A label whose run ends in a slot left open ("...(日/月/年)(2018") with the rest of the slot beside it
    ("年" "5" "月" "18" "日)"): a font change parts a date typed in Chinese into runs."""
    if label is None or not _OPEN_BRACKET_AT_END.search(label.text):
        return label
    run = [label]
    for p in sorted((p for p in span.on_line(label, 2.0) if p.x0 >= label.x1), key=lambda p: p.x0):
        if p.x0 - run[-1].x1 > 2 * (p.bottom - p.top):
            return label  # a gap before the slot closed: not one slot
        run.append(p)
        if _CLOSING_BRACKET.search(p.text):
            return _joined(run) or label
    return label


def _slot_overrun(span: PhraseIndex, in_column: list[Phrase], value_left: float) -> list[Phrase]:
    """The pieces of a date slot that run on past the date column into the figures' ("(2018" "年" "8" "月"
    "2" "日)" typed at a tab stop too far right): from a bracket left open in the column to its closing one."""
    out: list[Phrase] = []
    for line in lines_of(in_column):
        if not _OPEN_BRACKET_AT_END.search(" ".join(p.text for p in line)):
            continue  # every bracket on the line is closed on it
        last = line[-1]
        after = sorted((p for p in span.on_line(last, 2.0) if p.x0 >= last.x1 and p.x1 > value_left + 5), key=lambda p: p.x0)
        run: list[Phrase] = []
        for p in after:
            if p.x0 - (run[-1] if run else last).x1 > 2 * (p.bottom - p.top):
                break  # a gap: the slot ended, what follows is a figure
            run.append(p)
            if _CLOSING_BRACKET.search(p.text):
                out.extend(run)
                break
    return out


class OtherMovementsReading(ReadingPart):
    """Section III E (other movements) and the grand totals of a legacy return (part of ``_Reading``)."""

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
        starts = [self._type_start(body, label, class_labels[n - 1] if n else None) for n, label in enumerate(class_labels)]
        for n, label in enumerate(class_labels):
            block = body.between(starts[n], starts[n + 1] if n + 1 < len(class_labels) else None)
            if label.page not in headings_of_page:
                headings_of_page[label.page] = self._e_columns(region, label.page)
            # A page that does not repeat the headings goes on with the previous page's columns.
            columns = headings_of_page[label.page] or columns
            figure_columns = [c for c in columns if c.name in ("shares_issued", "shares_issuable")]
            value_left = min((c.x0 for c in figure_columns), default=460.0) - 12

            def in_figure_columns(phrase: Phrase, value_left: float = value_left) -> bool:
                # Why the right edge too: a right-aligned figure wider than its cell (an autofit table on a
                # page without headings of its own) starts left of the columns but still ends inside them.
                return _figure_like(phrase.text, self.labels) and (phrase.x0 >= value_left or phrase.x1 > value_left + 12)

            type_column = next((c for c in columns if c.name == "particulars"), None)
            type_right = type_column.x1 + 5 if type_column else 130.0
            type_phrases = [p for p in block.phrases if p.x0 < type_right and p.x1 < label.x0 - 20]
            type_text = re.sub(r"^\s*\d{1,2}\.\s*", "", _strip_template(" ".join(p.text for p in type_phrases)))
            type_text = fold(re.sub(r"[（(]\s*(?:Please specify|請註明)\s*[)）]", " ", type_text))
            class_value = _joined(p for p in block.right_of(label)
                                  if p.x0 < value_left and not _is_blank(p.text) and not in_figure_columns(p))
            class_line_values = [p for p in block.on_line(label, 8.0)
                                 if label.x1 < p.x0 < value_left and not _is_blank(p.text) and not in_figure_columns(p)]
            if class_value is None and class_line_values:
                class_value = _joined(class_line_values)
            if class_value is None:
                # A tab-stop layout types the class into the label's own run when the label overruns its tab stop.
                rest = self.labels["e.class_whole"].sub("", label.text).strip()
                class_value = _with_text(label, rest) if rest and not _is_blank(rest) else None
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
                overrun = {id(p) for p in _slot_overrun(span, [p for p in span.phrases if p.x1 <= value_left + 5], value_left)}
                figures = self._assign(
                    [p for p in span.phrases if p.x0 > label.x1 and in_figure_columns(p) and id(p) not in overrun], figure_columns
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

    def _type_start(self, body: PhraseIndex, label: Phrase, previous: Phrase | None) -> Phrase:
        """Where a type's block begins: at its class label, or at its item number on a line above
        (a type's name wrapped over two lines, the class label typed on the last: "6. Repurchase of" / "shares")."""
        height = label.bottom - label.top
        numbers = [p for p in body.find(self.labels["item_number"])
                   if p.page == label.page and p.x1 < label.x0 - 20 and label.top - MAX_LABEL_WRAP * height <= p.top < label.top - TOL.label_line
                   and (previous is None or (p.page, p.top) > (previous.page, previous.bottom + 1))]
        return max(numbers, key=lambda p: p.top, default=label)

    def _without_headers(self, region: PhraseIndex) -> PhraseIndex:
        """The section without the column headings it repeats at the top of each page."""
        keep: list[Phrase] = []
        for page in sorted({p.page for p in region.phrases}):
            on_page = [p for p in region.phrases if p.page == page]
            first = next(
                (p for p in on_page if (self.labels["e.class"].search(p.text) and p.x0 > 150) or self.labels["item_number"].match(p.text)),
                None,
            )
            if first is None:
                continue
            keep.extend(self._row_continued(on_page, first))
            keep.extend(p for p in on_page if p.top >= first.top - 12)
        return PhraseIndex(keep)

    def _row_continued(self, on_page: list[Phrase], first: Phrase) -> list[Phrase]:
        """The rest of a type's row that a page break carried over to the top of the next page, above
        its first item ("Cancellation date :" and its date): a table row may break across pages."""
        above = PhraseIndex([p for p in on_page if p.top < first.top - 12 and not self.labels["page_header"].search(p.text)])
        dates = above.find_wrapped(self.labels["e.event_date"]) + above.find_wrapped(self.labels["e.approval"])
        if not dates:
            return []
        top = min(p.top for p in dates) - 3
        return [p for p in above.phrases if p.top >= top]

    def _e_columns(self, region: PhraseIndex, page: int) -> list[Column]:
        on_page = [p for p in region.phrases if p.page == page]
        first_label = next(
            (p for p in on_page if self.labels["e.class"].search(p.text) or self.labels["item_number"].match(p.text)), None
        )
        header = [p for p in on_page if first_label is None or p.top < first_label.top - 1]
        header = [p for p in header if not self.labels["section.E"].search(p.text)]
        return self._stacks(header)

    def _entries(self, block: PhraseIndex, event_labels: list[Phrase]) -> list[tuple[PhraseIndex, Phrase | None]]:
        """One span per entry of a movement type: a type may be filled in several times."""
        if len(event_labels) <= 1:
            return [(block, event_labels[0] if event_labels else None)]
        spans: list[tuple[PhraseIndex, Phrase | None]] = []
        for n, label in enumerate(event_labels):
            start = None if n == 0 else label
            end = event_labels[n + 1] if n + 1 < len(event_labels) else None
            spans.append((block.between(start, end), label))
        return spans

    def _e_dates(self, span: PhraseIndex, event_label: Phrase | None, value_left: float) -> tuple[Day | None, Day | None]:
        approval_label = span.first_wrapped(self.labels["e.approval"])
        labels_x0 = anchor.x0 if (anchor := event_label or approval_label) else None
        in_column = [p for p in span.phrases if labels_x0 is not None and p.x0 > labels_x0 + 60 and p.x1 <= value_left + 5]
        in_column += _slot_overrun(span, in_column, value_left)
        slots = [
            p
            for p in _with_wrapped_slots(_bracketed_runs(in_column))
            if _DATE_SLOT.search(v.normalise(p.text)) or _EMPTY_DATE_SLOT.search(p.text) or _WORD_DATE_SLOT.search(v.normalise(p.text))
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
        event = _own_slot(_with_slot_rest(span, event_label)) or nearest(event_label)
        approval = _own_slot(_with_slot_rest(span, approval_label)) or nearest(approval_label)
        return (
            self.date(event, "other_movements.event_date") if event and not _is_blank(event.text) else None,
            self.date(approval, "other_movements.approval_date") if approval and not _is_blank(approval.text) else None,
        )

    def _e_price(self, span: PhraseIndex, date_column: float, block: PhraseIndex, type_right: float) -> tuple[Currency | None, Amount | None]:
        """The price of a movement type: in the column between the type and the class labels,
        under "At price :" or in its run ("At price : HK$0.25"), or alone where a filer typed over the label."""
        price_label = span.first(self.labels["e.price"]) or block.first(self.labels["e.price"])
        if price_label is not None and self._e_price_legacy_area(span, price_label, date_column):
            left = price_label.x1 - 2
        else:
            left = min(price_label.x0 - 2, type_right) if price_label else type_right
        area = [p for p in span.phrases if left <= p.x0 and p.x1 <= date_column + 2]
        if price_label is not None and price_label not in area and self._names_currency(price_label):
            # The currency typed in the label's run, the figure a run of its own: "價格： 港元" "0.25".
            area.insert(0, price_label)
        area = [_with_text(p, self.labels["e.price"].sub(" ", p.text).strip(" :：")) for p in area]
        area = [p for p in area if p.text]
        if not any(_DIGIT.search(p.text) for p in area):
            return None, None
        joined = _joined(area)
        currency, price = self.money(_with_text(joined, _TEMPLATE_WORDS.sub(" ", joined.text)) if joined else None, "other_movements.price")
        return currency, price

    def _names_currency(self, price_label: Phrase) -> bool:
        """Whether the price label's run goes on with a currency after the label ("At price : HK$")."""
        rest = _TEMPLATE_WORDS.sub(" ", self.labels["e.price"].sub(" ", price_label.text))
        return v.currency_code(rest.strip(" :：()（）")) is not None

    def _e_price_legacy_area(self, span: PhraseIndex, price_label: Phrase, date_column: float) -> bool:
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
        region = PhraseIndex(above + region.phrases)
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
        pairs: Iterable[tuple[tuple[Category, Phrase], Phrase | None]]
        if len(figures) == len(lines):
            pairs = zip(lines, figures)
        else:
            pairs = ((line, min(figures, key=lambda f: abs(f.cy - line[1].cy), default=None)) for line in lines)
        for (category, anchor), figure in pairs:
            out.append(SectionTotal(share_class=ShareClass(category=category), issued=self.count(figure, "total_increase.issued", anchor.page)))
        return tuple(out)

