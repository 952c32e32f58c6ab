"""The figure audit: every figure printed on the pages is accounted for, or reported.

After a reading, each figure printed on the pages of the return must be one of
three things:

- a value of the model: its centre lies in the box of a value read from the
  page, or its line is part of a text value (remarks, particulars) read whole;
- the template's own text: item, column, page and note numbers, the form's
  edition, and the figures the form prints in its labels (``labels.py`` of
  each family lists those as ``TEMPLATE_FIGURES``);
- otherwise an *unread figure*, returned with its page, box and printed text,
  so that the verdict says ``needs review`` instead of vouching for a reading
  that dropped it.

The audit knows no section and no label of its own: it only compares what is
printed with what was read.  That is what makes it catch what a reader was
never taught (a new edition, a producer that splits text differently).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields, is_dataclass, replace

from return_xml.model import Audit, MonthlyReturn, Reading, Text, UnreadFigure
from return_xml.model.values import Box, Source
from return_xml.pdf.document import Page, PdfDocument, Phrase
from return_xml.pdf.layout import fold

# A figure: digits with optional grouping, decimals, sign or brackets.  Digits glued to
# letters (``FF301``, ``v1.2.0``, ``HK$0.01`` is not glued: ``$`` is no letter) are part of a word.
_FIGURE = re.compile(r"(?<![A-Za-z0-9_.．])[(（]?[-−]?\d[\d,，]*(?:[.．]\d+)?[)）]?(?![A-Za-z0-9_]|[.．]\d)")
_ONLY_DIGITS = re.compile(r"\d")
# A phrase that is nothing but a zero in words: the "no movement" markers of facts.md.
_ZERO_CELL = re.compile(r"\s*(?:Nil|NIL|nil|-{2,3}|－{2,3}|—{1,2})\s*")

# Numbers the template prints everywhere, whatever the family.
_GENERIC_TEMPLATE = (
    re.compile(r"^[-–—\s]*\d{1,3}[-–—\s]*$"),  # a page number on its own (checked near a page edge only)
    re.compile(r"\bPage\s*\d+\s*of\s*\d+\b", re.IGNORECASE),
    re.compile(r"第\s*\d+\s*頁(?:\s*[，,/]?\s*共\s*\d+\s*頁)?"),
    re.compile(r"[(（]\s*(?:Notes?|Remarks?|註|附註|備註|备注)\s*\d+(?:\s*[,&及和至-]\s*\d+)*\s*[)）]", re.IGNORECASE),
    re.compile(r"\b(?:Notes?|Remarks?)\s*\d+\b", re.IGNORECASE),
    re.compile(r"(?:附註|備註|註)\s*\d+"),
    re.compile(r"[(（]\s*\d{1,2}\s*[)）]"),  # column and item numbers: (1), (2)
    re.compile(r"\bv\s?\d+(?:\.\d+){1,3}\b"),  # an edition printed in a footer: v1.2.0, v 1.0.2
    re.compile(r"(?<![\d.])\d+\.\d+\.\d+(?![\d.])"),  # a version of three parts (1.1.1): money has one point
    re.compile(r"^\s*\d{1,2}\s*(?:[.．](?!\d)|[)）、])"),  # an item number opening a line: 1. 2) 3、 (not 1.50)
)
REPEATED_RETURN = "holds the same return"  # the words of a reader's note on a PDF holding its return twice
_EDGE = 60.0  # points from the top or bottom edge where a lone number is a page number


@dataclass(frozen=True)
class FigureAudit:
    """What the audit found: how many printed figures it checked, and those no value accounts for."""

    figures: int
    unread: tuple[UnreadFigure, ...]


def audited(document: PdfDocument, monthly_return: MonthlyReturn, template: Iterable[re.Pattern[str]] = ()) -> MonthlyReturn:
    """``monthly_return`` with the figure audit of ``document`` in its ``audit`` (no verdict yet).

    A PDF that holds the same return several times is read once (a reading
    note starts at the second copy): only the pages of the copy read are audited.
    """
    last = len(document.pages)
    for note in monthly_return.reading_notes:
        if note.page is not None and REPEATED_RETURN in note.message:
            last = min(last, note.page - 1)
    found = audit_figures(document, monthly_return, template=template, pages=range(1, last + 1))
    return replace(monthly_return, audit=Audit(figures=found.figures, unread=found.unread))


def audit_figures(
    document: PdfDocument,
    monthly_return: MonthlyReturn,
    *,
    template: Iterable[re.Pattern[str]] = (),
    pages: Iterable[int] | None = None,
) -> FigureAudit:
    """Compare every printed figure of ``pages`` (default: all) with the values of ``monthly_return``.

    ``template`` adds the patterns of one form family's own printed figures
    (its labels that contain numbers).  A figure inside a phrase matched by a
    template pattern is template text.
    """
    patterns = tuple(_GENERIC_TEMPLATE) + tuple(template)
    wanted = set(pages) if pages is not None else {p.number for p in document.pages}
    boxes, texts = _read_places(monthly_return)
    count = 0
    unread: list[UnreadFigure] = []
    for page in document.pages:
        if page.number not in wanted:
            continue
        page_boxes = boxes.get(page.number, [])
        page_texts = [printed for first, last, printed in texts if first <= page.number <= last]
        later_texts = [printed for first, last, printed in texts if last < page.number]
        for phrase in page.phrases:
            for token, box in _figures(page, phrase, patterns):
                count += 1
                if _covered(token, box, page_boxes):
                    continue
                if _in_text(phrase, page_texts) or _in_sentence(phrase, later_texts):
                    continue
                unread.append(UnreadFigure(figure=Text(token, printed=token, source=Source(page.number, box))))
    return FigureAudit(count, tuple(unread))


def _figures(page: Page, phrase: Phrase, patterns: tuple[re.Pattern[str], ...]) -> Iterator[tuple[str, Box]]:
    """The figures printed in ``phrase`` that are not template text, each with its box."""
    text = phrase.text
    if _ZERO_CELL.fullmatch(text):
        # A cell that prints a zero in words (Nil, --) is a figure too: a reader that skips it drops a zero.
        yield text.strip(), (phrase.x0, phrase.top, phrase.x1, phrase.bottom)
        return
    if not _ONLY_DIGITS.search(text):
        return
    masked = _masked(text, patterns, near_edge=phrase.top < _EDGE or phrase.bottom > page.height - _EDGE)
    for m in _FIGURE.finditer(masked):
        token = m.group(0).strip()
        if not _ONLY_DIGITS.search(token):
            continue
        yield token, _token_box(phrase, m.start(), m.end())


def _masked(text: str, patterns: tuple[re.Pattern[str], ...], *, near_edge: bool) -> str:
    """``text`` with every template match blanked out (same length, so offsets still hold)."""
    out = text
    for index, pattern in enumerate(patterns):
        if index == 0 and not near_edge:
            continue  # a lone number away from the page edges is a figure, not a page number
        out = pattern.sub(lambda m: " " * len(m.group(0)), out)
    return out


def _token_box(phrase: Phrase, start: int, end: int) -> Box:
    """The box of ``phrase.text[start:end]``, estimated along the phrase (its characters share one line)."""
    length = max(len(phrase.text), 1)
    width = phrase.x1 - phrase.x0
    return (phrase.x0 + width * start / length, phrase.top, phrase.x0 + width * end / length, phrase.bottom)


def _covered(token: str, box: Box, boxes: list[tuple[Box, str]]) -> bool:
    """True when a value read from a box around the figure printed the figure itself.

    The box alone is not enough: one cell may hold a currency and a figure
    (``HKD 0.01``), and a reader that read the currency only has not read the figure.
    """
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    digits = _digits(token) if not _ZERO_CELL.fullmatch(token) else ""
    # Why the slack: a value's box is its phrase's, the figure's is estimated from character counts.
    return any(
        b[0] - 2.0 <= cx <= b[2] + 2.0 and b[1] - 1.0 <= cy <= b[3] + 1.0 and digits in printed
        for b, printed in boxes
    )


def _digits(text: str) -> str:
    """The digits and decimal points of ``text`` (grouping, signs, brackets and spaces dropped)."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if ch.isdigit() or ch == ".")


_SENTENCE_CHARS = 20


def _in_text(phrase: Phrase, texts: list[str]) -> bool:
    """True when the whole line is part of a text value read whole (remarks, particulars)."""
    line = fold(phrase.text)
    if len(line) < 3:
        return False
    return any(line in printed for printed in texts)


def _in_sentence(phrase: Phrase, texts: list[str]) -> bool:
    """True when the line is a sentence of a text value read whole that began pages before it.

    Why: FF301 prints a "Remarks:" box under each of III A-E, and facts.md joins them into one
    text whose source is its first box; a box pages later holds its lines too.  Why a sentence
    only (three words or more, 20 characters): a cell far from the text that prints a figure or a
    date the text also quotes must still be read in its own box.
    """
    line = fold(phrase.text)
    if len(line) < _SENTENCE_CHARS or sum(1 for word in line.split() if any(ch.isalpha() for ch in word)) < 3:
        return False
    return any(line in printed for printed in texts)


def _read_places(monthly_return: MonthlyReturn) -> tuple[dict[int, list[tuple[Box, str]]], list[tuple[int, int, str]]]:
    """The box and printed digits of every value read, by page; and every text value's printed text with its pages."""
    boxes: dict[int, list[tuple[Box, str]]] = {}
    texts: list[tuple[int, int, str]] = []
    for reading in _readings(monthly_return):
        source = reading.source
        if source is None:
            continue
        if source.box is not None and reading.printed:
            boxes.setdefault(source.page, []).append((source.box, _digits(reading.printed)))
        if (isinstance(reading, Text) and reading.printed and _ONLY_DIGITS.search(reading.printed)
                and (source.box is None or len(reading.printed.split()) > 1)):
            # A text read whole may run on over the next pages (remarks): its lines count there too.
            # Why not a text of one word (a stock code): it is a figure in its box, and the same code
            # printed again in another block must be read there too, not pass as part of this one.
            texts.append((source.page, source.page + 2, fold(reading.printed)))
    return boxes, texts


def _readings(node: object) -> Iterator[Reading]:
    if isinstance(node, Reading):
        yield node
    elif isinstance(node, tuple):
        for item in node:
            yield from _readings(item)
    elif is_dataclass(node) and not isinstance(node, type):
        for f in fields(node):
            if f.name != "audit":
                yield from _readings(getattr(node, f.name))
