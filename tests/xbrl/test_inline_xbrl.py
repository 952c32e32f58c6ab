"""Inline XBRL output (docs/xbrl.md, "Inline XBRL"): the HTML page as XHTML with every fact of the instance tagged.

Arelle runs once, offline, as one process for all labelled filings
(``tests/arelle_facts.py``): it validates each Inline XBRL document and its
XBRL instance, and the facts it reads from the two must be the same, fact for
fact (concept, entity, period, dimensions, unit, decimals, value).
"""

from __future__ import annotations

import collections
import importlib.util
import json
import subprocess
import sys

import pytest
from lxml import etree
from lxml import html as lxml_html

from conftest import CORPUS, PROJECT, TESTS
from return_xml import api, rules
from return_xml.facts import facts_of
from return_xml.render import render_html
from return_xml.xbrl import transforms
from return_xml.xbrl.inline import IX, XHTML, render_inline
from return_xml.xbrl.instance import XBRLI, render_xbrl
from return_xml.xbrl.taxonomy import ENTRY_POINT, PACKAGE_ZIP

TAXONOMY = PROJECT / "xsd" / "xbrl"
LABELLED = sorted(CORPUS.glob("*.facts.json"))
LINK = "http://www.xbrl.org/2003/linkbase"
XLINK = "http://www.w3.org/1999/xlink"


@pytest.fixture(scope="module")
def returns(corpus):
    assert LABELLED, f"no labelled filing in {corpus}"
    out = {}
    for label in LABELLED:
        name = label.name[: -len(".facts.json")]
        out[name] = api.read(label.with_name(name + ".pdf"))
    return out


def _inline(monthly_return) -> bytes:
    return render_inline(monthly_return, tuple(rules.iter_findings(monthly_return)))


def _ix_facts(root) -> list:
    return [e for e in root.iter(f"{{{IX}}}nonFraction", f"{{{IX}}}nonNumeric")]


def _tree(element) -> list:
    return [(e.tag, dict(e.attrib), (e.text or "").strip()) for e in element.iter()]


def test_every_fact_of_the_instance_is_one_inline_fact_with_the_instance_contexts_and_units(returns):
    for name, monthly_return in returns.items():
        root = etree.fromstring(_inline(monthly_return))
        instance = etree.fromstring(render_xbrl(monthly_return))
        assert len(_ix_facts(root)) == len(facts_of(monthly_return)), name
        resources = root.find(f".//{{{IX}}}resources")
        wanted = [_tree(e) for e in instance if etree.QName(e).localname in ("context", "unit")]
        assert [_tree(e) for e in resources] == wanted, name
        refs = root.findall(f".//{{{IX}}}references/{{{LINK}}}schemaRef")
        assert [r.get(f"{{{XLINK}}}href") for r in refs] == [ENTRY_POINT]
        names = collections.Counter(e.get("name") for e in _ix_facts(root))
        assert names == collections.Counter(f"mr:{etree.QName(e).localname}" for e in instance
                                            if etree.QName(e).namespace not in (XBRLI, LINK)), name


def test_the_page_reads_as_the_html_page(returns):
    """Same words in the same order: the XHTML body, without its hidden header, reads as the HTML page's body."""
    for name, monthly_return in returns.items():
        root = etree.fromstring(_inline(monthly_return))
        assert root.tag == f"{{{XHTML}}}html"
        body = root.find(f"{{{XHTML}}}body")
        header = body.find(f"{{{XHTML}}}div")
        assert header.get("style") == "display:none" and header[0].tag == f"{{{IX}}}header"
        body.remove(header)
        page = lxml_html.fromstring(render_html(monthly_return, tuple(rules.iter_findings(monthly_return))))
        assert " ".join("".join(body.itertext()).split()) == " ".join("".join(page.body.itertext()).split()), name
        shown = [e for e in _ix_facts(body)]
        assert shown, f"{name}: no fact is tagged where it is shown"


def test_most_facts_are_tagged_where_the_page_shows_them(returns):
    shown = hidden = 0
    for monthly_return in returns.values():
        root = etree.fromstring(_inline(monthly_return))
        in_header = len(_ix_facts(root.find(f".//{{{IX}}}header")))
        hidden += in_header
        shown += len(_ix_facts(root)) - in_header
    assert shown > 3 * hidden, (shown, hidden)  # hidden: the form's family/version/language, categories ...


def test_render_writes_inline_xbrl_for_an_xhtml_target(returns, tmp_path):
    xml = PROJECT / "tests" / "golden" / "01723_2026-01_FF301-v1.2.0_en.xml"
    target = tmp_path / "page.xhtml"
    monthly_return = api.render(xml, target)
    assert target.read_bytes() == _inline(monthly_return)
    assert target.read_bytes() == _inline(api.read(xml)), "the writer is not deterministic"


@pytest.mark.parametrize(("printed", "value", "expected"), [
    ("1,500,000", 1500000, ("ixt:num-dot-decimal", "", "1,500,000", "", False)),
    ("(1,500,000)", -1500000, ("ixt:num-dot-decimal", "(", "1,500,000", ")", True)),
    ("-1,500,000", -1500000, ("ixt:num-dot-decimal", "-", "1,500,000", "", True)),
    ("HK$0.01", "0.01", ("ixt:num-dot-decimal", "HK$", "0.01", "", False)),
    ("607,500.00", "607500.00", ("ixt:num-dot-decimal", "", "607,500.00", "", False)),
    ("Nil", 0, ("ixt:fixed-zero", "", "Nil", "", False)),
    ("--", "0", ("ixt:fixed-zero", "", "--", "", False)),
])
def test_a_printed_number_is_tagged_with_the_transformation_that_reads_it(printed, value, expected):
    assert transforms.number(printed, value) == transforms.Tagging(*expected)


@pytest.mark.parametrize(("printed", "value"), [("Nil", 5), ("1,500", 1501), ("1 500 2", 15002), ("", 0)])
def test_a_number_printed_otherwise_than_its_value_is_not_tagged(printed, value):
    assert transforms.number(printed, value) is None


@pytest.mark.parametrize(("printed", "expected"), [
    ("05 January 2026", ("ixt:date-day-monthname-year-en", "", "05 January 2026", "")),
    ("2026年1月5日", ("ixt:date-year-month-day", "", "2026年1月5日", "")),
    ("(05/01/2026)", ("ixt:date-day-month-year", "(", "05/01/2026", ")")),
])
def test_a_printed_date_is_tagged_with_the_transformation_that_reads_it(printed, expected):
    assert transforms.date(printed, "2026-01-05") == transforms.Tagging(*expected)


def test_a_date_printed_otherwise_is_not_tagged():
    assert transforms.date("01/05/2026", "2026-01-05") is None  # month first: another date
    assert transforms.date("二零二六年一月五日", "2026-01-05") is None
    assert transforms.text(" Moon Inc. ", "Moon Inc.") == transforms.Tagging(None, " ", "Moon Inc.", " ")
    assert transforms.text("Moon\nInc.", "Moon Inc.") is None


def _broken(document: bytes) -> bytes:
    """The control: one number's text replaced by words that its transformation cannot read."""
    root = etree.fromstring(document)
    fact = next(e for e in root.iter(f"{{{IX}}}nonFraction") if e.get("format") == "ixt:num-dot-decimal")
    fact.text = "many"
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def test_arelle_validates_every_inline_document_offline_and_reads_the_instance_facts(returns, tmp_path):
    if importlib.util.find_spec("arelle") is None:  # a missing checker fails, so that a run without it cannot look green
        pytest.fail("Arelle is not installed: it is in the test extras (pip install -e '.[test]')")
    documents = []
    for name, monthly_return in returns.items():
        (tmp_path / f"{name}.xhtml").write_bytes(_inline(monthly_return))
        (tmp_path / f"{name}.xbrl").write_bytes(render_xbrl(monthly_return))
        documents += [tmp_path / f"{name}.xhtml", tmp_path / f"{name}.xbrl"]
    broken = tmp_path / "broken.xhtml"
    broken.write_bytes(_broken(documents[0].read_bytes()))
    out = tmp_path / "arelle.json"
    command = [sys.executable, str(TESTS.joinpath("arelle_facts.py")), str(TAXONOMY / PACKAGE_ZIP), str(out),
               "--validate", *map(str, [*documents, broken])]
    subprocess.run(command, check=True, capture_output=True, timeout=600)
    report = json.loads(out.read_text(encoding="utf-8"))
    problems = report["problems"]
    assert all("broken.xhtml" in line for line in problems), "\n".join(problems)
    assert problems, "the control (a number its transformation cannot read) was not caught"
    for path in documents:
        assert any(path.name in line for line in report["validated"]), f"{path.name} was not validated"
    for name in returns:
        inline = collections.Counter(json.dumps(f, sort_keys=True) for f in report["facts"][f"{name}.xhtml"])
        instance = collections.Counter(json.dumps(f, sort_keys=True) for f in report["facts"][f"{name}.xbrl"])
        assert inline == instance, f"{name}: only in the Inline XBRL {list(inline - instance)[:3]}, " \
                                   f"only in the instance {list(instance - inline)[:3]}"
        assert len(instance) == len(facts_of(returns[name])), name
