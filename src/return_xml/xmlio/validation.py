"""Schema validation that reports every problem with its line, for ``api.validate``.

``reader.parse_document`` stops at the first schema error, which is right for
reading; a validator lists them all.  Unusable input (too large, not
well-formed, a DOCTYPE) still raises ``InputError`` from the same hardened
parser.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from return_xml.errors import SchemaError
from return_xml.xmlio.paths import prefixed_path
from return_xml.xmlio.reader import parse_document, parse_safely
from return_xml.xmlio.schema import NAMESPACE, lxml_schema


@dataclass(frozen=True)
class SchemaIssue:
    """One schema error: message, XPath (``rx`` spelling) and source line."""

    message: str
    xpath: str | None
    line: int | None


def parse_and_check(data: bytes, *, file: object = None) -> tuple[etree._ElementTree, list[SchemaIssue]]:
    """Parse untrusted XML and list every schema error (an empty list when the document is valid).

    Raises ``InputError`` when the bytes cannot be used as XML at all.
    """
    try:
        return parse_document(data, file=file), []  # type: ignore[arg-type]
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
