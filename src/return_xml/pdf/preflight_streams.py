"""The streams of a raw PDF for the pre-flight: where each one's data lies, and what it decodes to.

Found in the bytes, without a PDF parser (the pre-flight runs before one is
trusted); each stream is inflated only up to a cap (``pdf/stream_filters.py``)
so that a decompression bomb is refused before pdfminer or pdfium inflate it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from return_xml.errors import ResourceLimitError
from return_xml.pdf.limits import Limits
from return_xml.pdf.stream_filters import TooLarge, decoded_size

_STREAM = re.compile(rb"stream(?:\r\n|\n|\r)")
_ENDSTREAM = re.compile(rb"(?:\r\n|\n|\r)?endstream")  # only .match: see _endstream_at_or_after
_LENGTH = re.compile(rb"/Length\s+(\d+)(?!\s+\d+\s+R)")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\s/\[\]<>()]+|\d+\s+\d+\s+R)")
_NAME = re.compile(rb"/([^\s/\[\]<>()]+)")
# An indirect reference, "12 0 R" (pdf/reference_loops.py reads them too).
INDIRECT = re.compile(rb"(\d+)\s+(\d+)\s+R")
_OBJECT_STREAM = re.compile(rb"/Type\s*/ObjStm")
_FIRST = re.compile(rb"/First\s+(\d+)")
_OBJECT_START = re.compile(rb"(?<![\d.])(\d+)\s+\d+\s+obj\s*$")


@dataclass(frozen=True)
class Stream:
    dictionary: bytes
    start: int  # first byte of the data
    end: int  # one past the last byte of the data
    number: int | None = None  # the object number of the stream, when it is a top-level object


def find_streams(data: bytes) -> Iterator[Stream]:
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
        yield Stream(dictionary, start, end, _object_number_before(data, opening))
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
    if (reference := INDIRECT.fullmatch(value)) is not None:
        value = _direct_object(data, int(reference.group(1))) or b""
    return _NAME.findall(value)


def _direct_object(data: bytes, number: int) -> bytes | None:
    match = re.search(rb"(?<![\d.])%d\s+\d+\s+obj\s*(.*?)\s*endobj" % number, data, re.S)
    return match.group(1) if match is not None else None


def measure_streams(data: bytes, streams: list[Stream], bounds: Limits, file) -> tuple[int, list[tuple[int, bytes]]]:
    """The decoded size of the largest stream, and the decoded object streams; refuse a bomb."""
    largest, total = 0, 0
    object_streams: list[tuple[int, bytes]] = []  # (first object's offset, decoded stream)
    for found in streams:
        keep = _OBJECT_STREAM.search(found.dictionary) is not None
        try:
            size, decoded = decoded_size(data[found.start : found.end], _filters(data, found.dictionary), bounds.max_stream_bytes, keep)
        except TooLarge:
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


def outside_streams(data: bytes, streams: list[Stream]) -> bytes:
    """The file without its stream data (where a trailer's /Encrypt can be told from content)."""
    parts, position = [], 0
    for found in streams:
        parts.append(data[position : found.start])
        position = found.end
    parts.append(data[position:])
    return b"".join(parts)
