"""The outcome of validating one file: its findings, or why it could not be used.

``api.validate`` builds it (the schema step is ``xmlio.validation``, the rules
are this package's); ``rules.reporting`` prints it for the ``validate`` command.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from return_xml.model import MonthlyReturn
from return_xml.rules.findings import Finding, Severity


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
