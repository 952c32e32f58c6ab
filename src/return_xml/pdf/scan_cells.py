"""Cells of a ruled table rebuilt from its lines.

A text-layer PDF of the e-form draws each cell as a rectangle, and the FF301
reader finds its columns and rows from those (``Page.cells``).  A scanned page
has only the ink of the rules, found as thin horizontal and vertical boxes
(``pdf/scan_image.py``).  This turns those lines back into cells: the smallest
rectangles whose four sides are drawn.
"""

from __future__ import annotations

from dataclasses import dataclass

from return_xml.model.values import Box

# Lines whose positions differ by less than this (points) are one line: a rule
# printed 1 pt thick is found as two or three pixel rows, and skew leaves a little.
SAME_LINE = 2.5
# A side counts as drawn when a line reaches within this much (points) of each end.
REACH = 3.0
# Cells narrower or lower than this (points) are gaps between double rules, not cells.
MIN_CELL = 4.0


@dataclass
class _Line:
    at: float  # y of a horizontal line, x of a vertical one
    start: float
    end: float

    def covers(self, a: float, b: float) -> bool:
        return self.start - REACH <= a and b <= self.end + REACH


def _joined(segments: list[tuple[float, float, float]]) -> list[_Line]:
    """Segments (at, start, end) on (almost) the same position joined where they touch or overlap."""
    lines: list[_Line] = []
    for at, start, end in sorted(segments, key=lambda s: (s[0], s[1])):
        for line in lines:
            if abs(line.at - at) <= SAME_LINE and start <= line.end + REACH and end >= line.start - REACH:
                line.start, line.end = min(line.start, start), max(line.end, end)
                break
        else:
            lines.append(_Line(at, start, end))
    return lines


def cells(horizontal: list[Box], vertical: list[Box]) -> list[Box]:
    """The cells bounded by ``horizontal`` and ``vertical`` rules (thin boxes), top to bottom, left to right."""
    rows = _joined([((top + bottom) / 2, x0, x1) for x0, top, x1, bottom in horizontal])
    columns = _joined([((x0 + x1) / 2, top, bottom) for x0, top, x1, bottom in vertical])
    rows.sort(key=lambda line: line.at)
    columns.sort(key=lambda line: line.at)
    found: list[Box] = []
    for index, top in enumerate(rows):
        # Verticals that start at (or pass through) this rule, left to right.
        sides = [c for c in columns if c.covers(top.at, top.at) and c.end > top.at + MIN_CELL]
        for left, right in zip(sides, sides[1:]):
            if right.at - left.at < MIN_CELL or not top.covers(left.at, right.at):
                continue
            bottom = next(
                (
                    b
                    for b in rows[index + 1 :]
                    if b.at - top.at >= MIN_CELL and b.covers(left.at, right.at) and left.covers(top.at, b.at) and right.covers(top.at, b.at)
                ),
                None,
            )
            if bottom is not None:
                found.append((left.at, top.at, right.at, bottom.at))
    return found
