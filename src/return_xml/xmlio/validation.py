"""Schema validation that reports every problem with its line, for ``api.validate``.

``reader.parse_document`` stops at the first schema error, which is right for
reading; a validator lists them all.  Unusable input (too large, not
well-formed, a DOCTYPE) still raises ``InputError`` from the same hardened
parser.  ``schema_checked`` is the schema step of validating one file; its
``Checked`` then locates the rules' findings (XPath, and the XML line when
the document is the file itself).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from return_xml.errors import ReturnXmlError, SchemaError
from return_xml.model import MonthlyReturn
from return_xml.rules import RULES, Finding
from return_xml.rules.validation import Validation
from return_xml.xmlio.paths import line_of, prefixed_path, xpath_of
from return_xml.xmlio.reader import parse_document, parse_safely, parse_xml
from return_xml.xmlio.schema import NAMESPACE, lxml_schema


@dataclass(frozen=True)
class SchemaIssue:
    """One schema error: message, XPath (``rx`` spelling) and source line."""

    message: str
    xpath: str | None
    line: int | None


def parse_and_check(data: bytes, *, file: str | Path | None = None) -> tuple[etree._ElementTree, list[SchemaIssue]]:
    """Parse untrusted XML and list every schema error (an empty list when the document is valid).

    Raises ``InputError`` when the bytes cannot be used as XML at all.
    """
    try:
        return parse_document(data, file=file), []
    except SchemaError:
        pass  # well-formed and safe (parse_document checked that first): list every error below
    tree = parse_safely(data, file=file)
    schema = lxml_schema()
    schema.validate(tree)
    issues = []
    for entry in schema.error_log:
        try:
            found = tree.xpath(entry.path) if entry.path else []
        except etree.XPathError:  # a path through a foreign namespace (xi:include ...) has an unbound prefix
            found = []
        xpath = prefixed_path(found[0]) if found and isinstance(found[0], etree._Element) else entry.path
        issues.append(SchemaIssue(entry.message.replace("{" + NAMESPACE + "}", "rx:"), xpath, entry.line or None))
    return tree, issues


@dataclass
class Checked:
    """One file being validated: what was read, the findings so far, or why it cannot be used."""

    file: str
    monthly_return: MonthlyReturn | None = None
    tree: etree._ElementTree | None = None  # the file's own XML, whose lines findings point at
    findings: list[Finding] = field(default_factory=list)
    problem: str | None = None
    problem_code: str | None = None

    @classmethod
    def unusable(cls, path: Path, error: ReturnXmlError, monthly_return: MonthlyReturn | None = None) -> Checked:
        """A file that could not be used, with the error (prefixed by its code) as its problem.

        ``monthly_return``: what was read before the error, if anything (a PDF
        whose XML then could not be checked); the series rules still see it.
        """
        problem = f"{error.code}: {error.located(file=path)}"
        return cls(str(path), monthly_return, problem=problem, problem_code=error.code)

    def locate(self, finding: Finding) -> Finding:
        """``finding`` in this file, with the XPath and (when the XML is the file) the line of its path."""
        xpath = xpath_of(finding.path) if finding.path else finding.xpath
        line = line_of(self.tree, finding.path) if self.tree is not None and finding.path else finding.line
        return dataclasses.replace(finding, file=self.file, xpath=xpath, line=line)

    def result(self) -> Validation:
        return Validation(self.file, tuple(self.findings), self.problem, self.monthly_return, self.problem_code)


def schema_checked(data: bytes, *, file: Path, converted: MonthlyReturn | None = None) -> Checked:
    """The schema step of validating ``file``: its XML ``data``, or the XML a PDF or facts JSON ``converted`` to.

    Every schema error becomes an ``RX-X-001`` finding (with its XML line when
    ``data`` is the file itself), and then ``monthly_return`` is ``None``: the
    rules run on schema-valid documents only.  Raises ``InputError`` when
    ``data`` cannot be used as XML at all.
    """
    checked = Checked(str(file), monthly_return=converted)
    tree, issues = parse_and_check(data, file=file)
    lines_known = converted is None
    if issues:
        severity = RULES["RX-X-001"].severity
        checked.findings = [
            Finding("RX-X-001", severity, i.message, file=checked.file, xpath=i.xpath, line=i.line if lines_known else None)
            for i in issues
        ]
        checked.monthly_return = None
    elif lines_known:
        checked.tree = tree
        checked.monthly_return = parse_xml(data, file=file)
    return checked
