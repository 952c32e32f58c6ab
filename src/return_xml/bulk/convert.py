"""The task a worker runs for one input: PDF bytes -> schema-valid XML, facts JSON and XBRL instance bytes.

It runs in a worker process (``return_xml.isolation``) and returns bytes; the
parent writes the files.  It writes nothing but one private temporary copy of
the PDF (the PDF layer opens paths), deleted before it returns.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

from return_xml import api, rules
from return_xml.errors import ReturnXmlError
from return_xml.facts import facts_of
from return_xml.pdf import Limits
from return_xml.xmlio import render_xml
from return_xml.xmlio.reader import parse_document

FORMATS = ("xml", "json", "xbrl")  # each written as FORMAT/NAME.FORMAT


@dataclass(frozen=True)
class Converted:
    """What one conversion gives back to the parent: the output bytes per format, and the rule findings."""

    outputs: dict[str, bytes]
    finding_codes: tuple[str, ...]
    verdict: str | None = None  # verified | needs review (docs/verdict.md)


def warm_up() -> bool:
    """Import what a conversion needs, so that a fresh worker's first input is not charged for it."""
    import pdfplumber  # noqa: F401  (imported lazily by the PDF layer)

    return True


def _relocated(err: ReturnXmlError, label: str) -> ReturnXmlError:
    # The error names our temporary copy: name the input as the user knows it.
    err.file = label
    err.args = (str(err),)
    return err


def convert_bytes(data: bytes, label: str, formats: tuple[str, ...], limits: Limits = Limits()) -> Converted:
    """Convert one PDF given as bytes; ``label`` names it in errors.  Raises ``ReturnXmlError``."""
    with tempfile.TemporaryDirectory(prefix="return-xml-bulk-") as folder:
        copy = Path(folder) / "input.pdf"
        copy.write_bytes(data)
        try:
            monthly_return = api.read_pdf(copy, limits)
        except ReturnXmlError as err:
            raise _relocated(err, label) from None
    outputs: dict[str, bytes] = {}
    if "xml" in formats:
        xml = render_xml(monthly_return)
        parse_document(xml, file=label)  # what is written is schema-valid, or this raises
        outputs["xml"] = xml
    if "json" in formats:
        outputs["json"] = (json.dumps(facts_of(monthly_return), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if "xbrl" in formats:  # an XBRL 2.1 instance of the shipped taxonomy (docs/xbrl.md)
        # lazy: only XBRL output needs the taxonomy
        from return_xml.xbrl import render_xbrl

        outputs["xbrl"] = render_xbrl(monthly_return)
    codes = tuple(f.code for f in rules.iter_findings(monthly_return))
    verdict = monthly_return.audit.verdict.value if monthly_return.audit is not None else None
    return Converted(outputs, codes, verdict)
