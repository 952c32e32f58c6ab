"""The paths structured input accepts, derived from the vocabulary table, and what each takes."""

from __future__ import annotations

import difflib
import re

from return_xml.facts.kinds import Kind
from return_xml.facts.vocabulary import RETURN, Group, Term

SCALARS: dict[str, Kind] = {t.path: t.kind for t in RETURN.terms if isinstance(t, Term)}
"""The facts outside every list: ``period.end`` ..."""
LISTS: dict[str, Group] = {g.name: g for g in RETURN.terms if isinstance(g, Group)}
"""The lists of the facts view by name: ``options`` ..."""
FIELDS: dict[str, dict[str, Kind]] = {
    name: {t.path: t.kind for t in group.terms if isinstance(t, Term)} for name, group in LISTS.items()
}
"""The facts of one item of each list, by path below the item."""
NESTED: dict[tuple[str, str], dict[str, Kind]] = {
    (name, inner.name): {t.path: t.kind for t in inner.terms if isinstance(t, Term)}
    for name, group in LISTS.items() for inner in group.terms if isinstance(inner, Group)
}
"""Lists within a list item (``issued[i].multi_counter[k]``): the facts of one inner item."""


def _patterns() -> dict[str, Kind]:
    """Every accepted path, indexes written ``[i]`` (``[k]`` when nested), with the kind of its value."""
    patterns = dict(SCALARS)
    for name, fields in FIELDS.items():
        patterns.update({f"{name}[i].{rest}": kind for rest, kind in fields.items()})
    for (outer, inner), fields in NESTED.items():
        patterns.update({f"{outer}[i].{inner}[k].{rest}": kind for rest, kind in fields.items()})
    return patterns


_PATTERNS = _patterns()
# The same paths with every index written "[]", for suggestions and value_kind().
_BY_GENERIC = {re.sub(r"\[[ik]\]", "[]", pattern): kind for pattern, kind in _PATTERNS.items()}
_GENERIC = list(_BY_GENERIC)


def vocabulary() -> list[str]:
    """Every path structured input accepts, list indexes written ``[i]`` (and ``[k]`` when nested)."""
    return list(_PATTERNS)


def value_kind(path: str) -> str | None:
    """What JSON value ``path`` takes: count, money, text, currency, date, flag or choice; None if unknown.

    For tools that turn other data (a spreadsheet's cells) into facts:
    ``issued[3].close.issued`` -> ``"count"``, ``options[0].exercise_price`` -> ``"money"``.
    """
    kind = _BY_GENERIC.get(re.sub(r"\[(0|[1-9][0-9]*)\]", "[]", path))
    return kind.name if kind is not None else None


def suggestion(key: str) -> str:
    """``"; did you mean 'x'?"`` for an unknown path close to a known one, else ``""``."""
    generic = re.sub(r"\[[^\]]*\]", "[]", key)
    found = difflib.get_close_matches(generic, _GENERIC, n=1, cutoff=0.75)
    if not found:
        return ""
    indexes = iter(re.findall(r"\[[^\]]*\]", key))
    suggested = re.sub(r"\[\]", lambda _: next(indexes, "[0]"), found[0])
    return f"; did you mean {suggested!r}?"
