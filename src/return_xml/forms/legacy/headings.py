"""Section headings whose item number is printed apart from its heading text.

Word prints ``I. Movements in Authorised Share Capital`` as one run; LibreOffice,
a browser or a tab-stop layout often print the item number ``I.`` (or ``(A)``)
as a run of its own, a tab away from the heading.  The section labels match a
heading with its number, so the two runs of one line are joined here first.
"""

from __future__ import annotations

import re

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
