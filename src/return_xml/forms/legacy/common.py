"""Helpers of the legacy reader on the text of filled-in phrases: blank slots,
note markers, figures, dates, joined phrases and heading stacks."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from typing import overload

from return_xml.errors import FieldError
from return_xml.forms.legacy.labels import LegacyLabels
from return_xml.model import AuthorisedClass
from return_xml.pdf import values as v
from return_xml.pdf.cell_text import join_lines
from return_xml.pdf.currencies import CHINESE_WORDS, FIGURE_PREFIXES, alternation
from return_xml.pdf.document import PdfDocument, Phrase, lowest_confidence
from return_xml.pdf.layout import fold, lines_of

_BLANK_SLOT = re.compile(r"^[\s(（]*[\s/_.-]*[)）]?\s*$|^\(\s*/\s*/\s*\)$")
_DATE_SLOT = re.compile(r"[(（]\s*[\d\s/.-]*\d[\d\s/.-]*[)）]|\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}")
_MARKER = re.compile(r"[(（]\s*(?:Note|Remark|註|附註|备注|備註)\s*\d+\s*[)）]", re.IGNORECASE)
_MARKER_HEAD = re.compile(r"^[(（]\s*(?:Note|Remark|註|附註|備註)s?\s*$", re.IGNORECASE)
_MARKER_TAIL = re.compile(r"^\d+\s*[)）]$")
_UNIT = re.compile(r"\s*(?:units?|shares?|per\s+share|份|股)\s*$", re.IGNORECASE)
_MONEY = re.compile(
    rf"({alternation(FIGURE_PREFIXES + CHINESE_WORDS)})\s*([0-9][0-9,]*(?:\.[0-9]+)?)|([0-9][0-9,]*(?:\.[0-9]+)?)\s*({alternation(CHINESE_WORDS)})"
)
_TEMPLATE_WORDS = re.compile(r"State\s+currency|State|currency|請註明|貨幣", re.IGNORECASE)
# Patterns tried on many phrases per return, compiled once (re's own cache costs a lookup per call).
_UNDERSCORES = re.compile(r"_{2,}")
_EMPTY_DATE_SLOT = re.compile(r"[(（]\s*/\s*/\s*[)）]")
_CLOSING_BRACKET = re.compile(r"[)）]")
_OPEN_BRACKET_AT_END = re.compile(r"[(（][^)）]*$")
_DIGIT = re.compile(r"\d")
_PAGE_NUMBER = re.compile(r"[-\s]*\d{1,3}[-\s]*|Page \d+ of \d+|第\s*\d+\s*頁.*")
_SECTION_KEYS = ("I", "II", "III", "A", "B", "C", "D", "E", "grand", "remarks", "signatory")
_SECTION_MARKS = {"I": "I", "II": "II", "III": "III", "A": "III.A", "B": "III.B", "C": "III.C", "D": "III.D", "E": "III.E"}


# Why a bound: a header label wraps over two or three lines at most; further down is the next label.
MAX_LABEL_WRAP = 3.5  # line heights below the label's own line

_EDITION_PHRASE = re.compile(
    r"^\s*(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+20\d\d"
    r"|20\d\d\s*年\s*\d{1,2}\s*月)\s*$"
)

_BLANK_CHARS = frozenset("_()/ .-（）")


def _is_blank(text: str) -> bool:
    stripped = text.strip()
    if stripped.casefold() in v.ZERO_TOKENS:
        return False  # "--" and "---" mean zero (facts.md), though made of a blank slot's dashes
    return not stripped or bool(_BLANK_SLOT.match(stripped)) or set(stripped) <= _BLANK_CHARS


def _strip_template(text: str) -> str:
    """Drop note markers, fill-in underscores and empty ``( / / )`` slots from filled-in text."""
    text = _MARKER.sub(" ", text)
    text = _UNDERSCORES.sub(" ", text)
    text = _EMPTY_DATE_SLOT.sub(" ", text)
    return fold(text)


def _numeric(text: str) -> bool:
    try:
        return v.parse_number(_UNIT.sub("", _strip_template(text)), field="", page=None) is not None
    except FieldError:
        return False


def _figure_like(text: str, labels: LegacyLabels) -> bool:
    cleaned = _UNIT.sub("", _strip_template(text))
    return _numeric(cleaned) or bool(labels["not_applicable"].match(cleaned)) or cleaned.casefold() in v.ZERO_TOKENS



def _joined(phrases: Iterable[Phrase]) -> Phrase | None:
    """One phrase made of several (on one page), in reading order."""
    items = [p for line in lines_of(list(phrases)) for p in line]
    if not items:
        return None
    page = items[0].page
    same_page = [p for p in items if p.page == page]
    return Phrase(
        " ".join(p.text for p in items),
        page,
        min(p.x0 for p in same_page),
        min(p.top for p in same_page),
        max(p.x1 for p in same_page),
        max(p.bottom for p in same_page),
        lowest_confidence(items),
    )


def _bracketed_runs(phrases: Iterable[Phrase]) -> list[Phrase]:
    """The phrases with each bracketed run on a line joined into one, from ``(`` to its ``)``.

    Why: an empty date slot ``(   /   /   )`` is one phrase only while its
    spaces are in the text layer; PDFium (and some PDF producers) keep one
    space of a run, so the slot falls apart into ``(``, ``/``, ``/``, ``)``.
    """
    joined: list[Phrase] = []
    for line in lines_of(list(phrases)):
        run: list[Phrase] = []
        for phrase in line:
            if run:
                run.append(phrase)
                if _CLOSING_BRACKET.search(phrase.text):
                    joined.append(_joined(run))  # type: ignore[arg-type]  # a run is never empty: never None
                    run = []
            elif _OPEN_BRACKET_AT_END.search(phrase.text):
                run = [phrase]
            else:
                joined.append(phrase)
        joined.extend(run)  # a bracket never closed on its line: its pieces stay as they were
    return joined


@overload
def _with_text(phrase: Phrase, text: str) -> Phrase: ...
@overload
def _with_text(phrase: None, text: str) -> None: ...
@overload
def _with_text(phrase: Phrase | None, text: str) -> Phrase | None: ...
def _with_text(phrase: Phrase | None, text: str) -> Phrase | None:
    if phrase is None:
        return None
    return dataclasses.replace(phrase, text=text)



def _date_in_words(text: str):
    found = _WORD_DATE.search(text)
    return v.parse_date(found.group(0)) if found else None


def _with_split_runs_joined(phrases: list[Phrase]) -> list[Phrase]:
    """Join the runs of one bracketed label or one figure that the PDF holds apart on a line:
    an opening bracket at a run's end ("(" + "普通股)", "備註(" + "如有)"), a colon alone (":"), a figure cut
    at its thousands commas ("6," + "000," + "000") and a "--" cut into two dashes.

    Why: some fonts space a bracket or a digit group away from the rest (Chromium with a font whose
    glyphs advance wider than they are drawn); a label must match, and a figure read whole.
    """
    if not any(p.text.strip()[-1:] in _OPENING_BRACKETS or p.text.strip() in _COLONS or p.text.strip()[:1] in _CLOSING_BRACKETS
               or _FIGURE_HEAD.match(p.text)
               or _DASHES.match(p.text) for p in phrases):
        return phrases
    replaced: dict[int, Phrase] = {}
    drop: set[int] = set()
    for line in lines_of(phrases):
        current, first = line[0], line[0]
        for b in line[1:]:
            if _split_pair(current, b):
                current = Phrase(current.text.strip() + b.text.strip(), current.page, current.x0, min(current.top, b.top), b.x1,
                                 max(current.bottom, b.bottom), lowest_confidence((current, b)))
                drop.add(id(b))
                replaced[id(first)] = current
                continue
            current, first = b, b
    return [replaced.get(id(p), p) for p in phrases if id(p) not in drop]


def _split_pair(a: Phrase, b: Phrase) -> bool:
    # why -0.5: runs that touch end and start at one point, which single precision puts a hair apart
    if b.page != a.page or not -0.5 <= b.x0 - a.x1 <= (a.bottom - a.top) * 0.6:
        return False
    tail = b.text.strip()
    if a.text.strip()[-1:] in _OPENING_BRACKETS or tail in _COLONS or tail in _OPENING_BRACKETS or tail[:1] in _CLOSING_BRACKETS:
        # "備註(" + "如有)" + "：", and brackets printed in a Latin font beside a CJK label ("備註" + "(" +
        # "如有" + ")" + "："): a run that closes a bracket, or only opens one, is never a text of its own
        return True
    if _DASHES.match(a.text) and _DASHES.match(b.text):
        return True  # "--" (zero, facts.md) must not read as two "-" (no figure)
    # a digit group goes on only after a comma, and only with three digits
    return bool(_FIGURE_HEAD.match(a.text) and _FIGURE_TAIL.match(b.text)) and b.x0 - a.x1 <= (a.bottom - a.top) * 0.35


_OPENING_BRACKETS = frozenset("(（")
_CLOSING_BRACKETS = frozenset(")）")
_COLONS = frozenset(":：")
_DASHES = re.compile(r"^\s*[-－]+\s*$")
_FIGURE_HEAD = re.compile(r"^\s*[(（]?-?(?:[0-9]{1,3},)+\s*$")
_FIGURE_TAIL = re.compile(r"^\s*[0-9]{3}(?:,|[)）]|\.[0-9]+[)）]?)?\s*$")


def _without_split_markers(phrases: list[Phrase]) -> list[Phrase]:
    """Drop note markers printed as two runs ("(Remark" + "1)"), which would read as a figure "1"."""
    if not any(_MARKER_HEAD.match(p.text) for p in phrases):
        return phrases  # most returns have none: no need to group the whole return into lines
    drop: set[int] = set()
    for line in lines_of(phrases):
        for a, b in zip(line, line[1:]):
            if _MARKER_HEAD.match(a.text) and _MARKER_TAIL.match(b.text) and b.x0 - a.x1 < 8:
                drop.update((id(a), id(b)))
    return [p for p in phrases if id(p) not in drop]


def _heading_stacks(header: list[Phrase]) -> list[tuple[float, float, list[Phrase]]]:
    """Heading phrases grouped into columns: phrases stacked above each other, narrowest first.

    A phrase over several stacks (a spanning heading such as "Movement during the month") is left out.
    """
    stacks: list[tuple[float, float, list[Phrase]]] = []
    for phrase in sorted(_word_spaces_joined(header), key=lambda p: p.x1 - p.x0):
        touching = [i for i, (x0, x1, _) in enumerate(stacks) if _stacked(phrase.x0, phrase.x1, x0, x1)]
        if len(touching) > 1:
            continue
        if touching:
            x0, x1, members = stacks[touching[0]]
            stacks[touching[0]] = (min(x0, phrase.x0), max(x1, phrase.x1), members + [phrase])
        else:
            stacks.append((phrase.x0, phrase.x1, [phrase]))
    return stacks


# Why: a producer that writes no space characters (it positions each word instead) leaves one line
# of a heading as two runs a word space apart ("No. of new" + "shares of"); alone, each is narrower
# than its column and the heading line below them seems to span two columns. Headings of two
# columns stand further apart: their cells' padding and border lie between them.
WORD_SPACE = 0.3  # of the line's height: the widest gap that is a space between two words


def _word_spaces_joined(header: list[Phrase]) -> list[Phrase]:
    """``header`` with the runs of one line a word space apart joined into one phrase."""
    out: list[Phrase] = []
    for line in lines_of(header):
        current = line[0]
        for b in line[1:]:
            height = min(current.bottom - current.top, b.bottom - b.top)
            if b.page == current.page and 0 <= b.x0 - current.x1 <= WORD_SPACE * height:
                current = Phrase(join_lines([current.text, b.text]), current.page, current.x0, min(current.top, b.top), b.x1,
                                 max(current.bottom, b.bottom), lowest_confidence((current, b)))
            else:
                out.append(current)
                current = b
        out.append(current)
    return out


def stack_text(members: list[Phrase]) -> str:
    """The text of a heading stack: its lines top to bottom, the runs of a line left to right.

    Why by lines: a producer may print one line of a heading as two runs ("No. of new" + "shares
    of", a space it did not write as a character); by their tops alone their order is a guess.
    """
    return " ".join(p.text for line in lines_of(members) for p in line)


def _stacked(a0: float, a1: float, b0: float, b1: float) -> bool:
    """Two heading phrases belong to one column when they overlap for most of the narrower one."""
    overlap = min(a1, b1) - max(a0, b0)
    return overlap >= 0.5 * min(a1 - a0, b1 - b0)


def _own_slot(label: Phrase | None) -> Phrase | None:
    """The date slot typed into a label's own run, after the label's words, if any."""
    if label is None:
        return None
    text = v.normalise(label.text)
    found = _DATE_SLOT.search(text) or _WORD_DATE_SLOT.search(text)
    return _with_text(label, found.group(0)) if found else None


def _raised(phrase: Phrase, by: float) -> Phrase:
    return dataclasses.replace(phrase, top=phrase.top - by, bottom=phrase.bottom - by)


def _centre(phrase: Phrase) -> float:
    return (phrase.x0 + phrase.x1) / 2


def _is_page_number(phrase: Phrase, document: PdfDocument) -> bool:
    page = document.pages[phrase.page - 1]
    return phrase.top > page.height - 40 and bool(_PAGE_NUMBER.fullmatch(phrase.text))


def _carries_figure(item: AuthorisedClass) -> bool:
    for balance in (item.preceding, item.movement, item.close):
        if balance is None:
            continue
        if any(getattr(balance, name) is not None and getattr(balance, name).value is not None for name in ("shares", "par_value", "capital")):
            return True
    return False


_WORD_DATE = re.compile(
    r"\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{4}"
    r"|[0-9零一二三四五六七八九〇○]{4}\s*年\s*[0-9零一二三四五六七八九十]{1,3}\s*月\s*[0-9零一二三四五六七八九十]{1,3}\s*日"
    r"|\d{1,2}/\d{1,2}/\d{4}",
    re.IGNORECASE,
)
# A slot filled in with the date written out ("(2 August 2018)", "(2018年8月2日)").
_WORD_DATE_SLOT = re.compile(rf"[(（]\s*(?:{_WORD_DATE.pattern})\s*[)）]", re.IGNORECASE)


_ZH_DATE_SLOT = re.compile(
    r"[(（]([0-9零一二三四五六七八九〇○]{4}年[0-9零一二三四五六七八九十]{1,3}月[0-9零一二三四五六七八九十]{1,3}日)[)）]"
)
