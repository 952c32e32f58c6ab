"""One root exception for everything the library refuses, with its location.

Every error names the file and, where known, the page, the field path (in the
facts-view spelling, ``issued[0].close.issued``) and the text it could not
read.  ``str(error)`` is the one line the CLI prints.
"""

from __future__ import annotations

from pathlib import Path

_MAX_TEXT = 200  # long offending text is cut, as in xmlschema's messages


class ReturnXmlError(Exception):
    """Root of every error raised by return-xml on bad input.

    ``code`` is a stable identifier (``E-PDF-ENCRYPTED`` ...) listed in
    docs/errors.md: each class has a default, an instance may override it.
    """

    code: str = "E-INTERNAL"

    def __init__(
        self,
        reason: str,
        *,
        file: str | Path | None = None,
        page: int | None = None,
        field: str | None = None,
        text: str | None = None,
        code: str | None = None,
    ) -> None:
        if code is not None:
            self.code = code
        self.reason = reason
        self.file = str(file) if file is not None else None
        self.page = page
        self.field = field
        self.text = text
        super().__init__(self.__str__())

    def located(self, *, file: str | Path | None = None) -> ReturnXmlError:
        """Set the file name when the error was raised before it was known."""
        if self.file is None and file is not None:
            self.file = str(file)
            self.args = (self.__str__(),)
        return self

    def __reduce__(self):
        # Errors cross process boundaries (return_xml.isolation): rebuild from the
        # attributes, since subclasses' __init__ signatures differ.
        return (_rebuild, (type(self), dict(self.__dict__)))

    def __str__(self) -> str:
        where = [part for part in (self.file, self.page and f"page {self.page}", self.field) if part]
        message = f"{': '.join(where)}: {self.reason}" if where else self.reason
        if self.text is not None:
            shown = self.text if len(self.text) <= _MAX_TEXT else self.text[:_MAX_TEXT] + "..."
            message += f" (read {shown!r})"
        # One line, always: parser messages (lxml's) and hostile file names can hold line breaks.
        return " ".join(message.splitlines()) if "\n" in message or "\r" in message else message


def _first_and_more(items: tuple, describe) -> str:
    """': FIRST (and N more)' for a message that names the first of several items, '' for none."""
    if not items:
        return ""
    more = f" (and {len(items) - 1} more)" if len(items) > 1 else ""
    return f": {describe(items[0])}{more}"


class InvalidReturnError(ReturnXmlError):
    """A return breaks business rules and the caller asked for strictness (``convert --strict``)."""

    def __init__(self, findings: tuple, *, file: str | Path | None = None) -> None:
        self.findings = tuple(findings)
        shown = _first_and_more(self.findings, lambda f: f"{f.code} at {f.path}: {f.message}")
        count = f"{len(self.findings)} rule finding{'s' if len(self.findings) != 1 else ''}"
        super().__init__(f"{count} (strict){shown}", file=file)

    code = "E-RULES"


class NotVerifiedError(ReturnXmlError):
    """The converter does not vouch for its reading and the caller asked it to (``convert --require-verified``)."""

    def __init__(self, reasons: tuple, *, file: str | Path | None = None) -> None:
        self.reasons = tuple(reasons)
        shown = _first_and_more(self.reasons, lambda r: f"{r.code}: {r.message}")
        super().__init__(f"the reading needs review{shown}", file=file)
        self.problems = [f"{r.code}: {r.message}" for r in self.reasons]  # the CLI prints the others, one a line

    code = "E-NOT-VERIFIED"


class FontError(ReturnXmlError):
    """``render``: no installed font can draw a character of the return (``E-RENDER-FONT``); nothing is written."""

    code = "E-RENDER-FONT"


class InputError(ReturnXmlError, ValueError):
    """The input file cannot be read: empty, not a PDF, damaged, too large, unsafe XML."""

    code = "E-INPUT"


class UnsupportedFormError(InputError):
    """The PDF is not a monthly return, or is an edition no reader knows."""

    code = "E-FORM-UNKNOWN"


class FieldError(InputError):
    """A value on the form could not be read as what its box holds."""

    code = "E-FIELD-VALUE"


class SchemaError(InputError):
    """An XML document does not conform to the return-xml schema."""

    code = "E-XML-SCHEMA"


class FactsError(InputError):
    """A facts-view JSON return (structured input) cannot be read: every problem, by path.

    ``problems`` holds one ``FieldError`` per problem, each naming its facts
    path in ``field``; the error itself carries the first problem's path,
    reason and text, and its message says how many more there are.
    """

    code = "E-FACTS"

    def __init__(self, problems: tuple[FieldError, ...] | list[FieldError], *, file: str | Path | None = None) -> None:
        self.problems = tuple(problem.located(file=file) for problem in problems)
        first = self.problems[0] if self.problems else FieldError("no problem given")
        super().__init__(first.reason, file=file, field=first.field, text=first.text)

    def located(self, *, file: str | Path | None = None) -> ReturnXmlError:
        for problem in self.problems:
            problem.located(file=file)
        return super().located(file=file)

    def __str__(self) -> str:
        more = len(getattr(self, "problems", ())) - 1
        suffix = f" (and {more} more problem{'s' if more != 1 else ''})" if more > 0 else ""
        return super().__str__() + suffix


class ResourceLimitError(InputError):
    """The input needs more than a limit allows: size, pages, decoded bytes, memory or time."""

    code = "E-PDF-LIMIT"


class TaskTimeoutError(ResourceLimitError):
    """A task ran past its wall-clock limit and its worker process was killed."""

    code = "E-PDF-TIMEOUT"


class InternalError(ReturnXmlError):
    """A bug or a crash: an unexpected exception, or a worker process that died."""

    code = "E-INTERNAL"


class WorkerCrashError(InternalError):
    """The worker process died without an answer (a signal, a crash in native code)."""

    code = "E-WORKER-CRASH"


class OutputError(ReturnXmlError, OSError):
    """The output file cannot be written (missing folder, no permission, disk full)."""

    code = "E-IO"


def _rebuild(cls: type[ReturnXmlError], state: dict) -> ReturnXmlError:
    error = cls.__new__(cls)
    error.__dict__.update(state)
    error.args = (ReturnXmlError.__str__(error),)
    return error


# --- one map from other libraries' exceptions to our codes -------------------
#
# Matched by class name and module, so that this module imports none of the
# heavy libraries (pdfminer, pypdfium2, lxml, xmlschema) it knows about.
_BY_CLASS: tuple[tuple[str, str, str, str], ...] = (
    # (module prefix, class name, code, reason)
    ("pdfminer", "PDFPasswordIncorrect", "E-PDF-ENCRYPTED", "encrypted PDF: the password is wrong or missing"),
    ("pdfminer", "PDFEncryptionError", "E-PDF-ENCRYPTED", "encrypted PDF: its encryption is not supported"),
    ("pdfminer", "PDFTextExtractionNotAllowed", "E-PDF-ENCRYPTED", "encrypted PDF: text extraction not allowed"),
    ("pdfminer", "PSEOF", "E-PDF-TRUNCATED", "truncated PDF: unexpected end of file"),
    ("pdfminer", "PDFNoValidXRef", "E-PDF-DAMAGED", "damaged PDF: no valid cross-reference table"),
    ("pdfminer", "PDFSyntaxError", "E-PDF-DAMAGED", "damaged PDF"),
    ("pdfminer", "PSException", "E-PDF-DAMAGED", "damaged PDF"),
    ("pdfminer", "PDFException", "E-PDF-DAMAGED", "damaged PDF"),
    ("pdfplumber", "PdfminerException", "E-PDF-DAMAGED", "damaged PDF"),
    ("pypdfium2", "PdfiumError", "E-PDF-DAMAGED", "damaged PDF"),
    ("lxml", "XMLSyntaxError", "E-XML-SYNTAX", "not well-formed XML"),
    ("lxml", "DocumentInvalid", "E-XML-SCHEMA", "not valid against the schema"),
    ("lxml", "XIncludeError", "E-XML-XINCLUDE", "XInclude is refused"),
    ("xmlschema", "XMLResourceForbidden", "E-XML-DTD", "XML with a DTD or entities is refused"),
    ("xmlschema", "XMLResourceBlocked", "E-XML-EXTERNAL", "XML that refers to an external resource is refused"),
    ("xmlschema", "XMLResourceParseError", "E-XML-SYNTAX", "not well-formed XML"),
    ("xmlschema", "XMLResourceExceeded", "E-XML-LIMIT", "XML over a limit"),
    ("xmlschema", "XMLResourceError", "E-XML-SYNTAX", "XML that cannot be read"),
    ("xmlschema", "XMLSchemaValidationError", "E-XML-SCHEMA", "not valid against the schema"),
    ("zlib", "error", "E-PDF-DAMAGED", "damaged PDF: a compressed stream cannot be decoded"),
)


def error_from(exc: BaseException, *, file: str | Path | None = None) -> ReturnXmlError:
    """Our error for any exception, with a stable code: the one exception map.

    A ``ReturnXmlError`` is returned as is (located in ``file``); exceptions of
    pdfminer, pdfplumber, pypdfium2, lxml, xmlschema and the OS get the code
    of what they mean; anything else is a bug, ``E-INTERNAL``.
    """
    if isinstance(exc, ReturnXmlError):
        return exc.located(file=file)
    wrapped = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else None
    if wrapped is not None and type(exc).__name__ == "PdfminerException":
        return error_from(wrapped, file=file)  # pdfplumber wraps pdfminer's exception, message and all
    detail = _first_line(str(exc))
    if isinstance(exc, MemoryError):
        return ResourceLimitError("out of memory (the input needs more memory than the limit allows)", file=file, code="E-MEMORY")
    if isinstance(exc, RecursionError):
        return InputError("damaged PDF: structure circular or nested too deeply (recursion limit reached)", file=file, code="E-PDF-DAMAGED")
    for cls in type(exc).__mro__:
        module = cls.__module__ or ""
        for prefix, name, code, reason in _BY_CLASS:
            if cls.__name__ == name and module.split(".")[0] == prefix:
                if code == "E-PDF-DAMAGED" and "password" in detail.lower():
                    code, reason = "E-PDF-ENCRYPTED", "encrypted PDF: the password is wrong or missing"
                error_class = {"E-XML-SCHEMA": SchemaError, "E-XML-LIMIT": ResourceLimitError}.get(code, InputError)
                return error_class(f"{reason}: {detail}" if detail else reason, file=file, code=code)
    if isinstance(exc, OSError):
        where = getattr(exc, "filename", None) or file
        return InputError(f"cannot read file: {exc.strerror or detail}", file=where, code="E-IO")
    if isinstance(exc, UnicodeError):
        return InputError(f"text cannot be decoded: {detail}", file=file, code="E-INPUT")
    return InternalError(f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__, file=file)


def reading_error(exc: BaseException, *, file: str | Path | None = None) -> ReturnXmlError:
    """The error to raise for ``exc``, caught while reading ``file``: ``error_from``, with its cause.

    A generic ``E-INPUT`` that wraps another library's exception (a decoder's
    "unreadable PDF") gives way to the error of the exception it wraps, which
    says more.
    """
    cause = exc.__cause__
    if isinstance(exc, ReturnXmlError) and exc.code == "E-INPUT" and cause is not None and not isinstance(cause, ReturnXmlError):
        exc = cause
    error = error_from(exc, file=file)
    if error is not exc:
        error.__cause__ = exc  # as ``raise error from exc``
    return error


def _first_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[0].strip() if lines else ""
