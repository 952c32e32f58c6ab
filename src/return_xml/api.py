"""The library's public face: read, convert, write, validate and print facts.

>>> from return_xml import api
>>> monthly_return = api.read("filing.pdf")          # doctest: +SKIP
>>> api.write(monthly_return, "filing.xml")          # doctest: +SKIP
>>> api.facts("filing.xml")["issued[0].close.issued"]  # doctest: +SKIP
478272000
"""

from __future__ import annotations

import json
from pathlib import Path

from return_xml.errors import InputError, ReturnXmlError, SchemaError
from return_xml.facts import Facts, facts_of
from return_xml.forms import read_document
from return_xml.model import MonthlyReturn
from return_xml.pdf import Limits, open_pdf
from return_xml.xmlio import read_xml, render_xml
from return_xml.xmlio.reader import parse_document
from return_xml.xmlio.schema import xsd_errors
from return_xml.xmlio.writer import write_atomically


def _kind(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            head = handle.read(1024)
    except OSError as err:
        raise InputError(f"cannot read file: {err.strerror}", file=path) from err
    if b"%PDF-" in head:
        return "pdf"
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return "xml"
    if not head:
        raise InputError("empty file (0 bytes)", file=path)
    if path.suffix.lower() == ".xml":
        return "xml"
    raise InputError("neither a PDF nor an XML document", file=path, text=head[:40].decode("latin-1"))


def read_pdf(path: str | Path, limits: Limits = Limits()) -> MonthlyReturn:
    """Read a monthly return from a PDF filing."""
    path = Path(path)
    try:
        return read_document(open_pdf(path, limits))
    except ReturnXmlError as err:
        raise err.located(file=path)


def read(path: str | Path) -> MonthlyReturn:
    """Read a monthly return from a PDF filing or a return-xml XML document (by content)."""
    path = Path(path)
    return read_pdf(path) if _kind(path) == "pdf" else read_xml(path)


def write(monthly_return: MonthlyReturn, path: str | Path) -> None:
    """Write ``monthly_return`` as XML, or as facts JSON when ``path`` ends in ``.json``."""
    path = Path(path)
    if path.suffix.lower() == ".json":
        data = (json.dumps(facts_of(monthly_return), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    else:
        data = render_xml(monthly_return)
    write_atomically(path, data)


def convert(source: str | Path, target: str | Path) -> MonthlyReturn:
    """Read ``source`` (PDF or XML) and write ``target`` (XML, or facts JSON for ``.json``)."""
    monthly_return = read(source)
    write(monthly_return, target)
    return monthly_return


def facts(path: str | Path) -> Facts:
    """The facts view of a PDF or XML file (for XML, computed from the XML alone)."""
    return facts_of(read(path))


def validate_xml(path: str | Path) -> list[str]:
    """Schema errors of an XML document: an empty list when it is valid.

    Unsafe or malformed XML raises ``InputError``; schema violations are
    listed, as found by both lxml and the xmlschema package.
    """
    path = Path(path)
    data = path.read_bytes()
    try:
        parse_document(data, file=path)
    except SchemaError:
        pass  # listed in full below
    return xsd_errors(data)
