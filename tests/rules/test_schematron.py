"""The portable rules (xsd/monthly-return-1.sch) say what the native rules say, code for code.

Both are run on the XML of the FF301 corpus filings and on every mutated return
of the rule tests; for the rules marked portable in the catalogue, the two
must report the same codes at the same elements with the same severities.
"""

from __future__ import annotations

import pytest
from lxml import etree

from corpus_validations import labelled
from return_xml import rules
from return_xml.model import MonthlyReturn
from return_xml.rules import RULES
from return_xml.xmlio import render_xml
from return_xml.xmlio.paths import element_at
from return_xml.xmlio.schematron import run_schematron, schematron_path
from returns import MUTATIONS, mutate, valid_return

FF301_FILINGS = [
    "01723_2026-01_FF301-v1.2.0_en.pdf",
    "00328_2024-12_FF301-v1.1.1_zh.pdf",
    "00328_2025-09_FF301-v1.1.1_zh_resubmission.pdf",
]
PORTABLE = {code for code, rule in RULES.items() if rule.portable}
SCH = "{http://purl.oclc.org/dsdl/schematron}"


def _corpus_return(name: str) -> MonthlyReturn:
    monthly_return = labelled()[name].monthly_return
    assert monthly_return is not None, labelled()[name].problem
    return monthly_return


def _both(monthly_return: MonthlyReturn) -> tuple[set, set]:
    """(native, Schematron) findings of the portable rules as {(code, severity, element)}."""
    tree = etree.ElementTree(etree.fromstring(render_xml(monthly_return)))
    native = {
        (f.code, f.severity.value, element_at(tree, f.path))
        for f in rules.iter_findings(monthly_return)
        if f.code in PORTABLE
    }
    portable = set()
    for f in run_schematron(tree):
        found = tree.xpath(f.location)
        assert len(found) == 1, f"{f.code}: location {f.location} names {len(found)} elements"
        portable.add((f.code, f.severity, found[0]))
    assert None not in {element for _, _, element in native}, "a native finding points to no element"
    return native, portable


def test_the_schematron_file_declares_exactly_the_portable_rules_with_their_severities():
    document = etree.parse(str(schematron_path()))
    asserts = {a.get("id"): a.get("role") for a in document.iter(f"{SCH}assert", f"{SCH}report")}
    assert set(asserts) == PORTABLE
    assert asserts == {code: RULES[code].severity.value for code in PORTABLE}


@pytest.mark.parametrize("name", FF301_FILINGS)
def test_schematron_agrees_with_the_native_rules_on_the_corpus(corpus, name):
    native, portable = _both(_corpus_return(name))
    assert native == portable == set()


@pytest.mark.parametrize("code", sorted(MUTATIONS))
def test_schematron_agrees_with_the_native_rules_on_each_mutation(code):
    changes, _ = MUTATIONS[code]
    native, portable = _both(mutate(valid_return(), changes))
    assert native == portable
    if code in PORTABLE:
        assert {found_code for found_code, _, _ in portable} == {code}
    else:
        assert portable == set()  # a rule the Schematron cannot state is reported natively only


@pytest.mark.parametrize("name", FF301_FILINGS)
def test_schematron_agrees_on_corpus_returns_with_a_broken_balance(corpus, name):
    original = _corpus_return(name)
    close = original.issued[0].close
    broken = mutate(original, {"issued[0].close.issued": type(close.issued)(close.issued.value + 7, printed="x")})
    native, portable = _both(broken)
    assert native == portable
    expected = {"RX-II-004"} | ({"RX-II-001"} if original.issued[0].movement.issued.is_present else set())
    assert {found_code for found_code, _, _ in native} == expected
