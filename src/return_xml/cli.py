"""The command line: parse arguments, call the library, print, pick the exit code.

Exit codes: 0 ok; 1 invalid or rejected input; 2 usage; 3 internal error.
``validate`` has its own: 0 valid, 1 invalid (an error; a warning too with
--strict), 2 unusable input (or usage).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from return_xml import api, reporting
from return_xml.errors import ReturnXmlError
from return_xml.reporting import Format
from return_xml.xmlio import schema_text

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

app = typer.Typer(
    name="return-xml",
    help="HKEX monthly returns (legacy template and FF301 e-form) to XML, facts and back.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

InputPath = Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True, help="A PDF filing or a return-xml XML file.")]


@app.command()
def convert(
    source: InputPath,
    target: Annotated[Path, typer.Argument(dir_okay=False, help="Output: .xml, or .json for the facts view.")],
    strict: Annotated[bool, typer.Option("--strict", help="Fail (exit 1, nothing written) on any rule finding.")] = False,
) -> None:
    """Convert a PDF (or XML) return to XML, or to facts JSON when TARGET ends in .json.

    The result is checked against the schema and the business rules; rule
    findings are printed as warnings on standard error.
    """
    conversion = api.convert(source, target, strict=strict)
    for finding in conversion.findings:
        typer.echo(f"return-xml: warning: {source}: {finding.code} at {finding.path}: {finding.message}", err=True)
    typer.echo(f"wrote {target}", err=True)


@app.command()
def facts(source: InputPath) -> None:
    """Print the facts view (flat JSON) of a PDF or XML return."""
    typer.echo(json.dumps(api.facts(source), ensure_ascii=False, indent=2))


@app.command()
def validate(
    files: Annotated[list[Path], typer.Argument(exists=True, dir_okay=False, readable=True, help="return-xml XML files (or PDF filings).")],
    series: Annotated[bool, typer.Option("--series", help="Also check the files as monthly series of their issuers.")] = False,
    fmt: Annotated[Format, typer.Option("--format", help="Report format.", case_sensitive=False)] = Format.TEXT,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings make a file invalid too.")] = False,
) -> None:
    """Validate returns: the XSD, then the business rules (docs/rules.md).

    Exit 0 when every file is valid, 1 when one is invalid, 2 when one cannot be used.
    """
    validations = api.validate_series(files) if series else [api.validate(f) for f in files]
    typer.echo(reporting.render(validations, fmt, strict=strict, series=series), nl=False)
    raise typer.Exit(reporting.exit_code(validations, strict=strict))


@app.command()
def schema(
    output: Annotated[Path | None, typer.Argument(dir_okay=False, help="Write the XSD here instead of printing it.")] = None,
) -> None:
    """Print the bundled XSD, or write it to OUTPUT."""
    text = schema_text()
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        typer.echo(f"wrote {output}", err=True)


def main() -> None:
    """Entry point of the ``return-xml`` script: no traceback ever reaches the user."""
    try:
        # Standalone mode: typer prints usage errors itself and exits with 2.
        app()
    except ReturnXmlError as err:
        typer.echo(f"return-xml: {err}", err=True)
        sys.exit(EXIT_INVALID)
    except Exception as err:
        typer.echo(f"return-xml: internal error: {type(err).__name__}: {err}", err=True)
        sys.exit(EXIT_INTERNAL)
