"""What an input file holds (a PDF filing, a return-xml XML document or a facts JSON return), by its content."""

from __future__ import annotations

import re
from pathlib import Path

from return_xml.errors import InputError

_HTML = re.compile(rb"\s*(?:<!--.*?-->\s*)?<(?:!doctype\s+html|html[\s>])", re.I | re.S)


def input_kind(path: Path) -> str:
    """What ``path`` holds, by its content: ``"pdf"``, ``"xml"`` or ``"json"`` (a facts return).

    Raises InputError for a file that cannot be read, is empty, or is none of them
    (an HTML error page saved in place of a filing is named as such).
    """
    try:
        with path.open("rb") as handle:
            head = handle.read(1024)
    except OSError as err:
        raise InputError(f"cannot read file: {err.strerror}", file=path, code="E-IO") from err
    # Checked before the PDF marker, which a facts JSON may quote in its text.
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return "json"
    if b"%PDF-" in head:
        return "pdf"
    if _HTML.match(head):  # an error page saved in place of a filing: not XML, say what it is
        raise InputError("neither a PDF nor an XML document (an HTML page)", file=path, text=head[:40].decode("latin-1"), code="E-PDF-NOT-PDF")
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return "xml"
    if not head:
        raise InputError("empty file (0 bytes)", file=path, code="E-PDF-EMPTY")
    if path.suffix.lower() == ".xml":
        return "xml"
    raise InputError("neither a PDF nor an XML document", file=path, text=head[:40].decode("latin-1"), code="E-PDF-NOT-PDF")
