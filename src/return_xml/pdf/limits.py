"""The bounds within which an untrusted PDF is read: one set, for the pre-flight and the decoders."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Bounds for untrusted PDFs: a monthly return is about ten pages and well under 5 MB."""

    max_bytes: int = 50 * 1024 * 1024
    max_pages: int = 200
    # Decoded bytes of one stream (decompression bombs; pdf/preflight.py): a CJK font is ~20 MB, a page far less.
    max_stream_bytes: int = 128 * 1024 * 1024
    max_total_stream_bytes: int = 1024 * 1024 * 1024  # decoded bytes of all streams together
