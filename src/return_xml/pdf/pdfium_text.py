"""Text runs of the pypdfium2 decoder: a page's characters with pdfminer's boxes, in content order.

PDFium's text page gives the characters; their order, their boxes (origin,
advance width, font descent to one em above, through the text matrix) and the
blank text objects PDFium leaves out are made to be pdfminer's here (see
``pdf/pdfium.py`` for why).
"""

from __future__ import annotations

import ctypes
import itertools
from collections.abc import Sequence
from itertools import repeat

from return_xml.pdf.decoding import Char
from return_xml.pdf.pdfium_calls import IDENTITY, Calls, Flip, Matrix, multiply

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


def find_text_objects(calls: Calls, page: int, ctm: Matrix) -> dict[int, tuple[int, Matrix]]:
    """The page's text objects: address -> (content order, matrix of what encloses it).

    (``pdfium_rects._walk`` without its generators: this runs for every page object of every page.)
    """
    found: dict[int, tuple[int, Matrix]] = {}
    _add_text_objects(calls, calls.count_objects(page), calls.get_object, page, ctm, found)
    return found


def _add_text_objects(calls: Calls, count: int, get, holder: int, outer: Matrix, found: dict[int, tuple[int, Matrix]]) -> None:
    page_objects = list(map(get, repeat(holder, count), range(count)))  # (maps: a legacy page has some 350 objects)
    kinds = list(map(calls.object_type, page_objects))
    text_kind, form_kind = calls.text_kind, calls.form_kind
    if form_kind not in kinds:  # the common case, without Python code per object
        texts = list(itertools.compress(page_objects, map(text_kind.__eq__, kinds)))
        if found.keys().isdisjoint(texts) and len(set(texts)) == len(texts):
            found.update(zip(texts, zip(itertools.count(len(found)), repeat(outer))))
            return
    for page_object, kind in zip(page_objects, kinds):
        if kind == text_kind:
            if page_object not in found:
                found[page_object] = (len(found), outer)
        elif kind == form_kind:
            inner = multiply(calls.own_matrix(page_object), outer)
            _add_text_objects(calls, calls.count_form_objects(page_object), calls.get_form_object, page_object, inner, found)


def page_chars(calls: Calls, textpage: int, flip: Flip, text_objects: dict[int, tuple[int, Matrix]]) -> list[Char]:
    """The page's characters in content-stream order (pdfminer's), which PDFium's text page does not keep.

    PDFium's text page also leaves out blank characters pdfminer keeps, and
    the phrases depend on them (a run of spaces joins two words into one
    phrase).  It drops a text object that shows only spaces: one space is put
    back at its origin (``_blank_objects``).  It also keeps only the first
    space of a run of spaces; the others cannot be put back, as PDFium does
    not tell how many there were nor where (a run of spaces and one space
    followed by a ``TJ`` jump look alike).  This is the known gap of this
    decoder: see docs/performance.md.

    This runs for every character of every page: PDFium is asked for every
    character's code, then object, then origin, each in one ``map`` (no Python
    code runs between the calls, and the origins go straight into two arrays);
    what one text object's characters share is looked up once per run of
    them, and the box of an upright character is spelt out here (``_char``
    does the general case).
    """
    count = max(calls.count_chars(textpage), 0)
    codes = list(map(calls.char_code, repeat(textpage, count), range(count)))
    # PDFium adds spaces and line breaks of its own between text runs: not in
    # the file.  It generates no other character, so only those are asked about.
    blanks_or_breaks = itertools.compress(range(count), map(_GENERATED_CODES.__contains__, codes))
    made_up = {index for index in blanks_or_breaks if calls.is_generated(textpage, index) == 1}
    if made_up:
        indexes: Sequence[int] = list(itertools.filterfalse(made_up.__contains__, range(count)))
        codes = list(map(codes.__getitem__, indexes))
    else:
        indexes = range(count)
    count = len(indexes)
    owners = list(map(calls.char_object, repeat(textpage, count), indexes))
    xs, ys = (ctypes.c_double * count)(), (ctypes.c_double * count)()
    x_at, y_at = ctypes.addressof(xs), ctypes.addressof(ys)
    list(map(calls.char_origin, repeat(textpage, count), indexes, range(x_at, x_at + 8 * count, 8), range(y_at, y_at + 8 * count, 8)))
    origin_xs, origin_ys = xs[:], ys[:]
    _place_ligature_parts(calls, textpage, indexes, codes, origin_xs, origin_ys)

    ca, cb, cc, cd, ce, cf = flip.ctm
    left, height, flip_top = flip.left, flip.height, flip.top
    objects: dict[int, tuple] = {}  # text object -> what its characters share (_object_run)
    glyphs: dict[tuple[int, float], dict[int, tuple[str, float]]] = {}  # (font, size) -> code -> (text, advance width)
    fonts: dict[int, tuple[float, str]] = {}  # font -> (descent, name)
    kinds: dict[tuple, tuple] = {}  # (font, size, matrix) -> what its text objects share (_object_run)
    # The characters of each text object, by its content order (the last list:
    # those of no known object); in one object they come in text-page order.
    by_object: list[list[Char]] = [[] for _ in range(len(text_objects) + 1)]
    unknown = (len(text_objects), IDENTITY)
    start = 0
    for owner, run in itertools.groupby(owners):
        end = start + len(list(run))
        key = owner or 0
        shared = objects.get(key)
        if shared is None:
            shared = objects[key] = _object_run(calls, textpage, indexes[start], key, fonts, glyphs, kinds, flip, text_objects.get(key, unknown)[0])
        order, state, known, plain, a, d_high, d_span, upright, fontname = shared
        run_glyphs = _glyphs(calls, textpage, indexes, codes, start, end, known, state)
        add = by_object[order].append
        if plain:
            for (text, advance), ox, oy in zip(run_glyphs, origin_xs[start:end], origin_ys[start:end]):
                # _char's box (flip.point(ox, oy + d * high) ...), spelt out with the same operations.
                y = oy + d_high
                x0 = ca * ox + cc * y + ce + left
                top = height - (cb * ox + cd * y + cf) + flip_top
                bottom = top + d_span
                add(Char(text, x0, top, x0 + a * advance, bottom, bottom - top, upright, fontname))
        else:
            for (text, advance), ox, oy in zip(run_glyphs, origin_xs[start:end], origin_ys[start:end]):
                add(_char(text, state, ox, oy, advance, flip))
        start = end
    left_out = [(key, order, outer) for key, (order, outer) in text_objects.items() if key not in objects]
    for order, blank in _blank_objects(calls, left_out, flip, fonts):
        by_object[order].append(blank)
    return [char for chars in by_object for char in chars]


def _place_ligature_parts(calls: Calls, textpage: int, indexes: Sequence[int], codes: list[int], xs: list[float], ys: list[float]) -> None:
    """Give each character of a ligature its own place (``xs`` changed in place).

    PDFium spells a ligature glyph ("ff" drawn as one) as its characters, all
    at the glyph's origin; the duplicate filter would then keep one of them
    ("ef ect").  A part is told from a glyph printed twice for bold by the
    boxes: each part has its own, beside the one before, or they share the
    glyph's, wider than the first character's own advance.  Each later
    part then starts where the one before it ends.
    """
    origin = None
    for k in range(1, len(indexes)):
        if xs[k] != xs[k - 1] and (origin is None or (xs[k], ys[k]) != origin):
            origin = None
            continue
        if ys[k] != ys[k - 1]:
            continue
        if origin is None:  # nearly never reached: two characters share an origin
            width = _user_width(calls, textpage, indexes[k - 1], codes[k - 1])
            calls.char_loose_box(textpage, indexes[k - 1], calls.rect_ref)
            first_left, first_right = calls.rect.left, calls.rect.right
            calls.char_loose_box(textpage, indexes[k], calls.rect_ref)
            beside = calls.rect.left >= first_right - 0.5 > first_left  # each part has a box of its own
            if width is None or width <= 0 or not (beside or first_right - first_left >= 1.5 * width):
                continue  # one glyph's box: a glyph printed twice, which the duplicate filter keeps once
            origin = (xs[k - 1], ys[k - 1])
            xs[k] = xs[k - 1] + width
        else:
            width = _user_width(calls, textpage, indexes[k - 1], codes[k - 1])
            xs[k] = xs[k - 1] + (width or 0.0)


def _user_width(calls: Calls, textpage: int, index: int, code: int) -> float | None:
    """The advance width of one character in page units (its font's width times its matrix)."""
    text_object = calls.char_object(textpage, index)
    font = calls.object_font(text_object) if text_object else None
    width = _glyph_width(calls, font or 0, code, calls.char_font_size(textpage, index))
    if width is None:
        return None
    calls.char_matrix(textpage, index, calls.matrix_ref)
    return width * calls.matrix.a


def _glyphs(
    calls: Calls, textpage: int, indexes: Sequence[int], codes: list[int], start: int, end: int, known: dict[int, tuple[str, float]], state: _State
) -> list[tuple[str, float]]:
    """(text, advance width) of the characters ``start:end``; a code not seen before in this font and size is asked for."""
    found = list(map(known.get, codes[start:end]))
    if None in found:
        for offset, code in enumerate(codes[start:end]):
            if found[offset] is None:
                glyph = known.get(code)  # the same code may come twice in the run
                if glyph is None:
                    text = chr(code) if 0 < code < 0x110000 else ""
                    glyph = known[code] = (text, _char_advance(calls, textpage, indexes[start + offset], code, state))
                found[offset] = glyph
    return found  # type: ignore[return-value]  # every None was filled in above


# The only characters PDFium's text page makes up (a space, CR and LF).
_GENERATED_CODES = frozenset((0x20, 0x0D, 0x0A))


def _object_run(
    calls: Calls,
    textpage: int,
    index: int,
    text_object: int,
    fonts: dict[int, tuple[float, str]],
    glyphs: dict[tuple[int, float], dict[int, tuple[str, float]]],
    kinds: dict[tuple, tuple],
    flip: Flip,
    order: int,
) -> tuple:
    """What the characters of ``text_object`` share; ``index`` is its first character.

    (content order, state, text and advance width by character code, plain, a,
    d * high, d * (high - low), upright, font name): see ``page_chars``.
    """
    matrix = calls.matrix
    calls.char_matrix(textpage, index, calls.matrix_ref)
    a, b, c, d = matrix.a, matrix.b, matrix.c, matrix.d
    font = calls.object_font(text_object) or 0
    font_size = calls.char_font_size(textpage, index)
    # Text objects of one font, size and matrix share all of it but their order (a page has a few such kinds).
    kind = (font, font_size, a, b, c, d)
    shared = kinds.get(kind)
    if shared is None:
        if font not in fonts:
            fonts[font] = _font(calls, font)
        state = _State((a, b, c, d), font_size, font, *fonts[font], flip.ctm)
        known = glyphs.setdefault((font, font_size), {})
        shared = kinds[kind] = (state, known, state.plain, a, d * state.high, d * (state.high - state.low), state.upright, state.fontname)
    return (order, *shared)


def _char_advance(calls: Calls, textpage: int, index: int, code: int, state: _State) -> float:
    """The advance width in text space: the font's /Widths entry, as pdfminer uses it.

    PDFium's own loose box is sometimes wider (it takes the font program's
    metrics); it is the fallback when the font cannot map the character back.
    """
    width = _glyph_width(calls, state.font, code, state.font_size)
    if width is not None:
        return width
    calls.char_loose_box(textpage, index, calls.rect_ref)
    a = state.matrix[0]
    return (calls.rect.right - calls.rect.left) / a if a else 0.0


def _glyph_width(calls: Calls, font: int, code: int, font_size: float) -> float | None:
    # Despite its name, FPDFFont_GetGlyphWidth takes a Unicode code point and
    # looks up the width of the character code that maps to it.
    if font and calls.glyph_width(font, code, font_size, calls.float_refs[0]):
        return calls.floats[0]
    return None


class _State:
    """What all characters of one text object share: matrix, font size and metrics, uprightness."""

    __slots__ = ("matrix", "font_size", "font", "descent", "fontname", "upright", "plain", "low", "high")

    def __init__(self, matrix: tuple[float, float, float, float], font_size: float, font: int, descent: float, fontname: str, ctm: Matrix) -> None:
        self.matrix, self.font_size, self.font, self.descent, self.fontname = matrix, font_size, font, descent, fontname
        # The box's bottom and top in text space (below and above the baseline).
        self.low = descent * font_size
        self.high = self.low + font_size
        a, b, c, d = matrix
        # Upright as pdfminer decides it, on the matrix with the page transform.
        ua, ub, uc, ud, _, _ = multiply((a, b, c, d, 0.0, 0.0), ctm)
        self.upright = ua * ud > 0 and ub * uc <= 0
        # Unrotated, unslanted, unmirrored text on an unrotated page: the box needs no corner search.
        self.plain = b == 0 and c == 0 and a > 0 and d > 0 and ctm[:4] == (1, 0, 0, 1)


def _char(text: str, state: _State, ox: float, oy: float, advance: float, flip: Flip, to_layout=None) -> Char:
    """pdfminer's LTChar box: origin, advance width, descent to one em above it, through the text matrix.

    All four corners are mapped (slanted or rotated text gets the box that
    holds them); ``page_chars`` spells out the upright case.
    """
    a, b, c, d = state.matrix
    low, high = state.low, state.high
    to_layout = to_layout or flip.point
    x1, y1 = to_layout(ox + a * 0.0 + c * low, oy + b * 0.0 + d * low)
    x2, y2 = to_layout(ox + a * advance + c * low, oy + b * advance + d * low)
    x3, y3 = to_layout(ox + a * 0.0 + c * high, oy + b * 0.0 + d * high)
    x4, y4 = to_layout(ox + a * advance + c * high, oy + b * advance + d * high)
    top, bottom = min(y1, y2, y3, y4), max(y1, y2, y3, y4)
    return Char(text, min(x1, x2, x3, x4), top, max(x1, x2, x3, x4), bottom, bottom - top, state.upright, state.fontname)


def _blank_objects(
    calls: Calls, left_out: list[tuple[int, int, Matrix]], flip: Flip, fonts: dict[int, tuple[float, str]]
) -> list[tuple[int, Char]]:
    """Text objects PDFium left out of its text page (object, content order, matrix of what encloses it):
    one space at the origin of each that shows only blanks, with its content order.

    (PDFium also leaves out a text object that repeats the one before it at
    nearly the same place, overprinted bold: that one has ink, and the PDF
    layer drops it anyway, so it is not put back.)  Some filings have a
    thousand blank objects, most alike: PDFium is asked for their bounds, font
    sizes, matrices and fonts in maps, and the state and the space's width
    are made once per (font, size, matrix).
    """
    bounds, sizes, own_matrices, object_fonts = _object_values(calls, [text_object for text_object, _, _ in left_out])
    blanks: dict[tuple, tuple] = {}
    found: list[tuple[int, Char]] = []
    left, height, flip_top = flip.left, flip.height, flip.top
    for (_, order, outer), (bounded, bottom, top), size, matrix, font in zip(left_out, bounds, sizes, own_matrices, object_fonts):
        if not bounded or top - bottom > 1e-3:
            continue  # no bounds, or it has ink: a repeated object
        a, b, c, d, e, f = multiply(matrix, outer)  # in layout space (the page transform is in it)
        blank_key = (font, size, a, b, c, d)
        known = blanks.get(blank_key)
        if known is None:
            if font not in fonts:
                fonts[font] = _font(calls, font)
            width = _glyph_width(calls, font, 0x20, size)
            known = blanks[blank_key] = _blank_terms(_State((a, b, c, d), size, font, *fonts[font], IDENTITY), 0.0 if width is None else width)
        # _char(" ", state, e, f, advance, flip, flip.flipped) spelt out, its products made once per kind of blank:
        # the same floating-point operations in the same order (ox + a * 0.0 + c * low is (ox + p) + q).
        xp1, xq1, xp2, xq2, yp1, yq1, yp2, yq2, upright, fontname = known
        x1, x2, x3, x4 = e + xp1 + xq1 + left, e + xp2 + xq1 + left, e + xp1 + xq2 + left, e + xp2 + xq2 + left
        y1 = height - (f + yp1 + yq1) + flip_top
        y2 = height - (f + yp2 + yq1) + flip_top
        y3 = height - (f + yp1 + yq2) + flip_top
        y4 = height - (f + yp2 + yq2) + flip_top
        low_y, high_y = min(y1, y2, y3, y4), max(y1, y2, y3, y4)
        found.append((order, Char(" ", min(x1, x2, x3, x4), low_y, max(x1, x2, x3, x4), high_y, high_y - low_y, upright, fontname)))
    return found


def _blank_terms(state: _State, advance: float) -> tuple:
    """The products ``_char`` makes for a blank of ``state``, in its order: x (a*0, c*low, a*advance, c*high), y alike."""
    a, b, c, d = state.matrix
    low, high = state.low, state.high
    return (a * 0.0, c * low, a * advance, c * high, b * 0.0, d * low, b * advance, d * high, state.upright, state.fontname)


def _object_values(calls: Calls, text_objects: list[int]) -> tuple[list[tuple[bool, float, float]], list[float], list[Matrix], list[int]]:
    """For each text object: (bounds found, bottom, top), font size (0 when not found), own matrix, font.

    PDFium is asked in maps, each call with its out-parameters in an array of its own.
    """
    count = len(text_objects)
    bounds, sizes, matrices = (ctypes.c_float * (4 * count))(), (ctypes.c_float * count)(), (ctypes.c_float * (6 * count))()
    at = ctypes.addressof(bounds)  # left, bottom, right, top
    got_bounds = list(map(calls.object_bounds, text_objects, *(range(at + 4 * k, at + 16 * count, 16) for k in range(4))))
    at = ctypes.addressof(sizes)
    got_sizes = list(map(calls.object_font_size, text_objects, range(at, at + 4 * count, 4)))
    at = ctypes.addressof(matrices)  # FS_MATRIX is six floats
    got_matrices = list(map(calls.object_matrix, text_objects, range(at, at + 24 * count, 24)))
    b, m = bounds[:], matrices[:]
    return (
        [(bool(got), b[4 * k + 1], b[4 * k + 3]) for k, got in enumerate(got_bounds)],
        [size if got else 0.0 for got, size in zip(got_sizes, sizes[:])],
        [tuple(m[6 * k : 6 * k + 6]) if got else IDENTITY for k, got in enumerate(got_matrices)],  # type: ignore[misc]  # six floats: a Matrix
        [font or 0 for font in map(calls.object_font, text_objects)],
    )


def _font(calls: Calls, font: int) -> tuple[float, str]:
    """The font's descent (a negative fraction of the em) and its base name."""
    if not font:
        return 0.0, ""
    descent = 0.0
    if calls.font_descent(font, 1000.0, calls.float_refs[0]):
        descent = calls.floats[0]
    size = calls.font_name(font, None, 0)
    name = ""
    if size > 1:
        buffer = ctypes.create_string_buffer(size)
        calls.font_name(font, ctypes.addressof(buffer), size)
        name = buffer.value.decode("utf-8", errors="replace")
    if name in _AFM_DESCENT and not calls.font_is_embedded(font):
        return _AFM_DESCENT[name] / 1000.0, name
    # pdfminer: "/Descent should always be a negative number"
    return -abs(descent) / 1000.0, name
