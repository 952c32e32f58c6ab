"""What a rule reports: a ``Finding``, with its code, severity and location."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from return_xml.model.values import Box, Reading


class Severity(StrEnum):
    """An ``error`` makes a return invalid; a ``warning`` is reported and never does (unless strict)."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One broken rule, located in the model and, where known, in the PDF and the XML.

    ``path`` is the model path of the offending value in the facts-view
    spelling (``issued[0].close.issued``: snake_case field names, list items
    counted from 0).  ``page``, ``box`` and ``printed`` come from the value
    object when it was read from a PDF.  ``file``, ``xpath`` and ``line`` are
    filled in by ``api.validate`` when the return was read from a file.
    """

    code: str
    severity: Severity
    message: str
    path: str | None = None
    page: int | None = None
    box: Box | None = None
    printed: str | None = None
    file: str | None = None
    xpath: str | None = None
    line: int | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @classmethod
    def at(cls, code: str, severity: Severity, message: str, path: str | None, leaf: Reading | None) -> Finding:
        """A finding located at the value object ``leaf`` found at ``path``."""
        source = leaf.source if leaf is not None else None
        return cls(
            code=code,
            severity=severity,
            message=message,
            path=path,
            page=source.page if source is not None else None,
            box=source.box if source is not None else None,
            printed=leaf.printed if leaf is not None else None,
        )
