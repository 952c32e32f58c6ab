"""The ctypes layer of the pypdfium2 decoder: PDFium's C functions as plain-int calls, the lock, matrices.

``pdf/pdfium.py`` (the decoder), ``pdf/pdfium_text.py`` (characters) and
``pdf/pdfium_rects.py`` (rectangles) call PDFium only through ``Calls``.
"""

from __future__ import annotations

import ctypes
import threading

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)

# PDFium is not thread-safe, and Calls shares its out-parameters: one
# thread of a process uses it at a time (processes, as bulk uses, run apart).
# The pre-flight's page count takes it too.
PDFIUM_LOCK = threading.RLock()


def address_of(pointer) -> int:
    """A PDFium handle as a plain address: what the prototypes of ``Calls`` take and give."""
    return ctypes.cast(pointer, ctypes.c_void_p).value or 0


class Flip:
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


class Calls:
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
        return IDENTITY


_CALLS: Calls | None = None


def pdfium_calls() -> Calls:
    global _CALLS
    if _CALLS is None:
        _CALLS = Calls()
    return _CALLS


def _prototype(function, restype, *argtypes):
    """Another ctypes prototype for the same C function (the library's own stays as it is)."""
    return ctypes.CFUNCTYPE(restype, *argtypes)(ctypes.cast(function, ctypes.c_void_p).value)  # type: ignore[arg-type]  # a loaded function's address is never NULL


def multiply(m: Matrix, n: Matrix) -> Matrix:
    """``m`` then ``n`` (row-vector convention, as in PDF)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2, e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)
