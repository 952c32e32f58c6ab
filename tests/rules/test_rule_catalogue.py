"""The catalogue: stable codes, the generated docs/rules.md, and model paths as XPaths."""

from __future__ import annotations

import re

import pytest
from lxml import etree

from conftest import PROJECT
from return_xml.rules import RULES, Severity
from return_xml.rules.catalogue import markdown, update_document
from return_xml.xmlio import render_xml
from return_xml.xmlio.paths import element_at, xpath_of
from returns import valid_return

DOCS = PROJECT / "docs" / "rules.md"


def test_docs_rules_md_shows_the_current_catalogue():
    text = DOCS.read_text(encoding="utf-8")
    assert markdown() in text, "docs/rules.md is stale: run `python -m return_xml.rules docs/rules.md`"
    assert update_document(text) == text


def test_codes_are_well_formed_and_money_rules_state_a_tolerance():
    assert all(re.fullmatch(r"RX-(X|H|I|II|III|S|R)-\d{3}", code) for code in RULES)
    assert all(rule.code == code and rule.meaning and isinstance(rule.severity, Severity) for code, rule in RULES.items())
    money = {"RX-I-002", "RX-I-003", "RX-I-004", "RX-III-005", "RX-S-001"}
    assert {code for code, rule in RULES.items() if rule.tolerance is not None} == money


@pytest.mark.parametrize(
    ("path", "xpath"),
    [
        ("issued[0].close.issued", "/rx:monthlyReturn/rx:issued/rx:classBlock[1]/rx:close/rx:issued"),
        ("header.period_end", "/rx:monthlyReturn/rx:header/rx:periodEnd"),
        ("options[0].outstanding_close", "/rx:monthlyReturn/rx:options/rx:option[1]/rx:outstandingClose"),
        ("total_increase[0].treasury", "/rx:monthlyReturn/rx:totalIncrease/rx:total[1]/rx:treasury"),
        ("authorised_total[0].amount", "/rx:monthlyReturn/rx:authorisedTotal/rx:total[1]/rx:amount"),
    ],
)
def test_model_paths_name_the_element_the_writer_wrote(path, xpath):
    assert xpath_of(path) == xpath
    tree = etree.ElementTree(etree.fromstring(render_xml(valid_return())))
    assert element_at(tree, path) is not None


@pytest.mark.parametrize("path", ["issued.close", "nonsense", "issued[0].close.nothing", "header[0]"])
def test_a_path_outside_the_model_is_refused(path):
    with pytest.raises(ValueError, match="path"):
        xpath_of(path)
