"""Sections III B (warrants), C (convertibles) and D (other arrangements) of a legacy return (part of ``_Reading``)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal, overload

from return_xml.forms.legacy.common import (
    _DATE_SLOT,
    _UNIT,
    _WORD_DATE,
    _centre,
    _is_blank,
    _joined,
    _numeric,
    _strip_template,
    _with_text,
)
from return_xml.forms.legacy.part import ReadingPart
from return_xml.model import (
    Amount,
    ArrangementItem,
    ConvertibleItem,
    Currency,
    Day,
    SectionTotal,
    ShareClass,
    Text,
    WarrantItem,
)
from return_xml.pdf import values as v
from return_xml.pdf.document import Phrase
from return_xml.pdf.layout import Column, PhraseIndex, fold

# The columns of the III B and III C tables in the template's order (a heading OCR misread is found by it).
_ORDER = {
    "B": ("particulars", "currency", "preceding", "exercised_nominal", "close", "shares_issued", "shares_issuable"),
    "C": ("particulars", "currency", "preceding", "converted", "close", "shares_issued", "shares_issuable"),
}


class WarrantsReading(ReadingPart):
    """Sections III B (warrants), C (convertibles) and D (other arrangements) of a legacy return (part of ``_Reading``)."""

    # -- III B and C ------------------------------------------------------------------------------

    @overload
    def warrants_or_convertibles(self, key: Literal["B"]) -> tuple[tuple[WarrantItem, ...], tuple[SectionTotal, ...]]: ...

    @overload
    def warrants_or_convertibles(self, key: Literal["C"]) -> tuple[tuple[ConvertibleItem, ...], tuple[SectionTotal, ...]]: ...

    def warrants_or_convertibles(
        self, key: Literal["B", "C"]
    ) -> tuple[tuple[WarrantItem | ConvertibleItem, ...], tuple[SectionTotal, ...]]:
        """The items of III B (``key`` "B": warrants) or III C ("C": convertibles), and the section's totals.

        One reading for both: the two tables differ only in a warrant's expiry
        date and in the names of their figure columns.
        """
        region = self.section(key)
        if not region.phrases:
            return (), ()
        stop, particulars, figure_columns, right = self._item_table(region, default_right=200.0, order=_ORDER[key])
        items: list[WarrantItem | ConvertibleItem] = []
        name = "warrants" if key == "B" else "convertibles"
        regions = self._items(region, particulars, stop)
        origins: list[int] = []  # the item region each item was read from
        for index, item in enumerate(regions):
            path = f"{name}[{len(items)}]"
            sub_start = item.first_wrapped(self.labels["sub.stock_code"]) or item.first_wrapped(self.labels["sub.class"])
            head = item.between(None, sub_start) if sub_start else item
            tail = item.between(sub_start, None) if sub_start else PhraseIndex([])
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
            origins.append(index)
        items = self._doubted_where(items, origins, self._numbering_gaps(regions))
        return tuple(items), self._totals(region, name)

    def _nominal(self, phrase: Phrase | None, path: str, page: int) -> Amount:
        if phrase is None:
            return Amount(None, printed="", source=v.Source(page))
        token = _UNIT.sub("", _strip_template(v.normalise(phrase.text)))
        token = _UNIT.sub("", token)
        return v.amount(_with_text(phrase, token), field=path) if not _is_blank(token) else Amount(None, printed=phrase.text, source=v.source_of(phrase))

    def _sub_rows(self, tail: PhraseIndex) -> dict[str, Phrase]:
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
        regions = self._items(region, Column("particulars", 0, right), stop)
        arranged: list[int] = []  # the item region each item was read from
        for index, item in enumerate(regions):
            lines = self._item_lines(item, right, figure_columns)
            if lines is None:
                continue
            path = f"arrangements[{len(items)}]"
            joined, text, figures, page, class_text = lines.joined, lines.text, lines.figures, lines.page, lines.class_text
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
            arranged.append(index)
        items = self._doubted_where(items, arranged, self._numbering_gaps(regions))
        return tuple(items), self._totals(region, "arrangements")

    def _meeting_date(self, text: str, phrase: Phrase | None) -> Day | None:
        """The date of the general meeting named in free text ("... general meeting held on 18 May 2012")."""
        meeting = [m.start() for m in self.labels["general_meeting"].finditer(text)]
        if not meeting or phrase is None:
            return None
        best: tuple[int, dt.date, str] | None = None  # (distance to the meeting label, date, as printed)
        for found in _WORD_DATE.finditer(v.normalise(text)):
            value = v.parse_date(found.group(0))
            if value is None:
                continue
            distance = min(abs(found.start() - m) for m in meeting)
            if distance <= 60 and (best is None or distance < best[0]):
                best = (distance, value, found.group(0))
        if best is None:
            return None
        return Day(best[1], printed=best[2], source=v.source_of(phrase))
