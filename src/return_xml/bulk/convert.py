"""The task a worker runs for one input: PDF bytes -> its outputs (schema-valid XML, facts JSON, XBRL instance, xBRL-JSON), through ``api``.

The conversion itself is ``api.converted``, the entrance the CLI and the
library convert through too; this module only hands it the bytes and gives
the parent what it keeps.  It runs in a worker process
(``return_xml.isolation``) and returns bytes; the parent writes the files.  It
writes nothing but one private temporary copy of the PDF (the PDF layer opens
paths), deleted before it returns.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from return_xml import api
from return_xml.errors import ReturnXmlError
from return_xml.pdf import Limits
from return_xml.sniff import PDF


@dataclass(frozen=True)
class Converted:
    """What one conversion gives back to the parent: the output bytes per format, and the rule findings."""

    outputs: dict[str, bytes]
    finding_codes: tuple[str, ...]
    verdict: str | None = None  # verified | needs review (docs/verdict.md)


def warm_up() -> bool:
    """Import what a conversion needs, so that a fresh worker's first input is not charged for it."""
    import importlib

    from return_xml.pdf import DECODERS, DEFAULT_DECODER

    importlib.import_module(DECODERS[DEFAULT_DECODER])  # imported lazily by the PDF layer, with its library
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
        try:  # read as a PDF whatever it holds: a bulk input is a filing (an HTML error page is refused as not a PDF)
            conversion = api.converted(copy, formats, kind=PDF, limits=limits)
        except ReturnXmlError as err:
            raise _relocated(err, label) from None
    audit = conversion.monthly_return.audit
    return Converted(dict(conversion.outputs), tuple(f.code for f in conversion.findings), audit.verdict.value if audit is not None else None)
