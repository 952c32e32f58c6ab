"""Section II of an FF301 return: the issued shares of each class, its counters and public float confirmation."""

from __future__ import annotations

from return_xml.forms.ff301.cells import EDGE_SLACK
from return_xml.forms.ff301.structure import ABOVE_TOP
from return_xml.forms.ff301.tables import BalanceRow, BlockTables
from return_xml.model import IssuedBalance, IssuedClass, PublicFloat
from return_xml.model.values import Flag
from return_xml.pdf import values as v
from return_xml.pdf.layout import (
    Region,
    phrases_on_line,
    region_between,
    value_right_of,
)

# The marks a form ticks a box with (the generated PDF draws one of them left of the box's text).
_TICKS = set("✔✓☑✗✘■●Xx√")


class IssuedReading(BlockTables):
    """Section II (part of ``reader._Reading``)."""

    def issued(self) -> tuple[IssuedClass, ...]:
        """One item per class block of section II: its balances, counters, public float and remarks."""
        return tuple(
            IssuedClass(
                share_class=self.share_class(block, path),
                multi_counter=self.counters(block),
                preceding=balances.get("preceding"),
                movement=balances.get("movement"),
                close=balances.get("close"),
                public_float=self.public_float(block, path),
                remarks=self.remarks(block, stop_key="public_float"),
            )
            for block, path, balances in self.balanced_blocks("II", "issued", _issued_balance)
        )

    def public_float(self, block: Region, path: str) -> PublicFloat | None:
        """The class's public float confirmation (v1.2+): which box is ticked, the threshold and further information."""
        if not self.labels.has("public_float"):
            return None  # the edition has no such box (before v1.2)
        heading = block.first(self.labels["public_float"])
        if heading is None:
            return None
        region = region_between(block, (heading.page, heading.top - ABOVE_TOP), None)
        complied = Flag(None, printed="", source=v.source_of(heading))
        for key, answer in (("public_float.not_complied", False), ("public_float.complied", True)):
            line = region.first(self.labels[key])
            if line is None:
                continue
            page = region.page_of(line)
            ticks = [p for p in phrases_on_line(page, line) if p.x1 <= line.x0 + EDGE_SLACK and set(p.text) & _TICKS]
            if ticks:
                complied = Flag(answer, printed=ticks[0].text, source=v.source_of(ticks[0]))
                break
        threshold_label = region.first(self.labels["public_float.threshold"])
        additional_label = region.first(self.labels["public_float.additional"])
        threshold = additional = None
        if threshold_label is not None:
            threshold = v.text(value_right_of(region.page_of(threshold_label), threshold_label), page=threshold_label.page)
        if additional_label is not None:
            additional = v.text(value_right_of(region.page_of(additional_label), additional_label), page=additional_label.page)
        return PublicFloat(complied=complied, threshold=threshold, additional_information=additional)


def _issued_balance(row: BalanceRow, path: str) -> IssuedBalance:
    cells, page = row.cells, row.page
    return IssuedBalance(
        issued=v.count(cells.get("issued"), field=f"{path}.issued", page=page),
        treasury=v.count(cells.get("treasury"), field=f"{path}.treasury", page=page) if "treasury" in cells else None,
        total=v.count(cells.get("total"), field=f"{path}.total", page=page) if "total" in cells else None,
    )
