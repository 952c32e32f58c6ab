"""Sections III B and III C of an FF301 return: warrants and convertibles, instruments that issue shares.

Both tables print the same frame around their own figures: a description, a
stock code, a currency, the approval date and the counts of shares issued;
``_frame`` reads it once for both.
"""

from __future__ import annotations

from typing import Any

from return_xml.forms.ff301.cells import counts, item_text, split_words
from return_xml.forms.ff301.tables import ISSUE_COUNTS, BlockTables, ItemRow
from return_xml.model import ConvertibleItem, ShareClass, Text, WarrantItem
from return_xml.pdf import values as v


class InstrumentsReading(BlockTables):
    """Sections III B and III C (part of ``reader._Reading``)."""

    def warrants(self) -> tuple[WarrantItem, ...]:
        """One item per numbered line of the III B tables."""
        return self.section_items("III.B", "warrants", self._warrant)

    def convertibles(self) -> tuple[ConvertibleItem, ...]:
        """One item per numbered line of the III C tables."""
        return self.section_items("III.C", "convertibles", self._convertible)

    def _frame(self, row: ItemRow, path: str, share_class: ShareClass) -> dict[str, Any]:
        c, page = row.cells, row.page
        return {
            "share_class": share_class,
            "description": item_text(c.get("description"), page),
            "stock_code": self.item_words(row, "item.stock_code"),
            "currency": v.currency(c.get("currency"), field=f"{path}.currency", page=page),
            "approval_date": self.item_day(row, "item.approval_date", f"{path}.approval_date"),
            **counts(c, path, page, ISSUE_COUNTS),
        }

    def _warrant(self, row: ItemRow, path: str, share_class: ShareClass) -> WarrantItem:
        c, page = row.cells, row.page
        price = self.item_price(row)
        return WarrantItem(
            **self._frame(row, path, share_class),
            expiry_date=self.item_day(row, "item.expiry_date", f"{path}.expiry_date"),
            nominal_preceding=v.amount(c.get("nominal_preceding"), field=f"{path}.nominal.preceding", page=page),
            nominal_exercised=v.amount(c.get("nominal_exercised"), field=f"{path}.nominal.exercised", page=page),
            nominal_close=v.amount(c.get("nominal_close"), field=f"{path}.nominal.close", page=page),
            subscription_price_currency=price.currency(f"{path}.subscription_price_currency"),
            subscription_price=price.amount(f"{path}.subscription_price"),
        )

    def _convertible(self, row: ItemRow, path: str, share_class: ShareClass) -> ConvertibleItem:
        c, page = row.cells, row.page
        price = self.item_price(row)
        # The movement cell holds a word (``Issued``) and an amount in two sub-cells: both are kept.
        movement_word, movement_figure = split_words(c.get("movement"))
        return ConvertibleItem(
            **self._frame(row, path, share_class),
            type=self.item_words(row, "item.type"),
            amount_preceding=v.amount(c.get("amount_preceding"), field=f"{path}.amount.preceding", page=page),
            movement=Text(movement_word or None, printed=movement_word, source=v.source_of(c.get("movement"), page)),
            amount_converted=v.amount(c.get("movement"), token=movement_figure, field=f"{path}.amount.converted", page=page),
            amount_close=v.amount(c.get("amount_close"), field=f"{path}.amount.close", page=page),
            conversion_price_currency=price.currency(f"{path}.conversion_price_currency"),
            conversion_price=price.amount(f"{path}.conversion_price"),
        )
