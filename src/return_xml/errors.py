"""One root exception for everything the library refuses, with its location.

Every error names the file and, where known, the page, the field path (in the
facts-view spelling, ``issued[0].close.issued``) and the text it could not
read.  ``str(error)`` is the one line the CLI prints.
"""

from __future__ import annotations

from pathlib import Path

_MAX_TEXT = 200  # long offending text is cut, as in xmlschema's messages


class ReturnXmlError(Exception):
    """Root of every error raised by return-xml on bad input."""

    def __init__(
        self,
        reason: str,
        *,
        file: str | Path | None = None,
        page: int | None = None,
        field: str | None = None,
        text: str | None = None,
    ) -> None:
        self.reason = reason
        self.file = str(file) if file is not None else None
        self.page = page
        self.field = field
        self.text = text
        super().__init__(self.__str__())

    def located(self, *, file: str | Path | None = None) -> "ReturnXmlError":
        """Set the file name when the error was raised before it was known."""
        if self.file is None and file is not None:
            self.file = str(file)
            self.args = (self.__str__(),)
        return self

    def __str__(self) -> str:
        where = [part for part in (self.file, self.page and f"page {self.page}", self.field) if part]
        message = f"{': '.join(where)}: {self.reason}" if where else self.reason
        if self.text is not None:
            shown = self.text if len(self.text) <= _MAX_TEXT else self.text[:_MAX_TEXT] + "..."
            message += f" (read {shown!r})"
        return message


class InvalidReturnError(ReturnXmlError):
    """A return breaks business rules and the caller asked for strictness (``convert --strict``)."""

    def __init__(self, findings: tuple, *, file: str | Path | None = None) -> None:
        self.findings = tuple(findings)
        first = self.findings[0] if self.findings else None
        shown = f": {first.code} at {first.path}: {first.message}" if first is not None else ""
        more = f" (and {len(self.findings) - 1} more)" if len(self.findings) > 1 else ""
        count = f"{len(self.findings)} rule finding{'s' if len(self.findings) != 1 else ''}"
        super().__init__(f"{count} (strict){shown}{more}", file=file)


class InputError(ReturnXmlError, ValueError):
    """The input file cannot be read: empty, not a PDF, damaged, too large, unsafe XML."""


class UnsupportedFormError(InputError):
    """The PDF is not a monthly return, or is an edition no reader knows."""


class FieldError(InputError):
    """A value on the form could not be read as what its box holds."""


class SchemaError(InputError):
    """An XML document does not conform to the return-xml schema."""


class OutputError(ReturnXmlError, OSError):
    """The output file cannot be written (missing folder, no permission, disk full)."""
