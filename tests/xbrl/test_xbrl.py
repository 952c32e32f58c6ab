"""XBRL output (docs/xbrl.md): the shipped taxonomy is current, and every labelled filing's instance passes Arelle offline.

Arelle runs once, as one process for all filings (a JSON list of entry points),
with ``--internetConnectivity offline`` and the taxonomy package from
``xsd/xbrl/``: a document it could not find offline is an error, so a pass shows
nothing needed fetching.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
import zipfile

import pytest
from lxml import etree

from conftest import CORPUS, PROJECT, pdf_of_label
from return_xml import api
from return_xml.errors import FieldError, InternalError
from return_xml.facts import facts_of
from return_xml.xbrl import concepts as concept_table
from return_xml.xbrl.concepts import BY_PATTERN, CONCEPTS, pattern_of
from return_xml.xbrl.instance import NAMESPACE, render_xbrl
from return_xml.xbrl.taxonomy import (
    PACKAGE_DIR,
    PACKAGE_ZIP,
    package_files,
    package_path,
    package_zip,
)

TAXONOMY = PROJECT / "xsd" / "xbrl"
LABELLED = sorted(CORPUS.glob("*.facts.json"))


@pytest.fixture(scope="module")
def returns(corpus):
    assert LABELLED, f"no labelled filing in {corpus}"
    return {label.name[: -len(".facts.json")]: api.read(pdf_of_label(label)) for label in LABELLED}


def test_the_checked_in_taxonomy_is_the_generated_one():
    for name, text in package_files().items():
        path = TAXONOMY / PACKAGE_DIR / name
        assert path.read_text(encoding="utf-8") == text, f"{path} is stale: run `python -m return_xml.xbrl.taxonomy xsd/xbrl`"
    assert (TAXONOMY / PACKAGE_ZIP).read_bytes() == package_zip(), "the package ZIP is stale"
    assert package_path() == TAXONOMY / PACKAGE_ZIP or package_path().read_bytes() == package_zip()


def test_the_package_holds_its_description_catalog_and_taxonomy():
    with zipfile.ZipFile(TAXONOMY / PACKAGE_ZIP) as archive:
        names = set(archive.namelist())
    assert {f"{PACKAGE_DIR}/META-INF/taxonomyPackage.xml", f"{PACKAGE_DIR}/META-INF/catalog.xml", f"{PACKAGE_DIR}/mr/mr-1.xsd"} <= names


def test_every_concept_has_a_unique_name_and_both_labels():
    names = [c.name for c in CONCEPTS]
    assert len(names) == len(set(names))
    assert all(re.fullmatch(r"[A-Z][A-Za-z0-9]*", n) for n in names)
    assert all(c.en and c.zh and c.en != c.zh for c in CONCEPTS)


def test_every_path_of_the_labelled_facts_has_a_concept(corpus):
    for label in LABELLED:
        for path in json.loads(label.read_text(encoding="utf-8")):
            assert pattern_of(path) in BY_PATTERN, f"{label.name}: {path} has no concept"


def test_every_fact_of_the_facts_view_is_one_xbrl_fact(returns):
    for name, monthly_return in returns.items():
        root = etree.fromstring(render_xbrl(monthly_return))
        facts = [e for e in root if etree.QName(e).namespace == NAMESPACE]
        assert len(facts) == len(facts_of(monthly_return)), name


def test_the_writer_is_deterministic_and_the_xml_gives_the_same_instance(returns, tmp_path):
    _name, monthly_return = next(iter(returns.items()))
    first = render_xbrl(monthly_return)
    assert render_xbrl(monthly_return) == first
    xml = tmp_path / "r.xml"
    api.write(monthly_return, xml)
    assert render_xbrl(api.read(xml)) == first, "PDF -> XBRL and PDF -> XML -> XBRL differ"


def test_convert_writes_the_instance_for_an_xbrl_target(tmp_path):
    label = LABELLED[0]
    target = tmp_path / "out.xbrl"
    conversion = api.convert(pdf_of_label(label), target)
    assert target.read_bytes() == render_xbrl(conversion.monthly_return)


def test_a_return_without_its_month_cannot_be_written(returns, monkeypatch):
    monthly_return = next(iter(returns.values()))
    facts = {k: v for k, v in facts_of(monthly_return).items() if k != "period.end"}
    monkeypatch.setattr("return_xml.xbrl.instance.facts_of", lambda _: facts)
    with pytest.raises(FieldError, match="period.end"):
        render_xbrl(monthly_return)


def test_a_facts_path_without_a_concept_is_a_bug_not_a_silent_loss(returns, monkeypatch):
    monthly_return = next(iter(returns.values()))
    monkeypatch.setattr(concept_table, "BY_PATTERN", {})
    monkeypatch.setattr("return_xml.xbrl.instance.BY_PATTERN", {})
    with pytest.raises(InternalError, match="no XBRL concept"):
        render_xbrl(monthly_return)


def _without_dimension(instance: bytes) -> bytes:
    """The instance with one class-of-shares fact moved to the context without dimensions (dimensionally invalid)."""
    root = etree.fromstring(instance)
    fact = next(e for e in root if etree.QName(e).namespace == NAMESPACE and e.get("contextRef", "").startswith("m_s"))
    fact.set("contextRef", "m")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _with_rare_shapes(monthly_return, monkeypatch) -> bytes:
    """An instance with what no labelled filing prints: a multi-counter code (both axes), two classes printed alike
    (two class keys), a total matching more than one class, money without a currency (``iso4217:XXX``)."""
    facts = dict(facts_of(monthly_return))
    facts |= {"issued[0].multi_counter[0].stock_code": "81723", "issued[0].multi_counter[0].description": "RMB counter",
              "issued[9].category": facts.get("issued[0].category", "ordinary"), "issued[9].close.issued": 5,
              "total_increase[9].category": "ordinary", "total_increase[9].issued": 3, "warrants[9].nominal.close": "12.5"}
    for field in ("class", "stock_code"):  # issued[9] prints the class exactly as issued[0] does
        if f"issued[0].{field}" in facts:
            facts[f"issued[9].{field}"] = facts[f"issued[0].{field}"]
    with monkeypatch.context() as patch:
        patch.setattr("return_xml.xbrl.instance.facts_of", lambda _: facts)
        data = render_xbrl(monthly_return)
    closes = [e.get("contextRef") for e in etree.fromstring(data).iter(f"{{{NAMESPACE}}}IssuedCloseIssued")]
    assert len(set(closes)) == len(closes), "two classes printed alike must have two class keys"
    assert b"iso4217:XXX" in data and b'contextRef="m_s1_i1"' in data
    return data


def test_arelle_validates_every_labelled_filing_offline_with_no_error(returns, tmp_path, monkeypatch):
    if importlib.util.find_spec("arelle") is None:  # a missing checker fails, so that a run without it cannot look green
        pytest.fail("Arelle is not installed: it is in the test extras (pip install -e '.[test]')")
    files = []
    for name, monthly_return in returns.items():
        path = tmp_path / f"{name}.xbrl"
        path.write_bytes(render_xbrl(monthly_return))
        files.append(path)
    rare = tmp_path / "rare-shapes.xbrl"
    rare.write_bytes(_with_rare_shapes(next(iter(returns.values())), monkeypatch))
    files.append(rare)
    broken = tmp_path / "broken.xbrl"  # the control: Arelle must find this one's error
    broken.write_bytes(_without_dimension(files[0].read_bytes()))
    log = tmp_path / "arelle.log"
    command = [sys.executable, "-m", "arelle.CntlrCmdLine", "--internetConnectivity", "offline",
               # XBRL 2.1 and dimensional validity only: the rare shapes are made-up figures, which the business-rule
               # assertions would rightly refuse (tests/xbrl/test_xbrl_formula.py runs them on the real filings).
               "--packages", str(TAXONOMY / PACKAGE_ZIP), "--validate", "--formula", "none", "--logFile", str(log),
               "--logFormat", "[%(levelname)s] [%(messageCode)s] %(message)s - %(file)s",
               "--file", json.dumps([{"file": str(p)} for p in [*files, broken]])]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    lines = log.read_text(encoding="utf-8").splitlines()
    problems = [line for line in lines if not line.startswith("[INFO]")]
    assert all("broken.xbrl" in line for line in problems), "\n".join(problems)
    assert any("xbrldie:PrimaryItemDimensionallyInvalidError" in line for line in problems), "the control was not caught"
    for path in files:
        assert any("validated in" in line and path.name in line for line in lines), f"{path.name} was not validated"
