"""Section headings of a scanned legacy return that OCR misread, found by the form's order (issue 15).

Tesseract's Chinese model reads a Roman ``I.`` as ``1`` or drops its stop, and
misreads an ideograph of a heading now and then ("承詳發行" for "承諾發行").  A
heading the label does not match is looked for again, on recognised pages only:
below the section before it and above the one after, at the left margin of the
headings found, and matching the label's words with its item number blind
(``number_blind``) or with at most one ideograph in four misread.  The template's
order of sections and the margin decide; a lone misread token never names a section.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from return_xml.forms.item_numbers import number_blind
from return_xml.forms.legacy.labels import LegacyLabels
from return_xml.forms.spaced_labels import spaced
from return_xml.pdf.document import Phrase
from return_xml.pdf.wide_chars import is_unified_ideograph

# Why a bound: the headings of the template are typed at one left margin; a scan's skew moves them a few points.
HEADING_MARGIN_SLACK = 8.0  # points
# Why these bounds: a heading's words are its ideographs; fewer than four are too few to tell
# a misread heading from other text, and more than one misread in four is another line.
MIN_HEADING_IDEOGRAPHS = 4
MISREAD_SHARE = 4  # at most one ideograph in this many may differ



def anchor_by_order(
    phrases: list[Phrase], anchors: dict[str, Phrase], keys: tuple[str, ...], labels: LegacyLabels,
    recognised: Callable[[Phrase], bool],
) -> None:
    """Add to ``anchors`` the headings of ``keys`` (in the form's order) that OCR misread; see the module."""
    margin = min((a.x0 for a in anchors.values()), default=None)
    if margin is None:
        return
    for index, key in enumerate(keys):
        if key in anchors:
            continue
        matches = _matcher(labels.text.get(f"section.{key}", ""))
        if matches is None:
            continue
        after = max(((a.page, a.top) for k, a in anchors.items() if keys.index(k) < index), default=(0, 0.0))
        before = min(((a.page, a.top) for k, a in anchors.items() if keys.index(k) > index), default=(10**6, 0.0))
        taken = set(map(id, anchors.values()))
        found = next(
            (
                p
                for p in phrases
                if after < (p.page, p.top) < before and abs(p.x0 - margin) <= HEADING_MARGIN_SLACK
                and id(p) not in taken and recognised(p) and matches(p.text)
            ),
            None,
        )
        if found is not None:
            anchors[key] = found


def _matcher(label: str) -> Callable[[str], bool] | None:
    """How a misread heading of ``label`` is told: its words after any item number, or its ideographs nearly."""
    blind = number_blind(label)
    if blind is not None:
        pattern = re.compile(spaced(blind), re.IGNORECASE)
        return lambda text: pattern.search(text) is not None
    words = "".join(filter(is_unified_ideograph, label))
    if len(words) < MIN_HEADING_IDEOGRAPHS:
        return None
    return lambda text: _nearly(words, "".join(filter(is_unified_ideograph, text))[: len(words)])


def _nearly(words: str, read: str) -> bool:
    """``read`` is ``words`` with at most one ideograph in ``MISREAD_SHARE`` misread (none lost or added)."""
    if len(read) != len(words):
        return False
    return sum(a != b for a, b in zip(words, read)) <= len(words) // MISREAD_SHARE
