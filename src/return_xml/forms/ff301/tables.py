"""The ruled tables of FF301 class blocks: columns named by header cells, balance rows and item lines."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from return_xml.forms.ff301.blocks import BLOCK_LABELS, ClassBlocks
from return_xml.forms.ff301.cells import EDGE_SLACK, is_item_number, split_money
from return_xml.model import ShareClass
from return_xml.model.values import Amount, Box, Currency, Day, Text
from return_xml.pdf import values as v
from return_xml.pdf.cell_text import join_lines
from return_xml.pdf.document import Page, Phrase
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
# The share counts most section III items end with (issued / transferred this month, issuable / transferable).
ISSUE_COUNTS = ("shares_issued", "treasury_transferred", "shares_issuable", "treasury_transferable")

_Item = TypeVar("_Item")
_Balance = TypeVar("_Balance")


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


@dataclass(frozen=True)
class ItemPrice:
    """The price box printed under an item line (``HKD 0.01``): a currency and a figure in one phrase."""

    phrase: Phrase | None
    page: int | None  # None: the line has no price box, and both values are None

    def currency(self, field: str) -> Currency | None:
        """The price's currency, or ``None`` when the line has no price box."""
        return v.currency(self.phrase, token=split_money(self.phrase)[0], field=field, page=self.page) if self.page else None

    def amount(self, field: str) -> Amount | None:
        """The price's figure, or ``None`` when the line has no price box."""
        return v.amount(self.phrase, token=split_money(self.phrase)[1], field=field, page=self.page) if self.page else None


def _stacked_under(cell: Box, heading: Box) -> bool:
    """Whether header ``cell`` stands under ``heading``, narrower and within its width (a sub-heading)."""
    return (
        cell[1] >= heading[3] - EDGE_SLACK
        and cell[0] >= heading[0] - EDGE_SLACK
        and cell[2] <= heading[2] + EDGE_SLACK
        and cell[2] - cell[0] < heading[2] - heading[0] - SUB_HEADING_NARROWER
    )


def _right_of_label(page: Page, label: Phrase, box: Box) -> Box:
    """``box`` of a balance row's cell, cut to the right of the row's label on a recognised page.

    Why: where a scan's rule between the label cell and the first figure cell is not found in the
    header row, the first column's header cell spans both, and its figure cell would take the
    label's words with the figure ("Balance at close of preceding month 10,000,000,000").  A row
    label is never part of a value; a text layer's cells are drawn, and stay as they are.
    """
    x0, top, x1, bottom = box
    if page.recognised and x0 < label.x1 < x1:
        return (label.x1 + EDGE_SLACK, top, x1, bottom)
    return box


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
                cells = {name: self.cell_text(page, _right_of_label(page, label, (x0, top, x1, bottom))) for name, (x0, x1) in columns.items()}
            rows[row] = BalanceRow(cells, label)
        return rows

    def balanced_blocks(
        self, section: str, table: str, read: Callable[[BalanceRow, str], _Balance]
    ) -> Iterator[tuple[Region, str, dict[str, _Balance]]]:
        """Each class block of ``section`` with its path (``table[i]``) and its balance rows, each made by ``read``.

        The balances are keyed by row (``preceding`` / ``movement`` / ``close``); a row not printed has no key.
        """
        for i, block in enumerate(self.blocks(section)):
            path = f"{table}[{i}]"
            yield block, path, {name: read(row, f"{path}.{name}") for name, row in self.balance_rows(block, table).items()}

    def item_rows(self, block: Region, section: str) -> list[ItemRow]:
        """The numbered item lines of a class block's table, with their cells by column.

        A table of many items goes on over the next page: its item lines there stand in the
        columns of the header cells on that page, or, where the page repeats no header, in
        those of the page the table began on (one table keeps its column edges).
        """
        found = [(s, row) for s in block.slices for row in cell_rows(s.cells())
                 if is_item_number(self.cell_text(s.page, row[0]))]
        if not found:
            return []
        columns: dict[str, tuple[float, float]] = {}
        columns_of: dict[int, dict[str, tuple[float, float]]] = {}
        for s, row in found:
            if id(s) not in columns_of:
                # Why the first slice as the block itself: its class block header rows are no column headers.
                own = self.columns(block if s is block.slices[0] else Region((s,)), section, above=row[0][1])
                columns = columns_of[id(s)] = own or columns
        out = []
        for n, (s, row) in enumerate(found):
            number = s.page.number
            top, bottom = row[0][1], max(c[3] for c in row)
            end = (found[n + 1][0].page.number, found[n + 1][1][0][1] - EDGE_SLACK) if n + 1 < len(found) else None
            region = region_between(block, (number, top - EDGE_SLACK), end)
            boxes = {name: (x0, top, x1, bottom) for name, (x0, x1) in columns_of[id(s)].items()}
            cells = {name: self.cell_text(s.page, box) for name, box in boxes.items()}
            out.append(ItemRow(cells, region, number, boxes))
        return out

    def item_value(self, row: ItemRow, key: str) -> tuple[Phrase | None, int | None]:
        """The value of the item box ``key`` printed under the item line (price, stock code, dates); its page."""
        return self.labelled(row.region, key, tuple(k for k in _ITEM_LABELS if k != key))

    def item_price(self, row: ItemRow) -> ItemPrice:
        """The price box under the item line."""
        return ItemPrice(*self.item_value(row, "item.price"))

    def item_day(self, row: ItemRow, key: str, field: str) -> Day | None:
        """The date in the item box ``key`` (approval, expiry), or ``None`` when the line has no such box."""
        phrase, page = self.item_value(row, key)
        return v.day(phrase, field=field, page=page) if page else None

    def item_words(self, row: ItemRow, key: str) -> Text | None:
        """The text in the item box ``key`` (type, stock code), or ``None`` when the line has no such box."""
        phrase, page = self.item_value(row, key)
        return v.text(phrase, page=page) if page else None

    def section_items(self, section: str, table: str, read: Callable[[ItemRow, str, ShareClass], _Item]) -> tuple[_Item, ...]:
        """One item per numbered line of the tables of section ``section``'s class blocks, in print order.

        ``read(row, path, share_class)`` makes the item of one line; ``path`` is
        ``table[i]``, ``i`` counting items over all blocks of the section.
        """
        items: list[_Item] = []
        for block in self.blocks(section):
            # Why before the rows: a share class error names the path of the block's first item.
            share_class = self.share_class(block, f"{table}[{len(items)}]")
            for row in self.item_rows(block, table):
                items.append(read(row, f"{table}[{len(items)}]", share_class))
        return tuple(items)
