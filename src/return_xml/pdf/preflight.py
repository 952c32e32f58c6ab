"""Checks of an untrusted PDF before pdfplumber (pdfminer) or pdfium decode it.

pdfminer trusts what it reads: a damaged cross-reference table gives 0 pages
and no error, a 2 KB file can inflate to a gigabyte, an object that refers to
itself loops forever, and an encrypted file fails with an empty message.
``preflight`` looks at the raw bytes first and refuses such a file with a
code (docs/errors.md), cheaply: it reads the file once, inflates each stream
only up to a cap (never keeping the inflated data), and asks pdfium (fast, C)
for the page count and whether the password opens the file.

A password is never printed, logged or put into an error message.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from return_xml.errors import InputError, ResourceLimitError

# %PDF- may follow some junk (the spec allows it within the first 1024 bytes).
_HEADER_WINDOW = 1024
# %%EOF must end the file; writers add at most a line or two after it.
_EOF_WINDOW = 1024

_STREAM = re.compile(rb"stream(?:\r\n|\n|\r)")
_ENDSTREAM = re.compile(rb"(?:\r\n|\n|\r)?endstream")  # only .match: see _endstream_at_or_after
_LENGTH = re.compile(rb"/Length\s+(\d+)(?!\s+\d+\s+R)")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\s/\[\]<>()]+|\d+\s+\d+\s+R)")
_NAME = re.compile(rb"/([^\s/\[\]<>()]+)")
_INDIRECT = re.compile(rb"(\d+)\s+(\d+)\s+R")
_REFERENCE_THEN_ENDOBJ = re.compile(rb"R\s*endobj")
_OBJECT_IS_REFERENCE = re.compile(rb"(?<![\d.])(\d+)\s+\d+\s+obj\s*(\d+)\s+\d+\s+R\s*endobj$")
_PAGE_TYPE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")
_ENCRYPT = re.compile(rb"/Encrypt\s*(?:\d+\s+\d+\s+R|<<)")
_OBJECT_STREAM = re.compile(rb"/Type\s*/ObjStm")
_FIRST = re.compile(rb"/First\s+(\d+)")
# The lookbehind comes after the literal so that the regex engine can scan for
# "xref" quickly; in front it made it try the pattern at every byte (~4 ms a file).
_XREF_KEYWORD = re.compile(rb"xref(?<![A-Za-z]xref)\s")
_XREF_SUBSECTION = re.compile(rb"(\d+)\s+(\d+)\s+((?:\d{10}\s+\d{5}\s+[nf]\s*)+)")
_XREF_ENTRY = re.compile(rb"(\d{10})\s+(\d{5})\s+([nf])")
# An xref offset a few bytes off (line ends converted in transit) is repaired by
# every parser; one that lands on another object is not (pdfminer reads 0 pages).
_XREF_SLACK = 16
_OBJECT_START = re.compile(rb"(?<![\d.])(\d+)\s+\d+\s+obj\s*$")
_LENGTH_REFERENCE = re.compile(rb"/Length\s+(\d+)\s+\d+\s+R")
_OBJ_KEYWORD = re.compile(rb"obj\b")
_OBJECT_HEADER = re.compile(rb"(?<![\d.])(\d+)\s+\d+\s+obj$")


@dataclass(frozen=True)
class PreflightLimits:
    """Bounds checked before a PDF is parsed (the file-size and page caps come from ``pdf.Limits``)."""

    max_bytes: int = 50 * 1024 * 1024
    max_pages: int = 200
    max_stream_bytes: int = 128 * 1024 * 1024  # decoded bytes of one stream: a CJK font is ~20 MB, a page far less
    max_total_stream_bytes: int = 1024 * 1024 * 1024  # decoded bytes of all streams together


@dataclass(frozen=True)
class PreflightReport:
    """What the pre-flight learnt about a PDF that passed it."""

    size: int
    pages: int  # as counted by pdfium (it repairs damaged cross-reference tables)
    page_objects: int  # /Type /Page objects found in the raw bytes and object streams
    encrypted: bool
    largest_stream: int  # decoded bytes of the largest stream measured


def preflight(path: str | Path, limits=None, *, password: str | None = None, decoder: str | None = None) -> PreflightReport:
    """Refuse a PDF that is empty, not a PDF, truncated, a decompression bomb, too long or locked.

    ``limits`` is a ``pdf.Limits`` or a ``PreflightLimits`` (any object with the
    same attributes; missing ones take their defaults).  Raises
    ``InputError`` with code ``E-PDF-EMPTY``, ``E-PDF-NOT-PDF``,
    ``E-PDF-TRUNCATED``, ``E-PDF-DAMAGED`` or ``E-PDF-ENCRYPTED``, and
    ``ResourceLimitError`` (``E-PDF-LIMIT``) for a file over a limit.
    ``decoder`` is the one ``open_pdf`` will use: for pdfminer (``pdfplumber``)
    the objects are also resolved as pdfminer parses them, to refuse loops of
    references that only its parser makes (it would follow them for ever).
    """
    path = Path(path)
    bounds = _bounds(limits)
    try:
        size = path.stat().st_size
    except OSError as err:
        raise InputError(f"cannot read file: {err.strerror}", file=path, code="E-IO") from err
    if size == 0:
        raise InputError("empty file (0 bytes)", file=path, code="E-PDF-EMPTY")
    if size > bounds.max_bytes:
        raise ResourceLimitError(f"file of {size} bytes is larger than the limit of {bounds.max_bytes} bytes", file=path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(f"cannot read file: {err.strerror}", file=path, code="E-IO") from err
    report = check_bytes(data, bounds, password=password, file=path)
    if _decoder_is_pdfminer(decoder):
        _refuse_pdfminer_loops(data, path)
    _remember(path, report)
    return report


def check_bytes(data: bytes, limits=None, *, password: str | None = None, file: str | Path | None = None) -> PreflightReport:
    """``preflight`` on bytes already read (``file`` only names them in errors)."""
    bounds = _bounds(limits)
    if not data:
        raise InputError("empty file (0 bytes)", file=file, code="E-PDF-EMPTY")
    if len(data) > bounds.max_bytes:
        raise ResourceLimitError(f"file of {len(data)} bytes is larger than the limit of {bounds.max_bytes} bytes", file=file)
    start = data.find(b"%PDF-", 0, _HEADER_WINDOW + 5)
    if start < 0:
        raise InputError("not a PDF (no %PDF- header)", file=file, text=data[:40].decode("latin-1"), code="E-PDF-NOT-PDF")
    if b"%%EOF" not in data[-_EOF_WINDOW:]:
        raise InputError("truncated PDF: it does not end with %%EOF (cut short while copied?)", file=file, code="E-PDF-TRUNCATED")
    _refuse_wrong_xref(data, file)
    streams = list(_streams(data))
    _refuse_self_measured_streams(streams, file)
    largest, object_stream_bodies = _measure_streams(data, streams, bounds, file)
    _refuse_reference_loops(data, object_stream_bodies, file)
    page_objects = len(_PAGE_TYPE.findall(data)) + sum(len(_PAGE_TYPE.findall(body)) for _, body in object_stream_bodies)
    if page_objects > bounds.max_pages:
        raise ResourceLimitError(f"{page_objects} page objects, more than the limit of {bounds.max_pages} pages", file=file)
    encrypted = _ENCRYPT.search(_outside_streams(data, streams)) is not None
    pages = _pdfium_page_count(data, password, encrypted, file)
    if pages > bounds.max_pages:
        raise ResourceLimitError(f"{pages} pages, more than the limit of {bounds.max_pages} pages", file=file)
    if pages == 0:
        raise InputError("damaged PDF: it has no pages", file=file, code="E-PDF-DAMAGED")
    return PreflightReport(len(data), pages, page_objects, encrypted, largest)


def check_page_count(path: str | Path, pages_read: int, *, password: str | None = None) -> None:
    """Refuse a document whose parser read no pages, or fewer pages than the file holds.

    pdfminer reads a PDF with a damaged cross-reference table as 0 pages
    without an error; pdfium repairs the table and counts them.  A partial
    document must never become a partial return.
    """
    path = Path(path)
    report = _recalled(path)
    if report is None:
        report = preflight(path, password=password)
    if pages_read == 0:
        raise InputError("damaged PDF: no page could be read (broken cross-reference table?)", file=path, code="E-PDF-DAMAGED")
    if pages_read != report.pages:
        raise InputError(
            f"damaged PDF: {pages_read} pages read but the file holds {report.pages} (broken cross-reference table?)",
            file=path,
            code="E-PDF-DAMAGED",
        )


# --- limits ---------------------------------------------------------------------


def _bounds(limits) -> PreflightLimits:
    if limits is None:
        return PreflightLimits()
    if isinstance(limits, PreflightLimits):
        return limits
    defaults = PreflightLimits()
    return PreflightLimits(
        **{name: getattr(limits, name, getattr(defaults, name)) for name in PreflightLimits.__dataclass_fields__}
    )


# --- streams --------------------------------------------------------------------


@dataclass(frozen=True)
class _Stream:
    dictionary: bytes
    start: int  # first byte of the data
    end: int  # one past the last byte of the data
    number: int | None = None  # the object number of the stream, when it is a top-level object


def _streams(data: bytes) -> Iterator[_Stream]:
    position = 0
    while (match := _STREAM.search(data, position)) is not None:
        keyword = match.start()
        position = match.end()
        if data[keyword - 3 : keyword] == b"end":  # "endstream" matched as "stream"
            continue
        dictionary = _dictionary_before(data, keyword)
        if dictionary is None:
            continue
        start = match.end()
        end = _stream_end(data, dictionary, start)
        opening = data.rfind(dictionary, max(0, keyword - len(dictionary) - 64), keyword)
        yield _Stream(dictionary, start, end, _object_number_before(data, opening))
        position = max(end, position)


def _object_number_before(data: bytes, position: int) -> int | None:
    if position < 0:
        return None
    match = _OBJECT_START.search(data, max(0, position - 32), position)
    return int(match.group(1)) if match is not None else None


def _dictionary_before(data: bytes, keyword: int) -> bytes | None:
    """The ``<< ... >>`` that ends just before a ``stream`` keyword (nesting counted), or None."""
    end = data.rfind(b">>", max(0, keyword - 64), keyword)
    if end < 0 or data[end + 2 : keyword].strip():
        return None
    depth, index = 0, end + 2
    # Scan back at most 64 KiB (a stream dictionary is short; the last pair may
    # start one byte below, as it always did).  Pairs are read from the right
    # and never overlap: "<<<" is "<" then "<<".
    lowest = max(0, end - 65536 - 1)
    # Jump from one "<<" or ">>" to the previous one with rfind (a byte-by-byte
    # loop was ~0.3 ms a filing).  Each marker is searched again only after it
    # has been used (the other's position stays right: a "<<" and a ">>" cannot
    # overlap), so hostile runs of ">>" cost linear time, not quadratic.
    closing = data.rfind(b">>", lowest, index)
    opening = data.rfind(b"<<", lowest, index)
    while closing >= 0 or opening >= 0:
        if closing > opening:
            depth += 1
            index = closing
            closing = data.rfind(b">>", lowest, index)
        else:
            depth -= 1
            index = opening
            if depth == 0:
                return data[index : end + 2]
            opening = data.rfind(b"<<", lowest, index)
    return None


def _stream_end(data: bytes, dictionary: bytes, start: int) -> int:
    # Trust a direct /Length only when "endstream" follows it: otherwise search
    # (a hostile /Length must not hide data from the measurement below).
    if (match := _LENGTH.search(dictionary)) is not None:
        end = start + int(match.group(1))
        if end <= len(data) and _ENDSTREAM.match(data, end) is not None:
            return end
    return _endstream_at_or_after(data, start)


def _endstream_at_or_after(data: bytes, start: int) -> int:
    """Where ``_ENDSTREAM.search(data, start)`` would match (or ``len(data)``), found from the literal.

    The regex starts with an optional end of line, so the engine has no literal
    to scan for and tries it at every byte of the stream data; ``find`` does not.
    """
    keyword = data.find(b"endstream", start)
    if keyword < 0:
        return len(data)
    # The end of line before "endstream" belongs to the keyword, not to the data
    # (the regex's leftmost match), but never one before ``start``.
    if keyword - 2 >= start and data[keyword - 2 : keyword] == b"\r\n":
        return keyword - 2
    if keyword - 1 >= start and data[keyword - 1] in b"\r\n":
        return keyword - 1
    return keyword


def _filters(data: bytes, dictionary: bytes) -> list[bytes]:
    match = _FILTER.search(dictionary)
    if match is None:
        return []
    value = match.group(1)
    if (reference := _INDIRECT.fullmatch(value)) is not None:
        value = _direct_object(data, int(reference.group(1))) or b""
    return _NAME.findall(value)


def _direct_object(data: bytes, number: int) -> bytes | None:
    match = re.search(rb"(?<![\d.])%d\s+\d+\s+obj\s*(.*?)\s*endobj" % number, data, re.S)
    return match.group(1) if match is not None else None


class _TooLarge(Exception):
    pass


def _measure_streams(data: bytes, streams: list[_Stream], bounds: PreflightLimits, file) -> tuple[int, list[tuple[int, bytes]]]:
    """The decoded size of the largest stream, and the decoded object streams; refuse a bomb."""
    largest, total = 0, 0
    object_streams: list[bytes] = []
    for found in streams:
        keep = _OBJECT_STREAM.search(found.dictionary) is not None
        try:
            size, decoded = _decoded_size(data[found.start : found.end], _filters(data, found.dictionary), bounds.max_stream_bytes, keep)
        except _TooLarge:
            raise ResourceLimitError(
                f"a stream decodes to more than {bounds.max_stream_bytes} bytes (decompression bomb?)",
                file=file,
                code="E-PDF-LIMIT",
            ) from None
        largest = max(largest, size)
        total += size
        if total > bounds.max_total_stream_bytes:
            raise ResourceLimitError(
                f"the streams decode to more than {bounds.max_total_stream_bytes} bytes in all (decompression bomb?)",
                file=file,
                code="E-PDF-LIMIT",
            )
        if decoded is not None:
            first = _FIRST.search(found.dictionary)
            object_streams.append((int(first.group(1)) if first else 0, decoded))
    return largest, object_streams


# The most decoded bytes held at once for a stream that is not kept.  64 KiB,
# not 1 MiB: below malloc's mmap threshold (128 KiB) each chunk reuses heap
# memory; larger ones are fresh pages from the kernel every call, and the page
# faults cost ~25 % of the time spent inflating.  The sizes counted are the same.
_CHUNK = 64 * 1024


def _decoded_size(raw: bytes, filters: list[bytes], cap: int, keep: bool) -> tuple[int, bytes | None]:
    """Inflate ``raw`` through its chain of filters, counting bytes, never holding more than a chunk.

    Only the filters that can expand data are followed (Flate, LZW,
    RunLength; the ASCII ones shrink it); image codecs end the chain, since
    the text layer never decodes them.  A stream that cannot be decoded counts
    what was decoded before the error: pdfminer will report the damage itself.
    Returns the size and, when ``keep``, the decoded data (object streams).
    """
    chunks: Iterator[bytes] = iter([raw])
    for name in filters:
        if name in (b"FlateDecode", b"Fl"):
            chunks = _inflate(chunks, cap)
        elif name in (b"ASCIIHexDecode", b"AHx"):
            chunks = _ascii_hex(chunks)
        elif name in (b"ASCII85Decode", b"A85"):
            chunks = _ascii85(chunks)
        elif name in (b"LZWDecode", b"LZW"):
            chunks = _lzw(chunks, cap)
        elif name in (b"RunLengthDecode", b"RL"):
            chunks = _run_length(chunks)
        else:
            break  # DCT, JPX, CCITT, JBIG2, Crypt: not decoded for text
    size = 0
    kept = bytearray() if keep else None
    for chunk in chunks:
        size += len(chunk)
        if size > cap:
            raise _TooLarge
        if kept is not None:
            kept += chunk
    return size, bytes(kept) if kept is not None else None


def _inflate(chunks: Iterator[bytes], cap: int) -> Iterator[bytes]:
    decompressor = zlib.decompressobj()
    produced = 0
    try:
        for chunk in chunks:
            pending = chunk
            while pending:
                out = decompressor.decompress(pending, _CHUNK)
                pending = decompressor.unconsumed_tail
                produced += len(out)
                if produced > cap:
                    raise _TooLarge
                yield out
                if decompressor.eof:
                    return
        yield decompressor.flush()
    except zlib.error:
        return  # damaged data: measured up to here


def _ascii_hex(chunks: Iterator[bytes]) -> Iterator[bytes]:
    text = b"".join(chunks)
    digits = re.sub(rb"[^0-9A-Fa-f]", b"", text.split(b">", 1)[0])
    yield bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode("ascii"))


def _ascii85(chunks: Iterator[bytes]) -> Iterator[bytes]:
    import base64

    text = b"".join(chunks).strip()
    if text.startswith(b"<~"):
        text = text[2:]
    text = re.sub(rb"\s", b"", text.split(b"~>", 1)[0])
    try:
        yield base64.a85decode(text)
    except ValueError:
        return


def _run_length(chunks: Iterator[bytes]) -> Iterator[bytes]:
    data = b"".join(chunks)
    index = 0
    out = bytearray()
    while index < len(data):
        length = data[index]
        if length == 128:
            break
        if length < 128:
            out += data[index + 1 : index + 2 + length]
            index += 2 + length
        else:
            out += data[index + 1 : index + 2] * (257 - length)
            index += 2
        if len(out) >= _CHUNK:
            yield bytes(out)
            out.clear()
    yield bytes(out)


def _lzw(chunks: Iterator[bytes], cap: int) -> Iterator[bytes]:
    from io import BytesIO

    from pdfminer.lzw import LZWDecoder

    produced = 0
    try:
        for piece in LZWDecoder(BytesIO(b"".join(chunks))).run():
            produced += len(piece)
            if produced > cap:
                raise _TooLarge
            yield piece
    except (ValueError, IndexError, TypeError, EOFError):
        return


def _outside_streams(data: bytes, streams: list[_Stream]) -> bytes:
    """The file without its stream data (where a trailer's /Encrypt can be told from content)."""
    parts, position = [], 0
    for found in streams:
        parts.append(data[position : found.start])
        position = found.end
    parts.append(data[position:])
    return b"".join(parts)


# --- cross-reference tables -------------------------------------------------------------


def _refuse_wrong_xref(data: bytes, file) -> None:
    """Refuse a classic xref table whose entry points at another object, or at none."""
    sections = []
    for keyword in _XREF_KEYWORD.finditer(data):
        trailer = data.find(b"trailer", keyword.end())
        if trailer > 0:
            sections.append(data[keyword.end() : trailer])
    if not sections:
        return
    headers: dict[int, list[int]] = {}
    for keyword in _OBJ_KEYWORD.finditer(data):  # the literal first, then read backwards (fast)
        if data.endswith(b"end", 0, keyword.start()):
            continue  # "endobj": a header needs white space before "obj", so this skip changes nothing
        window_start = max(0, keyword.start() - 32)
        if (header := _OBJECT_HEADER.search(data, window_start, keyword.end())) is not None:
            headers.setdefault(int(header.group(1)), []).append(header.start(1))
    for section in sections:
        for subsection in _XREF_SUBSECTION.finditer(section):
            first = int(subsection.group(1))
            for index, entry in enumerate(_XREF_ENTRY.finditer(subsection.group(3))):
                if entry.group(3) != b"n":
                    continue
                number, offset = first + index, int(entry.group(1))
                if not any(abs(start - offset) <= _XREF_SLACK for start in headers.get(number, ())):
                    raise InputError(
                        f"damaged PDF: its cross-reference table is wrong (object {number} is not at offset {offset})",
                        file=file,
                        code="E-PDF-DAMAGED",
                    )


# --- reference loops -------------------------------------------------------------------


def _refuse_self_measured_streams(streams: list[_Stream], file) -> None:
    """Refuse a stream whose /Length is a reference to the stream itself (pdfminer recurses for ever)."""
    for found in streams:
        match = _LENGTH_REFERENCE.search(found.dictionary)
        if match is not None and found.number is not None and int(match.group(1)) == found.number:
            raise InputError(
                f"damaged PDF: the length of stream object {found.number} refers to the stream itself",
                file=file,
                code="E-PDF-DAMAGED",
            )


def _refuse_reference_loops(data: bytes, object_streams: list[tuple[int, bytes]], file) -> None:
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
        if (match := _INDIRECT.fullmatch(value)) is not None:
            refers[number] = int(match.group(1))
    return refers


def _decoder_is_pdfminer(decoder: str | None) -> bool:
    from return_xml.pdf import document  # here: document imports this module

    return (decoder or getattr(document, "DEFAULT_DECODER", "pdfplumber")) == "pdfplumber"


def _refuse_pdfminer_loops(data: bytes, file) -> None:
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


# --- pdfium ----------------------------------------------------------------------


def _pdfium_page_count(data: bytes, password: str | None, encrypted: bool, file) -> int:
    from return_xml.pdf.pdfium import PDFIUM_LOCK

    with PDFIUM_LOCK:
        return _count_pages(data, password, encrypted, file)


def _count_pages(data: bytes, password: str | None, encrypted: bool, file) -> int:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data, password=password or None)
    except pdfium.PdfiumError as err:
        message = str(err)
        if "password" in message.lower():
            if password:
                raise InputError("encrypted PDF: the password is wrong", file=file, code="E-PDF-ENCRYPTED") from None
            raise InputError("encrypted PDF: a password is needed (--password)", file=file, code="E-PDF-ENCRYPTED") from None
        if "security" in message.lower():
            raise InputError("encrypted PDF: its encryption is not supported", file=file, code="E-PDF-ENCRYPTED") from None
        raise InputError(f"damaged PDF: {message}", file=file, code="E-PDF-DAMAGED") from None
    try:
        return len(document)
    finally:
        document.close()


# --- the last report, for check_page_count ---------------------------------------------


def _key(path: Path) -> tuple | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return (str(path.resolve()), status.st_size, status.st_mtime_ns, status.st_ino)


_REPORTS: dict[tuple, PreflightReport] = {}


def _remember(path: Path, report: PreflightReport) -> None:
    key = _key(path)
    if key is not None:
        if len(_REPORTS) > 64:
            _REPORTS.clear()
        _REPORTS[key] = report


def _recalled(path: Path) -> PreflightReport | None:
    key = _key(path)
    return _REPORTS.get(key) if key is not None else None


__all__ = ["PreflightLimits", "PreflightReport", "check_bytes", "check_page_count", "preflight"]
