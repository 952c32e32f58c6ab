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
import itertools
import threading
from collections.abc import Sequence
from itertools import repeat
from pathlib import Path

from return_xml.errors import InputError
from return_xml.model.values import Box
from return_xml.pdf.decoding import Decoded, Deferred, Char, RawPage

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


# PDFium is not thread-safe, and _Calls shares its out-parameters: one
# thread of a process uses it at a time (processes, as bulk uses, run apart).
# The pre-flight's page count takes it too.
PDFIUM_LOCK = threading.RLock()


def decode(path: Path, max_pages: int, password: str | None = None) -> Decoded:
    """Decode every page of the PDF at ``path``; refuse more than ``max_pages`` pages.

    The rectangles of a page are read when first asked for (only the FF301
    reader uses them, and on a legacy form they cost more than the text): the
    PDFium document stays open until ``Decoded.release`` is called.
    """
    with PDFIUM_LOCK:
        return _decode(path, max_pages, password)


def _decode(path: Path, max_pages: int, password: str | None) -> Decoded:
    import pypdfium2  # imported here: only this decoder needs it

    try:
        document = pypdfium2.PdfDocument(str(path), password=password)
    except pypdfium2.PdfiumError as err:
        text = str(err)
        if "password" in text.lower():
            raise InputError("encrypted PDF: the password is missing or wrong", file=path) from err
        raise InputError(f"damaged PDF: {text}", file=path) from err
    decoded = None
    try:
        if len(document) > max_pages:
            raise InputError(f"more than {max_pages} pages", file=path)
        decoded = Decoded(_metadata(document), [_page(document, index, path) for index in range(len(document))], release=_closer(document))
        return decoded
    except InputError:
        raise
    except Exception as err:  # no PDFium failure may escape as a traceback
        raise InputError(f"unreadable PDF: {type(err).__name__}: {err}", file=path) from err
    finally:
        if decoded is None:
            document.close()


def _closer(document):
    def close() -> None:
        with PDFIUM_LOCK:
            document.close()

    return close


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


def _page(document, index: int, path: Path) -> RawPage:
    calls = _calls()
    page = document[index]
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
    handle = _handle(page.raw)
    # Points are taken to pdfminer's layout space first (the page transform
    # is in every matrix): its rectangle rule, and which corners make a box, apply there.
    text_objects = _text_objects(calls, handle, ctm)
    textpage = page.get_textpage()
    try:
        chars = _chars(calls, _handle(textpage.raw), flip, text_objects)
    finally:
        textpage.close()
    return RawPage(width, height, chars, Deferred(lambda: _rects_of(page, flip, path)), rotation)


def _handle(pointer) -> int:
    """A PDFium handle as a plain address: what the prototypes of ``_Calls`` take and give."""
    return ctypes.cast(pointer, ctypes.c_void_p).value or 0


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


class _Calls:
    """The PDFium functions this decoder calls per character, page object or path segment.

    They are the library's own C functions under other ctypes prototypes,
    which take and give handles as plain ints: pypdfium2's prototypes check
    each pointer argument's type and wrap every returned handle in a new
    pointer object (which do not compare by value), and a 10-page return makes
    tens of thousands of these calls.  Out-parameters are made once and passed
    by address; each call's results must be read before the next call.
    """

    def __init__(self) -> None:
        import pypdfium2.raw as raw

        pointer, c_int, c_uint, c_float, c_double = ctypes.c_void_p, ctypes.c_int, ctypes.c_uint, ctypes.c_float, ctypes.c_double
        self.text_kind, self.path_kind, self.form_kind = raw.FPDF_PAGEOBJ_TEXT, raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM
        self.segment_letters = {raw.FPDF_SEGMENT_MOVETO: "m", raw.FPDF_SEGMENT_LINETO: "l", raw.FPDF_SEGMENT_BEZIERTO: "c"}
        # page objects
        self.count_objects = _prototype(raw.FPDFPage_CountObjects, c_int, pointer)
        self.get_object = _prototype(raw.FPDFPage_GetObject, pointer, pointer, c_int)
        self.count_form_objects = _prototype(raw.FPDFFormObj_CountObjects, c_int, pointer)
        self.get_form_object = _prototype(raw.FPDFFormObj_GetObject, pointer, pointer, ctypes.c_ulong)
        self.object_type = _prototype(raw.FPDFPageObj_GetType, c_int, pointer)
        self.object_matrix = _prototype(raw.FPDFPageObj_GetMatrix, c_int, pointer, pointer)
        self.object_bounds = _prototype(raw.FPDFPageObj_GetBounds, c_int, pointer, pointer, pointer, pointer, pointer)
        self.object_font_size = _prototype(raw.FPDFTextObj_GetFontSize, c_int, pointer, pointer)
        self.object_font = _prototype(raw.FPDFTextObj_GetFont, pointer, pointer)
        # fonts
        self.glyph_width = _prototype(raw.FPDFFont_GetGlyphWidth, c_int, pointer, ctypes.c_uint32, c_float, pointer)
        self.font_descent = _prototype(raw.FPDFFont_GetDescent, c_int, pointer, c_float, pointer)
        self.font_name = _prototype(raw.FPDFFont_GetBaseFontName, ctypes.c_size_t, pointer, pointer, ctypes.c_size_t)
        self.font_is_embedded = _prototype(raw.FPDFFont_GetIsEmbedded, c_int, pointer)
        # text page characters
        self.count_chars = _prototype(raw.FPDFText_CountChars, c_int, pointer)
        self.is_generated = _prototype(raw.FPDFText_IsGenerated, c_int, pointer, c_int)
        self.char_code = _prototype(raw.FPDFText_GetUnicode, c_uint, pointer, c_int)
        self.char_object = _prototype(raw.FPDFText_GetTextObject, pointer, pointer, c_int)
        self.char_origin = _prototype(raw.FPDFText_GetCharOrigin, c_int, pointer, c_int, pointer, pointer)
        self.char_matrix = _prototype(raw.FPDFText_GetMatrix, c_int, pointer, c_int, pointer)
        self.char_font_size = _prototype(raw.FPDFText_GetFontSize, c_double, pointer, c_int)
        self.char_loose_box = _prototype(raw.FPDFText_GetLooseCharBox, c_int, pointer, c_int, pointer)
        # paths
        self.draw_mode = _prototype(raw.FPDFPath_GetDrawMode, c_int, pointer, pointer, pointer)
        self.count_segments = _prototype(raw.FPDFPath_CountSegments, c_int, pointer)
        self.get_segment = _prototype(raw.FPDFPath_GetPathSegment, pointer, pointer, c_int)
        self.segment_point = _prototype(raw.FPDFPathSegment_GetPoint, c_int, pointer, pointer, pointer)
        self.segment_type = _prototype(raw.FPDFPathSegment_GetType, c_int, pointer)
        self.segment_closes = _prototype(raw.FPDFPathSegment_GetClose, c_int, pointer)
        # out-parameters
        self.matrix = raw.FS_MATRIX()
        self.matrix_ref = ctypes.addressof(self.matrix)
        self.rect = raw.FS_RECTF()
        self.rect_ref = ctypes.addressof(self.rect)
        self.floats = (ctypes.c_float * 4)()
        self.float_refs = tuple(ctypes.addressof(self.floats) + 4 * k for k in range(4))
        self.ints = (ctypes.c_int * 2)()
        self.int_refs = (ctypes.addressof(self.ints), ctypes.addressof(self.ints) + 4)

    def own_matrix(self, page_object: int) -> Matrix:
        """A page object's own matrix (identity when PDFium has none)."""
        if self.object_matrix(page_object, self.matrix_ref):
            m = self.matrix
            return (m.a, m.b, m.c, m.d, m.e, m.f)
        return _IDENTITY


_CALLS: _Calls | None = None


def _calls() -> _Calls:
    global _CALLS
    if _CALLS is None:
        _CALLS = _Calls()
    return _CALLS


def _prototype(function, restype, *argtypes):
    """Another ctypes prototype for the same C function (the library's own stays as it is)."""
    return ctypes.CFUNCTYPE(restype, *argtypes)(ctypes.cast(function, ctypes.c_void_p).value)


def _walk(calls: _Calls, page: int, ctm: Matrix):
    """Every page object in content order, form XObjects entered: (object, kind, matrix of what encloses it)."""
    yield from _walk_in(calls, calls.count_objects(page), calls.get_object, page, ctm)


def _walk_in(calls: _Calls, count: int, get, holder: int, outer: Matrix):
    object_type, form_kind = calls.object_type, calls.form_kind
    for index in range(count):
        page_object = get(holder, index) or 0
        kind = object_type(page_object)
        yield page_object, kind, outer
        if kind == form_kind:
            inner = _multiply(calls.own_matrix(page_object), outer)
            yield from _walk_in(calls, calls.count_form_objects(page_object), calls.get_form_object, page_object, inner)


def _text_objects(calls: _Calls, page: int, ctm: Matrix) -> dict[int, tuple[int, Matrix]]:
    """The page's text objects: address -> (content order, matrix of what encloses it).

    (``_walk`` without its generators: this runs for every page object of every page.)
    """
    found: dict[int, tuple[int, Matrix]] = {}
    _add_text_objects(calls, calls.count_objects(page), calls.get_object, page, ctm, found)
    return found


def _add_text_objects(calls: _Calls, count: int, get, holder: int, outer: Matrix, found: dict[int, tuple[int, Matrix]]) -> None:
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
            inner = _multiply(calls.own_matrix(page_object), outer)
            _add_text_objects(calls, calls.count_form_objects(page_object), calls.get_form_object, page_object, inner, found)


def _rects_of(page, flip: _Flip, path: Path) -> list[Box]:
    """The page's rectangles (read on first use; the page is closed after)."""
    with PDFIUM_LOCK:
        return _read_rects(page, flip, path)


def _read_rects(page, flip: _Flip, path: Path) -> list[Box]:
    if not page.raw:
        raise InputError("the PDF was closed before the rectangles of its pages were read", file=path)
    calls = _calls()
    try:
        rects: list[Box] = []
        path_kind = calls.path_kind
        for page_object, kind, outer in _walk(calls, _handle(page.raw), flip.ctm):
            if kind == path_kind and _may_hold_rect(calls, page_object):
                _path_rects(calls, page_object, _multiply(calls.own_matrix(page_object), outer), flip, rects)
        return rects
    except Exception as err:  # no PDFium failure may escape as a traceback
        raise InputError(f"unreadable PDF: {type(err).__name__}: {err}", file=path) from err
    finally:
        page.close()


def _chars(calls: _Calls, textpage: int, flip: _Flip, text_objects: dict[int, tuple[int, Matrix]]) -> list[Char]:
    """The page's characters in content-stream order (pdfminer's), which PDFium's text page does not keep.

    PDFium's text page also leaves out blank characters pdfminer keeps, and
    the phrases depend on them (a run of spaces joins two words into one
    phrase).  It drops a text object that shows only spaces: one space is put
    back at its origin (``_blank_object``).  It also keeps only the first
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
    # The characters of each text object, by its content order (the last list:
    # those of no known object); in one object they come in text-page order.
    by_object: list[list[Char]] = [[] for _ in range(len(text_objects) + 1)]
    unknown = (len(text_objects), _IDENTITY)
    start = 0
    for owner, run in itertools.groupby(owners):
        end = start + len(list(run))
        key = owner or 0
        shared = objects.get(key)
        if shared is None:
            shared = objects[key] = _object_run(calls, textpage, indexes[start], key, fonts, glyphs, flip, text_objects.get(key, unknown)[0])
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


def _place_ligature_parts(calls: _Calls, textpage: int, indexes: Sequence[int], codes: list[int], xs: list[float], ys: list[float]) -> None:
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


def _user_width(calls: _Calls, textpage: int, index: int, code: int) -> float | None:
    """The advance width of one character in page units (its font's width times its matrix)."""
    text_object = calls.char_object(textpage, index)
    font = calls.object_font(text_object) if text_object else None
    width = _glyph_width(calls, font or 0, code, calls.char_font_size(textpage, index))
    if width is None:
        return None
    calls.char_matrix(textpage, index, calls.matrix_ref)
    return width * calls.matrix.a


def _glyphs(
    calls: _Calls, textpage: int, indexes: Sequence[int], codes: list[int], start: int, end: int, known: dict[int, tuple[str, float]], state: _State
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
    return found


# The only characters PDFium's text page makes up (a space, CR and LF).
_GENERATED_CODES = frozenset((0x20, 0x0D, 0x0A))


def _object_run(
    calls: _Calls,
    textpage: int,
    index: int,
    text_object: int,
    fonts: dict[int, tuple[float, str]],
    glyphs: dict[tuple[int, float], dict[int, tuple[str, float]]],
    flip: _Flip,
    order: int,
) -> tuple:
    """What the characters of ``text_object`` share; ``index`` is its first character.

    (content order, state, text and advance width by character code, plain, a,
    d * high, d * (high - low), upright, font name): see ``_chars``.
    """
    matrix = calls.matrix
    calls.char_matrix(textpage, index, calls.matrix_ref)
    a, b, c, d = matrix.a, matrix.b, matrix.c, matrix.d
    font = calls.object_font(text_object) or 0
    if font not in fonts:
        fonts[font] = _font(calls, font)
    state = _State((a, b, c, d), calls.char_font_size(textpage, index), font, *fonts[font], flip.ctm)
    known = glyphs.setdefault((font, state.font_size), {})
    return (order, state, known, state.plain, a, d * state.high, d * (state.high - state.low), state.upright, state.fontname)


def _char_advance(calls: _Calls, textpage: int, index: int, code: int, state: _State) -> float:
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


def _glyph_width(calls: _Calls, font: int, code: int, font_size: float) -> float | None:
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
        ua, ub, uc, ud, _, _ = _multiply((a, b, c, d, 0.0, 0.0), ctm)
        self.upright = ua * ud > 0 and ub * uc <= 0
        # Unrotated, unslanted, unmirrored text on an unrotated page: the box needs no corner search.
        self.plain = b == 0 and c == 0 and a > 0 and d > 0 and ctm[:4] == (1, 0, 0, 1)


def _char(text: str, state: _State, ox: float, oy: float, advance: float, flip: _Flip, to_layout=None) -> Char:
    """pdfminer's LTChar box: origin, advance width, descent to one em above it, through the text matrix.

    All four corners are mapped (slanted or rotated text gets the box that
    holds them); ``_chars`` spells out the upright case.
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
    calls: _Calls, left_out: list[tuple[int, int, Matrix]], flip: _Flip, fonts: dict[int, tuple[float, str]]
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
    blanks: dict[tuple, tuple[_State, float]] = {}
    found: list[tuple[int, Char]] = []
    for (_, order, outer), (bounded, bottom, top), size, matrix, font in zip(left_out, bounds, sizes, own_matrices, object_fonts):
        if not bounded or top - bottom > 1e-3:
            continue  # no bounds, or it has ink: a repeated object
        a, b, c, d, e, f = _multiply(matrix, outer)  # in layout space (the page transform is in it)
        blank_key = (font, size, a, b, c, d)
        known = blanks.get(blank_key)
        if known is None:
            if font not in fonts:
                fonts[font] = _font(calls, font)
            width = _glyph_width(calls, font, 0x20, size)
            known = blanks[blank_key] = (_State((a, b, c, d), size, font, *fonts[font], _IDENTITY), 0.0 if width is None else width)
        state, advance = known
        found.append((order, _char(" ", state, e, f, advance, flip, flip.flipped)))
    return found


def _object_values(calls: _Calls, text_objects: list[int]) -> tuple[list[tuple[bool, float, float]], list[float], list[Matrix], list[int]]:
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
        [tuple(m[6 * k : 6 * k + 6]) if got else _IDENTITY for k, got in enumerate(got_matrices)],
        [font or 0 for font in map(calls.object_font, text_objects)],
    )


def _font(calls: _Calls, font: int) -> tuple[float, str]:
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


def _may_hold_rect(calls: _Calls, path_object: int) -> bool:
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


def _path_rects(calls: _Calls, path_object: int, matrix: Matrix, flip: _Flip, rects: list[Box]) -> None:
    for subpath in _subpaths(calls, path_object, matrix):
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


def _subpaths(calls: _Calls, path_object: int, matrix: Matrix) -> list[tuple[str, list[tuple[float, float]]]]:
    """Each subpath as pdfminer sees it: its operators (``m``, ``l``, ``c``, ``h``) and end points."""
    a, b, c, d, e, f = matrix
    point_xy = calls.floats
    x_ref, y_ref = calls.float_refs[0], calls.float_refs[1]
    get_segment, segment_point, segment_type, segment_closes = calls.get_segment, calls.segment_point, calls.segment_type, calls.segment_closes
    letters = calls.segment_letters
    subpaths: list[tuple[str, list[tuple[float, float]]]] = []
    shape, points = "", []
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
