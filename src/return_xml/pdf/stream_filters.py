"""Stream filters for the pre-flight: decode a stream's data chunk by chunk, within a cap.

Only the sizes matter (and the data of object streams): the decoded data is
never held whole unless asked for, and decoding stops with ``TooLarge`` as
soon as it passes the cap.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator


class TooLarge(Exception):
    pass


# The most decoded bytes held at once for a stream that is not kept.  64 KiB,
# not 1 MiB: below malloc's mmap threshold (128 KiB) each chunk reuses heap
# memory; larger ones are fresh pages from the kernel every call, and the page
# faults cost ~25 % of the time spent inflating.  The sizes counted are the same.
_CHUNK = 64 * 1024


def decoded_size(raw: bytes, filters: list[bytes], cap: int, keep: bool) -> tuple[int, bytes | None]:
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
            raise TooLarge
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
                    raise TooLarge
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
                raise TooLarge
            yield piece
    except (ValueError, IndexError, TypeError, EOFError):
        return
