"""Section III C of an FF301 return: convertibles (securities convertible into shares)."""

from __future__ import annotations

from return_xml.forms.ff301.cells import counts, item_text, split_words
from return_xml.forms.ff301.tables import ISSUE_COUNTS, BlockTables, ItemRow
from return_xml.model import ConvertibleItem, ShareClass, Text
from return_xml.pdf import values as v


class ConvertiblesReading(BlockTables):
    """Section III C (part of ``reader._Reading``)."""

    def convertibles(self) -> tuple[ConvertibleItem, ...]:
        """One item per numbered line of the III C tables."""
        return self.section_items("III.C", "convertibles", self._convertible)

    def _convertible(self, row: ItemRow, path: str, share_class: ShareClass) -> ConvertibleItem:
        c, page = row.cells, row.page
        price = self.item_price(row)
        # The movement cell holds a word (``Issued``) and an amount in two sub-cells: both are kept.
        movement_word, movement_figure = split_words(c.get("movement"))
        return ConvertibleItem(
            share_class=share_class,
            description=item_text(c.get("description"), page),
            type=self.item_words(row, "item.type"),
            stock_code=self.item_words(row, "item.stock_code"),
            currency=v.currency(c.get("currency"), field=f"{path}.currency", page=page),
            amount_preceding=v.amount(c.get("amount_preceding"), field=f"{path}.amount.preceding", page=page),
            movement=Text(movement_word or None, printed=movement_word, source=v.source_of(c.get("movement"), page)),
            amount_converted=v.amount(c.get("movement"), token=movement_figure, field=f"{path}.amount.converted", page=page),
            amount_close=v.amount(c.get("amount_close"), field=f"{path}.amount.close", page=page),
            conversion_price_currency=price.currency(f"{path}.conversion_price_currency"),
            conversion_price=price.amount(f"{path}.conversion_price"),
            approval_date=self.item_day(row, "item.approval_date", f"{path}.approval_date"),
            **counts(c, path, page, ISSUE_COUNTS),
        )
