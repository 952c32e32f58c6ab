"""The ruled tables of FF301 class blocks: columns named by header cells, balance rows and item lines."""

from __future__ import annotations

from dataclasses import dataclass

from return_xml.forms.ff301.blocks import BLOCK_LABELS, ClassBlocks
from return_xml.forms.ff301.cells import EDGE_SLACK, is_item_number
from return_xml.model.values import Box
from return_xml.pdf.cell_text import join_lines
from return_xml.pdf.document import Phrase
from return_xml.pdf.layout import (
    Region,
    band_of,
    cell_rows,
    region_between,
    value_right_of,
)

# Why: a sub-heading is narrower than the heading it stands under; a cell as wide is the next row of one column.
SUB_HEADING_NARROWER = 1.0  # points
# The labels of an item line's own boxes (printed under its table row); each stops the value of the others.
_ITEM_LABELS = ("item.type", "item.stock_code", "item.price", "item.approval_date", "item.expiry_date")


@dataclass(frozen=True)
class BalanceRow:
    """One row (preceding / movement / close) of a class block's balance table."""

    cells: dict[str, Phrase | None]  # by column name; a column the table lacks has no key
    label: Phrase  # the row's label: where the row stands, the source of its blank cells

    @property
    def page(self) -> int:
        return self.label.page


@dataclass
class ItemRow:
    """One item line of a section III table: its cells by column, and its region."""

    cells: dict[str, Phrase | None]
    region: Region
    page: int
    boxes: dict[str, Box]


def _stacked_under(cell: Box, heading: Box) -> bool:
    """Whether header ``cell`` stands under ``heading``, narrower and within its width (a sub-heading)."""
    return (
        cell[1] >= heading[3] - EDGE_SLACK
        and cell[0] >= heading[0] - EDGE_SLACK
        and cell[2] <= heading[2] + EDGE_SLACK
        and cell[2] - cell[0] < heading[2] - heading[0] - SUB_HEADING_NARROWER
    )


class BlockTables(ClassBlocks):
    """The tables of class blocks: their columns, balance rows and numbered item lines."""

    def columns(self, block: Region, section: str, above: float | None = None) -> dict[str, tuple[float, float]]:
        """Column name -> x range, from the header cells of the block's table.

        A heading stacked over the headers of its columns ("Price (if applicable)" over
        "Currency" and "Price"; "Movement during the month" over "Granted" ... "Lapsed") names
        no column of its own; and a header names the first column its words fit that no cell
        left of or above it took already (a warrants header "... shares which may be issued
        ... as at close of the month" is not a second "nominal value at close of the month").
        """
        first = block.slices[0]
        below = self._block_header_bottom(block)
        headers: list[tuple[tuple[float, float, float, float], str]] = []
        for cell in first.cells():
            if above is not None and cell[1] >= above - EDGE_SLACK:
                continue
            if cell[1] < below - EDGE_SLACK:  # the class block's own label cells are no column headers
                continue
            phrase = self.cell_text(first.page, cell)
            if phrase is None:
                continue
            text = join_lines(phrase.text.split("\n"))
            if self.labels.column(section, text) is not None:
                headers.append((cell, text))
        columns: dict[str, tuple[float, float]] = {}
        for cell, text in headers:
            if sum(_stacked_under(other, cell) for other, _ in headers) >= 2:  # a group heading spans columns
                continue
            name = self.labels.column(section, text, taken=columns)
            if name is not None:
                columns[name] = (cell[0], cell[2])
        return columns

    def _block_header_bottom(self, block: Region) -> float:
        """The height where the class block's header rows (class, stock codes, description) end."""
        first = block.slices[0]
        bottom = first.top
        for key in BLOCK_LABELS:
            for label in self.find(block, key):
                if label.page == first.page.number:
                    bottom = max(bottom, band_of(first.page, label)[1])
        return bottom

    def balance_rows(self, block: Region, section: str) -> dict[str, BalanceRow]:
        """Rows preceding / movement / close of a class block's table: their cells by column.

        Columns come from the header cells; a table of one figure column
        without a header (v1.0.x section II, ``Labels.single_columns``) has
        its figure read right of the row label.
        """
        columns = self.columns(block, section)
        single = self.labels.single_columns.get(section) if not columns else None
        rows: dict[str, BalanceRow] = {}
        for row in ("preceding", "movement", "close"):
            label = block.first(self.labels[f"row.{row}"])
            if label is None:
                continue
            page = block.page_of(label)
            top, bottom = band_of(page, label)
            if single is not None:
                cells = {single: value_right_of(page, label)}
            else:
                cells = {name: self.cell_text(page, (x0, top, x1, bottom)) for name, (x0, x1) in columns.items()}
            rows[row] = BalanceRow(cells, label)
        return rows

    def item_rows(self, block: Region, section: str) -> list[ItemRow]:
        """The numbered item lines of a class block's table, with their cells by column."""
        first = block.slices[0]
        rows = [row for row in cell_rows(first.cells()) if is_item_number(self.cell_text(first.page, row[0]))]
        if not rows:
            return []
        columns = self.columns(block, section, above=rows[0][0][1])
        out = []
        for n, row in enumerate(rows):
            top, bottom = row[0][1], max(c[3] for c in row)
            end = (first.page.number, rows[n + 1][0][1] - EDGE_SLACK) if n + 1 < len(rows) else None
            region = region_between(block, (first.page.number, top - EDGE_SLACK), end)
            boxes = {name: (x0, top, x1, bottom) for name, (x0, x1) in columns.items()}
            cells = {name: self.cell_text(first.page, box) for name, box in boxes.items()}
            out.append(ItemRow(cells, region, first.page.number, boxes))
        return out

    def item_value(self, row: ItemRow, key: str) -> tuple[Phrase | None, int | None]:
        """The value of the item box ``key`` printed under the item line (price, stock code, dates); its page."""
        return self.labelled(row.region, key, tuple(k for k in _ITEM_LABELS if k != key))
