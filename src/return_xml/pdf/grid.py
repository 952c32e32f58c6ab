"""Table cells from ruling strips: the borders some producers paint instead of stroking cells.

The HKEX form server strokes each cell as a rectangle, so a page's rectangles are its cells.
Other producers (Chromium's print-to-PDF, Word and LibreOffice exports of tables) paint every
border as a thin filled rectangle of its own: a page then holds hundreds of strips and no cell.
``cells_from_strips`` rebuilds the cells those strips bound, the way a reader of the page sees
them: the smallest rectangles whose four sides are drawn.
"""

from __future__ import annotations

from collections.abc import Sequence

from return_xml.model.values import Box

# A strip is at most this thick (points): borders are 0.5-1 pt; a filled cell background is far thicker.
STRIP_THICKNESS = 2.0
# ... and at least this long, so that a dot or a tick mark is no border.
STRIP_LENGTH = 2.5
# Strips whose ends meet within this distance are one rule (a border painted cell by cell).
JOIN = 1.5


def is_strip(box: Box) -> bool:
    """Whether ``box`` is a painted border: thin one way, long the other."""
    width, height = box[2] - box[0], box[3] - box[1]
    return min(width, height) <= STRIP_THICKNESS and max(width, height) >= STRIP_LENGTH


def cells_from_strips(rects: Sequence[Box]) -> list[Box]:
    """The cells bounded by the border strips among ``rects`` (none when there are no strips)."""
    edges = []
    for x0, top, x1, bottom in rects:
        if not is_strip((x0, top, x1, bottom)):
            continue
        if x1 - x0 >= bottom - top:  # horizontal: a rule at its middle height
            y = (top + bottom) / 2
            edges.append({"x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0, "height": 0, "orientation": "h"})
        else:
            x = (x0 + x1) / 2
            edges.append({"x0": x, "x1": x, "top": top, "bottom": bottom, "width": 0, "height": bottom - top, "orientation": "v"})
    if not any(e["orientation"] == "h" for e in edges) or not any(e["orientation"] == "v" for e in edges):
        return []
    # Imported here: pdfplumber (and pdfminer under it) costs more to import than the pdfium decoder reads
    # a filing in, and only pages of painted strips need its table geometry.
    from pdfplumber import table as _table

    merged = _table.merge_edges(edges, snap_x_tolerance=JOIN, snap_y_tolerance=JOIN, join_x_tolerance=JOIN, join_y_tolerance=JOIN)
    points = _table.edges_to_intersections(merged, x_tolerance=JOIN, y_tolerance=JOIN)
    return [(round(x0, 1), round(top, 1), round(x1, 1), round(bottom, 1)) for x0, top, x1, bottom in _table.intersections_to_cells(points)]
