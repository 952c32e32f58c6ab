"""What a PDF decoder hands to the PDF layer, the steps both decoders share, and the decoders by name.

A decoder (``pdf/pdfium.py``, ``pdf/plumber.py``) does raw extraction only: per
page its size, its characters (``Char``: text, box, font size, font name,
uprightness) and its rectangles.  Everything after that, the removal of
overprinted characters and the grouping of characters into phrases, is done
here once, by our own code, so that the two decoders can differ only in what
they read from the file, never in how it is interpreted.

Both steps reproduce what pdfplumber 0.11 does with
``dedupe_chars(tolerance=1)`` and ``extract_words(keep_blank_chars=True,
x_tolerance=1.5, y_tolerance=2)``, which the readers were written against:
changing a tolerance here changes what every reader sees.  One step is our own:
words of a line a word space apart are joined with a space (``WORD_SPACE``), for
producers that position words instead of writing space characters.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar, overload

from return_xml.model.values import Box
from return_xml.pdf.wide_chars import is_wide

# The decoders by name (modules imported on first use: each pulls in its PDF library).
DECODERS = {"pdfium": "return_xml.pdf.pdfium", "pdfplumber": "return_xml.pdf.plumber"}
# pypdfium2 gives facts identical to pdfplumber over the whole corpus, 10-30x faster.
DEFAULT_DECODER = "pdfium"


# Overprinted characters closer than this (points) are one character.
DEDUPE_TOLERANCE = 1.0
# A word continues while the next character starts at most this far (points)
# right of the previous one's end ...
WORD_X_TOLERANCE = 1.5
GLYPH_SLACK = 0.5  # of the font size: how far a glyph decoded as several characters may reach past them
# ... and while the tops of their boxes differ by at most this much (points);
# characters whose tops chain within it form one line.
WORD_Y_TOLERANCE = 2.0

# Two words of one line closer than this (of the font size) are one phrase, a space between them.
# Why: most producers write the space between two words as a character, and then the words touch;
# some (Cairo, Quartz, print drivers) write no space and move the next word along instead, which
# leaves a gap of one space's advance (0.25-0.33 em) that pdfplumber's tolerance would cut at.
# Words of two table cells stand further apart (the cells' padding and border lie between them).
WORD_SPACE = 0.36

# Ligature glyphs spelt out in phrases (pdfplumber's expand_ligatures).
LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}


@dataclass(slots=True)
class Char:
    """One character as a decoder read it: box in points, top-left origin.

    The same objects go on into ``Page.chars`` (a 10-page return has some
    10,000 characters: they are not copied).
    """

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    upright: bool = True
    fontname: str = ""
    confidence: float | None = None  # OCR only: the recognition confidence (0-100) of the word it is part of

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


_Item = TypeVar("_Item")


class Deferred(Sequence[_Item], Generic[_Item]):
    """A list read on first use (``read`` is called once): what a reader may never ask for.

    The pdfium decoder reads a page's rectangles so: only the FF301 reader
    uses them, and on a legacy form they cost more to read than the text.
    """

    __slots__ = ("_read", "_items")

    def __init__(self, read: Callable[[], list[_Item]]) -> None:
        self._read: Callable[[], list[_Item]] | None = read
        self._items: list[_Item] | None = None

    def _list(self) -> list[_Item]:
        if self._items is None:
            assert self._read is not None
            self._items = self._read()
            self._read = None  # what it holds (a PDF page) can go
        return self._items

    @overload
    def __getitem__(self, index: int) -> _Item: ...
    @overload
    def __getitem__(self, index: slice) -> list[_Item]: ...
    def __getitem__(self, index):
        return self._list()[index]

    def __len__(self) -> int:
        return len(self._list())

    def __iter__(self) -> Iterator[_Item]:
        return iter(self._list())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    def __repr__(self) -> str:
        return f"Deferred({self._items!r})" if self._items is not None else "Deferred(<not read yet>)"


@dataclass(slots=True)
class RawPage:
    """One page as a decoder read it (``rects`` may be a ``Deferred``: read when first used)."""

    width: float
    height: float
    chars: list[Char]
    rects: Sequence[Box]
    rotation: int = 0


@dataclass(slots=True)
class Decoded:
    """A whole decoded PDF: document-information metadata and pages.

    ``release`` frees what the decoder still holds for what it reads on first
    use (``Deferred``); after it, those can no longer be read.
    """

    metadata: dict[str, str]
    pages: list[RawPage] = field(default_factory=list)
    release: Callable[[], object] | None = None


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


def _cluster_objects(items: Sequence[Char], key: Callable[[Char], float], tolerance: float) -> list[list[Char]]:
    """``items`` grouped by clusters of ``key``, clusters in order, items in their order within one."""
    values = list(map(key, items))
    numbers = _clusters(values, tolerance)
    # A stable sort by cluster number, as buckets: every cluster has a member.
    clusters: list[list[Char]] = [[] for _ in range(len(set(numbers.values())))]
    for item, value in zip(items, values):
        clusters[numbers[value]].append(item)
    return clusters


def dedupe(chars: list[Char], tolerance: float = DEDUPE_TOLERANCE) -> list[Char]:
    """Drop characters printed again at (almost) the same place: bold by overprinting.

    Characters with the same text, font, size and uprightness whose tops and
    left edges chain within ``tolerance`` are one; the top-most, then
    left-most (then first), is kept, and the survivors keep their page order.
    """
    # Rows of one text first: characters of the same text whose tops chain
    # within the tolerance, made in one pass over the page in order of tops
    # (stable: page order among equal tops).  The rows of characters alike
    # (same text, font, size and uprightness) chain within them, so a row of
    # one text whose left edges never come within the tolerance holds no
    # copies: nearly every row.  The others get the whole rule.
    open_rows: dict[str, list[Char]] = {}
    rows: list[list[Char]] = []
    for char in sorted(chars, key=_TOP):
        row = open_rows.get(char.text)
        if row is None or char.top > row[-1].top + tolerance:
            open_rows[char.text] = row = [char]
            rows.append(row)
        else:
            row.append(char)
    dropped: set[int] = set()
    for row in rows:
        if len(row) > 1 and not _spread(row, tolerance):
            dropped.update(_copies(row, tolerance))
    if not dropped:
        return list(chars)
    return [char for char in chars if id(char) not in dropped]


def _copies(row: list[Char], tolerance: float) -> Iterator[int]:
    """The ids of the copies in a row of one text (in order of tops): per kind of
    character, its rows, their spots (left edges chained), all but the top-most,
    then left-most, of each spot."""
    alike: dict[tuple, list[Char]] = {}
    for char in row:
        alike.setdefault(_DEDUPE_KEY(char), []).append(char)
    for group in alike.values():
        for line in _chains(group, _TOP, tolerance):
            if len(line) == 1 or _spread(line, tolerance):
                continue
            for spot in _chains(line, _X0, tolerance):
                if len(spot) > 1:
                    kept = min(spot, key=_TOP_X0)
                    yield from (id(char) for char in spot if char is not kept)


def _spread(row: list[Char], tolerance: float) -> bool:
    """Whether no two left edges of ``row`` chain within ``tolerance`` (then each is a spot of its own)."""
    if len(row) == 2:  # the most common row: spelt out
        first, second = row[0].x0, row[1].x0
        return second > first + tolerance if first <= second else first > second + tolerance
    edges = sorted(map(_X0, row))
    return all(edge > previous + tolerance for previous, edge in zip(edges, edges[1:]))


_DEDUPE_KEY = operator.attrgetter("upright", "text", "fontname", "size")
_TOP = operator.attrgetter("top")
_BOTTOM = operator.attrgetter("bottom")
_X0 = operator.attrgetter("x0")
_X1 = operator.attrgetter("x1")
_TOP_X0 = operator.attrgetter("top", "x0")
_TOP_BOTTOM = operator.attrgetter("top", "bottom")
_UPRIGHT = operator.attrgetter("upright")


def _chains(items: list[Char], key: Callable[[Char], float], tolerance: float) -> list[list[Char]]:
    """Items sorted by ``key`` (stable) and cut where a value exceeds the previous one by more than ``tolerance``."""
    ordered = sorted(items, key=key)
    values = list(map(key, ordered))
    chain = [ordered[0]]
    chains = [chain]
    last = values[0]
    for item, value in zip(ordered[1:], values[1:]):
        if value > last + tolerance:
            chain = [item]
            chains.append(chain)
        else:
            chain.append(item)
        last = value
    return chains


def words(chars: list[Char]) -> list[list[Char]]:
    """Characters grouped into words (blanks kept inside), in pdfplumber's order.

    Runs of upright and of rotated characters are taken in page order; in a
    run, lines are clusters of tops (upright) or of left edges (rotated), and a
    line is read left to right (upright) or top to bottom (rotated).
    """
    out: list[list[Char]] = []
    for upright, run in itertools.groupby(chars, key=_UPRIGHT):
        run_chars = list(run)
        if upright:
            for line in _cluster_objects(run_chars, _TOP, WORD_Y_TOLERANCE):
                line.sort(key=_X0)  # pdfplumber sorts by (x0, x0): the same order
                out.extend(_spaces_put_back(_split(line, True)))
        else:
            for line in _cluster_objects(run_chars, _X0, WORD_X_TOLERANCE):
                line.sort(key=_TOP_BOTTOM)
                out.extend(_split(line, False))
    return out


def _split(line: list[Char], upright: bool) -> list[list[Char]]:
    """A line cut into words: where the next character starts before the
    previous one, more than the tolerance after its end, or more than the
    other tolerance across from it.  Upright text reads left to right (ends:
    x0 and x1, across: top); rotated text top to bottom, the tolerances swapped."""
    if upright:
        starts, ends, acrosses = map(_X0, line), map(_X1, line), map(_TOP, line)
        gap, drift = WORD_X_TOLERANCE, WORD_Y_TOLERANCE
    else:
        starts, ends, acrosses = map(_TOP, line), map(_BOTTOM, line), map(_X0, line)
        gap, drift = WORD_Y_TOLERANCE, WORD_X_TOLERANCE
    found: list[list[Char]] = []
    current: list[Char] = []
    last_start = last_end = last_across = 0.0
    for char, start, end, across in zip(line, starts, ends, acrosses):
        if current and (start < last_start or start > last_end + gap or abs(across - last_across) > drift):
            found.append(current)
            current = [char]
        else:
            current.append(char)
        last_start, last_end, last_across = start, end, across
    if current:
        found.append(current)
    return found


def _spaces_put_back(line_words: list[list[Char]]) -> list[list[Char]]:
    """The words of one upright line, those a word space apart (``WORD_SPACE``) joined with a space.

    Only between two Latin characters: Chinese is written without spaces, and a gap beside a CJK
    character is no word space.
    """
    if len(line_words) < 2:
        return line_words
    out = [line_words[0]]
    for word in line_words[1:]:
        last, first = out[-1][-1], word[0]
        gap = first.x0 - last.x1
        size = min(last.size, first.size)
        # why not OCR's characters: pdf/ocr.py spaces the words it recognised itself, and never
        # joins two words with a ruled line between them, however close
        # only where the gap alone cut the line (not a character out of order, nor one off the line)
        if (WORD_X_TOLERANCE < gap <= WORD_SPACE * size and abs(first.top - last.top) <= WORD_Y_TOLERANCE
                and last.confidence is None and (space := _word_space_between(last.text[-1:], first.text[:1])) is not None):
            gap_chars = [Char(" ", last.x1, last.top, first.x0, last.bottom, last.size, True, last.fontname)] if space else []
            out[-1] = out[-1] + gap_chars + word
        else:
            out.append(word)
    return out


def _word_space_between(left: str, right: str) -> str | None:
    """What a space-wide gap between these two characters stands for: a space (``" "``), nothing
    (``""``: a closing bracket after a word or figure, ``(13/10/2009`` ``)``), or no join (None).

    A space only between Latin words (``of`` ``new``, ``(Ordinary`` ``shares)``, ``HKD`` ``0.65``):
    never beside a CJK character (Chinese is written without spaces), nor between two digits or
    after a comma, bracket or dash. Why: a font whose glyphs advance wider than they are drawn
    leaves such gaps inside a figure (``30,`` ``000``) and a marker (``-`` ``-``), which are
    joined without a space later (forms/legacy/common.py).
    """
    if is_wide(left) or is_wide(right):
        return None
    if (left.isdigit() and right == "/") or (left == "/" and right.isdigit()):
        return " "  # a date slot typed with spaces, "( 13 / 10 / 2009 )"
    if left in "(（" and right.isdigit():
        return ""
    if not left.isalnum():
        return None
    if right in ")）":
        return ""
    if not (right.isalnum() or right in "(（") or (left.isdigit() and right.isdigit()):
        return None
    return " "


def word_text(word: list[Char]) -> str:
    """The text of a word, ligatures spelt out."""
    return "".join(LIGATURES.get(c.text, c.text) for c in word)
