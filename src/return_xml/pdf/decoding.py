"""What a PDF decoder hands to the PDF layer, and the steps both decoders share.

A decoder (``pdf/pdfium.py``, ``pdf/plumber.py``) does raw extraction only: per
page its size, its characters (``RawChar``: text, box, font size, font name,
uprightness) and its rectangles.  Everything after that, the removal of
overprinted characters and the grouping of characters into phrases, is done
here once, by our own code, so that the two decoders can differ only in what
they read from the file, never in how it is interpreted.

Both steps reproduce what pdfplumber 0.11 does with
``dedupe_chars(tolerance=1)`` and ``extract_words(keep_blank_chars=True,
x_tolerance=1.5, y_tolerance=2)``, which the readers were written against:
changing a tolerance here changes what every reader sees.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from return_xml.model.values import Box

# Overprinted characters closer than this (points) are one character.
DEDUPE_TOLERANCE = 1.0
# A word continues while the next character starts at most this far (points)
# right of the previous one's end ...
WORD_X_TOLERANCE = 1.5
# ... and while the tops of their boxes differ by at most this much (points);
# characters whose tops chain within it form one line.
WORD_Y_TOLERANCE = 2.0

# Ligature glyphs spelt out in phrases (pdfplumber's expand_ligatures).
_LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}


@dataclass(slots=True)
class RawChar:
    """One character as a decoder read it: box in points, top-left origin."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    upright: bool
    fontname: str


@dataclass(slots=True)
class RawPage:
    """One page as a decoder read it."""

    width: float
    height: float
    chars: list[RawChar]
    rects: list[Box]
    rotation: int = 0


@dataclass(slots=True)
class Decoded:
    """A whole decoded PDF: document-information metadata and pages."""

    metadata: dict[str, str]
    pages: list[RawPage] = field(default_factory=list)


def _clusters(values: Iterable[float], tolerance: float) -> dict[float, int]:
    """Cluster number of each value: sorted distinct values chain while within ``tolerance``."""
    numbers: dict[float, int] = {}
    last: float | None = None
    cluster = -1
    for value in sorted(set(values)):
        if last is None or value > last + tolerance:
            cluster += 1
        numbers[value] = cluster
        last = value
    return numbers


def _cluster_objects(items: Sequence[RawChar], key: Callable[[RawChar], float], tolerance: float) -> list[list[RawChar]]:
    """``items`` grouped by clusters of ``key``, clusters in order, items in their order within one."""
    values = [key(item) for item in items]
    numbers = _clusters(values, tolerance)
    # A stable sort by cluster number, as buckets: every cluster has a member.
    clusters: list[list[RawChar]] = [[] for _ in range(len(set(numbers.values())))]
    for item, value in zip(items, values):
        clusters[numbers[value]].append(item)
    return clusters


def dedupe(chars: list[RawChar], tolerance: float = DEDUPE_TOLERANCE) -> list[RawChar]:
    """Drop characters printed again at (almost) the same place: bold by overprinting.

    Characters with the same text, font, size and uprightness whose tops and
    left edges chain within ``tolerance`` are one; the top-most, then
    left-most (then first), is kept, and the survivors keep their page order.
    """
    groups: dict[tuple, list[RawChar]] = {}
    for char in chars:
        key = (char.upright, char.text, char.fontname, char.size)
        group = groups.get(key)
        if group is None:
            groups[key] = [char]
        else:
            group.append(char)
    kept: set[int] = set()
    for group in groups.values():
        if len(group) == 1:  # most characters: nothing to compare with
            kept.add(id(group[0]))
            continue
        for row in _chains(group, _TOP, tolerance):
            if len(row) == 1:  # alone on its line: kept without comparing left edges
                kept.add(id(row[0]))
                continue
            for spot in _chains(row, _X0, tolerance):
                kept.add(id(spot[0] if len(spot) == 1 else min(spot, key=_TOP_X0)))
    if len(kept) == len(chars):
        return list(chars)
    return [char for char in chars if id(char) in kept]


_TOP = operator.attrgetter("top")
_X0 = operator.attrgetter("x0")
_TOP_X0 = operator.attrgetter("top", "x0")
_TOP_BOTTOM = operator.attrgetter("top", "bottom")


def _chains(items: list[RawChar], key: Callable[[RawChar], float], tolerance: float) -> list[list[RawChar]]:
    """Items sorted by ``key`` (stable) and cut where a value exceeds the previous one by more than ``tolerance``."""
    ordered = sorted(items, key=key)
    chain = [ordered[0]]
    chains = [chain]
    last = key(ordered[0])
    for item in ordered[1:]:
        value = key(item)
        if value > last + tolerance:
            chain = [item]
            chains.append(chain)
        else:
            chain.append(item)
        last = value
    return chains


def words(chars: list[RawChar]) -> list[list[RawChar]]:
    """Characters grouped into words (blanks kept inside), in pdfplumber's order.

    Runs of upright and of rotated characters are taken in page order; in a
    run, lines are clusters of tops (upright) or of left edges (rotated), and a
    line is read left to right (upright) or top to bottom (rotated).
    """
    out: list[list[RawChar]] = []
    for upright, run in itertools.groupby(chars, key=lambda c: c.upright):
        run_chars = list(run)
        if upright:
            lines = _cluster_objects(run_chars, _TOP, WORD_Y_TOLERANCE)
            order: Callable[[RawChar], object] = _X0  # pdfplumber sorts by (x0, x0): the same order
        else:
            lines = _cluster_objects(run_chars, _X0, WORD_X_TOLERANCE)
            order = _TOP_BOTTOM
        for line in lines:
            out.extend(_split_line(sorted(line, key=order), upright))
    return out


def _split_line(line: list[RawChar], upright: bool) -> list[list[RawChar]]:
    found: list[list[RawChar]] = []
    current: list[RawChar] = []
    for char in line:
        if current and _begins_word(current[-1], char, upright):
            found.append(current)
            current = [char]
        else:
            current.append(char)
    if current:
        found.append(current)
    return found


def _begins_word(previous: RawChar, char: RawChar, upright: bool) -> bool:
    if upright:
        start, end, at = previous.x0, previous.x1, char.x0
        gap, across = WORD_X_TOLERANCE, abs(char.top - previous.top) > WORD_Y_TOLERANCE
    else:
        # Rotated text reads top to bottom: the tolerances swap axes.
        start, end, at = previous.top, previous.bottom, char.top
        gap, across = WORD_Y_TOLERANCE, abs(char.x0 - previous.x0) > WORD_X_TOLERANCE
    return at < start or at > end + gap or across


def word_text(word: list[RawChar]) -> str:
    """The text of a word, ligatures spelt out."""
    return "".join(_LIGATURES.get(c.text, c.text) for c in word)
