"""The command line: parse arguments, call the library, print, pick the exit code.

Exit codes: 0 ok; 1 invalid or rejected input; 2 usage; 3 internal error;
4 a resource limit (size, pages, decoded bytes, memory, time); 130 interrupted
(Ctrl-C).  See docs/errors.md.
``validate`` has its own: 0 valid, 1 invalid (an error; a warning too with
--strict), 2 unusable input (or usage).
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from return_xml import commands
from return_xml.commands import (  # noqa: F401 - EXIT_* and exit_code_of are public here too
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_INVALID,
    EXIT_LIMIT,
    EXIT_OK,
    EXIT_USAGE,
    exit_code_of,
)

# The library (XML, rules, readers) is imported by the commands that use it,
# not here: `return-xml --help` and usage errors answer without loading it.
# What `convert` does and the error handling live in return_xml.commands, shared
# with return_xml.plain_cli (the plain invocations, parsed without typer).

app = typer.Typer(
    name="return-xml",
    help="HKEX monthly returns (legacy template and FF301 e-form) to XML, facts and back.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# A password on the command line is visible to other users in `ps`: prefer the environment variable.
Password = Annotated[
    str | None,
    typer.Option(
        "--password",
        envvar="RETURN_XML_PASSWORD",
        show_default=False,
        help="Password of an encrypted PDF (or set RETURN_XML_PASSWORD). Never printed.",
    ),
]

InputPath = Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True, help="A PDF filing, a return-xml XML file, a facts JSON return, or an XBRL instance or xBRL-JSON report that return-xml wrote.")]


class Format(str, Enum):
    """Report formats of ``validate``.

    The formats of ``return_xml.rules.reporting.Format``, spelled again here
    so that the CLI starts without importing the rules (a test keeps the two
    equal).
    """

    TEXT = "text"
    JSON = "json"
    JUNIT = "junit"


class Decoder(str, Enum):
    """PDF decoders (return_xml.pdf.DECODERS; docs/performance.md)."""

    PDFIUM = "pdfium"
    PDFPLUMBER = "pdfplumber"


DecoderOption = Annotated[
    Decoder | None,
    typer.Option("--decoder", case_sensitive=False, show_default=False, help="PDF decoder: pdfium or pdfplumber (default: return_xml.pdf.DEFAULT_DECODER)."),
]
class Ocr(str, Enum):
    """When pages are read by OCR (return_xml.pdf.ocr; docs/ocr.md)."""

    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


OcrOption = Annotated[
    Ocr | None,
    typer.Option("--ocr", case_sensitive=False, show_default=False,
                 help="OCR: auto (pages without a text layer, and every page when the text layer does not read as the form; "
                      "the default), always (every page) or never."),
]
class OutputFormat(str, Enum):
    """Output formats of ``convert`` (return_xml.formats.FORMATS)."""

    XML = "xml"
    JSON = "json"
    XBRL = "xbrl"
    XBRL_JSON = "xbrl-json"


CrossCheck = Annotated[
    bool,
    typer.Option("--cross-check", help="Also decode a PDF with the other decoder; print every value they read differently (exit 1 if any)."),
]


def _version(value: bool) -> None:
    if value:
        from return_xml import __version__

        typer.echo(f"return-xml {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="Print the version and exit.")] = False,
) -> None:
    """HKEX monthly returns (legacy template and FF301 e-form) to XML, facts and back."""


def _report_differences(source: Path, differences) -> None:
    """Each value the decoders read differently, one a line on standard error; exit 1 if any."""
    try:
        commands.report_differences(source, differences)
    except commands.Exit as done:
        raise typer.Exit(done.code) from None


@app.command()
def convert(
    source: InputPath,
    target: Annotated[Path, typer.Argument(dir_okay=False, help="Output: .xml, .json for the facts view, .xbrl for an XBRL instance, .xbrl.json for xBRL-JSON.")],
    strict: Annotated[bool, typer.Option("--strict", help="Fail (exit 1, nothing written) on any rule finding.")] = False,
    password: Password = None,
    decoder: DecoderOption = None,
    ocr: OcrOption = None,
    cross_check: CrossCheck = False,
    require_verified: Annotated[
        bool, typer.Option("--require-verified", help="Write nothing and exit 1 unless the reading is verified.")
    ] = False,
    fmt: Annotated[
        OutputFormat | None,
        typer.Option("--format", case_sensitive=False, show_default=False,
                     help="Output format: xml, json (facts), xbrl (XBRL 2.1 instance) or xbrl-json (OIM); default: by TARGET's suffix."),
    ] = None,
) -> None:
    """Convert a PDF (or XML) return to XML, to facts JSON when TARGET ends in .json, to XBRL for .xbrl, to xBRL-JSON for .xbrl.json or --format xbrl-json (docs/xbrl.md).

    The result is checked against the schema and the business rules; rule
    findings are printed as warnings on standard error, then the verdict on
    the reading: verified, or needs review with its reasons (docs/verdict.md).
    """
    try:
        commands.convert(
            source, target, strict=strict, password=password, decoder=decoder.value if decoder else None,
            ocr=ocr.value if ocr else None, cross_check=cross_check, require_verified=require_verified,
            fmt=fmt.value if fmt else None,
        )
    except commands.Exit as done:
        raise typer.Exit(done.code) from None


@app.command()
def facts(
    source: InputPath, password: Password = None, decoder: DecoderOption = None, ocr: OcrOption = None, cross_check: CrossCheck = False
) -> None:
    """Print the facts view (flat JSON) of a PDF, XML, XBRL or xBRL-JSON return."""
    from return_xml import api

    name = decoder.value if decoder else None
    typer.echo(json.dumps(api.facts(source, password=password, isolated=True, decoder=name, ocr=ocr.value if ocr else None), ensure_ascii=False, indent=2))
    if cross_check and api.is_pdf(source):
        _report_differences(source, api.cross_check(source, password=password, isolated=True))


@app.command()
def validate(
    files: Annotated[list[Path], typer.Argument(exists=True, dir_okay=False, readable=True, help="return-xml XML files (or PDF filings).")],
    series: Annotated[bool, typer.Option("--series", help="Also check the files as monthly series of their issuers.")] = False,
    fmt: Annotated[Format, typer.Option("--format", help="Report format.", case_sensitive=False)] = Format.TEXT,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings make a file invalid too.")] = False,
    password: Password = None,
) -> None:
    """Validate returns: the XSD, then the business rules (docs/rules.md).

    Exit 0 when every file is valid, 1 when one is invalid, 2 when one cannot be used.
    """
    from return_xml import api
    from return_xml.rules import reporting

    if series:
        validations = api.validate_series(files, password=password, isolated=True)
    else:
        validations = [api.validate(f, password=password, isolated=True) for f in files]
    typer.echo(reporting.render(validations, fmt.value, strict=strict, series=series), nl=False)
    raise typer.Exit(reporting.exit_code(validations, strict=strict))


class Layout(str, Enum):
    """Page layouts of ``render``."""

    FF301 = "ff301"
    LEGACY = "legacy"


@app.command()
def render(
    source: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True, help="A return-xml XML file (or a PDF filing).")],
    target: Annotated[Path, typer.Argument(dir_okay=False, help="Output: .pdf, .html for one self-contained page, or .xhtml for that page as Inline XBRL.")],
    layout: Annotated[Layout | None, typer.Option("--layout", help="PDF layout (default: the return's own form family).", case_sensitive=False)] = None,
) -> None:
    """Render a return as a PDF laid out as the FF301 e-form or the legacy template, as one HTML page, or as Inline XBRL.

    XML that is not valid against the schema is refused (exit 1).
    """
    from return_xml import api

    api.render(source, target, layout=layout.value if layout is not None else None)
    typer.echo(f"wrote {target}", err=True)


@app.command()
def review(
    source: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True, help="A PDF filing.")],
    target: Annotated[Path, typer.Argument(dir_okay=False, help="Output: one self-contained .html page.")],
    password: Password = None,
    decoder: DecoderOption = None,
    cross_check: Annotated[bool, typer.Option("--cross-check", help="Also decode with the other decoder; mark the values they read differently.")] = False,
    ocr: OcrOption = None,
) -> None:
    """Write one HTML page showing the filing's pages with every value read outlined at its box (docs/review.md).

    Exit 0 when the page is written for a return that was read (verified or not), 1 when the PDF
    could not be read as a return (the page then shows its pages and the reason).
    """
    from return_xml import api

    result = api.review(source, target, password=password, isolated=True, decoder=decoder.value if decoder else None,
                        cross_check=cross_check, ocr=ocr.value if ocr else None)
    typer.echo(f"wrote {target}", err=True)
    if result.error is not None:
        typer.echo(f"return-xml: {result.error.code}: {result.error}", err=True)
        raise typer.Exit(EXIT_INVALID)
    audit = result.monthly_return.audit  # type: ignore[union-attr]  # no error: the return was read
    if audit is not None:
        reasons = f" ({len(audit.reasons)} reason{'s' if len(audit.reasons) != 1 else ''})" if audit.reasons else ""
        typer.echo(f"return-xml: verdict: {source}: {audit.verdict.value}{reasons}", err=True)
    for difference in result.differences:
        typer.echo(f"return-xml: decoders differ: {source}: {difference.message()}", err=True)


@app.command()
def schema(
    output: Annotated[Path | None, typer.Argument(dir_okay=False, help="Write the XSD here instead of printing it.")] = None,
) -> None:
    """Print the bundled XSD, or write it to OUTPUT."""
    from return_xml.xmlio import schema_text

    text = schema_text()
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        typer.echo(f"wrote {output}", err=True)


@app.command()
def bulk(
    sources: Annotated[list[str], typer.Argument(metavar="SRC", help="PDF files, folders (recursive), globs, .zip, .tar or .tar.gz archives.")],
    out: Annotated[Path, typer.Option("--out", file_okay=False, help="Output folder: xml/, json/, xbrl/, xbrl-json/, tables/, report.*, manifest.jsonl.")],
    jobs: Annotated[int, typer.Option("--jobs", min=1, help="Worker processes (Dask: LocalCluster workers).")] = 1,
    fmt: Annotated[str, typer.Option("--format", help="Outputs per input, comma-separated: xml, json (facts), xbrl (instance), xbrl-json (OIM, NAME.xbrl.json) (e.g. xml,json).")] = "xml",
    tables: Annotated[str | None, typer.Option("--tables", help="Also write dataset tables: csv or parquet.")] = None,
    review: Annotated[Path | None, typer.Option("--review", file_okay=False, help="Also write a review page (DIR/NAME.html, docs/review.md) for every input that is not verified.")] = None,
    retry_failed: Annotated[bool, typer.Option("--retry-failed", help="Convert again the inputs an earlier run rejected.")] = False,
    engine: Annotated[str, typer.Option("--engine", help="local (worker processes) or dask.")] = "local",
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="Dask scheduler address (default: a LocalCluster).")] = None,
    timeout: Annotated[float, typer.Option("--timeout", min=0.1, help="Wall-clock limit per input, seconds.")] = 120.0,
    memory_mb: Annotated[int, typer.Option("--memory-mb", min=256, help="Memory limit per worker process, MiB.")] = 2048,
) -> None:
    """Convert many filings: resumable (manifest.jsonl), in parallel, with report.json/report.csv (docs/bulk.md).

    Exit 0 when every input was converted, 1 when some were rejected, 130 when interrupted.
    """
    from return_xml.bulk import (  # lazy: the other commands start faster
        BulkOptions,
        BulkUsageError,
        run_bulk,
    )
    from return_xml.bulk.progress import console_progress
    from return_xml.isolation import WorkerLimits

    try:
        options = BulkOptions(
            jobs=jobs, formats=tuple(f.strip().lower() for f in fmt.split(",") if f.strip()), tables=tables, retry_failed=retry_failed,
            engine=engine, scheduler=scheduler, limits=WorkerLimits(seconds=timeout, memory_bytes=memory_mb * 1024 * 1024),
            review=review,
        )
    except ValueError as err:
        raise typer.BadParameter(str(err)) from None
    try:
        with console_progress() as progress:
            result = run_bulk(sources, out, options, progress=progress.row, on_plan=progress.plan)
    except BulkUsageError as err:
        typer.echo(f"return-xml: {err}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    summary = result.summary()
    typer.echo(
        f"bulk: {summary['converted']} converted, {summary['rejected']} rejected, {summary['interrupted']} interrupted "
        f"({summary['reused']} reused from the manifest); report in {out / 'report.json'}",
        err=True,
    )
    if result.reviews is not None:
        failed = f", {len(result.reviews.failed)} could not be drawn" if result.reviews.failed else ""
        typer.echo(f"bulk: {len(result.reviews.written)} review pages in {review}{failed}", err=True)
    raise typer.Exit(result.exit_code)


def main() -> None:
    """Entry point of the ``return-xml`` script: no traceback ever reaches the user."""
    # Standalone mode: typer prints usage errors itself and exits with 2.
    commands.guarded(app)
