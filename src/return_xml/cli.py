"""The command line: parse arguments, call the library, print, pick the exit code.

Exit codes: 0 ok; 1 invalid or rejected input; 2 usage; 3 internal error.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from return_xml import api
from return_xml.errors import ReturnXmlError
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


def _fail(message: str, code: int) -> typer.Exit:
    typer.echo(f"return-xml: {message}", err=True)
    return typer.Exit(code)


@app.command()
def convert(
    source: InputPath,
    target: Annotated[Path, typer.Argument(dir_okay=False, help="Output: .xml, or .json for the facts view.")],
) -> None:
    """Convert a PDF (or XML) return to XML, or to facts JSON when TARGET ends in .json."""
    api.convert(source, target)
    typer.echo(f"wrote {target}", err=True)


@app.command()
def facts(source: InputPath) -> None:
    """Print the facts view (flat JSON) of a PDF or XML return."""
    typer.echo(json.dumps(api.facts(source), ensure_ascii=False, indent=2))


@app.command()
def validate(source: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True, help="A return-xml XML file.")]) -> None:
    """Validate an XML return against the bundled XSD. Exit 1 when invalid."""
    errors = api.validate_xml(source)
    for error in errors:
        typer.echo(f"{source}: {error}", err=True)
    if errors:
        raise _fail(f"{source}: INVALID ({len(errors)} schema error{'s' if len(errors) != 1 else ''})", EXIT_INVALID)
    typer.echo(f"{source}: valid")


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
