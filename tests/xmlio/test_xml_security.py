"""The hardened XML reader refuses hostile or broken documents with InputError.

Every case goes through both ways in: ``parse_xml`` on bytes and
``api.validate_xml`` on a file.  Unsafe or malformed XML must raise
``InputError`` (never crash, never expand an entity, never fetch anything);
a well-formed, safe document that breaks the schema raises ``SchemaError``
from ``parse_xml`` while ``validate_xml`` lists its errors.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from return_xml import api
from return_xml.errors import InputError, SchemaError
from return_xml.model import Header, MonthlyReturn, Text
from return_xml.xmlio import parse_xml
from return_xml.xmlio.schema import NAMESPACE, xsd_errors

DECLARATION = "<?xml version='1.0' encoding='UTF-8'?>\n"
PASSWD = Path("/etc/passwd")
XINCLUDE = "http://www.w3.org/2001/XInclude"


def document(
    issuer: str = "Example Holdings Limited",
    *,
    doctype: str = "",
    extra: str = "",
    root: str = "monthlyReturn",
    namespace: str = NAMESPACE,
    namespaces: str = "",
    header_extra: str = "",
) -> bytes:
    """A small return document; the defaults give a valid one."""
    return (
        DECLARATION
        + doctype
        + f'<{root} xmlns="{namespace}"{namespaces} schemaVersion="1.0">'
        + '<form family="FF301" language="en"/>'
        + f"<header><issuerName>{issuer}</issuerName>{header_extra}</header>"
        + extra
        + f"</{root}>\n"
    ).encode("utf-8")


def _passwd_lines() -> list[str]:
    if not PASSWD.is_file():
        return ["root:x:0:0"]
    return [line for line in PASSWD.read_text(errors="replace").splitlines() if len(line) > 8]


def assert_nothing_leaked(text: str) -> None:
    assert "root:" not in text
    for line in _passwd_lines():
        assert line not in text


def refused_both_ways(data: bytes, tmp_path: Path, expected: type[InputError] = InputError) -> InputError:
    """parse_xml and api.validate_xml both raise ``expected``; the parse_xml error is returned."""
    with pytest.raises(expected) as parsed:
        parse_xml(data)
    path = tmp_path / "hostile.xml"
    path.write_bytes(data)
    with pytest.raises(expected) as validated:
        api.validate_xml(path)
    assert str(path) in str(validated.value)  # the error names the file
    for error in (parsed.value, validated.value):
        assert len(str(error)) < 1000  # no expanded entity in the message
        assert_nothing_leaked(str(error))
    return parsed.value


def test_the_plain_document_used_as_a_base_is_accepted(tmp_path: Path) -> None:
    # The control case: the hostile variants below differ from it only in the attack.
    assert parse_xml(document()) == MonthlyReturn(header=Header(issuer_name=Text("Example Holdings Limited")))
    path = tmp_path / "plain.xml"
    path.write_bytes(document())
    assert api.validate_xml(path) == []


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"not xml at all",
        document()[:-20],  # truncated
        document("Example & Co"),  # a bare ampersand
        document("&undefined;"),  # an entity with no DOCTYPE to declare it
        document().replace(b"</header>", b"</heading>"),  # mismatched tags
        "<?xml version='1.0' encoding='UTF-8'?><monthlyReturn>\xe9</monthlyReturn>".encode("latin-1"),  # not UTF-8
    ],
    ids=["empty", "text", "truncated", "ampersand", "undefined-entity", "mismatched-tags", "bad-encoding"],
)
def test_malformed_xml_is_refused_with_an_input_error(data: bytes, tmp_path: Path) -> None:
    error = refused_both_ways(data, tmp_path)
    assert not isinstance(error, SchemaError)


def test_a_small_billion_laughs_document_is_refused_without_expanding_its_entities(tmp_path: Path) -> None:
    doctype = (
        "<!DOCTYPE monthlyReturn [\n"
        ' <!ENTITY lol "lol">\n'
        ' <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n'
        ' <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">\n'
        ' <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">\n'
        "]>\n"
    )
    error = refused_both_ways(document("&lol4;", doctype=doctype), tmp_path)
    assert "lollol" not in str(error)


def test_an_internal_entity_is_refused_even_when_harmless(tmp_path: Path) -> None:
    doctype = '<!DOCTYPE monthlyReturn [<!ENTITY name "Example Holdings Limited">]>\n'
    refused_both_ways(document("&name;", doctype=doctype), tmp_path)


def test_an_external_entity_on_etc_passwd_is_refused_and_leaks_nothing(tmp_path: Path) -> None:
    doctype = '<!DOCTYPE monthlyReturn [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    refused_both_ways(document("&xxe;", doctype=doctype), tmp_path)


def test_an_external_parameter_entity_is_refused_and_leaks_nothing(tmp_path: Path) -> None:
    doctype = '<!DOCTYPE monthlyReturn [<!ENTITY % ext SYSTEM "file:///etc/passwd"> %ext;]>\n'
    refused_both_ways(document(doctype=doctype), tmp_path)


def test_a_doctype_with_an_external_dtd_is_refused_without_using_the_dtd(tmp_path: Path) -> None:
    dtd = tmp_path / "evil.dtd"
    dtd.write_text('<!ENTITY secret "SECRET-FROM-THE-DTD">\n', encoding="utf-8")
    for system_id in (dtd.as_uri(), "http://127.0.0.1:9/return.dtd"):
        doctype = f'<!DOCTYPE monthlyReturn SYSTEM "{system_id}">\n'
        error = refused_both_ways(document("&secret;", doctype=doctype), tmp_path)
        assert "SECRET-FROM-THE-DTD" not in str(error)
        assert "DOCTYPE" in str(error)


def test_a_bare_doctype_is_refused(tmp_path: Path) -> None:
    refused_both_ways(document(doctype="<!DOCTYPE monthlyReturn>\n"), tmp_path)


def test_an_xinclude_element_is_not_processed(tmp_path: Path) -> None:
    # Were XInclude processed, /etc/passwd would become the (schema-valid) issuer name.
    data = document(
        f'<xi:include href="{PASSWD.as_uri()}" parse="text"/>',
        namespaces=f' xmlns:xi="{XINCLUDE}"',
    )
    with pytest.raises(SchemaError) as parsed:
        parse_xml(data)
    assert_nothing_leaked(str(parsed.value))
    path = tmp_path / "xinclude.xml"
    path.write_bytes(data)
    errors = api.validate_xml(path)
    assert errors != []
    assert_nothing_leaked("\n".join(errors))


def test_an_xinclude_element_beside_the_sections_is_schema_invalid(tmp_path: Path) -> None:
    data = document(extra=f'<xi:include xmlns:xi="{XINCLUDE}" href="{PASSWD.as_uri()}" parse="text"/>')
    with pytest.raises(SchemaError) as parsed:
        parse_xml(data)
    assert_nothing_leaked(str(parsed.value))


@pytest.mark.parametrize(
    "data",
    [
        document(root="monthlyReport"),
        document(namespace="urn:return-xml:monthly-return:2"),
        document(namespace=""),
    ],
    ids=["wrong-root", "wrong-namespace", "no-namespace"],
)
def test_a_wrong_root_element_or_namespace_is_a_schema_error(data: bytes, tmp_path: Path) -> None:
    with pytest.raises(SchemaError) as parsed:
        parse_xml(data)
    assert "monthlyReturn" in str(parsed.value)
    path = tmp_path / "wrong-root.xml"
    path.write_bytes(data)
    assert api.validate_xml(path) != []


def test_a_count_that_is_not_a_number_is_a_schema_error_and_is_listed_by_validate(tmp_path: Path) -> None:
    extra = "<issued><classBlock><shareClass/><close><issued>abc</issued></close></classBlock></issued>"
    data = document(extra=extra)
    with pytest.raises(SchemaError) as parsed:
        parse_xml(data)
    assert "abc" in str(parsed.value) or "issued" in str(parsed.value)
    path = tmp_path / "bad-count.xml"
    path.write_bytes(data)
    errors = api.validate_xml(path)
    assert errors != []
    assert any("issued" in error for error in errors)
    # The same document with a number is valid: the count alone was at fault.
    fixed = tmp_path / "good-count.xml"
    fixed.write_bytes(data.replace(b">abc<", b">123<"))
    assert api.validate_xml(fixed) == []
    assert parse_xml(fixed.read_bytes()).issued[0].close.issued.value == 123


@pytest.mark.parametrize("encoding", ["ISO-8859-1", "UTF-16"])
def test_a_document_in_another_declared_encoding_is_validated_as_it_is_read(encoding: str, tmp_path: Path) -> None:
    # A well-formed, schema-valid document: parse_xml reads it, so validate_xml
    # must agree (an empty list), or at worst refuse it with an InputError.
    text = document("Caf\u00e9 Holdings Limited").decode("utf-8").replace("encoding='UTF-8'", f"encoding='{encoding}'")
    data = text.encode(encoding)
    assert parse_xml(data).header.issuer_name.value == "Caf\u00e9 Holdings Limited"
    path = tmp_path / "encoded.xml"
    path.write_bytes(data)
    try:
        errors = api.validate_xml(path)
    except InputError:
        errors = ["refused"]
    assert errors == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (" 2024-01-31 ", dt.date(2024, 1, 31)),  # xs:date collapses white space
        ("2024-01-31Z", None),  # plain xs:date allows a time zone; our IsoDate does not
        ("2024-01-31+08:00", None),
        ("12024-01-31", None),  # valid plain xs:date, beyond datetime.date
        ("-0044-03-15", None),
    ],
)
def test_an_xs_date_form_is_read_or_refused_with_an_input_error_never_a_crash(text: str, expected: dt.date | None) -> None:
    data = document(header_extra=f"<periodEnd>{text}</periodEnd>")
    # The schema and the reader must agree: what the schema accepts is read.
    assert (xsd_errors(data) == []) == (expected is not None)
    try:
        value = parse_xml(data).header.period_end.value
    except InputError:
        value = None  # refused cleanly: acceptable for any of these
    assert value in (expected, None)


def test_the_hardened_parser_never_expands_an_entity_even_where_the_doctype_is_not_refused_first() -> None:
    # Why: the schema, the Schematron and the XBRL readers parse with hardened_parser() directly,
    # without parse_xml's DOCTYPE refusal in front: the parser itself must not expand anything.
    from lxml import etree

    from return_xml.xmlio.safe_parser import hardened_parser

    document = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e "expanded">]><r>&e;</r>'
    root = etree.fromstring(document, hardened_parser())
    assert "expanded" not in etree.tostring(root).decode()


def test_the_hardened_settings_cannot_be_overridden_by_a_caller() -> None:
    from return_xml.xmlio.safe_parser import hardened_parser

    with pytest.raises(ValueError, match="resolve_entities"):
        hardened_parser(resolve_entities=True)
    assert hardened_parser(remove_comments=True) is not None
