"""The monthly-return XBRL taxonomy, generated from ``concepts.CONCEPTS``, and its taxonomy package.

Files (checked in under ``xsd/xbrl/``, shipped in the wheel as ``return_xml/xsd/xbrl/``):
``return-xml-mr/mr/mr-1.xsd`` (concepts, dimensions, typed domains, roles),
``mr-1-def.xml`` (hypercubes), ``mr-1-pre.xml`` (the form's order),
``mr-1-lab-en.xml`` and ``mr-1-lab-zh.xml`` (labels), ``mr-1-cal.xml`` and
``mr-1-formula.xml`` (the business rules, ``formula.py``), and
``return-xml-mr/META-INF/{taxonomyPackage,catalog}.xml``; zipped as
``return-xml-mr-1.zip``, the package Arelle is given with ``--packages``.

The taxonomy's URLs live under ``http://return-xml.invalid/`` (a domain that
cannot resolve, RFC 2606): nothing is ever fetched, the package's catalog maps
them to the files in the ZIP.  Regenerate with
``python -m return_xml.xbrl.taxonomy`` (tests/test_xbrl.py checks the files are current).
"""

from __future__ import annotations

import io
import sys
import zipfile
from importlib import resources
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from return_xml.xbrl.concepts import (
    BOOLEAN,
    CLASS,
    CLASS_ITEM,
    CONCEPTS,
    DATE,
    ITEM,
    MONETARY,
    PER_SHARE,
    SECTIONS,
    SHARES,
    STRING,
)
from return_xml.xbrl.formula import calculation, calculation_roles, formula

BASE = "http://return-xml.invalid/taxonomy/mr/1/"
NAMESPACE = "http://return-xml.invalid/taxonomy/mr/1"
PREFIX = "mr"
SCHEMA = "mr-1.xsd"
ENTRY_POINT = BASE + SCHEMA
PACKAGE_DIR = "return-xml-mr"
PACKAGE_ZIP = "return-xml-mr-1.zip"
LANGUAGES = (("en", "en"), ("zh", "zh-Hant"))  # file suffix, xml:lang

ROLE_PRESENTATION = BASE + "role/MonthlyReturn"
# One hypercube per set of dimensions: (key, concept dimension, axes).
TABLES = (("ShareClass", CLASS, ("ShareClassAxis",)), ("Item", ITEM, ("ItemAxis",)),
          ("ShareClassItem", CLASS_ITEM, ("ShareClassAxis", "ItemAxis")))
AXES = {"ShareClassAxis": ("shareClass", "Class of shares", "股份分類"), "ItemAxis": ("item", "Item number", "項目編號")}

_TYPE = {SHARES: "xbrli:sharesItemType", MONETARY: "xbrli:monetaryItemType", PER_SHARE: "num:perShareItemType",
         DATE: "xbrli:dateItemType", STRING: "xbrli:stringItemType", BOOLEAN: "xbrli:booleanItemType"}
_PERIOD_TYPE = {"month": "duration", "close": "instant", "preceding": "instant"}
_XLINK = 'xmlns:xlink="http://www.w3.org/1999/xlink"'
_LINK = 'xmlns:link="http://www.xbrl.org/2003/linkbase"'


def _abstract_names() -> list[tuple[str, str, str]]:
    """Abstract concepts: (name, English label, Chinese label)."""
    out = [("MonthlyReturnAbstract", "Monthly Return of Equity Issuer on Movements in Securities", "證券變動月報表")]
    out += [(f"{key}Abstract", en, zh) for key, en, zh in SECTIONS]
    for key, _, axes in TABLES:
        out.append((f"{key}Table", f"Facts by {' and '.join(AXES[a][1].lower() for a in axes)}", "按" + "及".join(AXES[a][2] for a in axes) + "列示的事實"))
        out.append((f"{key}LineItems", f"Facts by {' and '.join(AXES[a][1].lower() for a in axes)}: line items", "項目"))
    return out


def schema() -> str:
    """The taxonomy schema."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xbrli="http://www.xbrl.org/2003/instance" {_LINK}',
        f'  {_XLINK} xmlns:xbrldt="http://xbrl.org/2005/xbrldt" xmlns:num="http://www.xbrl.org/dtr/type/numeric"',
        f'  xmlns:{PREFIX}="{NAMESPACE}" targetNamespace="{NAMESPACE}" elementFormDefault="qualified" attributeFormDefault="unqualified">',
        "  <xs:annotation><xs:appinfo>",
        *(f'    <link:linkbaseRef xlink:type="simple" xlink:href="mr-1-{name}.xml" xlink:role="http://www.xbrl.org/2003/role/{role}"'
          ' xlink:arcrole="http://www.w3.org/1999/xlink/properties/linkbase"/>'
          for name, role in (("def", "definitionLinkbaseRef"), ("pre", "presentationLinkbaseRef"),
                             ("lab-en", "labelLinkbaseRef"), ("lab-zh", "labelLinkbaseRef"),
                             ("cal", "calculationLinkbaseRef"))),
        # The formula linkbase is a generic linkbase: its linkbaseRef has no role (XBRL 2.1 section 4.3.3).
        '    <link:linkbaseRef xlink:type="simple" xlink:href="mr-1-formula.xml" xlink:arcrole="http://www.w3.org/1999/xlink/properties/linkbase"/>',
        (f'    <link:roleType roleURI="{ROLE_PRESENTATION}" id="MonthlyReturn"><link:definition>Monthly return, in the form\'s order'
        '</link:definition><link:usedOn>link:presentationLink</link:usedOn></link:roleType>'),
        *(f'    <link:roleType roleURI="{BASE}role/{key}" id="{key}"><link:definition>Facts by {key}</link:definition>'
          '<link:usedOn>link:definitionLink</link:usedOn></link:roleType>' for key, _, _ in TABLES),
        *(f'    <link:roleType roleURI="{BASE}role/{code}" id="{code}"><link:definition>{escape(text)}</link:definition>'
          '<link:usedOn>link:calculationLink</link:usedOn></link:roleType>' for code, text in calculation_roles()),
        "  </xs:appinfo></xs:annotation>",
        '  <xs:import namespace="http://www.xbrl.org/2003/instance" schemaLocation="http://www.xbrl.org/2003/xbrl-instance-2003-12-31.xsd"/>',
        '  <xs:import namespace="http://xbrl.org/2005/xbrldt" schemaLocation="http://www.xbrl.org/2005/xbrldt-2005.xsd"/>',
        '  <xs:import namespace="http://www.xbrl.org/dtr/type/numeric" schemaLocation="http://www.xbrl.org/dtr/type/numeric-2009-12-16.xsd"/>',
        # Why simple: OIM (xBRL-JSON) supports simple typed domains only (Arelle: oime:unsupportedDimensionDataType).
        "  <!-- Typed domains: a class of shares by its key in the instance (s1, s2 ...: its category, class text and",
        "       stock code are the facts of its entries), and an item's number in its list (1-based). -->",
        '  <xs:element name="shareClass" id="mr_shareClass">',
        '    <xs:simpleType><xs:restriction base="xs:token"><xs:pattern value="s[1-9][0-9]*"/></xs:restriction></xs:simpleType>',
        "  </xs:element>",
        '  <xs:element name="item" id="mr_item" type="xs:positiveInteger"/>',
    ]
    for axis, (domain, _, _) in AXES.items():
        lines.append(f'  <xs:element name="{axis}" id="{PREFIX}_{axis}" substitutionGroup="xbrldt:dimensionItem" type="xbrli:stringItemType"'
                     f' abstract="true" nillable="true" xbrli:periodType="duration" xbrldt:typedDomainRef="#mr_{domain}"/>')
    for name, _, _ in _abstract_names():
        group = "xbrldt:hypercubeItem" if name.endswith("Table") else "xbrli:item"
        lines.append(f'  <xs:element name="{name}" id="{PREFIX}_{name}" substitutionGroup="{group}" type="xbrli:stringItemType"'
                     ' abstract="true" nillable="true" xbrli:periodType="duration"/>')
    for concept in CONCEPTS:
        lines.append(f'  <xs:element name="{concept.name}" id="{PREFIX}_{concept.name}" substitutionGroup="xbrli:item"'
                     f' type="{_TYPE[concept.kind]}" nillable="true" xbrli:periodType="{_PERIOD_TYPE[concept.period]}"/>')
    lines.append("</xs:schema>")
    return "\n".join(lines) + "\n"


_DIMENSION_ARCROLES = ("all", "hypercube-dimension", "domain-member")


def _linkbase(body: list[str], roles: tuple[str, ...] | list[str] = (), *, dimensional: bool = False) -> str:
    head = ['<?xml version="1.0" encoding="UTF-8"?>',
            f'<link:linkbase {_LINK} {_XLINK} xmlns:xbrldt="http://xbrl.org/2005/xbrldt">']
    head += [f'  <link:roleRef roleURI="{uri}" xlink:type="simple" xlink:href="{SCHEMA}#{uri.rsplit("/", 1)[1]}"/>' for uri in roles]
    if dimensional:  # XBRL 2.1 section 3.5.2.5: a linkbase using a non-standard arcrole declares it
        head += [f'  <link:arcroleRef arcroleURI="http://xbrl.org/int/dim/arcrole/{name}" xlink:type="simple"'
                 f' xlink:href="http://www.xbrl.org/2005/xbrldt-2005.xsd#{name}"/>' for name in _DIMENSION_ARCROLES]
    return "\n".join(head + body + ["</link:linkbase>"]) + "\n"


def _loc(name: str) -> str:
    return f'    <link:loc xlink:type="locator" xlink:href="{SCHEMA}#{PREFIX}_{name}" xlink:label="{name}"/>'


def definition() -> str:
    """The definition linkbase: each dimensional concept under the hypercube of its dimensions (closed, segment)."""
    body: list[str] = []
    for key, dimension, axes in TABLES:
        members = [c.name for c in CONCEPTS if c.dimension == dimension]
        body.append(f'  <link:definitionLink xlink:type="extended" xlink:role="{BASE}role/{key}">')
        body += [_loc(n) for n in (f"{key}LineItems", f"{key}Table", *axes, *members)]
        body.append(f'    <link:definitionArc xlink:type="arc" xlink:arcrole="http://xbrl.org/int/dim/arcrole/all"'
                    f' xlink:from="{key}LineItems" xlink:to="{key}Table" xbrldt:contextElement="segment" xbrldt:closed="true" order="1"/>')
        body += [f'    <link:definitionArc xlink:type="arc" xlink:arcrole="http://xbrl.org/int/dim/arcrole/hypercube-dimension"'
                 f' xlink:from="{key}Table" xlink:to="{axis}" order="{n}"/>' for n, axis in enumerate(axes, 1)]
        body += [f'    <link:definitionArc xlink:type="arc" xlink:arcrole="http://xbrl.org/int/dim/arcrole/domain-member"'
                 f' xlink:from="{key}LineItems" xlink:to="{name}" order="{n}"/>' for n, name in enumerate(members, 1)]
        body.append("  </link:definitionLink>")
    return _linkbase(body, [f"{BASE}role/{key}" for key, _, _ in TABLES], dimensional=True)


def presentation() -> str:
    """The presentation linkbase: the return, its sections in the form's order, each section's concepts in table order."""
    body = [f'  <link:presentationLink xlink:type="extended" xlink:role="{ROLE_PRESENTATION}">', _loc("MonthlyReturnAbstract")]
    arcs: list[str] = []
    for n, (key, _, _) in enumerate(SECTIONS, 1):
        body.append(_loc(f"{key}Abstract"))
        arcs.append(_pre_arc("MonthlyReturnAbstract", f"{key}Abstract", n))
        for m, concept in enumerate((c for c in CONCEPTS if c.section == key), 1):
            body.append(_loc(concept.name))
            arcs.append(_pre_arc(f"{key}Abstract", concept.name, m))
    return _linkbase(body + arcs + ["  </link:presentationLink>"], [ROLE_PRESENTATION])


def _pre_arc(parent: str, child: str, order: int) -> str:
    return (f'    <link:presentationArc xlink:type="arc" xlink:arcrole="http://www.xbrl.org/2003/arcrole/parent-child"'
            f' xlink:from="{parent}" xlink:to="{child}" order="{order}"/>')


def labels(language: str) -> str:
    """The label linkbase of one language (``"en"`` or ``"zh"``)."""
    lang = dict(LANGUAGES)[language]
    entries = [(n, en, zh) for n, en, zh in _abstract_names()]
    entries += [(axis, en, zh) for axis, (_, en, zh) in AXES.items()]
    entries += [(c.name, c.en, c.zh) for c in CONCEPTS]
    body = ['  <link:labelLink xlink:type="extended" xlink:role="http://www.xbrl.org/2003/role/link">']
    for name, en, zh in entries:
        text = en if language == "en" else zh
        body += [_loc(name),
                 (f'    <link:label xlink:type="resource" xlink:label="label_{name}" xlink:role="http://www.xbrl.org/2003/role/label"'
                 f' xml:lang="{lang}">{escape(text)}</link:label>'),
                 (f'    <link:labelArc xlink:type="arc" xlink:arcrole="http://www.xbrl.org/2003/arcrole/concept-label"'
                 f' xlink:from="{name}" xlink:to="label_{name}"/>')]
    return _linkbase(body + ["  </link:labelLink>"])


def package_files() -> dict[str, str]:
    """Every file of the taxonomy package, by its path inside the package folder."""
    files = {
        f"mr/{SCHEMA}": schema(),
        "mr/mr-1-def.xml": definition(),
        "mr/mr-1-pre.xml": presentation(),
        "mr/mr-1-cal.xml": calculation(BASE, SCHEMA, PREFIX),
        "mr/mr-1-formula.xml": formula(NAMESPACE, PREFIX),
        **{f"mr/mr-1-lab-{suffix}.xml": labels(suffix) for suffix, _ in LANGUAGES},
        "META-INF/catalog.xml": '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">\n'
        f'  <rewriteURI uriStartString="{BASE}" rewritePrefix="../mr/"/>\n</catalog>\n',
        "META-INF/taxonomyPackage.xml": _package_description(),
    }
    return files


def _package_description() -> str:
    return "\n".join([
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<tp:taxonomyPackage xmlns:tp="http://xbrl.org/2016/taxonomy-package" xml:lang="en">',
        f"  <tp:identifier>{BASE}</tp:identifier>",
        "  <tp:name>return-xml: HKEX monthly return of equity issuer on movements in securities</tp:name>",
        ("  <tp:description>Concepts, class-of-shares and item dimensions, English and Traditional Chinese labels "
        "and the form's order, for instances written by return-xml (docs/xbrl.md).</tp:description>"),
        "  <tp:version>1.0</tp:version>",
        "  <tp:publisher>return-xml</tp:publisher>",
        "  <tp:entryPoints><tp:entryPoint>",
        "    <tp:name>Monthly return</tp:name>",
        f"    <tp:entryPointDocument href={quoteattr(ENTRY_POINT)}/>",
        "  </tp:entryPoint></tp:entryPoints>",
        "</tp:taxonomyPackage>",
    ]) + "\n"


def package_zip() -> bytes:
    """The taxonomy package as ZIP bytes: byte-identical from run to run (fixed dates, sorted names)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in sorted(package_files().items()):
            info = zipfile.ZipInfo(f"{PACKAGE_DIR}/{name}", date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()


def write_taxonomy(folder: Path) -> None:
    """Write the package folder and the ZIP into ``folder`` (the repository's ``xsd/xbrl/``)."""
    for name, text in package_files().items():
        target = folder / PACKAGE_DIR / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    (folder / PACKAGE_ZIP).write_bytes(package_zip())


def package_path() -> Path:
    """Path of the shipped taxonomy package ZIP (wheel: ``return_xml/xsd/xbrl/``; source checkout: ``xsd/xbrl/``)."""
    packaged = resources.files("return_xml") / "xsd" / "xbrl" / PACKAGE_ZIP
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[3] / "xsd" / "xbrl" / PACKAGE_ZIP


if __name__ == "__main__":  # `python -m return_xml.xbrl.taxonomy xsd/xbrl`
    write_taxonomy(Path(sys.argv[1] if len(sys.argv) > 1 else "xsd/xbrl"))
