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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from return_xml import rules
from return_xml.errors import (
    FieldError,
    InputError,
    InvalidReturnError,
    NotVerifiedError,
    ReturnXmlError,
    SchemaError,
    UnsupportedFormError,
)
from return_xml.facts import Facts, facts_of
from return_xml.facts_input import from_facts as _from_facts
from return_xml.facts_input import read_facts as _read_facts
from return_xml.formats import FORMATS, output_format, rendered
from return_xml.isolation import WorkerLimits, run_isolated
from return_xml.model import MonthlyReturn, Verdict
from return_xml.pdf import Limits
from return_xml.pdf_reading import read_pdf_here
from return_xml.rules import Finding
from return_xml.rules.crosscheck import Difference
from return_xml.rules.validation import Validation
from return_xml.sniff import IXBRL, JSON, PDF, XBRL, XML, kind_of
from return_xml.xmlio import read_xml, render_xml
from return_xml.xmlio.reader import parse_document
from return_xml.xmlio.schema import xsd_errors
from return_xml.xmlio.validation import Checked, schema_checked
from return_xml.xmlio.writer import write_atomically


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
        raise err.located(file=path)  # noqa: B904  # the same error, re-raised with its file


def _read_pdf_here(path: Path, limits: Limits, password: str | None, decoder: str | None = None, ocr: str | None = None) -> MonthlyReturn:
    # Open, read the form and judge; a text layer that does not read as the form is read again by OCR (pdf_reading.py).
    return read_pdf_here(path, limits, password, decoder, ocr)


def read(
    path: str | Path, *, password: str | None = None, isolated: bool = False, decoder: str | None = None, ocr: str | None = None
) -> MonthlyReturn:
    """Read a monthly return from a PDF filing, a return-xml XML document or a facts JSON return (by content)."""
    path = Path(path)
    return _read_as(path, kind_of(path), password=password, isolated=isolated, decoder=decoder, ocr=ocr)


def _read_as(path: Path, kind: str, limits: Limits = Limits(), **pdf_options: Any) -> MonthlyReturn:
    """``path`` read as ``kind`` (``sniff``): a PDF with ``read_pdf``'s options, else XML, JSON, XBRL or Inline XBRL."""
    if kind == PDF:
        return read_pdf(path, limits, **pdf_options)
    if kind in (JSON, XBRL):  # a JSON file is facts JSON or an xBRL-JSON report (by content)
        from return_xml.xbrl.reader import read_json_return, read_xbrl

        return read_json_return(path) if kind == JSON else read_xbrl(path)
    if kind == IXBRL:  # an Inline XBRL page that return-xml wrote
        from return_xml.xbrl.inline_reader import read_inline

        return read_inline(path)
    return read_xml(path)


def is_pdf(path: str | Path) -> bool:
    """True when ``path`` holds a PDF (by content, as ``read`` decides)."""
    return kind_of(Path(path)) == PDF


def cross_check(path: str | Path, *, password: str | None = None, isolated: bool = False) -> list[Difference]:
    """Read a PDF with both decoders and list every value they read differently ([] when none).

    Each ``Difference`` names the value's path and, per decoder, the value,
    the printed token, the page and the box (``return_xml.rules.crosscheck``).
    """
    from return_xml.rules.crosscheck import COMPARED, differences

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
    """Write ``monthly_return`` in ``fmt`` (``formats.FORMATS``); by default by suffix: .json facts, .xbrl XBRL, else XML."""
    path = Path(path)
    write_atomically(path, rendered(monthly_return, output_format(path, fmt)))


@dataclass(frozen=True)
class Conversion:
    """What ``convert`` (or ``converted``) read, what the rules found on it, and the bytes made of it."""

    monthly_return: MonthlyReturn
    findings: tuple[Finding, ...] = ()
    differences: tuple[Difference, ...] = ()  # with cross_check: what the two PDF decoders read differently
    outputs: Mapping[str, bytes] = field(default_factory=dict, hash=False, repr=False)  # by format ("xml" ...)


def convert(
    source: str | Path, target: str | Path, *, strict: bool = False, password: str | None = None, isolated: bool = False,
    decoder: str | None = None, cross_check: bool = False, require_verified: bool = False, ocr: str | None = None,
    fmt: str | None = None,
) -> Conversion:
    """Read ``source`` (PDF, XML, facts JSON or XBRL), check it, and write ``target`` in ``fmt`` (``formats.FORMATS``;
    by default by suffix: XML, facts JSON for ``.json``, XBRL for ``.xbrl``).

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
    ``NotVerifiedError`` (E-NOT-VERIFIED) and nothing is written.
    """
    target = Path(target)
    written = output_format(target, fmt)
    conversion = converted(source, (written,), strict=strict, password=password, isolated=isolated, decoder=decoder,
                           cross_check=cross_check, require_verified=require_verified, ocr=ocr)
    write_atomically(target, conversion.outputs[written])
    return conversion


def converted(
    source: str | Path, formats: Sequence[str] = (XML,), *, kind: str | None = None, limits: Limits = Limits(),
    strict: bool = False, password: str | None = None, isolated: bool = False, decoder: str | None = None,
    cross_check: bool = False, require_verified: bool = False, ocr: str | None = None,
) -> Conversion:
    """The one entrance of a conversion: read ``source`` once, check it, and make each of ``formats``; nothing is written.

    ``formats``: ``"xml"``, ``"json"`` (the facts view), ``"xbrl"``; the bytes
    are in ``Conversion.outputs``, and the XML is checked against the schema.
    ``convert`` is this and the write of its one target; ``bulk``'s workers
    return these outputs to the parent, which writes them.  ``kind="pdf"``
    reads ``source`` as a PDF whatever it holds (bulk's inputs are filings;
    by default the kind is decided by content, as ``read`` does); ``limits``
    are those of ``read_pdf``, the other arguments those of ``convert``.
    """
    source = Path(source)
    if unknown := [f for f in formats if f not in FORMATS]:
        raise InputError(f"unknown output format {unknown[0]!r} (known: {', '.join(FORMATS)})")
    kind = kind or kind_of(source)
    monthly_return = _read_as(source, kind, limits, password=password, isolated=isolated, decoder=decoder, ocr=ocr)
    found: tuple[Difference, ...] = ()
    if cross_check and kind == PDF:
        found = tuple(_cross_checked(source, monthly_return, password, isolated, decoder))
    findings = tuple(dataclasses.replace(f, file=str(source)) for f in rules.iter_findings(monthly_return))
    monthly_return = rules.judged(monthly_return, findings)
    if strict and findings:
        raise InvalidReturnError(findings, file=source)
    if require_verified and monthly_return.audit is not None and monthly_return.audit.verdict is not Verdict.VERIFIED:
        raise NotVerifiedError(monthly_return.audit.reasons, file=source)
    outputs = {written: rendered(monthly_return, written) for written in formats}
    if XML in outputs:
        parse_document(outputs[XML], file=source)  # what is written is schema-valid, or this raises
    return Conversion(monthly_return, findings, found, outputs)


def _cross_checked(path: Path, first: MonthlyReturn, password: str | None, isolated: bool, decoder: str | None) -> list[Difference]:
    from return_xml.pdf import DECODERS, DEFAULT_DECODER
    from return_xml.rules.crosscheck import differences

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


def _check(path: Path, holidays: Iterable[dt.date], password: str | None = None, isolated: bool = False) -> Checked:
    """Read ``path``, schema first, then the single-return rules; unusable input is recorded, not raised."""
    converted = None
    try:
        kind = kind_of(path)
        if kind in (PDF, JSON, XBRL, IXBRL):  # checked as the XML they convert to, without XML lines
            converted = _read_as(path, kind, password=password, isolated=isolated)
            checked = schema_checked(render_xml(converted), file=path, converted=converted)
        else:
            checked = schema_checked(path.read_bytes(), file=path)
    except ReturnXmlError as err:  # InputError, and a worker's crash or timeout (with its code)
        return Checked.unusable(path, err, converted)
    if checked.monthly_return is not None:  # schema-valid: the rules run on schema-valid documents only
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
    for index, finding in rules.iter_series_findings([c.monthly_return for c in usable]):  # type: ignore[misc]  # usable: not None
        usable[index].findings.append(usable[index].locate(finding))
    return [c.result() for c in checked]


def render(source: str | Path, target: str | Path, *, layout: str | None = None) -> MonthlyReturn:
    """Render a return (a return-xml XML file, or a PDF filing) as a PDF or an HTML page.

    The target's suffix chooses: ``.pdf`` lays the return out as a form,
    ``layout="ff301"`` (the FF301 e-form) or ``"legacy"`` (the legacy
    template), by default the layout of the return's own form family;
    ``.html``/``.htm`` writes one self-contained page with a findings panel when the business
    rules find something; ``.xhtml`` writes that page as Inline XBRL 1.1, with every fact of the
    XBRL instance tagged (docs/xbrl.md).  XML that is not schema-valid is refused
    (``SchemaError``); nothing is written on failure.  Returns what was read.
    """
    from return_xml import render as rendering  # reportlab is imported only when rendering

    source, target = Path(source), Path(target)
    suffix = target.suffix.lower()
    if suffix not in (".pdf", ".html", ".htm", ".xhtml"):
        raise InputError(f"cannot render to {suffix or 'a file without suffix'} (use .pdf, .html, .htm or .xhtml)", file=target)
    if layout is not None and layout not in rendering.LAYOUTS:
        raise InputError(f"unknown layout {layout!r} (known: {', '.join(rendering.LAYOUTS)})", file=target)
    monthly_return = read(source)
    if suffix == ".pdf":
        try:
            data = rendering.render_pdf(monthly_return, layout)
        except ReturnXmlError as err:
            raise err.located(file=source)  # noqa: B904  # the same error, re-raised with its file
    elif suffix == ".xhtml":  # Inline XBRL: the HTML page with every fact tagged
        from return_xml.xbrl.inline import render_inline

        try:
            data = render_inline(monthly_return, tuple(rules.iter_findings(monthly_return)))
        except ReturnXmlError as err:
            raise err.located(file=source)  # noqa: B904  # the same error, re-raised with its file
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
    if kind_of(source) != PDF:
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
