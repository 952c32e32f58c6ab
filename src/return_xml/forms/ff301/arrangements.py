"""Section III D of an FF301 return: other arrangements involving the issue of shares."""

from __future__ import annotations

from return_xml.forms.ff301.cells import counts, item_text
from return_xml.forms.ff301.tables import BlockTables
from return_xml.model import ArrangementItem
from return_xml.pdf import values as v


class ArrangementsReading(BlockTables):
    """Section III D (part of ``reader._Reading``)."""

    def arrangements(self) -> tuple[ArrangementItem, ...]:
        """One item per numbered line of the III D tables."""
        items: list[ArrangementItem] = []
        for block in self.blocks("III.D"):
            share_class = self.share_class(block, f"arrangements[{len(items)}]")
            for row in self.item_rows(block, "arrangements"):
                path = f"arrangements[{len(items)}]"
                c, page = row.cells, row.page
                # The approval date is read from its column when the table has one, else from a labelled box under the line.
                approval = c.get("approval_date")
                approval_page: int | None = page
                if "approval_date" not in c:
                    approval, approval_page = self.item_value(row, "item.approval_date")
                items.append(
                    ArrangementItem(
                        share_class=share_class,
                        particulars=item_text(c.get("particulars"), page),
                        approval_date=v.day(approval, field=f"{path}.approval_date", page=approval_page) if approval_page else None,
                        **counts(c, path, page, ("shares_issued", "treasury_transferred", "shares_issuable", "treasury_transferable")),
                    )
                )
        return tuple(items)
