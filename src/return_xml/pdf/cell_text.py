"""Labels wrapped inside narrow cells, read as one phrase.

A producer that sets a form in a narrower cell than the form server does (or a longer
label) wraps it: ``Stock code of shares issuable (if`` / ``listed on SEHK) (Note 1)``.
The readers match a label in the text of one phrase, so a page is read with the lines of
such a cell joined into one phrase spanning them.  Only cells of words are joined: a cell
that prints a figure on a line of its own (a movement cell of labelled figures,
``Granted`` / ``0``) keeps its lines, and values are read from boxes, not phrases, anyway.
"""

from __future__ import annotations

import dataclasses
import re

from return_xml.pdf.document import Page, Phrase, lowest_confidence
from return_xml.pdf.wide_chars import is_wide

_FIGURE = re.compile(r"^[(（]?[-−]?[\d,，]+(?:[.．]\d+)?[)）]?$")
_ENDS_IN_FIGURE = re.compile(r"(?:^|\s)[-−]?\d[\d,，]*(?:[.．]\d+)?$")  # "Granted 0", not "(Note 1)"
SAME_LINE = 2.5  # points between the vertical centres of two phrases of one line


def join_lines(lines: list[str]) -> str:
    """Lines of one wrapped text, joined as the text reads: a break beside a CJK character joins without a space.

    Why either side: Chinese text sets Latin letters and figures among its characters without
    spaces (``1.5%可換股債券``, ``200,000,000美元``), so a line broken between ``1.5%`` and ``可換股``
    had no space there.
    """
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if out and not (is_wide(line[0]) or is_wide(out[-1])):
            out += " "
        out += line
    return out


def with_joined_cells(page: Page) -> Page:
    """``page`` with the lines of each multi-line cell of words joined into one phrase."""
    phrases = page.phrases
    joined: dict[int, Phrase] = {}
    dropped: set[int] = set()
    for x0, top, x1, bottom in page.cells():
        inside = [i for i, p in enumerate(phrases)
                  if i not in dropped and x0 <= (p.x0 + p.x1) / 2 <= x1 and top <= p.cy <= bottom]
        if len(inside) < 2 or any(_FIGURE.match(phrases[i].text.strip()) or _ENDS_IN_FIGURE.search(phrases[i].text.strip())
                                  for i in inside):
            continue
        ordered = sorted(inside, key=lambda i: (phrases[i].cy, phrases[i].x0))
        lines: list[list[Phrase]] = []
        for i in ordered:
            p = phrases[i]
            if lines and abs(lines[-1][0].cy - p.cy) <= SAME_LINE:
                lines[-1].append(p)
            else:
                lines.append([p])
        if len(lines) < 2 or any(len(line) > 1 for line in lines):
            continue  # one line, or a row of several phrases: no wrapped label
        members = [phrases[i] for i in ordered]
        text = join_lines([line[0].text for line in lines])
        joined[ordered[0]] = Phrase(text, page.number, min(p.x0 for p in members), members[0].top,
                                    max(p.x1 for p in members), max(p.bottom for p in members), lowest_confidence(members))
        dropped.update(ordered)
    if not joined:
        return page
    out = [joined.get(i, p) for i, p in enumerate(phrases) if i in joined or i not in dropped]
    return dataclasses.replace(page, phrases=out)


def with_mended_words(page: Page) -> Page:
    """``page`` with a word cut in two phrases joined again: ``V. Confi`` | ``rmations``.

    A ligature glyph ("fi") decoded as two characters that share its start leaves a gap
    after it wider than a word's, so the decoder ends the phrase inside the word.  Only a
    cut between a letter and a lower-case letter, closer than half the text height, is mended.
    """
    phrases = sorted(page.phrases, key=lambda p: (round(p.cy), p.x0))
    out: list[Phrase] = []
    mended = False
    for p in phrases:
        last = out[-1] if out else None
        if (last is not None and abs(last.cy - p.cy) <= SAME_LINE and 0 <= p.x0 - last.x1 < (p.bottom - p.top) * 0.5
                and last.text[-1:].isalpha() and p.text[:1].islower()):
            out[-1] = Phrase(last.text + p.text, page.number, last.x0, min(last.top, p.top), p.x1, max(last.bottom, p.bottom),
                             lowest_confidence((last, p)))
            mended = True
        else:
            out.append(p)
    if not mended:
        return page
    keep = set(map(id, out))
    # Keep the page's own order for the phrases not mended.
    order = [q for q in page.phrases if id(q) in keep]
    extra = [q for q in out if id(q) not in set(map(id, page.phrases))]
    return dataclasses.replace(page, phrases=order + extra)
