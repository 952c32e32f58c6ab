"""A scanned page image made fit for recognition: straightened, cleaned, and its ruled lines found.

Scans come skewed by a fraction of a degree, speckled and JPEG-blurred.  A
skew of 0.6 degrees moves the right end of a form row 6 points up or down
from its left end, more than the line tolerance of the shared phrase code
(``pdf/decoding.py``), so the page is straightened before anything is read.

Everything here works on 8-bit greyscale images (Pillow ``L``) and numpy
arrays; nothing knows about forms.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

# The skew searched: scanners and make_scan-like renditions stay within a few degrees.
MAX_SKEW_DEGREES = 3.0
# Coarse then fine search steps (degrees): 0.02 degree is 0.2 pt over an A4 width.
SKEW_STEPS = (0.25, 0.05, 0.01)
# The skew is measured on a copy this many pixels wide: the ink profile needs no more.
SKEW_WORK_WIDTH = 1000
# Ink: a pixel darker than this (0 black .. 255 white) after cleaning.
INK_LEVEL = 160
# A ruled line is a run of ink at least this long (points): longer than any word's stroke
# (the tallest stroke of 10 pt text is under 10 pt) and shorter than the border of one
# table row (about 15 pt), which otherwise is read as "|".
MIN_RULE_POINTS = 13.0
# ... and at most this thick (points): a filled box or a word is not a rule.
MAX_RULE_THICKNESS_POINTS = 3.0
# Rules are looked for in bands of this many pixel rows (columns) at a time: memory, not results.
BAND_ROWS = 256


@dataclass(frozen=True)
class Prepared:
    """A page image ready for recognition: ``image`` straightened and cleaned,
    ``angle`` the rotation that straightened it (degrees, counter-clockwise)."""

    image: Image.Image
    angle: float


def prepared(image: Image.Image) -> Prepared:
    """The page straightened (deskewed) and cleaned of specks; greyscale."""
    grey = image.convert("L")
    angle = skew_angle(grey)
    if abs(angle) >= 0.01:
        grey = grey.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    # A 3x3 median takes isolated specks and JPEG ringing away and keeps strokes.
    return Prepared(median3(grey), angle)


# The compare-exchanges that leave the median of nine values in the fifth (Paeth's network).
_MEDIAN9 = ((1, 2), (4, 5), (7, 8), (0, 1), (3, 4), (6, 7), (1, 2), (4, 5), (7, 8), (0, 3), (5, 8), (4, 7),
            (3, 6), (1, 4), (2, 5), (4, 7), (4, 2), (6, 4), (4, 2))


def median3(grey: Image.Image) -> Image.Image:
    """The 3x3 median of an 8-bit image, edges repeated: what ``ImageFilter.MedianFilter(3)`` gives.

    Why not Pillow's filter: it sorts every window (0.8 s for a 300 dpi page); nineteen
    minimum/maximum passes over shifted copies take a tenth of that, in bands of rows
    so that the nine copies stay small.
    """
    pixels = np.asarray(grey, dtype=np.uint8)
    padded = np.pad(pixels, 1, mode="edge")
    out = np.empty_like(pixels)
    height, width = pixels.shape
    for top in range(0, height, BAND_ROWS):
        bottom = min(height, top + BAND_ROWS)
        window = [padded[top + dy : bottom + dy, dx : dx + width].copy() for dy in range(3) for dx in range(3)]
        for i, j in _MEDIAN9:
            low = np.minimum(window[i], window[j])
            np.maximum(window[i], window[j], out=window[j])
            window[i] = low
        out[top:bottom] = window[4]
    return Image.fromarray(out)


def skew_angle(grey: Image.Image) -> float:
    """The rotation (degrees, counter-clockwise) that makes the page's text lines level.

    Why a projection profile: when lines of text and ruled lines are level, the
    ink gathers in few pixel rows, so the variance of the row sums is largest.
    """
    scale = min(1.0, SKEW_WORK_WIDTH / grey.width)
    small = grey.resize((max(1, int(grey.width * scale)), max(1, int(grey.height * scale))), Image.Resampling.BILINEAR) if scale < 1 else grey
    ink = Image.fromarray(((np.asarray(small) < INK_LEVEL) * 255).astype(np.uint8))
    if not np.asarray(ink).any():
        return 0.0
    best, span = 0.0, MAX_SKEW_DEGREES
    for step in SKEW_STEPS:
        candidates = np.arange(best - span, best + span + step / 2, step)
        scores = [_sharpness(ink, float(angle)) for angle in candidates]
        best = float(candidates[int(np.argmax(scores))])
        span = step
    return round(best, 2)


def _sharpness(ink: Image.Image, angle: float) -> float:
    # Integer sums: exact, as the float ones were, in half the time.
    rows = np.asarray(ink.rotate(angle, resample=Image.Resampling.NEAREST, expand=False, fillcolor=0)).sum(axis=1, dtype=np.int64)
    return float(np.var(rows))


Segment = tuple[float, float, float, float]
"""A ruled line as a thin box (x0, top, x1, bottom), in the unit asked for."""


def rules(grey: Image.Image, pixels_per_point: float) -> tuple[list[Segment], list[Segment]]:
    """The horizontal and the vertical ruled lines of a straightened page, in points.

    A pixel belongs to a rule when it lies in a run of ink at least
    ``MIN_RULE_POINTS`` long along the rule's direction; runs on neighbouring
    pixel rows (columns) are one rule as long as the rule stays thin.
    """
    ink = np.asarray(grey) < INK_LEVEL
    length = max(3, int(MIN_RULE_POINTS * pixels_per_point))
    thickness = max(2, int(MAX_RULE_THICKNESS_POINTS * pixels_per_point))
    horizontal = _runs(ink, length, thickness)
    vertical = [(top, x0, bottom, x1) for x0, top, x1, bottom in _runs(ink.T, length, thickness)]
    scale = 1.0 / pixels_per_point
    return [_scaled(s, scale) for s in horizontal], [_scaled(s, scale) for s in vertical]


def without_rules(grey: Image.Image, segments: list[Segment], pixels_per_point: float) -> Image.Image:
    """A copy of ``grey`` with the ruled lines (points) painted white.

    Why: Tesseract reads a rule beside a figure as ``|``, ``_`` or ``—`` and
    joins the figures on both sides into one "word".
    """
    from PIL import ImageDraw

    clean = grey.copy()
    draw = ImageDraw.Draw(clean)
    margin = 1
    for x0, top, x1, bottom in segments:
        draw.rectangle(
            (int(x0 * pixels_per_point) - margin, int(top * pixels_per_point) - margin,
             int(x1 * pixels_per_point) + margin, int(bottom * pixels_per_point) + margin),
            fill=255,
        )
    return clean


def _scaled(segment: Segment, scale: float) -> Segment:
    return tuple(round(value * scale, 1) for value in segment)  # type: ignore[return-value]  # four values in, four out


def _runs(ink: np.ndarray, length: int, thickness: int) -> list[Segment]:
    """Rules along axis 1 of ``ink`` (rows): (x0, top, x1, bottom) in pixels."""
    pieces: list[tuple[int, int, int]] = []  # (row, x0, x1)
    # Why in bands of rows: each row's runs depend on that row alone, and the counts of a
    # whole 300 dpi page at once took 250 MB (two pages at once: most of a worker's peak).
    for top in range(0, ink.shape[0], BAND_ROWS):
        pieces.extend(_band_pieces(np.ascontiguousarray(ink[top : top + BAND_ROWS]), length, top))
    return _merged(pieces, thickness)


def _band_pieces(ink: np.ndarray, length: int, first_row: int) -> list[tuple[int, int, int]]:
    """The runs of ink at least ``length`` long in each row of ``ink``: (row, x0, x1), x1 exclusive."""
    # Why a sliding window: a pixel is in a long run when some window of
    # ``length`` pixels that holds it is all ink; a 1-pixel gap (a JPEG break in a
    # rule) is bridged by closing the ink first.
    closed = ink.copy()
    closed[:, 1:-1] |= ink[:, :-2] & ink[:, 2:]
    counts = np.zeros((closed.shape[0], closed.shape[1] + 1), dtype=np.int32)
    np.cumsum(closed, axis=1, dtype=np.int32, out=counts[:, 1:])
    full = (counts[:, length:] - counts[:, :-length]) == length  # window starting at column j is all ink
    if not full.any():
        return []
    # Every pixel covered by a full window: a run of starts j..k covers j..k+length-1.
    np.cumsum(full, axis=1, dtype=np.int32, out=counts[:, 1 : full.shape[1] + 1])
    starts_before = counts[:, : full.shape[1] + 1]  # starts_before[:, j] = full windows starting before j
    width = closed.shape[1]
    columns = np.arange(width)
    # Pixel c is covered when some start lies in max(0, c-length+1)..min(c, last start).
    hi = np.minimum(columns, full.shape[1] - 1) + 1
    lo = np.maximum(columns - length + 1, 0)
    covered = (starts_before[:, hi] - starts_before[:, lo]) > 0
    # Run edges of every row at once: +1 where a run starts, -1 just after it ends.
    edges = np.diff(covered.view(np.int8), axis=1, prepend=np.int8(0), append=np.int8(0))
    rows, begins = np.nonzero(edges == 1)
    _, ends = np.nonzero(edges == -1)  # row-major order: the end of each run follows its start
    return list(zip((rows + first_row).tolist(), begins.tolist(), ends.tolist()))


def _merged(pieces: list[tuple[int, int, int]], thickness: int) -> list[Segment]:
    """Pieces on neighbouring rows that overlap along the rule: one rule, if it stays thin."""
    open_rules: list[list[int]] = []  # [top, bottom, x0, x1]
    done: list[list[int]] = []
    for row, x0, x1 in sorted(pieces):
        still_open: list[list[int]] = []
        for rule in open_rules:
            (done if rule[1] < row - 1 else still_open).append(rule)
        open_rules = still_open
        for rule in open_rules:
            if rule[1] >= row - 1 and x0 < rule[3] and x1 > rule[2]:
                rule[1], rule[2], rule[3] = row, min(rule[2], x0), max(rule[3], x1)
                break
        else:
            open_rules.append([row, row, x0, x1])
    done.extend(open_rules)
    return [(float(x0), float(top), float(x1), float(bottom + 1)) for top, bottom, x0, x1 in done if bottom - top < thickness]
