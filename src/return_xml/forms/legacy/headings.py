"""Section headings whose item number is printed apart from its heading text.

Word prints ``I. Movements in Authorised Share Capital`` as one run; LibreOffice,
a browser or a tab-stop layout often print the item number ``I.`` (or ``(A)``)
as a run of its own, a tab away from the heading.  The section labels match a
heading with its number, so the two runs of one line are joined here first.
"""

from __future__ import annotations

import re
import unicodedata

from return_xml.pdf.document import Phrase, lowest_confidence
from return_xml.pdf.layout import lines_of

# An item number on its own: a section's roman numeral, or a lettered part of section III.
_ITEM_NUMBER = re.compile(r"^\s*(?:(?:I|II|III|IV|V|VI)\s*[.．]|[(（]\s*[A-E]\s*[)）]|[A-E]\s*[.．])\s*$")
# The same as OCR reads a Roman numeral (``item_numbers.py``): ``I`` as ``l``, ``1``, ``|`` or ``!``
# ("Il.", "l.") and its stop as a comma.  Why at least one letter or bar: a lone ``1.`` or
# ``11.`` is the number of a list item (a class, a scheme), not a misread section numeral.
_RECOGNISED_ITEM_NUMBER = re.compile(
    r"^\s*(?:(?=[^.．,·]*[Il|!Vv])(?:[Il1|!]{1,3}|[Il1|!]?[Vv][Il1|!]?)\s*[.．,·]|[(（]\s*[A-E]\s*[)）]\s*[.．,·]?)\s*$"
)
# Why a bound: a heading is the next text on the line after its number; a number far left of
# a line's other text is a column or a marker, not a heading's.
MAX_ITEM_GAP = 120.0  # points: a tab stop or two at most


def _is_item_number(phrase: Phrase) -> bool:
    """A lone item number: as printed, or (on a page recognised by OCR) as Tesseract reads one."""
    if _ITEM_NUMBER.match(phrase.text):
        return True
    return phrase.confidence is not None and _RECOGNISED_ITEM_NUMBER.match(phrase.text) is not None


def with_item_numbers_joined(phrases: list[Phrase]) -> list[Phrase]:
    """``phrases`` with each lone item number joined to the text that follows it on its line."""
    if not any(_is_item_number(p) for p in phrases):
        return phrases  # the number and heading are one run already: nothing to join
    joined: dict[int, Phrase] = {}
    drop: set[int] = set()
    for line in lines_of(phrases):
        for number, heading in zip(line, line[1:]):
            if id(number) in drop or not _is_item_number(number) or _is_item_number(heading):
                continue
            if not 0 <= heading.x0 - number.x1 <= MAX_ITEM_GAP:
                continue
            joined[id(number)] = Phrase(
                f"{number.text.strip()} {heading.text}", number.page, number.x0, min(number.top, heading.top),
                heading.x1, max(number.bottom, heading.bottom), lowest_confidence((number, heading)),
            )
            drop.add(id(heading))
    return [joined.get(id(p), p) for p in phrases if id(p) not in drop]


# Why a bound: a wrapped label goes on in the next line, with no more than a line's leading between.
MAX_WRAP_LEADING = 0.8  # of the line's height, between one line's bottom and the next line's top
MAX_WRAPPED_LINES = 3  # a label wraps over three lines at most


def continued_texts(phrases: list[Phrase]) -> dict[int, str]:
    """For each phrase that goes on in the lines below it (a phrase there starts at its left
    edge), its text joined with theirs; keyed by ``id`` of the phrase."""
    return {key: _joined_lines([p.text for p in run]) for key, run in continued_phrases(phrases).items()}


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def _joined_lines(lines: list[str]) -> str:
    """Wrapped lines as one text: a space between them, none where a Chinese word was broken.

    Why: Chinese is written without spaces, and a cell breaks a label anywhere ("發行及配發日" /
    "期：(日/月/年)"); a space put there would part the label's words and it would not match.
    """
    out = ""
    for line in lines:
        text = line.strip()
        if out and text and not (_wide(out[-1]) and _wide(text[0])):
            out += " "
        out += text
    return out


def continued_phrases(phrases: list[Phrase]) -> dict[int, list[Phrase]]:
    """For each phrase that goes on in the lines below it, the phrase and those that continue it."""
    lines = lines_of(phrases)
    out: dict[int, list[Phrase]] = {}
    for n, line in enumerate(lines):
        for phrase in line:
            run, last = [phrase], phrase
            for below in lines[n + 1 : n + MAX_WRAPPED_LINES]:
                follow = next((q for q in below if abs(q.x0 - phrase.x0) <= 2.5), None)
                height = last.bottom - last.top
                if follow is None or follow.page != last.page or follow.top - last.bottom > MAX_WRAP_LEADING * height:
                    break
                run.append(follow)
                last = follow
            if len(run) > 1:
                out[id(phrase)] = run
    return out
