"""The library's public face: read, convert, write, validate and print facts.

>>> from return_xml import api
>>> monthly_return = api.read("filing.pdf")          # doctest: +SKIP
>>> api.write(monthly_return, "filing.xml")          # doctest: +SKIP
>>> api.facts("filing.xml")["issued[0].close.issued"]  # doctest: +SKIP
478272000
>>> api.validate("filing.xml").is_valid()            # doctest: +SKIP
True
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from return_xml import rules
from return_xml.errors import InputError, InvalidReturnError, ReturnXmlError, SchemaError
from return_xml.facts import Facts, facts_of
from return_xml.forms import read_document
from return_xml.model import MonthlyReturn
from return_xml.pdf import Limits, open_pdf
from return_xml.rules import Finding, Severity
from return_xml.xmlio import read_xml, render_xml
from return_xml.xmlio.paths import line_of, xpath_of
from return_xml.xmlio.reader import parse_document, parse_xml
from return_xml.xmlio.schema import xsd_errors
from return_xml.xmlio.validation import parse_and_check
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


def _is_json(path: Path) -> bool:
    return path.suffix.lower() == ".json"


def _render(monthly_return: MonthlyReturn, path: Path) -> bytes:
    if _is_json(path):
        return (json.dumps(facts_of(monthly_return), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    return render_xml(monthly_return)


def write(monthly_return: MonthlyReturn, path: str | Path) -> None:
    """Write ``monthly_return`` as XML, or as facts JSON when ``path`` ends in ``.json``."""
    path = Path(path)
    write_atomically(path, _render(monthly_return, path))


@dataclass(frozen=True)
class Conversion:
    """What ``convert`` read, and what the rules found on it."""

    monthly_return: MonthlyReturn
    findings: tuple[Finding, ...] = ()


def convert(source: str | Path, target: str | Path, *, strict: bool = False) -> Conversion:
    """Read ``source`` (PDF or XML), check it, and write ``target`` (XML, or facts JSON for ``.json``).

    The XML is checked against the schema and the business rules before it is
    written.  Rule findings are returned (the CLI prints them as warnings);
    with ``strict`` any finding raises ``InvalidReturnError`` and nothing is
    written.
    """
    source, target = Path(source), Path(target)
    monthly_return = read(source)
    data = _render(monthly_return, target)
    if not _is_json(target):
        parse_document(data, file=source)  # what is written is schema-valid, or this raises
    findings = tuple(dataclasses.replace(f, file=str(source)) for f in rules.iter_findings(monthly_return))
    if strict and findings:
        raise InvalidReturnError(findings, file=source)
    write_atomically(target, data)
    return Conversion(monthly_return, findings)


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


@dataclass(frozen=True)
class Validation:
    """The outcome of validating one file: its findings, or why it could not be used."""

    file: str
    findings: tuple[Finding, ...] = ()
    problem: str | None = None
    monthly_return: MonthlyReturn | None = field(default=None, repr=False, compare=False)

    @property
    def usable(self) -> bool:
        """False when the file could not be read as a return at all (exit code 2)."""
        return self.problem is None

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.WARNING)

    def is_valid(self, *, strict: bool = False) -> bool:
        """True when usable with no error (and, when ``strict``, no warning)."""
        return self.usable and not self.errors and not (strict and self.warnings)


@dataclass
class _Checked:
    file: str
    monthly_return: MonthlyReturn | None = None
    tree: etree._ElementTree | None = None
    findings: list[Finding] = field(default_factory=list)
    problem: str | None = None

    def locate(self, finding: Finding) -> Finding:
        xpath = xpath_of(finding.path) if finding.path else finding.xpath
        line = line_of(self.tree, finding.path) if self.tree is not None and finding.path else finding.line
        return dataclasses.replace(finding, file=self.file, xpath=xpath, line=line)

    def result(self) -> Validation:
        return Validation(self.file, tuple(self.findings), self.problem, self.monthly_return)


def _check(path: Path, holidays: Iterable[dt.date]) -> _Checked:
    """Read ``path``, schema first, then the single-return rules; unusable input is recorded, not raised."""
    checked = _Checked(str(path))
    try:
        if _kind(path) == "pdf":
            checked.monthly_return = read_pdf(path)
            _, issues = parse_and_check(render_xml(checked.monthly_return), file=path)
            lines_known = False
        else:
            data = path.read_bytes()
            checked.tree, issues = parse_and_check(data, file=path)
            lines_known = True
            if not issues:
                checked.monthly_return = parse_xml(data, file=path)
    except InputError as err:
        checked.problem = str(err.located(file=path))
        return checked
    if issues:  # the rules run on schema-valid documents only
        severity = rules.RULES["RX-X-001"].severity
        checked.findings = [
            Finding("RX-X-001", severity, i.message, file=checked.file, xpath=i.xpath, line=i.line if lines_known else None)
            for i in issues
        ]
        checked.monthly_return = None
        return checked
    checked.findings = [checked.locate(f) for f in rules.iter_findings(checked.monthly_return, holidays=holidays)]
    return checked


def validate(path: str | Path, *, holidays: Iterable[dt.date] = ()) -> Validation:
    """Validate a return-xml XML file (or a PDF filing): the XSD, then every business rule.

    Never raises on bad input: a file that cannot be used gets ``problem`` set.
    ``holidays`` adds non-business days to the late-filing rule's calendar.
    """
    return _check(Path(path), tuple(holidays)).result()


def validate_series(paths: Sequence[str | Path], *, holidays: Iterable[dt.date] = ()) -> list[Validation]:
    """Validate each file, then the series rules across the usable ones (grouped by issuer).

    Series findings are added to the file they are located in: a broken
    opening balance to the later month, a superseded submission to itself.
    """
    checked = [_check(Path(p), tuple(holidays)) for p in paths]
    usable = [c for c in checked if c.monthly_return is not None]
    for index, finding in rules.iter_series_findings([c.monthly_return for c in usable]):
        usable[index].findings.append(usable[index].locate(finding))
    return [c.result() for c in checked]
