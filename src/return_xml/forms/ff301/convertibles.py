"""Section III C of an FF301 return: convertibles (securities convertible into shares)."""

from __future__ import annotations

from return_xml.forms.ff301.cells import counts, item_text, split_money, split_words
from return_xml.forms.ff301.tables import BlockTables
from return_xml.model import ConvertibleItem, Text
from return_xml.pdf import values as v


class ConvertiblesReading(BlockTables):
    """Section III C (part of ``reader._Reading``)."""

    def convertibles(self) -> tuple[ConvertibleItem, ...]:
        """One item per numbered line of the III C tables."""
        items: list[ConvertibleItem] = []
        for block in self.blocks("III.C"):
            share_class = self.share_class(block, f"convertibles[{len(items)}]")
            for row in self.item_rows(block, "convertibles"):
                path = f"convertibles[{len(items)}]"
                c, page = row.cells, row.page
                kind, kind_page = self.item_value(row, "item.type")
                code, code_page = self.item_value(row, "item.stock_code")
                price, price_page = self.item_value(row, "item.price")
                approval, approval_page = self.item_value(row, "item.approval_date")
                price_currency, price_figure = split_money(price)
                # The movement cell holds a word (``Issued``) and an amount in two sub-cells: both are kept.
                movement_word, movement_figure = split_words(c.get("movement"))
                items.append(
                    ConvertibleItem(
                        share_class=share_class,
                        description=item_text(c.get("description"), page),
                        type=v.text(kind, page=kind_page) if kind_page else None,
                        stock_code=v.text(code, page=code_page) if code_page else None,
                        currency=v.currency(c.get("currency"), field=f"{path}.currency", page=page),
                        amount_preceding=v.amount(c.get("amount_preceding"), field=f"{path}.amount.preceding", page=page),
                        movement=Text(movement_word or None, printed=movement_word, source=v.source_of(c.get("movement"), page)),
                        amount_converted=v.amount(c.get("movement"), token=movement_figure, field=f"{path}.amount.converted", page=page),
                        amount_close=v.amount(c.get("amount_close"), field=f"{path}.amount.close", page=page),
                        conversion_price_currency=v.currency(price, token=price_currency, field=f"{path}.conversion_price_currency", page=price_page) if price_page else None,
                        conversion_price=v.amount(price, token=price_figure, field=f"{path}.conversion_price", page=price_page) if price_page else None,
                        approval_date=v.day(approval, field=f"{path}.approval_date", page=approval_page) if approval_page else None,
                        **counts(c, path, page, ("shares_issued", "treasury_transferred", "shares_issuable", "treasury_transferable")),
                    )
                )
        return tuple(items)
