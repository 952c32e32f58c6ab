"""The OCR confidence of every value read from a scanned page, measured on the page itself.

Readers build a value from a phrase, and sometimes from phrases they joined
or cut (an item number joined to its heading, a figure cut from its label):
a confidence carried along by hand could be lost on the way.  So after a
reading, each value read from a recognised page gets the lowest confidence of
the characters inside its box, whatever the reader did to get it
(``Source.confidence``; the verdict rule RX-R-003 judges it).
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass, replace

from return_xml.model import MonthlyReturn, ReadingNote
from return_xml.model.values import Reading
from return_xml.pdf.document import PdfDocument


def with_ocr_confidence(document: PdfDocument, monthly_return: MonthlyReturn) -> MonthlyReturn:
    """``monthly_return`` with ``source.confidence`` set on every value read from a recognised page,
    and a reading note naming the pages read by OCR.  Unchanged for a document with a text layer."""
    recognised = [page.number for page in document.pages if page.recognised]
    if not recognised:
        return monthly_return
    pages = {page.number: page for page in document.pages if page.recognised}

    def measured(reading: Reading) -> Reading:
        source = reading.source
        if source is None or source.page not in pages:
            return reading
        found = pages[source.page].text_in(source.box) if source.box is not None else None
        measures = [c for c in (source.confidence, found.confidence if found is not None else None) if c is not None]
        if not measures:
            return reading
        return replace(reading, source=replace(source, confidence=int(min(measures))))

    note = ReadingNote(message=f"no text layer on page{'s' if len(recognised) > 1 else ''} "
                       f"{_pages(recognised)}: read by OCR (Tesseract); each value carries its confidence")
    result = _mapped(monthly_return, measured)
    return replace(result, reading_notes=(*result.reading_notes, note))


def doubted(node):
    """``node`` (an item of a return) with every value at confidence 0: OCR lost what placed it.

    Why: on a recognised page an item whose number was lost is read into the item before or
    after it, with figures read cleanly; their confidence would vouch for them (RX-R-003 names
    each value of a doubted item instead).
    """
    return _mapped(node, lambda reading: reading if reading.source is None else replace(reading, source=replace(reading.source, confidence=0)))


def _pages(numbers: list[int]) -> str:
    if numbers == list(range(numbers[0], numbers[-1] + 1)) and len(numbers) > 2:
        return f"{numbers[0]}-{numbers[-1]}"
    return ", ".join(map(str, numbers))


def _mapped(node, fn):
    """``node`` rebuilt with ``fn`` applied to every ``Reading`` in it (frozen dataclasses and tuples)."""
    if isinstance(node, Reading):
        return fn(node)
    if isinstance(node, tuple):
        return tuple(_mapped(item, fn) for item in node)
    if is_dataclass(node) and not isinstance(node, type):
        changes = {}
        for f in fields(node):
            if f.name == "audit":
                continue
            value = getattr(node, f.name)
            new = _mapped(value, fn)
            if new is not value:
                changes[f.name] = new
        return replace(node, **changes) if changes else node
    return node
