"""The plain ``return-xml convert SOURCE TARGET [options]`` run without typer.

A script converting filings one process at a time pays for the command
framework on every call: typer, click and the pydantic validators typer
builds for each parameter cost more than reading a 10-page filing (issue 18).
So ``return_xml.__main__`` first offers the arguments to ``plain_convert``:
when they are a well-formed ``convert`` whose input exists (nothing
ambiguous, nothing to report about the arguments), it runs
``commands.convert`` itself.  Anything else (``--help``, an unknown or
repeated option, a bad choice, a missing input, ``--``) returns ``None`` and
the typer command line handles it, so every usage message and usage error
still comes from one place: ``return_xml.cli``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

FLAGS = {"--strict": "strict", "--cross-check": "cross_check", "--require-verified": "require_verified"}
# As cli.Decoder, cli.Ocr and cli.OutputFormat.
CHOICES = {"--decoder": ("pdfium", "pdfplumber"), "--ocr": ("auto", "always", "never"), "--format": ("xml", "json", "xbrl", "xbrl-json")}
KEYS = {"--format": "fmt"}  # an option whose keyword argument is not its name
PASSWORD_ENV = "RETURN_XML_PASSWORD"


def parse_convert(argv: list[str]) -> dict | None:
    """The keyword arguments of ``commands.convert`` for a plain ``convert`` command line, else None."""
    if not argv or argv[0] != "convert":
        return None
    if any(name.startswith("_") and name.endswith("_COMPLETE") and value for name, value in os.environ.items()):
        return None  # a shell asking for completions (click's _PROG_COMPLETE): typer answers
    options: dict = {}
    positional: list[str] = []
    words = iter(argv[1:])
    for word in words:
        if not word.startswith("-") or word == "-":
            positional.append(word)
            continue
        name, equals, value = word.partition("=")
        if name in FLAGS and not equals:
            key = FLAGS[name]
        elif name in CHOICES or name == "--password":
            if not equals:
                value = next(words, None)
                if value is None or value.startswith("-"):
                    return None  # typer says what is missing (or reads it its way)
            key = KEYS.get(name, name[2:])
            if name in CHOICES:
                value = value.lower()  # case-insensitive, as the typer options
                if value not in CHOICES[name]:
                    return None
        else:
            return None  # --help, --, an unknown option, short options: typer's business
        if key in options:
            return None  # repeated: typer's rules apply
        options[key] = True if key in FLAGS.values() else value
    if len(positional) != 2 or not all(positional):
        return None
    source, target = Path(positional[0]), Path(positional[1])
    # What typer checks: the input exists, is no folder and is readable; an existing output is no folder.
    if not source.is_file() or not os.access(source, os.R_OK):
        return None
    if target.exists() and (target.is_dir() or not os.access(target, os.R_OK)):
        return None
    if "password" not in options:
        env = os.environ.get(PASSWORD_ENV)
        if env == "":
            return None  # an empty variable: let typer decide what it means
        options["password"] = env
    return {"source": source, "target": target, **options}


def plain_convert(argv: list[str]) -> bool:
    """Run a plain ``convert`` (exits the process through ``SystemExit``); False when typer must handle ``argv``."""
    arguments = parse_convert(argv)
    if arguments is None:
        return False
    from return_xml import commands

    def run() -> None:
        from return_xml import isolation

        try:
            if _is_pdf(arguments["source"]):
                # The worker that will read the PDF starts now, imports the reading stack (and its decoder's
                # library) and reads: it is sent at once the task api.read_pdf will ask for (the same function
                # and arguments), while this process imports the XML and rules side: on two cores at once.
                decoder_module = _DECODER_MODULES.get(arguments.get("decoder") or "pdfium", "return_xml.reading")
                isolation.prestart(preload=("return_xml.reading", decoder_module), task=_read_task(arguments))
            commands.convert(**arguments)
            raise commands.Exit(commands.EXIT_OK)  # as typer's standalone mode ends: SystemExit(0)
        except (EOFError, KeyboardInterrupt, OSError) as error:
            _as_typer_would(error)
        finally:
            isolation.discard_prestarted()  # unused (an XML input, an error first): ended, never left behind

    commands.guarded(run)  # the SIGINT handler is in place before the worker starts
    return True


def _as_typer_would(error: BaseException) -> None:
    """What typer's command runner does with these (``typer.core._main``), so that both paths end alike.

    EOFError: a blank line and typer's abort message, exit 1; KeyboardInterrupt
    (not the SIGINT handler's, which ``commands.guarded`` reports): exit 130;
    a broken pipe: exit 1 quietly.  Any other ``OSError`` (an ``OutputError``)
    goes on to ``commands.guarded``.
    """
    import errno

    from return_xml import commands

    if isinstance(error, OSError) and error.errno != errno.EPIPE:
        raise error
    import click
    from typer import core

    if isinstance(error, KeyboardInterrupt):
        raise commands.Exit(commands.EXIT_INTERRUPTED) from None
    if isinstance(error, OSError):
        # click.utils types PacifyFlushWrapper as an object: it is a class (wraps a stream, hushes EPIPE on flush).
        sys.stdout = click.utils.PacifyFlushWrapper(sys.stdout)  # type: ignore[operator]
        sys.stderr = click.utils.PacifyFlushWrapper(sys.stderr)  # type: ignore[operator]  # as above
        raise commands.Exit(1) from None
    click.echo(file=sys.stderr)
    if core.HAS_RICH:
        from typer import rich_utils

        rich_utils.rich_abort_error()
    else:
        click.echo("Aborted!", file=sys.stderr)
    raise commands.Exit(1) from None


# The decoder modules (return_xml.pdf.DECODERS, not imported here: it would import the PDF layer in this process).
_DECODER_MODULES = {"pdfium": "return_xml.pdf.pdfium", "pdfplumber": "return_xml.pdf.plumber"}


def _read_task(arguments: dict) -> tuple[tuple[str, str], tuple]:
    """The task ``api.read_pdf`` gives its worker for this ``convert``: ``reading.read_pdf_here`` and its arguments."""
    from return_xml.pdf.limits import Limits  # (a light module: not the PDF adapter)

    read = (arguments["source"], Limits(), arguments.get("password"), arguments.get("decoder"), arguments.get("ocr"))
    return ("return_xml.reading", "read_pdf_here"), read


def _is_pdf(path: Path) -> bool:
    """Whether the input looks like a PDF (what ``api`` will check again): only then is a worker worth starting."""
    try:
        with path.open("rb") as handle:
            return b"%PDF-" in handle.read(1024)
    except OSError:
        return False
