"""Which class a total line stands for where two classes print the same class text.

A total line (section III ``Total A (AA1) ... Ordinary shares``, the grand
total of A to E) names its class by the class text alone.  An issuer with H
and A shares prints two class blocks that are both ``Ordinary shares`` (普通股),
told apart only by their type of shares and stock code, and one total line per
class, in the order of the blocks: the class text then matches both classes,
and a sum over "the class" would add the H figures to the A ones.

Trap: only where the class text is ambiguous (several section II classes print
it) is a line tied to one class, and only where the lines of that text are as
many as the classes of that text they can stand for (the n-th line is the n-th
class).  Anywhere else a line keeps matching every class of its text, as
``same_class`` does: a line is never tied to a class on a guess.
"""

from __future__ import annotations

from collections.abc import Sequence

from return_xml.model import MonthlyReturn, ShareClass
from return_xml.rules.common import folded, same_class


def _identity(c: ShareClass) -> tuple[object, ...]:
    return (c.category, folded(c.class_name), folded(c.share_type), folded(c.stock_code))


def same_block(a: ShareClass, b: ShareClass) -> bool:
    """``same_class``, and the type of shares and the stock code agree where both give them."""
    if not same_class(a, b):
        return False
    for x, y in ((a.share_type, b.share_type), (a.stock_code, b.stock_code)):
        fx, fy = folded(x), folded(y)
        if fx is not None and fy is not None and fx != fy:
            return False
    return True


def distinct(classes: Sequence[ShareClass]) -> list[ShareClass]:
    """The classes in printed order, each once (two blocks of one class count once)."""
    seen: dict[tuple[object, ...], ShareClass] = {}
    for c in classes:
        seen.setdefault(_identity(c), c)
    return list(seen.values())


def ambiguous_texts(r: MonthlyReturn) -> set[tuple[object, str]]:
    """The (category, class text) pairs that several section II classes print."""
    count: dict[tuple[object, str], int] = {}
    for c in distinct([block.share_class for block in r.issued]):
        text = folded(c.class_name)
        if text is not None:
            count[(c.category, text)] = count.get((c.category, text), 0) + 1
    return {key for key, n in count.items() if n > 1}


def line_classes(
    lines: Sequence[ShareClass], candidates: Sequence[ShareClass], ambiguous: set[tuple[object, str]]
) -> list[ShareClass | None]:
    """For each total line, the one class of ``candidates`` it stands for, or None (it matches by its text).

    ``candidates``: the classes the lines can stand for, in printed order (section II's
    for the grand total, the section's items' for a section total).
    """
    out: list[ShareClass | None] = [None] * len(lines)
    for key in ambiguous:
        at = [t for t, line in enumerate(lines) if (line.category, folded(line.class_name)) == key]
        of_text = [c for c in distinct(candidates) if (c.category, folded(c.class_name)) == key]
        if at and len(at) == len(of_text):
            for t, c in zip(at, of_text):
                out[t] = c
    return out


def line_key(c: ShareClass) -> tuple[object, str | None]:
    """The (category, class text) a total line prints of its class."""
    return (c.category, folded(c.class_name))


def untold_texts(
    lines: Sequence[ShareClass], candidates: Sequence[ShareClass], ambiguous: set[tuple[object, str]]
) -> set[tuple[object, str]]:
    """The ambiguous class texts whose total lines cannot be checked one by one.

    That is where several lines print the text and some candidate of it does not say which of the
    classes it is (no class text, or neither type of shares nor stock code). Why: a return read back
    from its facts (XBRL, a facts file) keeps an item's category and figures but not the class block
    printed above it, and a sum per line would then add the H items to the A line.  Such lines are
    checked together instead: their sum against the sum of all items of the text, never skipped.
    """
    out: set[tuple[object, str]] = set()
    for key in ambiguous:
        if sum(1 for line in lines if line_key(line) == key) < 2:
            continue  # one line: its own sum is the sum over the text already
        category, text = key
        for c in candidates:
            of_text = (c.category is None or c.category == category) and folded(c.class_name) in (None, text)
            untold = folded(c.class_name) is None or (folded(c.share_type) is None and folded(c.stock_code) is None)
            if of_text and untold:
                out.add(key)
                break
    return out
