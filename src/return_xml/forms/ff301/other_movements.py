"""Section III E of an FF301 return: other movements in issued shares (placings, repurchases ...)."""

from __future__ import annotations

from return_xml.forms.ff301.cells import counts, item_text
from return_xml.forms.ff301.tables import BlockTables, ItemRow
from return_xml.model import OtherMovement, ShareClass
from return_xml.pdf import values as v


class OtherMovementsReading(BlockTables):
    """Section III E (part of ``reader._Reading``)."""

    def other_movements(self) -> tuple[OtherMovement, ...]:
        """One item per numbered line of the III E tables; its type named from its event's words."""
        return self.section_items("III.E", "other_movements", self._other_movement)

    def _other_movement(self, row: ItemRow, path: str, share_class: ShareClass) -> OtherMovement:
        c, page = row.cells, row.page
        event = item_text(c.get("event"), page)
        return OtherMovement(
            type=self.labels.movement_type(event.value or ""),
            share_class=share_class,
            description=event,
            currency=v.currency(c.get("currency"), field=f"{path}.currency", page=page),
            price=v.amount(c.get("price"), field=f"{path}.price", page=page),
            event_date=v.day(c.get("event_date"), field=f"{path}.event_date", page=page),
            approval_date=v.day(c.get("approval_date"), field=f"{path}.approval_date", page=page),
            **counts(c, path, page, ("shares_issued", "treasury", "shares_issuable")),
        )
