"""The pre-flight's checks for references that lead back to themselves (pdfminer follows them for ever).

In the raw bytes (an object whose whole value is a reference, a stream whose
/Length refers to itself) and, for the pdfminer decoder, as pdfminer parses
the objects.
"""

from __future__ import annotations

import re

from return_xml.errors import InputError
from return_xml.pdf.preflight_streams import INDIRECT, Stream

_REFERENCE_THEN_ENDOBJ = re.compile(rb"R\s*endobj")
_OBJECT_IS_REFERENCE = re.compile(rb"(?<![\d.])(\d+)\s+\d+\s+obj\s*(\d+)\s+\d+\s+R\s*endobj$")
_LENGTH_REFERENCE = re.compile(rb"/Length\s+(\d+)\s+\d+\s+R")


def refuse_self_measured_streams(streams: list[Stream], file) -> None:
    """Refuse a stream whose /Length is a reference to the stream itself (pdfminer recurses for ever)."""
    for found in streams:
        match = _LENGTH_REFERENCE.search(found.dictionary)
        if match is not None and found.number is not None and int(match.group(1)) == found.number:
            raise InputError(
                f"damaged PDF: the length of stream object {found.number} refers to the stream itself",
                file=file,
                code="E-PDF-DAMAGED",
            )


def refuse_reference_loops(data: bytes, object_streams: list[tuple[int, bytes]], file) -> None:
    """Refuse an object whose value is a reference that leads back to itself (pdfminer loops forever)."""
    refers: dict[int, int] = {}
    # Found from the cheap literal "R endobj", then read backwards: a regex that
    # starts at every digit of a 50 MB file is slow.
    for end in _REFERENCE_THEN_ENDOBJ.finditer(data):
        window = data[max(0, end.start() - 64) : end.end()]
        if (match := _OBJECT_IS_REFERENCE.search(window)) is not None:
            refers[int(match.group(1))] = int(match.group(2))
    for first, body in object_streams:
        refers.update(_references_in_object_stream(first, body))
    _refuse_cycles(refers, file)


def _refuse_cycles(refers: dict[int, int], file) -> None:
    """``refers``: object number -> the object its whole value refers to."""
    for number in refers:
        seen = {number}
        current = refers[number]
        while current in refers:
            if current in seen:
                raise InputError(
                    f"damaged PDF: object {number} refers to itself through a loop of references",
                    file=file,
                    code="E-PDF-DAMAGED",
                )
            seen.add(current)
            current = refers[current]


def _references_in_object_stream(first: int, body: bytes) -> dict[int, int]:
    """Objects of an object stream (``first``: its /First) whose whole value is an indirect reference."""
    refers: dict[int, int] = {}
    numbers = body[:first].split()
    try:
        pairs = [(int(numbers[i]), int(numbers[i + 1])) for i in range(0, len(numbers) - 1, 2)]
    except ValueError:
        return refers
    for index, (number, offset) in enumerate(pairs):
        end = first + pairs[index + 1][1] if index + 1 < len(pairs) else len(body)
        value = body[first + offset : end].strip()
        if (match := INDIRECT.fullmatch(value)) is not None:
            refers[number] = int(match.group(1))
    return refers


def refuse_pdfminer_loops(data: bytes, file) -> None:
    """Resolve every object as pdfminer parses it; refuse a cycle of bare references.

    A damaged object (``<< /Kids [3 0 R>>``) can parse as a bare reference, and
    two of them pointing at each other make pdfminer's ``resolve1`` loop for
    ever; the raw bytes do not show it.  About 10 ms for a 10-page filing.
    """
    import io
    import logging

    from pdfminer.pdfdocument import PDFDocument, PDFNoValidXRef, PDFXRefFallback
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import PDFObjRef

    pdfminer_log = logging.getLogger("pdfminer")
    previous = pdfminer_log.level
    pdfminer_log.setLevel(logging.ERROR)  # its warnings on damaged files are noise here
    refers: dict[int, int] = {}
    try:
        document = _bare_document(PDFDocument, PDFParser(io.BytesIO(data)), PDFNoValidXRef, PDFXRefFallback)
        for number in {number for xref in document.xrefs for number in xref.get_objids()}:
            try:
                value = document.getobj(number)
            except Exception:  # noqa: BLE001 - a broken object is the decoder's to report, not a loop
                continue
            if isinstance(value, PDFObjRef):
                refers[number] = value.objid
    except Exception:  # noqa: BLE001 - whatever else is wrong, the decoder reports it with its code
        return
    finally:
        pdfminer_log.setLevel(previous)
    _refuse_cycles(refers, file)


def _bare_document(document_class, parser, no_valid_xref, fallback_class):
    """A pdfminer document with its cross-reference tables loaded and nothing resolved.

    ``PDFDocument.__init__`` resolves the trailer's /Root, /Info and /Encrypt,
    which is exactly where a loop would hang; this does what it does up to
    there (pdfminer.six 2026xxxx; a change there only disables this check).
    """
    document = document_class.__new__(document_class)
    document.caching = True
    document.xrefs = []
    document.info = []
    document.catalog = {}
    document.encryption = None
    document.decipher = None
    document._cached_objs = {}
    document._parsed_objs = {}
    document._parser = parser
    document.is_printable = document.is_modifiable = document.is_extractable = True
    parser.set_document(document)
    try:
        document.read_xref_from(parser, document.find_xref(parser), document.xrefs)
    except no_valid_xref:
        parser.fallback = True
        fallback = fallback_class()
        fallback.load(parser)
        document.xrefs.append(fallback)
    return document
