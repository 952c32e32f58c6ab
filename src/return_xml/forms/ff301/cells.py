"""Helpers of the FF301 reader on the text of cells: item numbers, figures, money and lines of phrases."""

from __future__ import annotations

import re
from typing import Any

from return_xml.model import Text
from return_xml.pdf import values as v
from return_xml.pdf.cell_text import join_lines
from return_xml.pdf.currencies import FIGURE_PREFIXES, alternation
from return_xml.pdf.document import Page, Phrase
from return_xml.pdf.layout import TOL, fold, phrases_on_line
from return_xml.pdf.values import currency_code

# Why a slack: phrase and cell edges that touch differ by rounding of the PDF's coordinates.
EDGE_SLACK = 0.5  # points

_ITEM_NUMBER = re.compile(r"^\s*\d{1,3}\s*\)\s*\.?\s*")
_ITEM_NUMBER_CELL = re.compile(r"\d{1,3}\s*\)\s*\.?")  # a cell holding only an item number
_GLUED_CURRENCY = re.compile(rf"^({alternation(FIGURE_PREFIXES)})(?=[\d(.-])")


def same_line(a: Phrase, b: Phrase) -> bool:
    """Whether ``a`` and ``b`` stand on one line of one page."""
    return a.page == b.page and abs(a.cy - b.cy) <= TOL.same_line


def phrase_lines(phrases: list[Phrase]) -> list[list[Phrase]]:
    """Phrases grouped into lines by their vertical centre, each line left to right."""
    lines: list[list[Phrase]] = []
    for phrase in sorted(phrases, key=lambda p: (p.cy, p.x0)):
        if lines and same_line(lines[-1][0], phrase):
            lines[-1].append(phrase)
        else:
            lines.append([phrase])
    return [sorted(line, key=lambda p: p.x0) for line in lines]


def is_item_number(phrase: Phrase | None) -> bool:
    """Whether ``phrase`` holds only an item number (``1).``): the first cell of a section III item line."""
    return phrase is not None and bool(_ITEM_NUMBER_CELL.fullmatch(phrase.text.strip()))


def item_text(phrase: Phrase | None, page: int) -> Text:
    """Printed item text without its leading item number (``1).``)."""
    if phrase is None:
        return Text(None, printed="", source=v.Source(page))
    printed = phrase.text
    value = fold(join_lines(_ITEM_NUMBER.sub("", printed, count=1).split("\n")))  # wrapped CJK lines join without a space
    return Text(value or None, printed=printed, source=v.source_of(phrase))


def counts(cells: dict[str, Phrase | None], path: str, page: int, names: tuple[str, ...]) -> dict[str, Any]:
    """Count values for the columns that the table has; columns it lacks stay ``None``.

    Typed ``Any``: the keys are field names of the item, passed as its keyword arguments.
    """
    return {name: v.count(cells.get(name), field=f"{path}.{name}", page=page) for name in names if name in cells}


def looks_numeric(text: str) -> bool:
    """Whether ``text`` reads as a figure."""
    try:
        return v.parse_number(text, field="", page=None) is not None
    except v.FieldError:
        return False


def figure_left_of(page: Page, phrase: Phrase, after: float | None = None) -> Phrase | None:
    """The number printed on ``phrase``'s line just left of it (a total's figure)."""
    left = [p for p in phrases_on_line(page, phrase) if p.x1 <= phrase.x0 + EDGE_SLACK and (after is None or p.x0 > after)]
    numeric = [p for p in left if looks_numeric(p.text)]
    return numeric[-1] if numeric else None


def split_money(phrase: Phrase | None) -> tuple[str, str]:
    """``HKD 0.01`` -> (``HKD``, ``0.01``): a currency and a figure printed in one cell."""
    if phrase is None:
        return "", ""
    tokens = _GLUED_CURRENCY.sub(r"\1 ", fold(phrase.text)).split()
    codes = [t for t in tokens if currency_code(t)]
    rest = [t for t in tokens if not currency_code(t)]
    return (codes[0] if codes else ""), " ".join(rest)


def money_pairs(phrase: Phrase | None) -> list[tuple[str, str]]:
    """``HKD 100,000,000 USD 5`` -> [(HKD, 100,000,000), (USD, 5)]."""
    if phrase is None:
        return []
    pairs: list[tuple[str, str]] = []
    for token in _GLUED_CURRENCY.sub(r"\1 ", fold(phrase.text)).split():
        if currency_code(token):
            pairs.append((token, ""))
        elif pairs and not pairs[-1][1]:
            pairs[-1] = (pairs[-1][0], token)
        else:
            pairs.append(("", token))
    return [pair for pair in pairs if pair[1]]


def split_words(phrase: Phrase | None) -> tuple[str, str]:
    """A movement cell: its words (``Issued``) and its figure, printed in two sub-cells."""
    if phrase is None:
        return "", ""
    words: list[str] = []
    figures: list[str] = []
    for token in fold(phrase.text).split():
        (figures if looks_numeric(token) else words).append(token)
    return " ".join(words), " ".join(figures)
