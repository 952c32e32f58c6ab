"""What a file holds, by its content: a PDF filing, a return-xml XML document, an XBRL instance, an Inline
XBRL document, or JSON (a facts return or an xBRL-JSON report, told apart by ``xbrl.reader.read_json_return``).

``api.read`` decides with ``kind_of``; the suffix counts only when the content
says nothing (an XML file that does not start with ``<``).  How a target is
written is ``formats.output_format``.
"""

from __future__ import annotations

import re
from pathlib import Path

from return_xml.errors import InputError

PDF, XML, JSON = "pdf", "xml", "json"
XBRL = "xbrl"  # an XBRL 2.1 instance (return-xml's taxonomy, docs/xbrl.md)
IXBRL = "ixbrl"  # an Inline XBRL 1.1 document (XHTML) that return-xml wrote

_HEAD_BYTES = 1024
_LEADING = b"\xef\xbb\xbf \t\r\n"  # a byte-order mark and white space, skipped before the first character
_IX_NAMESPACE = b"http://www.xbrl.org/2013/inlineXBRL"
_HTML = re.compile(rb"\s*(?:<!--.*?-->\s*)?<(?:!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL)


def kind_of(path: Path) -> str:
    """``"pdf"``, ``"xml"``, ``"xbrl"``, ``"ixbrl"`` or ``"json"``; ``InputError`` for an unreadable, empty or other file."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_HEAD_BYTES)
    except OSError as err:
        raise InputError(f"cannot read file: {err.strerror}", file=path, code="E-IO") from err
    # Checked before the PDF marker, which a facts JSON may quote in its text.
    if head.lstrip(_LEADING).startswith(b"{"):
        return JSON
    if b"%PDF-" in head:
        return PDF
    if _IX_NAMESPACE in head:  # checked before the HTML page below: Inline XBRL is an (X)HTML page too
        from return_xml.xbrl.reader import is_inline

        if is_inline(head):
            return IXBRL
    if _HTML.match(head):  # an error page saved in place of a filing: not XML, say what it is
        raise InputError("neither a PDF nor an XML document (an HTML page)", file=path, text=head[:40].decode("latin-1"), code="E-PDF-NOT-PDF")
    if head.lstrip(_LEADING).startswith(b"<"):
        from return_xml.xbrl.reader import is_instance  # lazy: lxml and the taxonomy only for XML input

        return XBRL if is_instance(head) else XML
    if not head:
        raise InputError("empty file (0 bytes)", file=path, code="E-PDF-EMPTY")
    if path.suffix.lower() == ".xml":
        return XML
    raise InputError("neither a PDF nor an XML document", file=path, text=head[:40].decode("latin-1"), code="E-PDF-NOT-PDF")
