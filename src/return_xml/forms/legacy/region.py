"""A part of the return's phrases in reading order (``_Region``), with the label look-ups the reader asks of it."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from return_xml.forms.legacy.headings import continued_texts
from return_xml.pdf.document import Phrase


@dataclass
class _Region:
    """Phrases of a part of the return, in reading order.

    ``between`` and ``on_line`` are asked thousands of times per return; when
    the phrases are sorted by their key (page, centre height), as the whole
    return and every part cut from it are, they bisect that key instead of
    looking at every phrase.  A region in another order (``grand_total``
    prepends the figures above its label) is scanned phrase by phrase.
    """

    phrases: list[Phrase]
    # (page, centre height) of each phrase, and whether they are in that order; computed on first use.
    _keys: list[tuple[int, float]] | None = field(default=None, repr=False, compare=False)
    _sorted: bool = field(default=False, repr=False, compare=False)
    _wrapped: dict[int, str] | None = field(default=None, repr=False, compare=False)

    def _reading_keys(self) -> list[tuple[int, float]]:
        if self._keys is None:
            # By the middle of the phrase: a value typed a little higher than its
            # label still belongs to the label's line.
            self._keys = [(p.page, p.cy) for p in self.phrases]
            self._sorted = all(a <= b for a, b in zip(self._keys, self._keys[1:]))
        return self._keys

    def find(self, pattern: re.Pattern[str]) -> list[Phrase]:
        return [p for p in self.phrases if pattern.search(p.text)]

    def find_wrapped(self, pattern: re.Pattern[str]) -> list[Phrase]:
        """The phrases that open a label matching ``pattern``, on their own line or wrapped
        over the next lines at the same left edge ("Stock code (if" / "listed)")."""
        continued = self._continued()
        return [p for p in self.phrases if pattern.search(p.text) or (id(p) in continued and pattern.search(continued[id(p)]))]

    def first_wrapped(self, pattern: re.Pattern[str]) -> Phrase | None:
        found = self.first(pattern)
        if found is not None:
            return found
        continued = self._continued()
        search = pattern.search
        return next((p for p in self.phrases if id(p) in continued and search(continued[id(p)])), None)

    def wrapped_text(self, phrase: Phrase) -> str:
        """``phrase``'s text with the lines it goes on in below it (see ``find_wrapped``)."""
        return self._continued().get(id(phrase), phrase.text)

    def _continued(self) -> dict[int, str]:
        """The text of each phrase joined with the phrases that go on below it, line after line, at its left edge."""
        if self._wrapped is None:
            self._wrapped = continued_texts(self.phrases)
        return self._wrapped

    def first(self, pattern: re.Pattern[str]) -> Phrase | None:
        search = pattern.search
        return next((p for p in self.phrases if search(p.text)), None)

    def between(self, start: Phrase | None, end: Phrase | None) -> _Region:
        """The phrases from ``start``'s line (1 pt above its top) up to ``end``'s line (exclusive)."""
        keys = self._reading_keys()
        low = (start.page, start.top - 1.0) if start is not None else None
        high = (end.page, end.top - 1.0) if end is not None else None
        if self._sorted:
            first = 0 if low is None else bisect.bisect_left(keys, low)
            last = len(keys) if high is None else bisect.bisect_left(keys, high)
            return _Region(self.phrases[first:last], _keys=keys[first:last], _sorted=True) if first < last else _Region([])
        return _Region(
            [p for p, k in zip(self.phrases, keys) if (low is None or k >= low) and (high is None or k < high)]
        )

    def on_line(self, anchor: Phrase, tolerance: float = 3.5) -> list[Phrase]:
        keys = self._reading_keys()
        candidates = self.phrases
        if self._sorted:
            # Only the phrases of the anchor's page near its height (1 pt of slack
            # around the tolerance); the exact test below decides, as before.
            first = bisect.bisect_left(keys, (anchor.page, anchor.cy - tolerance - 1.0))
            last = bisect.bisect_right(keys, (anchor.page, anchor.cy + tolerance + 1.0))
            candidates = self.phrases[first:last]
        return sorted((p for p in candidates if p.page == anchor.page and abs(p.cy - anchor.cy) <= tolerance), key=lambda p: p.x0)

    def right_of(self, anchor: Phrase, stop: re.Pattern[str] | None = None) -> list[Phrase]:
        out = []
        for p in self.on_line(anchor):
            if p is anchor or p.x0 < anchor.x1 - 1:
                continue
            if stop is not None and stop.search(p.text):
                break
            out.append(p)
        return out
