"""Reading a PDF filing in this process: open, read the form, judge; and the OCR retry. What a worker runs.

``api.read_pdf`` runs ``read_pdf_here`` in a worker process (isolation).  The
function lives here, not in ``api``, because a worker imports the module of
the function it is sent: this one needs the PDF layer, the readers, the model
and the rules, and not the XML, facts, XBRL or render side that ``api``
brings (about 50 ms of a one-file ``convert``'s critical path: issue 18).

A text layer can lie.  A PDF printed by a browser and passed through Ghostscript
may carry a wrong ToUnicode map for its fonts: the page shows ``月`` and the text
layer says ``o``.  Its labels are then not found, and the reader refuses the file
with ``E-FIELD-MISSING`` (a section heading or a required field not found), which
is honest.  With ``ocr="auto"`` (the default) such a file is read once more with
every page recognised by OCR, from what the pages show.  When that reading
succeeds it is used, with a reading note (``rules/reading.py``, rule RX-R-004)
that says the text layer could not be read: the verdict is ``needs review``,
so nobody takes it for a text-layer reading.

Why only then: a text-layer file that reads is never drawn nor recognised (the
retry costs nothing unless the first reading failed); ``ocr="never"`` keeps the
refusal; ``ocr="always"`` already read every page by OCR.  In a worker
(``isolation.py``) the OCR asks for its own time allowance, page by page
(``isolation.more_time_for``), as for a scan.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from return_xml import rules
from return_xml.errors import FieldError, ReturnXmlError, reading_error
from return_xml.forms import read_document
from return_xml.forms.essentials import require_essentials
from return_xml.model import MonthlyReturn, ReadingNote
from return_xml.pdf.document import open_pdf
from return_xml.pdf.gc_pause import cyclic_gc_paused
from return_xml.pdf.limits import Limits
from return_xml.pdf.preflight import check_page_count
from return_xml.rules.reading import TEXT_LAYER_UNREAD

# The refusal of a form whose headings or required labels are not found: what OCR may read instead.
_LABELS_NOT_FOUND = "E-FIELD-MISSING"


def read_pdf_here(path: Path, limits: Limits, password: str | None, decoder: str | None = None, ocr: str | None = None) -> MonthlyReturn:
    """``path`` read and judged in this process; with ``ocr`` ``"auto"`` (``None``) a text layer whose
    form is not found is read again by OCR (see the module)."""
    try:
        return _read_once(path, limits, password, decoder, ocr)
    except _TextLayerUnread as unread:
        refusal = unread.refusal
    try:
        monthly_return = _read_once(path, limits, password, decoder, "always", retry_of=refusal)
    except ReturnXmlError as err:
        # The OCR reading failed too: the refusal of the text layer stands, and says OCR was tried.
        refusal.reason = f"{refusal.reason} (read again by OCR: {err.reason})"
        refusal.args = (str(refusal),)
        raise refusal from None
    return monthly_return


class _TextLayerUnread(Exception):
    """The text layer was read and the form's labels not found in it: OCR may read the pages instead."""

    def __init__(self, refusal: ReturnXmlError) -> None:
        super().__init__(str(refusal))
        self.refusal = refusal


def _read_once(
    path: Path, limits: Limits, password: str | None, decoder: str | None, ocr: str | None,
    retry_of: ReturnXmlError | None = None,
) -> MonthlyReturn:
    try:
        with cyclic_gc_paused(), open_pdf(path, limits, password=password, decoder=decoder, ocr=ocr) as document:
            # 0 pages or a partial read is refused; against the pre-flight made on opening (not a second one, with default limits)
            check_page_count(path, len(document.pages), password=password, report=document.preflight_report)
            try:
                monthly_return = require_essentials(read_document(document), path)
            except FieldError as err:
                text_layer = any(not page.recognised and page.chars for page in document.pages)
                if (ocr or "auto") == "auto" and err.code == _LABELS_NOT_FOUND and text_layer:
                    raise _TextLayerUnread(reading_error(err, file=path)) from None
                raise
            if retry_of is not None:
                missing = f", {retry_of.field}" if retry_of.field else ""
                note = ReadingNote(message=f"{TEXT_LAYER_UNREAD} ({retry_of.code}: {retry_of.reason}{missing}); "
                                   "every page was read by OCR")
                monthly_return = dataclasses.replace(monthly_return, reading_notes=(note, *monthly_return.reading_notes))
            return rules.judged(monthly_return, rules.iter_findings(monthly_return))
    except _TextLayerUnread:
        raise
    except Exception as err:  # noqa: BLE001 (ours located; a parser's own mapped to a code, E-INTERNAL for a bug)
        raise reading_error(err, file=path)  # noqa: B904  # reading_error sets the cause (the wrapped one, when it gives way)
