"""The pypdfium2 decoder (PDFium, compiled): the default, 10-30x faster than pdfminer.

Raw extraction only (characters, rectangles, page size, metadata); the PDF
layer does the rest (``pdf/decoding.py``).  Its boxes are built to be those
pdfminer gives, not PDFium's own: readers and the golden files were written
against pdfminer's boxes, which are font-metric boxes, not ink boxes:

- a character's box runs from its origin over its advance width, and from the
  font's descent below the baseline up to one em (font size) above that,
  mapped through the character's text matrix (all four corners: slanted
  text widens the box), like pdfminer's ``LTChar``;
- its size is the height of that box (pdfminer's ``LTChar.size``);
- a rectangle is a painted subpath of four straight axis-parallel sides
  (``re``, or ``m l l l h``), like pdfminer's ``LTRect``;
- coordinates get pdfminer's page transform (``/Rotate``, MediaBox origin)
  and pdfplumber's flip to a top-left origin.

PDFium computes in single precision: its coordinates differ from pdfminer's
in the 5th significant digit, below the 1/100 point the model keeps, except
for a value that falls right on a rounding boundary.
"""

from __future__ import annotations

import ctypes
import math
import operator
from pathlib import Path

from return_xml.errors import InputError
from return_xml.model.values import Box
from return_xml.pdf.decoding import Decoded, RawChar, RawPage

NAME = "pdfium"

# Document-information keys asked for (PDFium reads keys by name and cannot
# list them): the standard ones and the one the FF301 e-form software adds.
METADATA_KEYS = ("Title", "Author", "Subject", "Keywords", "Creator", "Producer", "CreationDate", "ModDate", "ReleaseVersion")

# pdfminer takes the metrics of a font named like one of the standard 14 (and
# the Arial, Courier New and Times New Roman aliases) from the Adobe AFM files,
# whatever the PDF says; PDFium from its own built-in fonts.  Their descents
# differ, so a box's height would: these are the AFM descents (per 1000 em).
_AFM_DESCENT = {
    **{name: -194.0 for name in ("Courier", "Courier-Bold", "Courier-BoldOblique", "Courier-Oblique")},
    **{name: -194.0 for name in ("CourierNew", "CourierNew,Italic", "CourierNew,Bold", "CourierNew,BoldItalic")},
    **{name: -207.0 for name in ("Helvetica", "Helvetica-Bold", "Helvetica-BoldOblique", "Helvetica-Oblique")},
    **{name: -207.0 for name in ("Arial", "Arial,Italic", "Arial,Bold", "Arial,BoldItalic")},
    **{name: -217.0 for name in ("Times-Roman", "Times-Bold", "Times-BoldItalic", "Times-Italic")},
    **{name: -217.0 for name in ("TimesNewRoman", "TimesNewRoman,Italic", "TimesNewRoman,Bold", "TimesNewRoman,BoldItalic")},
    "Symbol": 0.0,
    "ZapfDingbats": 0.0,
}

Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def decode(path: Path, max_pages: int, password: str | None = None) -> Decoded:
    """Decode every page of the PDF at ``path``; refuse more than ``max_pages`` pages."""
    import pypdfium2  # imported here: only this decoder needs it

    try:
        document = pypdfium2.PdfDocument(str(path), password=password)
    except pypdfium2.PdfiumError as err:
        text = str(err)
        if "password" in text.lower():
            raise InputError("encrypted PDF: the password is missing or wrong", file=path) from err
        raise InputError(f"damaged PDF: {text}", file=path) from err
    try:
        if len(document) > max_pages:
            raise InputError(f"more than {max_pages} pages", file=path)
        return Decoded(_metadata(document), [_page(document[index]) for index in range(len(document))])
    except InputError:
        raise
    except Exception as err:  # no PDFium failure may escape as a traceback
        raise InputError(f"unreadable PDF: {type(err).__name__}: {err}", file=path) from err
    finally:
        document.close()


def _metadata(document) -> dict[str, str]:
    import pypdfium2.raw as raw

    metadata = {}
    for key in METADATA_KEYS:
        size = raw.FPDF_GetMetaText(document.raw, key.encode("ascii"), None, 0)
        if size <= 2:  # only the UTF-16 terminator: absent or empty
            continue
        buffer = ctypes.create_string_buffer(size)
        raw.FPDF_GetMetaText(document.raw, key.encode("ascii"), buffer, size)
        metadata[key] = buffer.raw[: size - 2].decode("utf-16-le", errors="replace")
    return metadata


def _page(page) -> RawPage:
    import pypdfium2.raw as raw

    try:
        rotation = page.get_rotation() % 360
        x0, y0, x1, y1 = page.get_mediabox()
        x0, x1 = sorted((x0, x1))
        y0, y1 = sorted((y0, y1))
        # pdfminer's page transform (pdfinterp.process_page), then pdfplumber's
        # flip: y_top = height - y + mb_top, x = x + mb_left.
        if rotation == 90:
            ctm: Matrix = (0, -1, 1, 0, -y0, x1)
        elif rotation == 180:
            ctm = (-1, 0, 0, -1, x1, y1)
        elif rotation == 270:
            ctm = (0, 1, -1, 0, y1, -x0)
        else:
            ctm = (1, 0, 0, 1, -x0, -y0)
        if rotation in (90, 270):
            x0, y0, x1, y1 = y0, x0, y1, x1
        width, height = x1 - x0, y1 - y0
        flip = _Flip(ctm, height, -y0, x0)
        rects: list[Box] = []
        text_objects: dict[int, tuple] = {}  # text object -> (content order, matrix in layout space, handle)
        for index in range(raw.FPDFPage_CountObjects(page.raw)):
            # Points are taken to pdfminer's layout space first: its rectangle rule
            # (and which corners make the box) applies there.
            _collect(raw, raw.FPDFPage_GetObject(page.raw, index), flip.ctm, flip, rects, text_objects)
        textpage = page.get_textpage()
        try:
            chars = _chars(raw, textpage.raw, flip, text_objects)
        finally:
            textpage.close()
        return RawPage(width, height, chars, rects, rotation)
    finally:
        page.close()


class _Flip:
    """PDF user space -> pdfplumber's space (points, top-left origin)."""

    __slots__ = ("ctm", "height", "top", "left")

    def __init__(self, ctm: Matrix, height: float, top: float, left: float) -> None:
        self.ctm, self.height, self.top, self.left = ctm, height, top, left

    def point(self, x: float, y: float) -> tuple[float, float]:
        a, b, c, d, e, f = self.ctm
        return self.flipped(a * x + c * y + e, b * x + d * y + f)

    def flipped(self, x: float, y: float) -> tuple[float, float]:
        """A point already in pdfminer's layout space (after the page transform)."""
        return x + self.left, self.height - y + self.top


def _address(handle) -> int:
    """A handle's address: the identity of the PDFium object (ctypes pointers do not compare by value)."""
    return ctypes.addressof(handle.contents) if handle else 0


def _chars(raw, textpage, flip: _Flip, text_objects: dict[int, tuple]) -> list[RawChar]:
    """The page's characters in content-stream order (pdfminer's), which PDFium's text page does not keep.

    PDFium's text page also leaves out blank characters pdfminer keeps, and
    the phrases depend on them (a run of spaces joins two words into one
    phrase).  It drops a text object that shows only spaces: one space is put
    back at its origin (``_blank_object``).  It also keeps only the first
    space of a run of spaces; the others cannot be put back, as PDFium does
    not tell how many there were nor where (a run of spaces and one space
    followed by a ``TJ`` jump look alike).  This is the known gap of this
    decoder: see docs/performance.md.

    This loop runs for every character of every page: the PDFium functions
    are bound to locals and the out-parameters are made once.
    """
    is_generated, get_unicode, object_address, get_origin = _char_functions(raw)
    page = ctypes.cast(textpage, ctypes.c_void_p).value
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    origin_x_ref, origin_y_ref = ctypes.addressof(origin_x), ctypes.addressof(origin_y)
    objects: dict[int, tuple[_State, dict[int, float], int]] = {}  # text object -> (state, advances, content order)
    widths: dict[tuple[int, float], dict[int, float]] = {}  # (font, size) -> character -> advance width
    fonts: dict[int, tuple[float, str]] = {}  # font -> (descent, name)
    chars: list[tuple[int, float, RawChar]] = []
    unknown = (len(text_objects),)
    for index in range(raw.FPDFText_CountChars(textpage)):
        code = get_unicode(page, index)
        # PDFium adds spaces and line breaks of its own between text runs: not
        # in the file.  It generates no other character, so only those are asked about.
        if code in _GENERATED_CODES and is_generated(page, index) == 1:
            continue
        key = object_address(page, index) or 0
        seen = objects.get(key)
        if seen is None:
            state, font_key = _new_state(raw, textpage, index, fonts, flip)
            seen = objects[key] = (state, widths.setdefault((font_key, state.font_size), {}), text_objects.get(key, unknown)[0])
        state, advances, order = seen
        get_origin(page, index, origin_x_ref, origin_y_ref)
        advance = advances.get(code)
        if advance is None:
            advance = advances[code] = _char_advance(raw, textpage, index, code, state)
        chars.append((order, index, _char(chr(code) if 0 < code < 0x110000 else "", state, origin_x.value, origin_y.value, advance, flip)))
    blanks: dict[tuple, tuple[_State, float]] = {}
    for key, (order, own, text_object) in text_objects.items():
        if key not in objects:
            chars.extend(_blank_object(raw, text_object, own, order, flip, fonts, blanks))
    chars.sort(key=_ORDER)
    return [char for _, _, char in chars]


# The only characters PDFium's text page makes up (a space, CR and LF).
_GENERATED_CODES = frozenset((0x20, 0x0D, 0x0A))
_ORDER = operator.itemgetter(0, 1)


def _char_functions(raw) -> tuple:
    """PDFium's per-character functions with the text page, the text object and out-parameters as plain addresses.

    They run for every character of every page.  pypdfium2's prototypes check
    each pointer argument's type and wrap a returned handle in a new pointer
    object (and ctypes pointers do not compare by value, so the text object
    would also need ``addressof(p.contents)``): these prototypes of the same C
    functions take and give ints.
    """
    global _CHAR_FUNCTIONS
    if _CHAR_FUNCTIONS is None:
        void_p, c_int = ctypes.c_void_p, ctypes.c_int
        _CHAR_FUNCTIONS = (
            _prototype(raw.FPDFText_IsGenerated, c_int, void_p, c_int),
            _prototype(raw.FPDFText_GetUnicode, ctypes.c_uint, void_p, c_int),
            _prototype(raw.FPDFText_GetTextObject, void_p, void_p, c_int),
            _prototype(raw.FPDFText_GetCharOrigin, c_int, void_p, c_int, void_p, void_p),
        )
    return _CHAR_FUNCTIONS


_CHAR_FUNCTIONS: tuple | None = None


def _new_state(raw, textpage, index: int, fonts: dict[int, tuple[float, str]], flip: _Flip) -> tuple[_State, int]:
    """The shared state of the text object of character ``index`` (its first character), and its font's address."""
    matrix = raw.FS_MATRIX()
    raw.FPDFText_GetMatrix(textpage, index, ctypes.byref(matrix))
    font = raw.FPDFTextObj_GetFont(raw.FPDFText_GetTextObject(textpage, index))
    font_key = _address(font)
    if font_key not in fonts:
        fonts[font_key] = _font(raw, font)
    return _State((matrix.a, matrix.b, matrix.c, matrix.d), raw.FPDFText_GetFontSize(textpage, index), *fonts[font_key], flip.ctm), font_key


def _char_advance(raw, textpage, index: int, code: int, state: _State) -> float:
    loose = raw.FS_RECTF()
    raw.FPDFText_GetLooseCharBox(textpage, index, ctypes.byref(loose))
    return _advance(raw, raw.FPDFText_GetTextObject(textpage, index), code, state.font_size, loose, state.matrix[0])


class _State:
    """What all characters of one text object share: matrix, font size and metrics, uprightness."""

    __slots__ = ("matrix", "font_size", "descent", "fontname", "upright", "plain", "low", "high")

    def __init__(self, matrix: tuple[float, float, float, float], font_size: float, descent: float, fontname: str, ctm: Matrix) -> None:
        self.matrix, self.font_size, self.descent, self.fontname = matrix, font_size, descent, fontname
        # The box's bottom and top in text space (below and above the baseline).
        self.low = descent * font_size
        self.high = self.low + font_size
        a, b, c, d = matrix
        # Upright as pdfminer decides it, on the matrix with the page transform.
        ua, ub, uc, ud, _, _ = _multiply((a, b, c, d, 0.0, 0.0), ctm)
        self.upright = ua * ud > 0 and ub * uc <= 0
        # Unrotated, unslanted, unmirrored text on an unrotated page: the box needs no corner search.
        self.plain = b == 0 and c == 0 and a > 0 and d > 0 and ctm[:4] == (1, 0, 0, 1)


def _char(text: str, state: _State, ox: float, oy: float, advance: float, flip: _Flip, to_layout=None) -> RawChar:
    """pdfminer's LTChar box: origin, advance width, descent to one em above it, through the text matrix."""
    a, b, c, d = state.matrix
    low, high = state.low, state.high
    if state.plain and to_layout is None:
        # flip.point(ox, oy + d * high), spelt out: this runs for nearly every character.
        ca, cb, cc, cd, ce, cf = flip.ctm
        y = oy + d * high
        x0 = ca * ox + cc * y + ce + flip.left
        top = flip.height - (cb * ox + cd * y + cf) + flip.top
        bottom = top + d * (high - low)
        return RawChar(text, x0, top, x0 + a * advance, bottom, bottom - top, state.upright, state.fontname)
    to_layout = to_layout or flip.point
    xs, ys = [], []
    for tx, ty in ((0.0, low), (advance, low), (0.0, high), (advance, high)):
        px, py = to_layout(ox + a * tx + c * ty, oy + b * tx + d * ty)
        xs.append(px)
        ys.append(py)
    top, bottom = min(ys), max(ys)
    return RawChar(text, min(xs), top, max(xs), bottom, bottom - top, state.upright, state.fontname)


def _blank_object(
    raw, text_object, own: Matrix, order: int, flip: _Flip, fonts: dict[int, tuple[float, str]], blanks: dict[tuple, tuple[_State, float]]
) -> list[tuple[int, float, RawChar]]:
    """A text object PDFium left out of its text page: one space at its origin when it shows only blanks.

    (PDFium also leaves out a text object that repeats the one before it at
    nearly the same place, overprinted bold: that one the PDF layer drops
    anyway, so it is not put back.)  Some filings have a thousand such
    objects, most alike: ``blanks`` keeps the state and the space's width per
    (font, size, matrix).
    """
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    if not raw.FPDFPageObj_GetBounds(text_object, ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top)):
        return []
    if top.value - bottom.value > 1e-3:
        return []  # it has ink: a repeated object
    size = ctypes.c_float()
    raw.FPDFTextObj_GetFontSize(text_object, ctypes.byref(size))
    a, b, c, d, e, f = own  # already in layout space (the page transform is in it)
    font = raw.FPDFTextObj_GetFont(text_object)
    font_key = _address(font)
    blank_key = (font_key, size.value, a, b, c, d)
    if blank_key not in blanks:
        if font_key not in fonts:
            fonts[font_key] = _font(raw, font)
        state = _State((a, b, c, d), size.value, *fonts[font_key], _IDENTITY)
        width = ctypes.c_float()
        advance = width.value if font and raw.FPDFFont_GetGlyphWidth(font, 0x20, ctypes.c_float(size.value), ctypes.byref(width)) else 0.0
        blanks[blank_key] = (state, advance)
    state, advance = blanks[blank_key]
    return [(order, 0, _char(" ", state, e, f, advance, flip, flip.flipped))]


def _advance(raw, text_object, code: int, font_size: float, loose, a: float) -> float:
    """The advance width in text space: the font's /Widths entry, as pdfminer uses it.

    PDFium's own loose box is sometimes wider (it takes the font program's
    metrics); it is the fallback when the font cannot map the character back.
    """
    width = ctypes.c_float()
    font = raw.FPDFTextObj_GetFont(text_object)
    # Despite its name, FPDFFont_GetGlyphWidth takes a Unicode code point and
    # looks up the width of the character code that maps to it.
    if font and raw.FPDFFont_GetGlyphWidth(font, code, ctypes.c_float(font_size), ctypes.byref(width)):
        return width.value
    return (loose.right - loose.left) / a if a else 0.0


def _font(raw, font) -> tuple[float, str]:
    """The font's descent (a negative fraction of the em) and its base name."""
    if not font:
        return 0.0, ""
    descent = ctypes.c_float()
    raw.FPDFFont_GetDescent(font, ctypes.c_float(1000.0), ctypes.byref(descent))
    size = raw.FPDFFont_GetBaseFontName(font, None, 0)
    name = ""
    if size > 1:
        buffer = ctypes.create_string_buffer(size)
        raw.FPDFFont_GetBaseFontName(font, buffer, size)
        name = buffer.value.decode("utf-8", errors="replace")
    if name in _AFM_DESCENT and not raw.FPDFFont_GetIsEmbedded(font):
        return _AFM_DESCENT[name] / 1000.0, name
    # pdfminer: "/Descent should always be a negative number"
    return -abs(descent.value) / 1000.0, name


def _collect(raw, page_object, outer: Matrix, flip: _Flip, rects: list[Box], text_objects: dict[int, tuple]) -> None:
    """Rectangles of a page object (and of what a form object holds); text objects numbered in content order."""
    kind = raw.FPDFPageObj_GetType(page_object)
    if kind == raw.FPDF_PAGEOBJ_PATH:
        if _may_hold_rect(raw, page_object):
            _path_rects(raw, page_object, _multiply(_own_matrix(raw, page_object), outer), flip, rects)
    elif kind == raw.FPDF_PAGEOBJ_TEXT:
        text_objects.setdefault(_address(page_object), (len(text_objects), _multiply(_own_matrix(raw, page_object), outer), page_object))
    elif kind == raw.FPDF_PAGEOBJ_FORM:
        matrix = _multiply(_own_matrix(raw, page_object), outer)
        for index in range(raw.FPDFFormObj_CountObjects(page_object)):
            _collect(raw, raw.FPDFFormObj_GetObject(page_object, index), matrix, flip, rects, text_objects)


def _own_matrix(raw, page_object) -> Matrix:
    fs_matrix = raw.FS_MATRIX()
    if raw.FPDFPageObj_GetMatrix(page_object, ctypes.byref(fs_matrix)):
        return (fs_matrix.a, fs_matrix.b, fs_matrix.c, fs_matrix.d, fs_matrix.e, fs_matrix.f)
    return _IDENTITY


def _may_hold_rect(raw, path_object) -> bool:
    """Whether a path object is painted and has enough segments for a four-sided subpath.

    Most path objects of a form are ruling lines (``m l``: two segments);
    ``m l l l h``, the shortest rectangle, takes four, so shorter paths are
    skipped before their segments are read.
    """
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    if not raw.FPDFPath_GetDrawMode(path_object, ctypes.byref(fill_mode), ctypes.byref(stroke)):
        return False
    if fill_mode.value == 0 and not stroke.value:
        return False  # a clipping path: nothing painted
    return raw.FPDFPath_CountSegments(path_object) >= 4


def _path_rects(raw, path_object, matrix: Matrix, flip: _Flip, rects: list[Box]) -> None:
    for subpath in _subpaths(raw, path_object, matrix):
        box = _rect_of(subpath)
        if box is not None:
            (first_x, first_y), (third_x, third_y) = box
            # pdfminer's LTRect spans its first and third corners.
            x0, top = flip.flipped(min(first_x, third_x), max(first_y, third_y))
            x1, bottom = flip.flipped(max(first_x, third_x), min(first_y, third_y))
            rects.append((x0, top, x1, bottom))


def _multiply(m: Matrix, n: Matrix) -> Matrix:
    """``m`` then ``n`` (row-vector convention, as in PDF)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2, e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def _subpaths(raw, path_object, matrix: Matrix) -> list[tuple[str, list[tuple[float, float]]]]:
    """Each subpath as pdfminer sees it: its operators (``m``, ``l``, ``c``, ``h``) and end points."""
    a, b, c, d, e, f = matrix
    x, y = ctypes.c_float(), ctypes.c_float()
    x_ref, y_ref = ctypes.byref(x), ctypes.byref(y)
    get_segment, get_point, get_type, get_close = _segment_functions(raw)
    letters = {raw.FPDF_SEGMENT_MOVETO: "m", raw.FPDF_SEGMENT_LINETO: "l", raw.FPDF_SEGMENT_BEZIERTO: "c"}
    subpaths: list[tuple[str, list[tuple[float, float]]]] = []
    shape, points = "", []
    for index in range(raw.FPDFPath_CountSegments(path_object)):
        segment = get_segment(path_object, index)
        get_point(segment, x_ref, y_ref)
        px, py = x.value, y.value
        point = (a * px + c * py + e, b * px + d * py + f)
        # PDFium gives a curve as three "c" points: only the end one counts (collapsed below).
        letter = letters.get(get_type(segment), "?")
        if letter == "m":
            if shape:
                subpaths.append((shape, points))
            shape, points = "m", [point]
        else:
            shape += letter
            points.append(point)
        if get_close(segment):
            shape += "h"
            points.append(points[0])
    if shape:
        subpaths.append((shape, points))
    return [(s.replace("ccc", "c"), p) for s, p in subpaths]


def _segment_functions(raw) -> tuple:
    """The path-segment functions of PDFium, with a segment as a plain address.

    pypdfium2's prototypes wrap every segment handle in a new pointer object
    and check it again on each use; a form has thousands of segments.
    """
    global _SEGMENT_FUNCTIONS
    if _SEGMENT_FUNCTIONS is None:
        void_p, c_int = ctypes.c_void_p, ctypes.c_int
        _SEGMENT_FUNCTIONS = (
            _prototype(raw.FPDFPath_GetPathSegment, void_p, void_p, c_int),
            _prototype(raw.FPDFPathSegment_GetPoint, c_int, void_p, void_p, void_p),
            _prototype(raw.FPDFPathSegment_GetType, c_int, void_p),
            _prototype(raw.FPDFPathSegment_GetClose, c_int, void_p),
        )
    return _SEGMENT_FUNCTIONS


_SEGMENT_FUNCTIONS: tuple | None = None


def _prototype(function, restype, *argtypes):
    """Another ctypes prototype for the same C function (the library's own stays as it is)."""
    return ctypes.CFUNCTYPE(restype, *argtypes)(ctypes.cast(function, ctypes.c_void_p).value)


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
