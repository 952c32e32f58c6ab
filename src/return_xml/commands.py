"""What ``convert`` does and how errors become exit codes, without the command framework.

``return_xml.cli`` (typer) and ``return_xml.plain_cli`` (the plain ``convert``
invocations scripts make, parsed by hand) both run these, so the output and
the exit codes are the same whichever parsed the arguments.  Nothing here
imports typer, click, rich or pydantic: importing them and building their
parameter validators costs about as much as reading a filing (issue 18).
"""

from __future__ import annotations

import codecs
import io
import logging
import signal
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from return_xml.errors import InternalError, ResourceLimitError, ReturnXmlError

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_LIMIT, EXIT_INTERRUPTED = 4, 130


class Exit(Exception):  # named as typer's, which it stands for
    """Leave the command with ``code`` (what ``typer.Exit`` is to the typer commands)."""

    def __init__(self, code: int = EXIT_OK) -> None:
        super().__init__(code)
        self.code = code


def say(message: str) -> None:
    """One line on standard error: exactly what ``typer.echo(message, err=True)`` writes.

    Written directly when that is the same thing; click's ``echo`` (imported
    then) where it would differ: an escape character (it strips ANSI codes
    when standard error is no terminal), a stream it would re-wrap (ASCII or
    no encoding, not a text file), no stream at all, or Windows' console.
    """
    stream = sys.stderr
    if "\x1b" in message or not _plain_text_stream(stream):
        import click

        click.echo(message, err=True)
        return
    stream.write(message + "\n")
    stream.flush()


def _plain_text_stream(stream: object) -> bool:
    """Whether click would write to ``stream`` as it is (a text file whose encoding is not ASCII)."""
    if sys.platform == "win32" or not isinstance(stream, io.TextIOWrapper):
        return False
    try:
        return codecs.lookup(stream.encoding or "ascii").name != "ascii"
    except LookupError:  # click keeps a stream of an unknown encoding as it is
        return True


def report_differences(source: Path, differences) -> None:
    """Each value the decoders read differently, one a line on standard error; exit 1 if any."""
    for difference in differences:
        say(f"return-xml: decoders differ: {source}: {difference.message()}")
    if differences:
        raise Exit(EXIT_INVALID)


def convert(
    source: Path, target: Path, *, strict: bool = False, password: str | None = None, decoder: str | None = None,
    ocr: str | None = None, cross_check: bool = False, require_verified: bool = False, fmt: str | None = None,
) -> None:
    """The ``convert`` command: convert (isolated), print findings, the verdict and ``wrote TARGET``."""
    from return_xml import api

    conversion = api.convert(
        source, target, strict=strict, password=password, isolated=True, decoder=decoder,
        cross_check=cross_check, require_verified=require_verified, ocr=ocr, fmt=fmt,
    )
    for finding in conversion.findings:
        say(f"return-xml: warning: {source}: {finding.code} at {finding.path}: {finding.message}")
    audit = conversion.monthly_return.audit
    if audit is not None:
        say(f"return-xml: verdict: {source}: {audit.verdict.value}"
            + (f" ({len(audit.reasons)} reason{'s' if len(audit.reasons) != 1 else ''})" if audit.reasons else ""))
    say(f"wrote {target}")
    report_differences(source, conversion.differences)


def exit_code_of(error: ReturnXmlError) -> int:
    """The exit code for an error: 4 for a resource limit, 3 for an internal error, else 1."""
    if isinstance(error, ResourceLimitError):
        return EXIT_LIMIT
    if isinstance(error, InternalError):
        return EXIT_INTERNAL
    return EXIT_INVALID


class _Interrupted(BaseException):
    """Ctrl-C, raised past click (which would turn KeyboardInterrupt into "Aborted!" and exit 1)."""


def _interrupt(signum: int, frame: object) -> None:
    raise _Interrupted


def guarded(run: Callable[[], object]) -> None:
    """Run a command: no traceback ever reaches the user; errors, Ctrl-C and bugs become one line and an exit code.

    ``run`` may end with ``SystemExit`` (typer's standalone mode) or ``Exit``.
    """
    # pdfminer logs warnings about damaged files through logging's last-resort
    # handler (stderr); the one line below says what matters.
    logging.getLogger("pdfminer").addHandler(logging.NullHandler())
    in_main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, _interrupt) if in_main_thread else None
    try:
        run()
    except Exit as done:
        sys.exit(done.code)
    except ReturnXmlError as err:
        say(f"return-xml: {err.code}: {err}")
        for problem in getattr(err, "problems", ())[1:]:  # a facts JSON input: the other problems, one a line
            say(f"return-xml: {err.code}: {problem}")
        sys.exit(exit_code_of(err))
    except (_Interrupted, KeyboardInterrupt):
        # Workers were killed on the way out (return_xml.isolation); no output was written.
        say("return-xml: interrupted")
        sys.exit(EXIT_INTERRUPTED)
    except Exception as err:  # noqa: BLE001 - a bug: one line, exit 3, never a traceback
        say(f"return-xml: E-INTERNAL: internal error: {type(err).__name__}: {err}")
        sys.exit(EXIT_INTERNAL)
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
