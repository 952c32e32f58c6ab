"""Section III D of an FF301 return: other arrangements involving the issue of shares."""

from __future__ import annotations

from return_xml.forms.ff301.cells import counts, item_text
from return_xml.forms.ff301.tables import ISSUE_COUNTS, BlockTables, ItemRow
from return_xml.model import ArrangementItem, ShareClass
from return_xml.pdf import values as v


class ArrangementsReading(BlockTables):
    """Section III D (part of ``reader._Reading``)."""

    def arrangements(self) -> tuple[ArrangementItem, ...]:
        """One item per numbered line of the III D tables."""
        return self.section_items("III.D", "arrangements", self._arrangement)

    def _arrangement(self, row: ItemRow, path: str, share_class: ShareClass) -> ArrangementItem:
        c, page = row.cells, row.page
        # The approval date is read from its column when the table has one, else from a labelled box under the line.
        approval = c.get("approval_date")
        approval_page: int | None = page
        if "approval_date" not in c:
            approval, approval_page = self.item_value(row, "item.approval_date")
        return ArrangementItem(
            share_class=share_class,
            particulars=item_text(c.get("particulars"), page),
            approval_date=v.day(approval, field=f"{path}.approval_date", page=approval_page) if approval_page else None,
            **counts(c, path, page, ISSUE_COUNTS),
        )
