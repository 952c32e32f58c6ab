"""Section headings of a scanned legacy return that OCR misread, found by the form's order (issue 15).

Tesseract's Chinese model reads a Roman ``I.`` as ``1`` or drops its stop, and
misreads an ideograph of a heading now and then ("承詳發行" for "承諾發行").  A
heading the label does not match is looked for again, on recognised pages only:
below the section before it and above the one after, at the left margin of the
headings found, and matching the label's words with its item number blind
(``number_blind``) or with at most one ideograph in four misread.  The template's
order of sections and the margin decide; a lone misread token never names a section.

Tesseract 5.5 also loses or adds a stroke of a Roman numeral ("II." read "I.",
"III." read "Il."), so a heading may match the label of the section before it
where that label's words begin the heading's own ("已發行股本變動" begins
"已發行股本變動詳情"): ``release_shared_headings`` gives such a heading up to the
section whose words it matches further, before the order is asked.
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


def release_shared_headings(
    anchors: dict[str, Phrase], keys: tuple[str, ...], labels: LegacyLabels, recognised: Callable[[Phrase], bool],
) -> None:
    """Drop from ``anchors`` each recognised heading that another section's words, item number blind, match further."""
    blind = {key: _blind_pattern(labels.text.get(f"section.{key}", "")) for key in keys}
    for key, anchor in list(anchors.items()):
        mine = blind[key]
        own = mine.search(anchor.text) if mine is not None and recognised(anchor) else None
        if own is None:
            continue
        for other, pattern in blind.items():
            found = pattern.search(anchor.text) if other != key and pattern is not None else None
            if found is not None and found.end() > own.end():
                del anchors[key]  # the heading is ``other``'s; ``anchor_by_order`` looks for this one again
                break


def _blind_pattern(label: str) -> re.Pattern[str] | None:
    blind = number_blind(label)
    return re.compile(spaced(blind), re.IGNORECASE) if blind is not None else None


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
    pattern = _blind_pattern(label)
    if pattern is not None:
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
