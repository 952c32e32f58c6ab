"""The "Remarks:" boxes under the section III tables (A options ... E other movements).

facts.md: the remarks boxes the form prints outside the class blocks (under sections III A-E,
and the general remarks) are the return's one ``remarks`` text, joined with single spaces in
document order.  A box's text runs from its label to the next label of the form that follows
it in its section (a section total, the grand total, the next class block or remarks box).
"""

from __future__ import annotations

import re

from return_xml.forms.ff301.cells import same_line
from return_xml.model import Text
from return_xml.pdf import values as v
from return_xml.pdf.cell_text import join_lines
from return_xml.pdf.document import Phrase
from return_xml.pdf.layout import TOL, Region, fold


def remark_texts(region: Region, label: re.Pattern[str], stops: re.Pattern[str] | None) -> list[tuple[str, list[Phrase]]]:
    """Each remarks box of ``region``: its text and the phrases it was read from (blank boxes left out)."""
    phrases = sorted(region.phrases(), key=lambda p: (p.page, p.top, p.x0))
    # A stop label stops the box on its whole line (a total's words stand left of its "(AA1)").
    stop_lines = [(p.page, p.cy) for p in phrases if stops is not None and stops.search(p.text)]
    out: list[tuple[str, list[Phrase]]] = []
    inside: list[Phrase] | None = None
    for phrase in phrases:
        if label.search(phrase.text):
            if inside:
                out.append(_joined(inside))
            inside = []
            rest = label.sub("", phrase.text, count=1).strip()
            if rest:  # the text printed on the label's own line
                inside.append(Phrase(rest, phrase.page, phrase.x0, phrase.top, phrase.x1, phrase.bottom, phrase.confidence))
            continue
        if inside is None:
            continue
        if any(page == phrase.page and abs(cy - phrase.cy) <= TOL.same_line for page, cy in stop_lines):
            if inside:
                out.append(_joined(inside))
            inside = None
            continue
        inside.append(phrase)
    if inside:
        out.append(_joined(inside))
    return out


def _joined(phrases: list[Phrase]) -> tuple[str, list[Phrase]]:
    lines: list[list[Phrase]] = []
    for p in phrases:
        if lines and same_line(lines[-1][0], p):
            lines[-1].append(p)
        else:
            lines.append([p])
    return join_lines([" ".join(q.text for q in sorted(line, key=lambda q: q.x0)) for line in lines]), phrases


def section_remarks(regions: list[Region], label: re.Pattern[str], stops: re.Pattern[str] | None) -> Text | None:
    """The remarks of the III sections ``regions``, joined in document order (None when none is printed)."""
    boxes = [box for region in regions for box in remark_texts(region, label, stops)]
    boxes = [(text, phrases) for text, phrases in boxes if fold(text)]
    if not boxes:
        return None
    printed = "\n".join(text for text, _ in boxes)
    first = boxes[0][1][0]
    return Text(fold(" ".join(text for text, _ in boxes)), printed=printed, source=v.source_of(first))
