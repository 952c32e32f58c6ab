"""Write the XSD from the model, so the schema and the dataclasses cannot drift apart.

The generated text is checked in as ``xsd/monthly-return-1.xsd`` (the published
schema); a test fails when the model changes and the file was not regenerated
with ``make xsd``.
"""

from __future__ import annotations

import dataclasses
from enum import Enum
from xml.sax.saxutils import escape, quoteattr

from return_xml.model import MonthlyReturn
from return_xml.model.shape import FieldShape, shape_of
from return_xml.model.values import Amount, Count, Currency, Day, Flag, Text
from return_xml.xmlio.schema import NAMESPACE, ROOT, SCHEMA_VERSION

_LEAF_CONTENT = {
    Count: ("CountContent", "xs:integer", "A whole number; empty when the form gives no figure."),
    Amount: ("DecimalContent", "xs:decimal", "A plain decimal, as precise as printed; empty when no figure."),
    Day: ("DateContent", "IsoDate", "An ISO date; empty when no date is given."),
    Flag: ("BooleanContent", "xs:boolean", "true or false; empty when no answer is given."),
    Currency: ("CurrencyContent", "CurrencyCode", "An ISO 4217 code; empty when none is given."),
    Text: ("TextContent", "xs:string", "Text, white space folded; empty when the box is blank."),
}
_SCALARS = {str: "xs:string", int: "xs:integer", bool: "xs:boolean"}


def _doc(text: str, indent: str) -> str:
    text = text.replace("``", "'")
    return (
        f"{indent}<xs:annotation><xs:documentation>{escape(text)}</xs:documentation></xs:annotation>\n"
    )


class _Writer:
    def __init__(self) -> None:
        self.complex_types: dict[type, str] = {}
        self.enums: dict[type[Enum], str] = {}

    def collect(self, cls: type) -> None:
        if cls in self.complex_types:
            return
        self.complex_types[cls] = ""
        for shape in shape_of(cls):
            if shape.kind in ("node", "list"):
                self.collect(shape.type)
            elif shape.kind == "attribute" and issubclass(shape.type, Enum):
                self.enums[shape.type] = ""

    def complex_type(self, cls: type) -> str:
        lines = [f'  <xs:complexType name="{cls.__name__}">\n', _doc(_first_line(cls.__doc__), "    ")]
        elements = [s for s in shape_of(cls) if s.kind != "attribute"]
        if elements:
            lines.append("    <xs:sequence>\n")
            lines.extend(self.element(s) for s in elements)
            lines.append("    </xs:sequence>\n")
        for s in shape_of(cls):
            if s.kind == "attribute":
                lines.append(self.attribute(s, cls))
        lines.append("  </xs:complexType>\n")
        return "".join(lines)

    def element(self, s: FieldShape) -> str:
        occurs = ' minOccurs="0"' if s.optional or s.kind == "list" else ""
        if s.kind == "list":
            item = s.item_name or "item"
            return (
                f'      <xs:element name="{s.xml_name}"{occurs}>\n'
                + _doc(s.doc, "        ")
                + "        <xs:complexType>\n          <xs:sequence>\n"
                + f'            <xs:element name="{item}" type="rx:{s.type.__name__}" maxOccurs="unbounded">\n'
                + _doc(f"One item: {_first_line(s.type.__doc__)}", "              ")
                + "            </xs:element>\n          </xs:sequence>\n        </xs:complexType>\n"
                + "      </xs:element>\n"
            )
        type_name = f"{s.type.__name__}Value" if s.kind == "leaf" else s.type.__name__
        return f'      <xs:element name="{s.xml_name}" type="rx:{type_name}"{occurs}>\n' + _doc(s.doc, "        ") + "      </xs:element>\n"

    def attribute(self, s: FieldShape, owner: type) -> str:
        if issubclass(s.type, Enum):
            type_name = f"rx:{s.type.__name__}"
        else:
            type_name = _SCALARS[s.type]
        required = not s.optional and _has_required_value(owner, s.name)
        use = ' use="required"' if required else ""
        return f'    <xs:attribute name="{s.xml_name}" type="{type_name}"{use}>\n' + _doc(s.doc, "      ") + "    </xs:attribute>\n"


def _has_required_value(owner: type, name: str) -> bool:
    # Non-optional scalars always have a value in the model, so the writer always writes them.
    field = next(f for f in dataclasses.fields(owner) if f.name == name)
    return field.default is not None


def _first_line(text: str | None) -> str:
    return (text or "").strip().splitlines()[0].replace("``", "'") if text else ""


def generate_xsd() -> str:
    """The XSD text for the current model (deterministic)."""
    writer = _Writer()
    writer.collect(MonthlyReturn)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        "<!-- Generated from the return_xml model by `make xsd` (return_xml.xmlio.xsdgen). Do not edit. -->\n",
        f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:rx="{NAMESPACE}"\n'
        f'           targetNamespace="{NAMESPACE}" elementFormDefault="qualified"\n'
        f'           attributeFormDefault="unqualified" version="{SCHEMA_VERSION}">\n',
        _doc(
            "return-xml: the HKEX Monthly Return of Equity Issuer on Movements in Securities "
            "(legacy template and FF301 e-form) as XML. The namespace carries the schema's major "
            "version; schemaVersion on the root gives major.minor.",
            "  ",
        ),
        f'  <xs:element name="{ROOT}">\n',
        _doc("A whole monthly return.", "    "),
        "    <xs:complexType>\n      <xs:complexContent>\n"
        '        <xs:extension base="rx:MonthlyReturn">\n'
        '          <xs:attribute name="schemaVersion" type="xs:string" use="required">\n',
        _doc("Version of this schema the document was written for (major.minor).", "            "),
        "          </xs:attribute>\n        </xs:extension>\n      </xs:complexContent>\n    </xs:complexType>\n",
        "  </xs:element>\n",
        '  <xs:simpleType name="Empty">\n',
        _doc("The empty string: the form gives no value here.", "    "),
        '    <xs:restriction base="xs:string"><xs:length value="0"/></xs:restriction>\n  </xs:simpleType>\n',
        '  <xs:simpleType name="CurrencyCode">\n',
        _doc("An ISO 4217 currency code.", "    "),
        '    <xs:restriction base="xs:string"><xs:pattern value="[A-Z]{3}"/></xs:restriction>\n  </xs:simpleType>\n',
        '  <xs:simpleType name="IsoDate">\n',
        _doc("A calendar date written YYYY-MM-DD, without a time zone.", "    "),
        '    <xs:restriction base="xs:date"><xs:pattern value="\\d{4}-\\d{2}-\\d{2}"/></xs:restriction>\n  </xs:simpleType>\n',
        '  <xs:simpleType name="Box">\n',
        _doc("A box on a page in PDF points: x0 top x1 bottom, origin at the top left.", "    "),
        '    <xs:restriction base="xs:string">'
        r'<xs:pattern value="-?\d+\.\d{2} -?\d+\.\d{2} -?\d+\.\d{2} -?\d+\.\d{2}"/>'
        "</xs:restriction>\n  </xs:simpleType>\n",
        '  <xs:attributeGroup name="Provenance">\n',
        _doc("Where and how a value was printed.", "    "),
        '    <xs:attribute name="printed" type="xs:string">\n',
        _doc("The token exactly as printed (Nil, N/A, (1,500,000)); empty for a blank box.", "      "),
        '    </xs:attribute>\n    <xs:attribute name="page" type="xs:positiveInteger">\n',
        _doc("Page (from 1) the value was read from.", "      "),
        '    </xs:attribute>\n    <xs:attribute name="box" type="rx:Box">\n',
        _doc("Box of the value on its page.", "      "),
        '    </xs:attribute>\n    <xs:attribute name="confidence">\n',
        _doc("For a value read by OCR from a scanned page: the lowest recognition confidence (0-100) of its characters.", "      "),
        '      <xs:simpleType><xs:restriction base="xs:nonNegativeInteger"><xs:maxInclusive value="100"/></xs:restriction></xs:simpleType>\n',
        "    </xs:attribute>\n  </xs:attributeGroup>\n",
    ]
    for leaf, (content, base, text) in _LEAF_CONTENT.items():
        base_ref = f"rx:{base}" if base in ("CurrencyCode", "IsoDate") else base
        out.append(
            f'  <xs:simpleType name="{content}">\n' + _doc(text, "    ")
            + f'    <xs:union memberTypes="{base_ref} rx:Empty"/>\n  </xs:simpleType>\n'
            + f'  <xs:complexType name="{leaf.__name__}Value">\n' + _doc(_first_line(leaf.__doc__), "    ")
            + f'    <xs:simpleContent>\n      <xs:extension base="rx:{content}">\n'
            + '        <xs:attributeGroup ref="rx:Provenance"/>\n      </xs:extension>\n    </xs:simpleContent>\n'
            + "  </xs:complexType>\n"
        )
    for enum in writer.enums:
        out.append(f'  <xs:simpleType name="{enum.__name__}">\n' + _doc(_first_line(enum.__doc__), "    "))
        out.append('    <xs:restriction base="xs:string">\n')
        out.extend(f"      <xs:enumeration value={quoteattr(m.value)}/>\n" for m in enum)
        out.append("    </xs:restriction>\n  </xs:simpleType>\n")
    out.extend(writer.complex_type(cls) for cls in writer.complex_types)
    out.append("</xs:schema>\n")
    return "".join(out)


if __name__ == "__main__":  # `python -m return_xml.xmlio.xsdgen > xsd/monthly-return-1.xsd`
    import sys

    sys.stdout.write(generate_xsd())
