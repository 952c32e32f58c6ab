"""Rectangles of the pypdfium2 decoder: painted four-sided subpaths, as pdfminer's ``LTRect``.

Read when first asked for (only the FF301 reader uses them): the PDFium page
stays open until then and is closed after.
"""

from __future__ import annotations

from pathlib import Path

from return_xml.errors import InputError
from return_xml.model.values import Box
from return_xml.pdf.pdfium_calls import (
    PDFIUM_LOCK,
    Calls,
    Flip,
    Matrix,
    address_of,
    multiply,
    pdfium_calls,
)


def _walk(calls: Calls, page: int, ctm: Matrix):
    """Every page object in content order, form XObjects entered: (object, kind, matrix of what encloses it)."""
    yield from _walk_in(calls, calls.count_objects(page), calls.get_object, page, ctm)


def _walk_in(calls: Calls, count: int, get, holder: int, outer: Matrix):
    object_type, form_kind = calls.object_type, calls.form_kind
    for index in range(count):
        page_object = get(holder, index) or 0
        kind = object_type(page_object)
        yield page_object, kind, outer
        if kind == form_kind:
            inner = multiply(calls.own_matrix(page_object), outer)
            yield from _walk_in(calls, calls.count_form_objects(page_object), calls.get_form_object, page_object, inner)


def rects_of(page, flip: Flip, path: Path) -> list[Box]:
    """The page's rectangles (read on first use; the page is closed after)."""
    with PDFIUM_LOCK:
        return _read_rects(page, flip, path)


def _read_rects(page, flip: Flip, path: Path) -> list[Box]:
    if not page.raw:
        raise InputError("the PDF was closed before the rectangles of its pages were read", file=path)
    calls = pdfium_calls()
    try:
        rects: list[Box] = []
        path_kind = calls.path_kind
        for page_object, kind, outer in _walk(calls, address_of(page.raw), flip.ctm):
            if kind == path_kind and _may_hold_rect(calls, page_object):
                _path_rects(calls, page_object, multiply(calls.own_matrix(page_object), outer), flip, rects)
        return rects
    except Exception as err:  # no PDFium failure may escape as a traceback
        raise InputError(f"unreadable PDF: {type(err).__name__}: {err}", file=path) from err
    finally:
        page.close()


def _may_hold_rect(calls: Calls, path_object: int) -> bool:
    """Whether a path object is painted and has enough segments for a four-sided subpath.

    Most path objects of a form are ruling lines (``m l``: two segments);
    ``m l l l h``, the shortest rectangle, takes four, so shorter paths are
    skipped before their segments are read.
    """
    if not calls.draw_mode(path_object, *calls.int_refs):
        return False
    fill_mode, stroke = calls.ints
    if fill_mode == 0 and not stroke:
        return False  # a clipping path: nothing painted
    return calls.count_segments(path_object) >= 4


def _path_rects(calls: Calls, path_object: int, matrix: Matrix, flip: Flip, rects: list[Box]) -> None:
    for subpath in _subpaths(calls, path_object, matrix):
        box = _rect_of(subpath)
        if box is not None:
            (first_x, first_y), (third_x, third_y) = box
            # pdfminer's LTRect spans its first and third corners.
            x0, top = flip.flipped(min(first_x, third_x), max(first_y, third_y))
            x1, bottom = flip.flipped(max(first_x, third_x), min(first_y, third_y))
            rects.append((x0, top, x1, bottom))


def _subpaths(calls: Calls, path_object: int, matrix: Matrix) -> list[tuple[str, list[tuple[float, float]]]]:
    """Each subpath as pdfminer sees it: its operators (``m``, ``l``, ``c``, ``h``) and end points."""
    a, b, c, d, e, f = matrix
    point_xy = calls.floats
    x_ref, y_ref = calls.float_refs[0], calls.float_refs[1]
    get_segment, segment_point, segment_type, segment_closes = calls.get_segment, calls.segment_point, calls.segment_type, calls.segment_closes
    letters = calls.segment_letters
    subpaths: list[tuple[str, list[tuple[float, float]]]] = []
    shape = ""
    points: list[tuple[float, float]] = []
    for index in range(calls.count_segments(path_object)):
        segment = get_segment(path_object, index) or 0
        segment_point(segment, x_ref, y_ref)
        px, py = point_xy[0], point_xy[1]
        point = (a * px + c * py + e, b * px + d * py + f)
        # PDFium gives a curve as three "c" points: only the end one counts (collapsed below).
        letter = letters.get(segment_type(segment), "?")
        if letter == "m":
            if shape:
                subpaths.append((shape, points))
            shape, points = "m", [point]
        else:
            shape += letter
            points.append(point)
        if segment_closes(segment):
            shape += "h"
            points.append(points[0])
    if shape:
        subpaths.append((shape, points))
    return [(s.replace("ccc", "c"), p) for s, p in subpaths]


def _rect_of(subpath: tuple[str, list[tuple[float, float]]]) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """pdfminer's LTRect rule: ``mlllh`` or a closed ``mllll`` with axis-parallel sides; first and third corners."""
    shape, points = subpath
    if len(shape) > 3 and shape.endswith("lh") and _same(points[-2], points[0]):
        shape = shape[:-2] + "h"
        points = points[:-2] + points[-1:]
    if shape not in ("mlllh", "mllll") or len(points) != 5:
        return None
    (x0, y0), (x1, y1), (x2, y2), (x3, y3), last = points
    if not _same(points[0], last):
        return None
    if (_eq(x0, x1) and _eq(y1, y2) and _eq(x2, x3) and _eq(y3, y0)) or (_eq(y0, y1) and _eq(x1, x2) and _eq(y2, y3) and _eq(x3, x0)):
        return (x0, y0), (x2, y2)
    return None


def _eq(p: float, q: float) -> bool:
    # pdfminer compares exactly; PDFium's single precision needs a hair of slack.
    # (math.isclose(p, q, rel_tol=0, abs_tol=1e-3), without its call overhead: it runs for every corner.)
    return p == q or abs(p - q) <= 1e-3


def _same(p: tuple[float, float], q: tuple[float, float]) -> bool:
    return _eq(p[0], q[0]) and _eq(p[1], q[1])
