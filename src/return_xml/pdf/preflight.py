"""Checks of an untrusted PDF before pdfplumber (pdfminer) or pdfium decode it.

pdfminer trusts what it reads: a damaged cross-reference table gives 0 pages
and no error, a 2 KB file can inflate to a gigabyte, an object that refers to
itself loops forever, and an encrypted file fails with an empty message.
``preflight`` looks at the raw bytes first and refuses such a file with a
code (docs/errors.md), cheaply: it reads the file once, inflates each stream
only up to a cap (never keeping the inflated data), and asks pdfium (fast, C)
for the page count and whether the password opens the file.

The checks live in modules of their own: ``pdf/preflight_streams.py`` (where
the streams are, what they decode to), ``pdf/stream_filters.py`` (inflating
within a cap), ``pdf/preflight_xref.py`` (cross-reference tables) and
``pdf/reference_loops.py`` (references that lead back to themselves).

A password is never printed, logged or put into an error message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from return_xml.errors import InputError, ResourceLimitError
from return_xml.pdf.decoding import DEFAULT_DECODER
from return_xml.pdf.limits import Limits
from return_xml.pdf.preflight_streams import (
    find_streams,
    measure_streams,
    outside_streams,
)
from return_xml.pdf.preflight_xref import refuse_wrong_xref
from return_xml.pdf.reference_loops import (
    refuse_pdfminer_loops,
    refuse_reference_loops,
    refuse_self_measured_streams,
)

# The old name of the limits the pre-flight checks: they are ``pdf.Limits``.
PreflightLimits = Limits

# %PDF- may follow some junk (the spec allows it within the first 1024 bytes).
_HEADER_WINDOW = 1024
# %%EOF must end the file; writers add at most a line or two after it.
_EOF_WINDOW = 1024
_PAGE_TYPE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")
_ENCRYPT = re.compile(rb"/Encrypt\s*(?:\d+\s+\d+\s+R|<<)")


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

    ``limits`` is a ``pdf.Limits`` (or any object with the same attributes;
    missing ones take their defaults).  Raises
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
        refuse_pdfminer_loops(data, path)
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
    refuse_wrong_xref(data, file)
    streams = list(find_streams(data))
    refuse_self_measured_streams(streams, file)
    largest, object_stream_bodies = measure_streams(data, streams, bounds, file)
    refuse_reference_loops(data, object_stream_bodies, file)
    page_objects = len(_PAGE_TYPE.findall(data)) + sum(len(_PAGE_TYPE.findall(body)) for _, body in object_stream_bodies)
    if page_objects > bounds.max_pages:
        raise ResourceLimitError(f"{page_objects} page objects, more than the limit of {bounds.max_pages} pages", file=file)
    encrypted = _ENCRYPT.search(outside_streams(data, streams)) is not None
    pages = _pdfium_page_count(data, password, encrypted, file)
    if pages > bounds.max_pages:
        raise ResourceLimitError(f"{pages} pages, more than the limit of {bounds.max_pages} pages", file=file)
    if pages == 0:
        raise InputError("damaged PDF: it has no pages", file=file, code="E-PDF-DAMAGED")
    return PreflightReport(len(data), pages, page_objects, encrypted, largest)


def check_page_count(path: str | Path, pages_read: int, *, password: str | None = None, report: PreflightReport | None = None) -> None:
    """Refuse a document whose parser read no pages, or fewer pages than the file holds.

    pdfminer reads a PDF with a damaged cross-reference table as 0 pages
    without an error; pdfium repairs the table and counts them.  A partial
    document must never become a partial return.  ``report`` is the
    pre-flight's report of the file (``PdfDocument.preflight_report``, made
    when it was opened); without it the pre-flight is run again.
    """
    path = Path(path)
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


# --- limits, decoder ---------------------------------------------------------------------


def _bounds(limits) -> Limits:
    if limits is None:
        return Limits()
    if isinstance(limits, Limits):
        return limits
    defaults = Limits()
    return Limits(
        **{name: getattr(limits, name, getattr(defaults, name)) for name in Limits.__dataclass_fields__}
    )


def _decoder_is_pdfminer(decoder: str | None) -> bool:
    return (decoder or DEFAULT_DECODER) == "pdfplumber"


# --- pdfium ----------------------------------------------------------------------


def _pdfium_page_count(data: bytes, password: str | None, encrypted: bool, file) -> int:
    from return_xml.pdf.pdfium_calls import PDFIUM_LOCK

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


__all__ = ["PreflightLimits", "PreflightReport", "check_bytes", "check_page_count", "preflight"]
