"""Section III B of an FF301 return: warrants to issue shares."""

from __future__ import annotations

from return_xml.forms.ff301.cells import counts, item_text
from return_xml.forms.ff301.tables import ISSUE_COUNTS, BlockTables, ItemRow
from return_xml.model import ShareClass, WarrantItem
from return_xml.pdf import values as v


class WarrantsReading(BlockTables):
    """Section III B (part of ``reader._Reading``)."""

    def warrants(self) -> tuple[WarrantItem, ...]:
        """One item per numbered line of the III B tables."""
        return self.section_items("III.B", "warrants", self._warrant)

    def _warrant(self, row: ItemRow, path: str, share_class: ShareClass) -> WarrantItem:
        c, page = row.cells, row.page
        price = self.item_price(row)
        return WarrantItem(
            share_class=share_class,
            description=item_text(c.get("description"), page),
            stock_code=self.item_words(row, "item.stock_code"),
            expiry_date=self.item_day(row, "item.expiry_date", f"{path}.expiry_date"),
            currency=v.currency(c.get("currency"), field=f"{path}.currency", page=page),
            nominal_preceding=v.amount(c.get("nominal_preceding"), field=f"{path}.nominal.preceding", page=page),
            nominal_exercised=v.amount(c.get("nominal_exercised"), field=f"{path}.nominal.exercised", page=page),
            nominal_close=v.amount(c.get("nominal_close"), field=f"{path}.nominal.close", page=page),
            subscription_price_currency=price.currency(f"{path}.subscription_price_currency"),
            subscription_price=price.amount(f"{path}.subscription_price"),
            approval_date=self.item_day(row, "item.approval_date", f"{path}.approval_date"),
            **counts(c, path, page, ISSUE_COUNTS),
        )
