"""Section III A of an FF301 return: share options, their movements, and the funds raised by their exercise."""

from __future__ import annotations

from return_xml.forms.ff301.cells import (
    counts,
    item_text,
    money_pairs,
    phrase_lines,
)
from return_xml.forms.ff301.tables import ISSUE_COUNTS, BlockTables, ItemRow
from return_xml.model import Count, FundsRaised, OptionItem, ShareClass
from return_xml.pdf import values as v
from return_xml.pdf.document import Phrase, lowest_confidence
from return_xml.pdf.layout import Region, value_right_of

_OPTION_MOVEMENTS = ("granted", "exercised", "cancelled", "lapsed")


class OptionsReading(BlockTables):
    """Section III A (part of ``reader._Reading``)."""

    def options(self) -> tuple[tuple[OptionItem, ...], tuple[FundsRaised, ...]]:
        """The option items of III A, and the funds raised by exercise (one per currency printed)."""
        items = self.section_items("III.A", "options", self._option)
        funds: tuple[FundsRaised, ...] = ()
        region = self.section("III.A")
        if region is not None and self.applicable("III.A") and (label := region.first(self.labels["options_funds"])) is not None:
            phrase = value_right_of(region.page_of(label), label)
            funds = tuple(
                FundsRaised(
                    currency=v.currency(phrase, token=code, field=f"options_funds[{j}].currency", page=label.page),
                    amount=v.amount(phrase, token=figure, field=f"options_funds[{j}].amount", page=label.page),
                )
                for j, (code, figure) in enumerate(money_pairs(phrase))
            )
        return items, funds

    def _option(self, row: ItemRow, path: str, share_class: ShareClass) -> OptionItem:
        c, page = {**row.cells, **self.option_movements(row)}, row.page
        price = self.item_price(row)
        return OptionItem(
            share_class=share_class,
            scheme=item_text(c.get("scheme"), page),
            approval_date=self.item_day(row, "item.approval_date", f"{path}.approval_date"),
            exercise_price_currency=price.currency(f"{path}.exercise_price_currency"),
            exercise_price=price.amount(f"{path}.exercise_price"),
            **counts(c, path, page, ("outstanding_preceding", "granted", "exercised", "cancelled", "lapsed", "outstanding_close")),
            **counts(c, path, page, ISSUE_COUNTS),
            available_for_grant_preceding=self._count_after(row.region, "available_for_grant.preceding", f"{path}.available_for_grant.preceding"),
            available_for_grant_close=self._count_after(row.region, "available_for_grant.close", f"{path}.available_for_grant.close"),
        )

    def option_movements(self, row: ItemRow) -> dict[str, Phrase | None]:
        """Granted / exercised / cancelled / lapsed printed as labelled lines of one movement cell.

        Empty when the table gives each its own column (they are then in
        ``row.cells`` already) or has no movement column.
        """
        if any(name in row.cells for name in _OPTION_MOVEMENTS) or "movement" not in row.boxes:
            return {}
        page = self.page(row.page)
        x0, top, x1, bottom = row.boxes["movement"]
        inside = [p for p in page.phrases if x0 <= (p.x0 + p.x1) / 2 <= x1 and top <= p.cy <= bottom]
        found: dict[str, Phrase | None] = {}
        for line in phrase_lines(inside):
            labelled = self.labels.option_movement(" ".join(p.text for p in line))
            if labelled is None:
                continue
            name, figure = labelled
            # The figure's box: the phrases after the label, or the whole line when one phrase holds both.
            after = line[1:] if len(line) > 1 and self.labels.option_movement(line[0].text) == (name, "") else line
            box = (min(p.x0 for p in after), min(p.top for p in after), max(p.x1 for p in after), max(p.bottom for p in after))
            found[name] = Phrase(figure, page.number, *box, lowest_confidence(after)) if figure else None
        return found

    def _count_after(self, region: Region, key: str, path: str) -> Count | None:
        phrase, page = self.labelled(region, key)
        return v.count(phrase, field=path, page=page) if page else None
