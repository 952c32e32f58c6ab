"""Table columns whose printed heading OCR misread, found by the table's order (issue 15).

Tesseract's Chinese model misreads a column heading now and then: ``普通股數日`` for
``普通股數目``, or a line of noise (``PHA BA``) for a heading it could not read.  The
label then names no column, and its figures would go to the nearest named one: a
count of shares read as a par value.  On recognised pages only, a column left
unnamed is looked for where the template puts it: the one heading stack between its
named neighbours in the table's order (``shares``, ``par_value``, ``capital``).
Where several columns side by side are unnamed (a run of them between two named
ones, or after the last), their unnamed stacks there are taken in order when they
are exactly as many as the columns missing; more or fewer leave them unnamed, as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from return_xml.forms.legacy.common import _heading_stacks
from return_xml.pdf.document import Phrase
from return_xml.pdf.layout import Column

# A heading has a word: an ideograph or a letter (a figure or a lone mark is no heading).
_WORD = re.compile(r"[A-Za-z\u3400-\u9fff]")


def columns_by_order(
    header: list[Phrase], columns: list[Column], order: Sequence[str], is_hint: Callable[[str], bool]
) -> list[Column]:
    """``columns`` with each name of ``order`` they miss found by its place between named neighbours.

    ``is_hint`` tells a heading stack that is only a currency hint (``(人民幣)``), which sits
    beside a heading and names no column.
    """
    named = {c.name: c for c in columns}
    if not named or len(named) == len(order):
        return columns
    stacks = [
        (x0, x1)
        for x0, x1, members in _heading_stacks(header)
        if not any(x0 < c.x1 and c.x0 < x1 for c in columns)
        and _WORD.search(text := " ".join(p.text for p in members)) and not is_hint(text)
    ]
    found: list[Column] = []
    index = 0
    while index < len(order):
        if order[index] in named:
            index += 1
            continue
        # The run of missing names from here to the next named one (or the table's end).
        end = next((k for k in range(index, len(order)) if order[k] in named), len(order))
        run = order[index:end]
        before = next((named[n] for n in reversed(order[:index]) if n in named), None)
        after = named[order[end]] if end < len(order) else None
        candidates = sorted(
            (x0, x1) for x0, x1 in stacks if (before is None or x0 > before.x1) and (after is None or x1 < after.x0)
        )
        # Why exactly as many: then the template's order names each; one more or less, and a stack
        # of noise (or a lost heading) would shift every column after it.
        if len(candidates) == len(run):
            found += [Column(name, *stack) for name, stack in zip(run, candidates)]
        index = end
    return sorted(columns + found, key=lambda c: order.index(c.name)) if found else columns
