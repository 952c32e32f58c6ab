"""Reading a PDF filing in this process: open it, read the form, judge the reading; what a worker runs.

``api.read_pdf`` runs ``read_pdf_here`` in a worker process (isolation).  The
function lives here, not in ``api``, because a worker imports the module of
the function it is sent: this one needs the PDF layer, the readers, the model
and the rules, and not the XML, facts, XBRL or render side that ``api``
brings (about 50 ms of a one-file ``convert``'s critical path: issue 18).
"""

from __future__ import annotations

from pathlib import Path

from return_xml import rules
from return_xml.errors import reading_error
from return_xml.forms import read_document
from return_xml.forms.essentials import require_essentials
from return_xml.model import MonthlyReturn
from return_xml.pdf import Limits, open_pdf
from return_xml.pdf.gc_pause import cyclic_gc_paused
from return_xml.pdf.preflight import check_page_count


def read_pdf_here(path: Path, limits: Limits, password: str | None, decoder: str | None = None, ocr: str | None = None) -> MonthlyReturn:
    """Read and judge the return in ``path`` here (no worker); every failure raised as a located ``ReturnXmlError``."""
    try:
        with cyclic_gc_paused(), open_pdf(path, limits, password=password, decoder=decoder, ocr=ocr) as document:
            # 0 pages or a partial read is refused; against the pre-flight made on opening (not a second one, with default limits)
            check_page_count(path, len(document.pages), password=password, report=document.preflight_report)
            monthly_return = require_essentials(read_document(document), path)
            return rules.judged(monthly_return, rules.iter_findings(monthly_return))
    except Exception as err:  # noqa: BLE001 (ours located; a parser's own mapped to a code, E-INTERNAL for a bug)
        raise reading_error(err, file=path)  # noqa: B904  # reading_error sets the cause (the wrapped one, when it gives way)
