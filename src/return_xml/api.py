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

import contextlib
import dataclasses
import datetime as dt
import gc
import re
from collections.abc import Iterator
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from return_xml import rules
from return_xml.errors import InputError, InvalidReturnError, NotVerifiedError, ReturnXmlError, SchemaError, UnsupportedFormError
from return_xml.facts import Facts, facts_of
from return_xml.facts_input import from_facts as _from_facts
from return_xml.facts_input import read_facts as _read_facts
from return_xml.forms import read_document
from return_xml.model import MonthlyReturn, Verdict
from return_xml.pdf import Limits, open_pdf
from return_xml.errors import FieldError, error_from
from return_xml.isolation import WorkerLimits, run_isolated
from return_xml.pdf.preflight import check_page_count
from return_xml.rules import Finding, Severity
from return_xml.crosscheck import Difference
from return_xml.formats import output_format, render_as
from return_xml.xbrl.reader import is_instance, read_json_return, read_xbrl
from return_xml.xmlio import read_xml, render_xml
from return_xml.xmlio.paths import line_of, xpath_of
from return_xml.xmlio.reader import parse_document, parse_xml
from return_xml.xmlio.schema import xsd_errors
from return_xml.xmlio.validation import parse_and_check
from return_xml.xmlio.writer import write_atomically


_HTML = re.compile(rb"\s*(?:<!--.*?-->\s*)?<(?:!doctype\s+html|html[\s>])", re.I | re.S)


def _kind(path: Path) -> str:
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
        return "xbrl" if is_instance(head) else "xml"
    if not head:
        raise InputError("empty file (0 bytes)", file=path, code="E-PDF-EMPTY")
    if path.suffix.lower() == ".xml":
        return "xml"
    raise InputError("neither a PDF nor an XML document", file=path, text=head[:40].decode("latin-1"), code="E-PDF-NOT-PDF")


def read_pdf(
    path: str | Path,
    limits: Limits = Limits(),
    *,
    password: str | None = None,
    isolated: bool = False,
    worker_limits: WorkerLimits = WorkerLimits(),
    decoder: str | None = None,
    ocr: str | None = None,
) -> MonthlyReturn:
    """Read a monthly return from a PDF filing.

    ``decoder`` picks the PDF decoder (``"pdfium"`` or ``"pdfplumber"``;
    ``None``: ``return_xml.pdf.DEFAULT_DECODER``; see docs/performance.md).
    ``ocr`` says which pages are read by OCR: ``"auto"`` (``None``) those
    without a text layer, ``"always"`` every page, ``"never"`` none (docs/ocr.md).

    ``password`` opens an encrypted PDF (it is never printed or logged).  With
    ``isolated`` the parse runs in a worker process within ``worker_limits``
    (wall clock, memory; see ``return_xml.isolation``): a PDF that hangs the
    parser or exhausts memory is killed and refused (``E-PDF-TIMEOUT``,
    ``E-MEMORY``) instead of taking the caller down.  The CLI always isolates.
    """
    path = Path(path)
    if not isolated:
        return _read_pdf_here(path, limits, password, decoder, ocr)
    try:
        return run_isolated(_read_pdf_here, path, limits, password, decoder, ocr, limits=worker_limits)
    except ReturnXmlError as err:
        raise err.located(file=path)


def _require_essentials(monthly_return: MonthlyReturn, path: Path) -> MonthlyReturn:
    """Refuse a return read without the issuer, the month or section II: never an empty XML."""
    header = monthly_return.header
    missing = [
        name
        for name, value in (("header.issuer_name", header.issuer_name), ("header.period_end", header.period_end))
        if value is None or value.value is None
    ]
    if not monthly_return.issued:
        missing.append("issued")
    if missing:
        raise FieldError("a required field was not found on the form", file=path, field=missing[0], code="E-FIELD-MISSING")
    return monthly_return


@contextlib.contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector (as it was before, after).

    Reading a 10-page return makes some 100,000 objects (characters, boxes,
    phrases) and almost no reference cycles; each of the collector's passes
    meanwhile walks every live object of the process, for nothing: they cost
    a fifth of a conversion.  Objects are still freed as soon as they are
    unused; cycles, if any, are collected on the first pass after.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _read_pdf_here(path: Path, limits: Limits, password: str | None, decoder: str | None = None, ocr: str | None = None) -> MonthlyReturn:
    try:
        with _cyclic_gc_paused(), open_pdf(path, limits, password=password, decoder=decoder, ocr=ocr) as document:
            check_page_count(path, len(document.pages), password=password)  # 0 pages or a partial read is refused
            monthly_return = _require_essentials(read_document(document), path)
            return rules.judged(monthly_return, rules.iter_findings(monthly_return))
    except ReturnXmlError as err:
        cause = err.__cause__
        if err.code == "E-INPUT" and cause is not None and not isinstance(cause, ReturnXmlError):
            # A decoder's generic "unreadable PDF": the exception it wraps says more.
            raise error_from(cause, file=path) from cause
        raise err.located(file=path)
    except Exception as err:  # a parser's own exception: mapped to a code (E-INTERNAL when it is a bug)
        raise error_from(err, file=path) from err


def read(
    path: str | Path, *, password: str | None = None, isolated: bool = False, decoder: str | None = None, ocr: str | None = None
) -> MonthlyReturn:
    """Read a monthly return from a PDF filing, a return-xml XML document, a facts JSON return, or an XBRL
    instance or xBRL-JSON report that return-xml wrote (by content; docs/xbrl.md)."""
    path = Path(path)
    kind = _kind(path)
    if kind in ("json", "xbrl"):
        return read_json_return(path) if kind == "json" else read_xbrl(path)
    return read_pdf(path, password=password, isolated=isolated, decoder=decoder, ocr=ocr) if kind == "pdf" else read_xml(path)


def is_pdf(path: str | Path) -> bool:
    """True when ``path`` holds a PDF (by content, as ``read`` decides)."""
    return _kind(Path(path)) == "pdf"


def cross_check(path: str | Path, *, password: str | None = None, isolated: bool = False) -> list[Difference]:
    """Read a PDF with both decoders and list every value they read differently ([] when none).

    Each ``Difference`` names the value's path and, per decoder, the value,
    the printed token, the page and the box (``return_xml.crosscheck``).
    """
    from return_xml.crosscheck import COMPARED, differences

    first, second = (read_pdf(path, password=password, isolated=isolated, decoder=name) for name in COMPARED)
    return differences(first, second)


def read_facts(path: str | Path) -> MonthlyReturn:
    """Read a return written as data: a facts-view JSON object (docs/structured-input.md).

    Every problem is reported at once, by path, in one ``FactsError``
    (``error.problems``); the document is size-bounded (5 MiB).
    """
    return _read_facts(path)


def from_facts(facts: Mapping[str, Any], *, file: str | Path | None = None) -> MonthlyReturn:
    """The return described by a facts-view mapping ``{"path": value}`` (JSON values; see ``read_facts``)."""
    return _from_facts(facts, file=file)


def write(monthly_return: MonthlyReturn, path: str | Path, *, fmt: str | None = None) -> None:
    """Write ``monthly_return`` in ``fmt`` (``FORMATS``), by default chosen by suffix: .json facts, .xbrl XBRL, else XML."""
    path = Path(path)
    write_atomically(path, render_as(monthly_return, path, fmt))


@dataclass(frozen=True)
class Conversion:
    """What ``convert`` read, and what the rules found on it."""

    monthly_return: MonthlyReturn
    findings: tuple[Finding, ...] = ()
    differences: tuple[Difference, ...] = ()  # with cross_check: what the two PDF decoders read differently


def convert(
    source: str | Path,
    target: str | Path,
    *,
    strict: bool = False,
    password: str | None = None,
    isolated: bool = False,
    decoder: str | None = None,
    cross_check: bool = False,
    require_verified: bool = False,
    ocr: str | None = None,
    fmt: str | None = None,
) -> Conversion:
    """Read ``source`` (PDF or XML), check it, and write ``target`` (XML, or facts JSON for ``.json``).

    The XML is checked against the schema and the business rules before it is
    written.  Rule findings are returned (the CLI prints them as warnings);
    with ``strict`` any finding raises ``InvalidReturnError`` and nothing is
    written.  ``password``, ``isolated``, ``decoder`` and ``ocr`` are those of
    ``read_pdf``; with ``cross_check`` a PDF is also read with the other
    decoder and the values they read differently are returned in
    ``differences`` (the target is still written from the first reading).

    The verdict on the reading (``monthly_return.audit.verdict``: ``verified``
    or ``needs review``, with the reasons; docs/verdict.md) is written in the
    XML; with ``require_verified`` a reading that is not verified raises
    ``NotVerifiedError`` (E-NOT-VERIFIED) and nothing is written.  ``fmt``
    is that of ``write``.
    """
    source, target = Path(source), Path(target)
    monthly_return = read(source, password=password, isolated=isolated, decoder=decoder, ocr=ocr)
    found: tuple[Difference, ...] = ()
    if cross_check and _kind(source) == "pdf":
        found = tuple(_cross_checked(source, monthly_return, password, isolated, decoder))
    findings = tuple(dataclasses.replace(f, file=str(source)) for f in rules.iter_findings(monthly_return))
    monthly_return = rules.judged(monthly_return, findings)
    if strict and findings:
        raise InvalidReturnError(findings, file=source)
    if require_verified and monthly_return.audit is not None and monthly_return.audit.verdict is not Verdict.VERIFIED:
        raise NotVerifiedError(monthly_return.audit.reasons, file=source)
    data = render_as(monthly_return, target, fmt)
    if output_format(target, fmt) == "xml":
        parse_document(data, file=source)  # what is written is schema-valid, or this raises
    write_atomically(target, data)
    return Conversion(monthly_return, findings, found)


def _cross_checked(path: Path, first: MonthlyReturn, password: str | None, isolated: bool, decoder: str | None) -> list[Difference]:
    from return_xml.crosscheck import differences
    from return_xml.pdf import DEFAULT_DECODER, DECODERS

    name = decoder or DEFAULT_DECODER
    other = next(n for n in DECODERS if n != name)
    return differences(first, read_pdf(path, password=password, isolated=isolated, decoder=other), (name, other))


def facts(
    path: str | Path, *, password: str | None = None, isolated: bool = False, decoder: str | None = None, ocr: str | None = None
) -> Facts:
    """The facts view of a PDF or XML file (for XML, computed from the XML alone)."""
    return facts_of(read(path, password=password, isolated=isolated, decoder=decoder, ocr=ocr))


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
    problem_code: str | None = None  # the error code of ``problem`` (docs/errors.md)

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
    problem_code: str | None = None

    def locate(self, finding: Finding) -> Finding:
        xpath = xpath_of(finding.path) if finding.path else finding.xpath
        line = line_of(self.tree, finding.path) if self.tree is not None and finding.path else finding.line
        return dataclasses.replace(finding, file=self.file, xpath=xpath, line=line)

    def result(self) -> Validation:
        return Validation(self.file, tuple(self.findings), self.problem, self.monthly_return, self.problem_code)


def _check(path: Path, holidays: Iterable[dt.date], password: str | None = None, isolated: bool = False) -> _Checked:
    """Read ``path``, schema first, then the single-return rules; unusable input is recorded, not raised."""
    checked = _Checked(str(path))
    try:
        kind = _kind(path)
        if kind in ("pdf", "json", "xbrl"):  # checked as the XML they convert to, without XML lines
            checked.monthly_return = read(path, password=password, isolated=isolated)
            _, issues = parse_and_check(render_xml(checked.monthly_return), file=path)
            lines_known = False
        else:
            data = path.read_bytes()
            checked.tree, issues = parse_and_check(data, file=path)
            lines_known = True
            if not issues:
                checked.monthly_return = parse_xml(data, file=path)
    except ReturnXmlError as err:  # InputError, and a worker's crash or timeout (with its code)
        checked.problem = f"{err.code}: {err.located(file=path)}"
        checked.problem_code = err.code
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


def validate(
    path: str | Path, *, holidays: Iterable[dt.date] = (), password: str | None = None, isolated: bool = False
) -> Validation:
    """Validate a return-xml XML file (or a PDF filing): the XSD, then every business rule.

    Never raises on bad input: a file that cannot be used gets ``problem`` set
    (prefixed by its code, also in ``problem_code``).  ``holidays`` adds
    non-business days to the late-filing rule's calendar; ``password`` and
    ``isolated`` are those of ``read_pdf``.
    """
    return _check(Path(path), tuple(holidays), password, isolated).result()


def validate_series(
    paths: Sequence[str | Path], *, holidays: Iterable[dt.date] = (), password: str | None = None, isolated: bool = False
) -> list[Validation]:
    """Validate each file, then the series rules across the usable ones (grouped by issuer).

    Series findings are added to the file they are located in: a broken
    opening balance to the later month, a superseded submission to itself.
    """
    checked = [_check(Path(p), tuple(holidays), password, isolated) for p in paths]
    usable = [c for c in checked if c.monthly_return is not None]
    for index, finding in rules.iter_series_findings([c.monthly_return for c in usable]):
        usable[index].findings.append(usable[index].locate(finding))
    return [c.result() for c in checked]


def render(source: str | Path, target: str | Path, *, layout: str | None = None) -> MonthlyReturn:
    """Render a return (a return-xml XML file, or a PDF filing) as a PDF or an HTML page.

    The target's suffix chooses: ``.pdf`` lays the return out as a form,
    ``layout="ff301"`` (the FF301 e-form) or ``"legacy"`` (the legacy
    template), by default the layout of the return's own form family;
    ``.html``/``.htm`` writes one self-contained page with a findings panel when the business
    rules find something.  XML that is not schema-valid is refused
    (``SchemaError``); nothing is written on failure.  Returns what was read.
    """
    from return_xml import render as rendering  # reportlab is imported only when rendering

    source, target = Path(source), Path(target)
    suffix = target.suffix.lower()
    if suffix not in (".pdf", ".html", ".htm"):
        raise InputError(f"cannot render to {suffix or 'a file without suffix'} (use .pdf, .html or .htm)", file=target)
    if layout is not None and layout not in rendering.LAYOUTS:
        raise InputError(f"unknown layout {layout!r} (known: {', '.join(rendering.LAYOUTS)})", file=target)
    monthly_return = read(source)
    if suffix == ".pdf":
        try:
            data = rendering.render_pdf(monthly_return, layout)
        except ReturnXmlError as err:
            raise err.located(file=source)
    else:
        data = rendering.render_html(monthly_return, tuple(rules.iter_findings(monthly_return)))
    write_atomically(target, data)
    return monthly_return


@dataclass(frozen=True)
class Review:
    """What ``review`` read and showed: the return (``None`` when it could not be read, with ``error``)."""

    monthly_return: MonthlyReturn | None
    findings: tuple[Finding, ...] = ()
    differences: tuple[Difference, ...] = ()
    error: ReturnXmlError | None = None  # why the PDF was not read as a return (scanned, not a monthly return ...)


# Refusals after which the pages are still worth showing: the PDF passed the preflight checks and opened.
_SHOWN_ANYWAY = (UnsupportedFormError, FieldError)


def review(
    source: str | Path,
    target: str | Path,
    *,
    password: str | None = None,
    isolated: bool = False,
    decoder: str | None = None,
    cross_check: bool = False,
    scale: float | None = None,
    label: str | None = None,
    ocr: str | None = None,
) -> Review:
    """Write ``target``: one self-contained HTML review page of the PDF ``source`` (docs/review.md).

    Every page is drawn, with every value read outlined at its box
    (``data-path`` = the facts path), coloured by status; the findings, the
    facts and the verdict sit beside and above.  ``password``, ``isolated`` and
    ``decoder`` (and ``ocr``) are those of ``read_pdf`` (with ``isolated`` the whole page is
    built in a worker); ``cross_check`` also reads the PDF with the other
    decoder and marks the values they read differently.  A PDF that is not
    read as a return (no text layer, not a monthly return, a value that cannot
    be read) still gets its pages and the reason, in ``Review.error``; a
    damaged, encrypted or oversized PDF raises, and nothing is written.
    ``scale``: pixels per PDF point of the page images (default 1.5);
    ``label`` names the filing on the page and in its findings (default: the
    file's name; ``bulk --review`` passes the input as the user named it).
    """
    source, target = Path(source), Path(target)
    if _kind(source) != "pdf":
        raise InputError("review needs the PDF filing: its pages are drawn", file=source)
    args = (source, password, decoder, cross_check, scale, label, ocr)
    data, result = run_isolated(_review_here, *args) if isolated else _review_here(*args)
    write_atomically(target, data)
    return result


def _review_here(source: Path, password: str | None, decoder: str | None, cross_check: bool, scale: float | None,
                 label: str | None = None, ocr: str | None = None) -> tuple[bytes, Review]:
    from return_xml.review import DEFAULT_SCALE, review_page  # pypdfium2 and Pillow draw the pages

    try:
        monthly_return = _read_pdf_here(source, Limits(), password, decoder, ocr)
    except _SHOWN_ANYWAY as err:
        result = Review(None, error=err)
    else:
        found = tuple(_cross_checked(source, monthly_return, password, False, decoder)) if cross_check else ()
        findings = tuple(dataclasses.replace(f, file=label or str(source)) for f in rules.iter_findings(monthly_return))
        result = Review(monthly_return, findings, found)
    data = review_page(source, result.monthly_return, result.findings, result.differences, error=result.error,
                       label=label, password=password, scale=scale or DEFAULT_SCALE)
    return data, result
