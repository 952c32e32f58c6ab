"""Rules on the reading itself: a figure printed but not read, a section read empty, a value
that disagrees with its own printed token, a balance that moves without a printed movement.

These close the gaps through which a wrong or missing figure could pass as a
valid return: the arithmetic rules of ``document.py`` only compare figures that
are present, so a figure that was never read, or a movement printed ``N/A``,
escaped them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import fields, is_dataclass
from decimal import Decimal, InvalidOperation

from return_xml.model import VERSION_IN_DOUBT, Amount, AuthorisedBalance, Count, Family, IssuedBalance, MonthlyReturn
from return_xml.model.values import Reading
from return_xml.rules.common import figures, finding, present, show, value
from return_xml.rules.findings import Finding

# The sections of the FF301 e-form that every edition prints, with the model lists they fill.
FF301_SECTIONS = {
    "I": ("authorised",),
    "II": ("issued",),
    "III.A": ("options", "options_total"),
    "III.B": ("warrants", "warrants_total"),
    "III.C": ("convertibles", "convertibles_total"),
    "III.D": ("arrangements", "arrangements_total"),
    "III.E": ("other_movements", "other_movements_total"),
}
_ZERO = {"nil", "--", "---", "－－", "無", "0"}
_DIGITS = re.compile(r"\d[\d,，\s]*(?:[.．]\d+)?")


def _unread(r: MonthlyReturn) -> Iterator[Finding]:
    if r.audit is None:
        return
    for k, item in enumerate(r.audit.unread):
        where = f" ({item.section})" if item.section else ""
        printed = item.figure.printed if item.figure is not None else ""
        page = item.figure.source.page if item.figure is not None and item.figure.source else None
        yield finding("RX-R-001", f"unread figure {printed!r} on page {page}{where}: no value of the return "
                      "accounts for it", f"audit.unread[{k}].figure", item.figure)


# The sections of the legacy template, each with a printed heading the reader anchors on.
LEGACY_SECTIONS = ("I", "II", "III", "III.A", "III.B", "III.C", "III.D", "III.E")


def _legacy_sections_read_by_ocr(r: MonthlyReturn) -> Iterator[Finding]:
    """A legacy heading OCR misread beyond recognition: what stood under it went unread, or into the section above.

    Why on OCR readings only: a text layer prints every heading of the template; a missing
    one is a reader's gap the figure audit catches.  On a recognised page the figures under a
    lost heading are read, into the section before it (a warrants total as an options total).
    """
    if r.form.family is not Family.LEGACY or r.audit is None or r.form.detected_by is None:
        return
    if not any(reading.source is not None and reading.source.confidence is not None for _, reading in _sourced(r, "")):
        return
    found = {mark.section for mark in r.sections}
    for section in LEGACY_SECTIONS:
        if section not in found:
            yield finding("RX-R-002", f"section {section} heading not found on the pages read by OCR: its content, "
                          "if any, was not read, or was read into the section before it", None, None)


def _sections_read(r: MonthlyReturn) -> Iterator[Finding]:
    yield from _legacy_sections_read_by_ocr(r)
    if r.form.family is not Family.FF301 or r.audit is None or r.form.detected_by is None:
        # The legacy template prints every section's rows, blank or not: no "Not applicable" mark to trust.
        # And a return that was not read from a PDF (no detection, no audit) has no headings to have missed.
        return
    marks = {mark.section: mark for mark in r.sections}
    for section, lists in FF301_SECTIONS.items():
        mark = marks.get(section)
        if mark is None:
            yield finding("RX-R-002", f"section {section} heading not found: its content, if any, was not read",
                          None, None)
        elif mark.applicable and not any(getattr(r, name) for name in lists):
            yield finding("RX-R-002", f"section {section} (page {mark.page}) is not marked 'Not applicable', "
                          "but nothing was read from it", None, None)
    # Section V holds no figure for the audit to miss: its heading and signatory must have been read.
    mark = marks.get("V")
    if mark is None:
        yield finding("RX-R-002", "section V heading not found: the signatory, if any, was not read", None, None)
    elif r.signatory is None or r.signatory.name is None or r.signatory.name.value is None:
        yield finding("RX-R-002", f"section V (page {mark.page}): no 'Submitted by' name was read", None, None)


# RX-R-003: an OCR value below this confidence (0-100) is not vouched for.  Why 80: Tesseract gives
# 90-96 to figures it reads cleanly; a broken or specked digit drops it to 30-70 (docs/ocr.md).
OCR_MIN_CONFIDENCE = 80


# RX-R-004: the words of the reading note on a PDF whose text layer could not be read as the form, so
# that every page was read by OCR instead (reading.py).  Kept in the XML's reading notes.
TEXT_LAYER_UNREAD = "the text layer could not be read as the form"


def _text_layer_unread(r: MonthlyReturn) -> Iterator[Finding]:
    """A reading made by OCR because the PDF's text layer did not read as the form (it may lie)."""
    for note in r.reading_notes:
        if note.message.startswith(TEXT_LAYER_UNREAD):
            yield finding("RX-R-004", note.message, None, None)


def _version_in_doubt(r: MonthlyReturn) -> Iterator[Finding]:
    """A form version that pages recognised by OCR did not print legibly (forms/footer_votes.py)."""
    for note in r.reading_notes:
        if note.message.startswith(VERSION_IN_DOUBT):
            yield finding("RX-R-005", note.message, None, None)


def _unsure(r: MonthlyReturn) -> Iterator[Finding]:
    """Values read by OCR with a confidence below OCR_MIN_CONFIDENCE."""
    for path, reading in _sourced(r, ""):
        source = reading.source
        if source is not None and source.confidence is not None and source.confidence < OCR_MIN_CONFIDENCE:
            yield finding("RX-R-003", f"read by OCR with confidence {source.confidence} on page {source.page}: "
                          f"{reading.printed!r} needs a person's eye", path, reading)


def _sourced(node: object, path: str) -> Iterator[tuple[str, Reading]]:
    """Every value in ``node`` (the audit left out), with its path."""
    if isinstance(node, Reading):
        yield path, node
    elif isinstance(node, tuple):
        for k, item in enumerate(node):
            yield from _sourced(item, f"{path}[{k}]")
    elif not isinstance(node, type) and (names := _field_names(type(node))):
        for name in names:
            yield from _sourced(getattr(node, name), f"{path}.{name}" if path else name)


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(kind: type) -> tuple[str, ...]:
    """The fields of a dataclass but its audit, in order (() for any other type); looked up once per type.

    (Why cached: the rules walk every value of a return several times, and ``dataclasses.fields`` is slow.)
    """
    names = _FIELD_NAMES.get(kind)
    if names is None:
        names = _FIELD_NAMES[kind] = tuple(f.name for f in fields(kind) if f.name != "audit") if is_dataclass(kind) else ()
    return names


def _unmoved(r: MonthlyReturn) -> Iterator[Finding]:
    """Preceding and close printed, the movement not (N/A or blank): the balance must not move."""
    rows: list[tuple[str, AuthorisedBalance | IssuedBalance | None, AuthorisedBalance | IssuedBalance | None,
                     AuthorisedBalance | IssuedBalance | None, tuple[str, ...], str]]
    rows = [(f"authorised[{i}]", b.preceding, b.movement, b.close, ("shares", "capital"), "RX-I-007")
            for i, b in enumerate(r.authorised)]
    rows += [(f"issued[{i}]", b.preceding, b.movement, b.close, ("issued", "treasury", "total"), "RX-II-007")
             for i, b in enumerate(r.issued)]
    for prefix, p, m, c, columns, code in rows:
        if p is None or m is None or c is None:
            continue  # an edition without a movement row: nothing says the balance may not move
        for column in columns:
            before, after = getattr(p, column, None), getattr(c, column, None)
            move = getattr(m, column, None) if m is not None else None
            if column == "total" and not present(move) and present(getattr(m, "issued", None)):
                # FF301 v1.1+ greys out the total's movement cell: the total moves by issued + treasury,
                # which RX-II-001, RX-II-002, RX-II-004 and this rule on treasury already hold it to.
                continue
            balances = figures(before, after)
            if balances is not None and not present(move) and balances[0] != balances[1]:
                shown = f"printed {move.printed!r}" if move is not None and move.printed else "not printed"
                yield finding(code, f"{column} at close {show(balances[1])} differs from preceding "
                              f"{show(balances[0])}, but the movement is {shown}", f"{prefix}.close.{column}", after)


def _printed_agrees(r: MonthlyReturn) -> Iterator[Finding]:
    for path, leaf in _figures(r, ""):
        if not leaf.printed:
            continue
        meant = printed_figure(leaf.printed)
        if meant is None:
            continue  # a token this check cannot read (words around a figure): nothing to compare
        if leaf.value is None:
            # Why: a figure printed (``Nil`` is 0) but kept as no value is a missing fact, not a blank.
            yield finding("RX-X-002", f"no value read from its printed figure {leaf.printed!r}", path, leaf)
            continue
        if Decimal(leaf.value) != meant:
            yield finding("RX-X-002", f"value {show(leaf.value)} disagrees with its printed token {leaf.printed!r}",
                          path, leaf)


def printed_figure(token: str) -> Decimal | None:
    """The number a printed figure token states (``(1,500,000)`` -> -1500000, ``Nil`` -> 0), or None."""
    text = " ".join(token.split())
    if text.casefold() in _ZERO:
        return Decimal(0)
    found = _DIGITS.findall(text)
    if len(found) != 1:
        return None
    digits = re.sub(r"[,，\s]", "", found[0]).replace("．", ".")
    try:
        number = Decimal(digits)
    except InvalidOperation:
        return None
    negative = "(" in text and ")" in text or "（" in text or re.search(r"(^|[\s$])[-−](?=\s*\d)", text) is not None
    return -number if negative else number


def _figures(node: object, path: str) -> Iterator[tuple[str, Count | Amount]]:
    """The figures (counts and amounts) among the values of ``node``, with their paths."""
    return ((p, reading) for p, reading in _sourced(node, path) if isinstance(reading, (Count, Amount)))


def iter_reading_findings(monthly_return: MonthlyReturn) -> Iterator[Finding]:
    """The findings of the reading rules (RX-R-*, RX-X-002, RX-I-007, RX-II-007)."""
    yield from _unread(monthly_return)
    yield from _sections_read(monthly_return)
    yield from _unsure(monthly_return)
    yield from _text_layer_unread(monthly_return)
    yield from _version_in_doubt(monthly_return)
    yield from _unmoved(monthly_return)
    yield from _printed_agrees(monthly_return)


__all__ = ["TEXT_LAYER_UNREAD", "iter_reading_findings", "printed_figure", "value"]
