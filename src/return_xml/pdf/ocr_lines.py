"""Lines a page's recognition lost or misread, read again alone (issue 15; ``pdf/ocr.py``).

Tesseract's page layout analysis (``--psm 3``) decides where the lines are
before any is read, and two of its faults lose whole labels of a form:

- **a line dropped**: the ink of a line is left out of every block (5.5 drops
  the label ``認購價`` of a legacy III C item, printed clearly between two lines
  it reads);
- **a line read in the wrong script**: with ``chi_tra+eng`` a whole line is
  taken for English (``呈交日期 2010年1月6日`` read ``SAA 2010441 A 6``, every
  word with a confidence under 30).

Both are read again as a block of their own (``--psm 6``), where nothing else on
the page can sway the analysis: the ink that no word's box covers, in runs of
line height, and each line whose words were read with low confidence.  What
decides is Tesseract's own confidence, as for a figure read again
(``ocr._rechecked``): a second reading replaces a line only when it is better
trusted, and ink read alone is kept only when it reads with high confidence
(noise, stamps and signatures read as low-confidence scraps).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image

    from return_xml.pdf.ocr import Word

# A line whose words' mean confidence (by characters) is below this is read again alone.
LINE_RECHECK_CONFIDENCE = 45.0
# The second reading of a line replaces the first only when trusted by this much more.
LINE_BETTER_BY = 15.0
# Ink no word covers is kept as words only when its words read with at least this confidence.
LOST_INK_CONFIDENCE = 75.0
# Why these bounds (points): a line of the form's text is 6-16 pt tall; shorter runs are specks
# and dots, taller ones a stamp, a logo or a signature.
LOST_MIN_HEIGHT, LOST_MAX_HEIGHT = 5.0, 16.0
LOST_MIN_WIDTH = 6.0
# Runs of ink on one line further apart than this many line heights are read apart.
LOST_GAP = 1.5
# Why a bound: a page with many runs of lost ink is a picture or noise, not a form that lost a line.
MAX_LOST_RUNS = 40
# A crop read again: its box grown by EDGE, then set on white PAD wide (points; Tesseract wants white around the ink).
EDGE = 1.0
PAD = 3.0
# Read as a block first, as one line where that finds nothing (Tesseract now and then reads an
# isolated short label in one mode and not the other).
MODES = (6, 7)

Reader = Callable[["Image.Image", int], dict[str, list]]  # image, page segmentation mode -> TSV columns


def reread(image: Image.Image, words: list[Word], pixels_per_point: float, read: Reader) -> list[Word]:
    """``words`` with their low-confidence lines read again and the lines of ink they missed added."""
    out = _lines_rechecked(image, words, pixels_per_point, read)
    return out + _lost_lines(image, out, pixels_per_point, read)


def _lines_rechecked(image: Image.Image, words: list[Word], pixels_per_point: float, read: Reader) -> list[Word]:
    lines: dict[tuple[int, int, int], list[Word]] = {}
    for word in words:
        lines.setdefault(word.line, []).append(word)
    out: list[Word] = []
    for key, line in lines.items():
        first = _mean_confidence(line)
        if first >= LINE_RECHECK_CONFIDENCE:
            out.extend(line)
            continue
        box = (min(w.box[0] for w in line), min(w.box[1] for w in line), max(w.box[2] for w in line), max(w.box[3] for w in line))
        again = _read_alone(image, box, pixels_per_point, read, key)
        out.extend(again if again and _mean_confidence(again) >= first + LINE_BETTER_BY else line)
    return out


def _lost_lines(image: Image.Image, words: Sequence[Word], pixels_per_point: float, read: Reader) -> list[Word]:
    runs = _uncovered_runs(image, words, pixels_per_point)
    if len(runs) > MAX_LOST_RUNS:
        return []
    found: list[Word] = []
    for n, box in enumerate(runs):
        again = _read_alone(image, box, pixels_per_point, read, (-1, n, 0))
        if again and min(w.confidence for w in again) >= LOST_INK_CONFIDENCE:
            found.extend(again)
    return found


def _uncovered_runs(image: Image.Image, words: Sequence[Word], pixels_per_point: float) -> list[tuple[float, float, float, float]]:
    """Boxes (points) of ink no word covers, one per run of line height along a line."""
    import numpy as np

    ink = np.asarray(image) < 128
    ink = ink.copy()
    pad = max(1, int(pixels_per_point))
    for word in words:
        x0, top, x1, bottom = (int(v * pixels_per_point) for v in word.box)
        ink[max(0, top - pad) : bottom + pad, max(0, x0 - pad) : x1 + pad] = False
    rows = ink.any(axis=1)
    spans = _line_spans(words)
    boxes: list[tuple[float, float, float, float]] = []
    for top, bottom in _spans(rows):
        height = (bottom - top) / pixels_per_point
        if not LOST_MIN_HEIGHT <= height <= LOST_MAX_HEIGHT:
            continue
        columns = ink[top:bottom].any(axis=0)
        gap = int(LOST_GAP * (bottom - top))
        for x0, x1 in _spans(columns, gap):
            box = (x0 / pixels_per_point, top / pixels_per_point, x1 / pixels_per_point, bottom / pixels_per_point)
            if box[2] - box[0] >= LOST_MIN_WIDTH and not any(_within(box, span) for span in spans):
                boxes.append(box)
    return boxes


def _line_spans(words: Sequence[Word]) -> list[tuple[float, float, float, float]]:
    """The box of each line of ``words``."""
    lines: dict[tuple[int, int, int], list[Word]] = {}
    for word in words:
        lines.setdefault(word.line, []).append(word)
    return [(min(w.box[0] for w in line), min(w.box[1] for w in line), max(w.box[2] for w in line), max(w.box[3] for w in line))
            for line in lines.values()]


def _within(box: tuple[float, float, float, float], span: tuple[float, float, float, float]) -> bool:
    """Whether ``box`` stands on the line ``span`` and between its ends.

    Why: ink between the words of a line that was read is a character Tesseract gave a narrow
    box or a mark it left out; read alone it would come back as a second copy inside that line.
    """
    overlap = min(box[3], span[3]) - max(box[1], span[1])
    return overlap > 0.5 * (box[3] - box[1]) and box[2] > span[0] and box[0] < span[2]


def _spans(flags, gap: int = 0) -> list[tuple[int, int]]:
    """(start, end) of the runs of true values in ``flags``, runs less than ``gap`` apart joined."""
    import numpy as np

    padded = np.concatenate(([False], flags, [False])).astype(np.int8)
    edges = np.flatnonzero(np.diff(padded))
    spans: list[tuple[int, int]] = []
    for start, end in zip(edges[::2].tolist(), edges[1::2].tolist()):
        if spans and start - spans[-1][1] < gap:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def _read_alone(
    image: Image.Image, box: tuple[float, float, float, float], pixels_per_point: float, read: Reader, key: tuple[int, int, int],
) -> list[Word]:
    """The words of ``box`` (points) read as a block of their own, in page points; each line of it a line key."""
    import PIL.Image

    # Why on white: a crop with a margin takes in the ink of the lines and cells around it, and
    # Tesseract then reads scraps of them, or nothing; the box's ink alone, on white, reads cleanly.
    edge, pad = int(EDGE * pixels_per_point), int(PAD * pixels_per_point)
    x0, y0 = max(0, int(box[0] * pixels_per_point) - edge), max(0, int(box[1] * pixels_per_point) - edge)
    ink = image.crop((x0, y0, int(box[2] * pixels_per_point) + edge, int(box[3] * pixels_per_point) + edge))
    crop = PIL.Image.new(ink.mode, (ink.width + 2 * pad, ink.height + 2 * pad), 255)
    crop.paste(ink, (pad, pad))
    left, top = x0 - pad, y0 - pad
    for mode in MODES:
        out = _words_of(read(crop, mode), left, top, pixels_per_point, key)
        if out:
            return out
    return []


def _words_of(data: dict[str, list], left: int, top: int, pixels_per_point: float, key: tuple[int, int, int]) -> list[Word]:
    from return_xml.pdf.ocr import Word, recognised_words

    out: list[Word] = []
    for k, text, confidence, box in recognised_words(data, left, top, pixels_per_point):
        # Why a key of its own, apart from every key of the page's reading (whose paragraph
        # numbers are small): the words of one key share one line height in ``ocr._chars``.
        line = (key[0], 1_000 * (1 + key[1]) + 100 * data["block_num"][k] + data["par_num"][k], 1_000 * key[2] + data["line_num"][k])
        out.append(Word(text, box, confidence, line))
    return out


def _mean_confidence(words: Sequence[Word]) -> float:
    """The confidence of ``words`` weighed by their characters."""
    total = sum(len(w.text) for w in words)
    return sum(w.confidence * len(w.text) for w in words) / total if total else 0.0
