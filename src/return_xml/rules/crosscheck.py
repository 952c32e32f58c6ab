"""Cross-check: read one PDF with both decoders and list every value that differs.

The two decoders (pypdfium2 and pdfplumber, ``return_xml.pdf.DECODERS``) read
the same file independently; a value on which they disagree is one that
depends on how the PDF is decoded, not on what the filer printed, and
deserves a look.  Values are compared leaf by leaf over the whole model (its
value and its printed token), addressed in the facts-view spelling used by
rule findings (``issued[0].close.issued``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

from return_xml.model.values import Box

# The decoders compared: the first is the one whose reading is kept.
COMPARED = ("pdfium", "pdfplumber")


@dataclasses.dataclass(frozen=True)
class Reading:
    """What one decoder read for a value: the parsed value, the printed token, where."""

    decoder: str
    value: Any
    printed: str | None
    page: int | None
    box: Box | None

    def describe(self) -> str:
        if self.printed is None and self.value is None:
            return f"{self.decoder} read nothing"
        where = f" on page {self.page} at {self.box}" if self.page is not None else ""
        return f"{self.decoder} read {self.printed!r}{where}"


@dataclasses.dataclass(frozen=True)
class Difference:
    """A value the two decoders read differently (or that only one of them found)."""

    path: str
    readings: tuple[Reading, ...]

    def message(self) -> str:
        return f"{self.path}: " + "; ".join(r.describe() for r in self.readings)


def _is_leaf(value: Any) -> bool:
    return dataclasses.is_dataclass(value) and {f.name for f in dataclasses.fields(value)} >= {"value", "printed", "source"}


def leaves(node: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """Every value object of a model, with its path (``issued[0].close.issued``)."""
    if _is_leaf(node):
        yield prefix, node
        return
    if dataclasses.is_dataclass(node):
        for f in dataclasses.fields(node):
            yield from leaves(getattr(node, f.name), f"{prefix}.{f.name}" if prefix else f.name)
    elif isinstance(node, tuple):
        for index, item in enumerate(node):
            yield from leaves(item, f"{prefix}[{index}]")


def _reading(decoder: str, leaf: Any | None) -> Reading:
    if leaf is None:
        return Reading(decoder, None, None, None, None)
    source = leaf.source
    return Reading(decoder, leaf.value, leaf.printed, source.page if source else None, source.box if source else None)


def differences(first: Any, second: Any, names: tuple[str, str] = COMPARED) -> list[Difference]:
    """Every value that differs between two readings of one return (value or printed token)."""
    left = dict(leaves(first))
    right = dict(leaves(second))
    found = []
    for path in list(left) + [p for p in right if p not in left]:
        a, b = left.get(path), right.get(path)
        if a is not None and b is not None and a.value == b.value and a.printed == b.printed:
            continue
        found.append(Difference(path, (_reading(names[0], a), _reading(names[1], b))))
    return found
