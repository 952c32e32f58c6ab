"""Section III B of an FF301 return: warrants to issue shares."""

from __future__ import annotations

from return_xml.forms.ff301.cells import counts, item_text, split_money
from return_xml.forms.ff301.tables import BlockTables
from return_xml.model import WarrantItem
from return_xml.pdf import values as v


class WarrantsReading(BlockTables):
    """Section III B (part of ``reader._Reading``)."""

    def warrants(self) -> tuple[WarrantItem, ...]:
        """One item per numbered line of the III B tables."""
        items: list[WarrantItem] = []
        for block in self.blocks("III.B"):
            share_class = self.share_class(block, f"warrants[{len(items)}]")
            for row in self.item_rows(block, "warrants"):
                path = f"warrants[{len(items)}]"
                c, page = row.cells, row.page
                price, price_page = self.item_value(row, "item.price")
                code, code_page = self.item_value(row, "item.stock_code")
                expiry, expiry_page = self.item_value(row, "item.expiry_date")
                approval, approval_page = self.item_value(row, "item.approval_date")
                price_currency, price_figure = split_money(price)
                items.append(
                    WarrantItem(
                        share_class=share_class,
                        description=item_text(c.get("description"), page),
                        stock_code=v.text(code, page=code_page) if code_page else None,
                        expiry_date=v.day(expiry, field=f"{path}.expiry_date", page=expiry_page) if expiry_page else None,
                        currency=v.currency(c.get("currency"), field=f"{path}.currency", page=page),
                        nominal_preceding=v.amount(c.get("nominal_preceding"), field=f"{path}.nominal.preceding", page=page),
                        nominal_exercised=v.amount(c.get("nominal_exercised"), field=f"{path}.nominal.exercised", page=page),
                        nominal_close=v.amount(c.get("nominal_close"), field=f"{path}.nominal.close", page=page),
                        subscription_price_currency=v.currency(price, token=price_currency, field=f"{path}.subscription_price_currency", page=price_page) if price_page else None,
                        subscription_price=v.amount(price, token=price_figure, field=f"{path}.subscription_price", page=price_page) if price_page else None,
                        approval_date=v.day(approval, field=f"{path}.approval_date", page=approval_page) if approval_page else None,
                        **counts(c, path, page, ("shares_issued", "treasury_transferred", "shares_issuable", "treasury_transferable")),
                    )
                )
        return tuple(items)
