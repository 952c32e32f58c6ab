"""The section totals (AA1/AA2 ... EE1/EE2) and the grand totals (total of A to E) of an FF301 return."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass

from return_xml.forms.ff301.cells import figure_left_of, looks_numeric
from return_xml.forms.ff301.structure import FormStructure
from return_xml.model import Count, SectionTotal, ShareClass, Text
from return_xml.pdf import values as v
from return_xml.pdf.document import Phrase
from return_xml.pdf.layout import fold, phrases_on_line

_SECTION_OF_TOTAL = {"AA": "options", "BB": "warrants", "CC": "convertibles", "DD": "arrangements", "EE": "other_movements"}


@dataclass
class _TotalLine:
    """A class's total line: the phrase naming the class, and its issued (…1) and treasury (…2) counts."""

    phrase: Phrase
    issued: Count | None = None
    treasury: Count | None = None


class _TotalLines:
    """Printed total lines by class, pairing the n-th issued line of a class with its n-th treasury line.

    Two classes may print the same text (an A+H issuer: ``Ordinary shares``
    twice), so a class text alone does not name a line.
    """

    def __init__(self) -> None:
        self.lines: dict[tuple[str, int], _TotalLine] = {}
        self._seen: dict[tuple[str, str], int] = {}

    def add(self, class_text: str, phrase: Phrase, kind: str, count: Count) -> None:
        """Record the ``kind`` (``issued`` or ``treasury``) count printed for ``class_text`` at ``phrase``."""
        n = self._seen.get((class_text, kind), 0)
        self._seen[(class_text, kind)] = n + 1
        line = self.lines.setdefault((class_text, n), _TotalLine(phrase))
        if kind == "issued":
            line.issued = count
        else:
            line.treasury = count


class TotalsReading(FormStructure):
    """The totals of section III (part of ``reader._Reading``)."""

    def section_totals(self) -> dict[str, tuple[SectionTotal, ...]]:
        """Section totals AA1/AA2 ... EE1/EE2, one item per printed class line."""
        found: dict[str, _TotalLines] = {name: _TotalLines() for name in _SECTION_OF_TOTAL.values()}
        pattern = self.labels["section_total"]
        for phrase in self.whole.phrases():
            m = pattern.search(phrase.text)
            if m is None:
                continue
            section = _SECTION_OF_TOTAL[m.group("section")]
            kind = "issued" if m.group("kind") == "1" else "treasury"
            figure = figure_left_of(self.page(phrase.page), phrase)
            count = v.count(figure, field=f"{section}_total.{m.group('section')}{m.group('kind')}", page=phrase.page)
            found[section].add(fold(phrase.text[: m.start()]), phrase, kind, count)
        return {section: tuple(self._totals(lines)) for section, lines in found.items()}

    def _totals(self, lines: _TotalLines) -> Iterator[SectionTotal]:
        for (class_text, _), line in lines.lines.items():
            yield SectionTotal(
                share_class=ShareClass(
                    category=self.labels.category(class_text),
                    class_name=Text(class_text, printed=class_text, source=v.source_of(line.phrase)),
                ),
                issued=line.issued,
                treasury=line.treasury,
            )

    def grand_total(self) -> tuple[SectionTotal, ...]:
        """Total increase / decrease of A to E (AA1 to EE1) and of treasury (AA2 to EE2), per class line.

        v1.1+ prints ``label: figure class``; v1.0.x prints the class inside
        the label (``... in Ordinary shares during the month (i.e. Total of A
        to E) 0``): the label pattern then has a group ``class``.
        """
        lines = _TotalLines()
        for key, kind in (("grand_total.issued", "issued"), ("grand_total.treasury", "treasury")):
            if not self.labels.has(key):
                continue
            pattern = self.labels[key]
            for label in self.whole.find(pattern):
                page = self.page(label.page)
                right = [p for p in phrases_on_line(page, label) if p.x0 > label.x1]
                if "class" in pattern.groupindex:
                    m = pattern.search(label.text)
                    assert m is not None  # the label was found by this pattern
                    class_text, class_phrase = fold(m.group("class")), label
                    rest = label.text[m.end():].strip(" :：")
                    if rest and looks_numeric(rest):  # the figure was printed close enough to join the label
                        figure: Phrase | None = dataclasses.replace(label, text=rest)
                    else:
                        figure = next((p for p in right if looks_numeric(p.text)), None)
                else:
                    words = [p for p in right if not looks_numeric(p.text)]
                    if not words:
                        continue
                    class_phrase = words[-1]
                    class_text = fold(class_phrase.text)
                    figure = figure_left_of(page, class_phrase, after=label.x1)
                lines.add(class_text, class_phrase, kind, v.count(figure, field=f"total_increase.{kind}", page=label.page))
        return tuple(self._totals(lines))
