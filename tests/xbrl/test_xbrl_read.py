"""XBRL both ways (docs/xbrl.md): xBRL-JSON output, reading an instance or a report back, bulk --format xbrl.

- every labelled corpus filing: PDF -> XBRL -> facts and PDF -> xBRL-JSON -> facts
  equal PDF -> facts, and the model read back is the model of those facts;
- a foreign instance (another taxonomy) is refused with ``E-XBRL-FOREIGN``,
  naming the file, exit 1 and no traceback;
- ``bulk --format xbrl`` writes instances, and Arelle (offline, one process)
  validates them and loads the xBRL-JSON reports.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from cli_runs import run_cli
from conftest import CORPUS, PROJECT, pdf_of_label
from return_xml import api
from return_xml.bulk import BulkOptions, run_bulk
from return_xml.errors import InputError, ReturnXmlError
from return_xml.facts import facts_of
from return_xml.xbrl import render_xbrl, render_xbrl_json
from return_xml.xbrl.reader import XbrlError, facts_of_instance, is_instance
from return_xml.xbrl.taxonomy import ENTRY_POINT, NAMESPACE, PACKAGE_ZIP

LABELLED = sorted(CORPUS.glob("*.facts.json"))
TAXONOMY = PROJECT / "xsd" / "xbrl"

FOREIGN = b"""<?xml version="1.0" encoding="UTF-8"?>
<xbrli:xbrl xmlns:xbrli="http://www.xbrl.org/2003/instance" xmlns:link="http://www.xbrl.org/2003/linkbase"
    xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:iso4217="http://www.xbrl.org/2003/iso4217"
    xmlns:us-gaap="http://fasb.org/us-gaap/2023">
  <link:schemaRef xlink:type="simple" xlink:href="https://xbrl.fasb.org/us-gaap/2023/elts/us-gaap-2023.xsd"/>
  <xbrli:context id="c"><xbrli:entity><xbrli:identifier scheme="http://www.sec.gov/CIK">0000320193</xbrli:identifier>
    </xbrli:entity><xbrli:period><xbrli:instant>2023-09-30</xbrli:instant></xbrli:period></xbrli:context>
  <xbrli:unit id="usd"><xbrli:measure>iso4217:USD</xbrli:measure></xbrli:unit>
  <us-gaap:Assets contextRef="c" unitRef="usd" decimals="-6">352583000000</us-gaap:Assets>
</xbrli:xbrl>
"""


@pytest.fixture(scope="module")
def written(corpus, tmp_path_factory):
    """Each labelled filing: its facts (PDF -> facts), its instance and its xBRL-JSON report."""
    assert LABELLED, f"no labelled filing in {corpus}"
    folder = tmp_path_factory.mktemp("xbrl-read")
    out = {}
    for label in LABELLED:
        name = label.name[: -len(".facts.json")]
        monthly_return = api.read(pdf_of_label(label))
        instance, report = folder / f"{name}.xbrl", folder / f"{name}.oim.json"
        api.write(monthly_return, instance)
        api.write(monthly_return, report, fmt="xbrl-json")
        out[name] = (facts_of(monthly_return), instance, report)
    return out


def test_every_labelled_filing_reads_back_from_xbrl_and_xbrl_json_to_the_pdf_facts(written):
    for name, (facts, instance, report) in written.items():
        assert api.facts(instance) == facts, f"{name}: XBRL -> facts differs from PDF -> facts"
        assert api.facts(report) == facts, f"{name}: xBRL-JSON -> facts differs from PDF -> facts"
        model = api.from_facts(facts)
        assert api.read(instance) == model, f"{name}: XBRL -> model differs from the model of its facts"
        assert api.read(report) == model, f"{name}: xBRL-JSON -> model differs from the model of its facts"


def test_facts_command_prints_the_facts_of_an_instance(written, capsys):
    facts, instance, _ = next(iter(written.values()))
    assert run_cli("facts", str(instance)) == 0
    assert json.loads(capsys.readouterr().out) == facts


def test_convert_format_xbrl_json_writes_the_oim_report_of_the_instance(written, tmp_path):
    facts, instance, report = next(iter(written.values()))
    target = tmp_path / "out.json"
    assert run_cli("convert", str(instance), str(target), "--format", "xbrl-json") == 0
    document = json.loads(target.read_text(encoding="utf-8"))
    # XBRL -> xBRL-JSON = PDF -> xBRL-JSON, but for the provenance, which reading back does not restore
    assert document == _without_provenance(json.loads(report.read_text(encoding="utf-8")))
    info = document["documentInfo"]
    assert info["documentType"] == "https://xbrl.org/2021/xbrl-json"
    assert info["taxonomy"] == [ENTRY_POINT] and info["namespaces"]["mr"] == NAMESPACE
    assert len(document["facts"]) == len(facts)  # one OIM fact per fact of the facts view
    close = next(f for f in document["facts"].values() if f["dimensions"]["concept"] == "mr:IssuedCloseIssued")
    assert close["decimals"] == 0 and close["dimensions"]["unit"] == "xbrli:shares"
    assert close["dimensions"]["period"].endswith("T00:00:00") and "/" not in close["dimensions"]["period"]
    assert "mr:ShareClassAxis" in close["dimensions"] and close["dimensions"]["entity"].startswith("hkex:")
    month = next(f for f in document["facts"].values() if f["dimensions"]["concept"] == "mr:IssuedMovementIssued")
    start, end = month["dimensions"]["period"].split("/")
    assert start.endswith("-01T00:00:00") and end.endswith("-01T00:00:00")  # OIM's end of a month: the next 1st


def _without_provenance(document: dict) -> dict:
    for fact in document["facts"].values():
        fact.pop("rx:printed", None)
        fact.pop("rx:page", None)
    return document


def test_xbrl_json_keeps_the_provenance_as_extension_properties(written):
    _, instance, report = next(iter(written.values()))
    facts = json.loads(report.read_text(encoding="utf-8"))["facts"].values()
    assert any("rx:printed" in f for f in facts) and all(isinstance(f.get("rx:page", 1), int) for f in facts)
    assert instance.read_bytes().count(b"rx:page=") == sum("rx:page" in f for f in facts)


def test_a_foreign_instance_is_refused_with_a_clear_error(tmp_path, capsys):
    foreign = tmp_path / "foreign.xbrl"
    foreign.write_bytes(FOREIGN)
    with pytest.raises(XbrlError) as error:
        api.read(foreign)
    assert isinstance(error.value, InputError) and isinstance(error.value, ReturnXmlError)
    assert error.value.code == "E-XBRL-FOREIGN" and str(foreign) in str(error.value)
    for command in (("facts", str(foreign)), ("convert", str(foreign), str(tmp_path / "out.xml"))):
        assert run_cli(*command) == 1
        err = capsys.readouterr().err
        assert "E-XBRL-FOREIGN" in err and str(foreign) in err and "Traceback" not in err
    assert not (tmp_path / "out.xml").exists()


def test_a_foreign_fact_or_report_is_refused_too(written, tmp_path):
    _, instance, report = next(iter(written.values()))
    data = instance.read_bytes().replace(
        b"</xbrli:xbrl>", b'<x:Other xmlns:x="urn:other" contextRef="m">1</x:Other></xbrli:xbrl>')
    with pytest.raises(XbrlError, match="not of the return-xml taxonomy") as error:
        facts_of_instance(data, file="mixed.xbrl")
    assert error.value.code == "E-XBRL-FOREIGN"
    document = json.loads(report.read_text(encoding="utf-8"))
    document["documentInfo"]["taxonomy"] = ["https://xbrl.ifrs.org/taxonomy/2023-03-23/full_ifrs_entry_point.xsd"]
    other = tmp_path / "other.json"
    other.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(XbrlError, match="not a report of the return-xml taxonomy") as error:
        api.read(other)
    assert error.value.code == "E-XBRL-FOREIGN" and str(other) in str(error.value)


def test_an_instance_is_parsed_with_the_hardened_parser(written, tmp_path):
    _, instance, _ = next(iter(written.values()))
    data = instance.read_bytes()
    doctype = data.replace(b"?>\n", b'?>\n<!DOCTYPE xbrli:xbrl [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n', 1)
    target = tmp_path / "doctype.xbrl"
    target.write_bytes(doctype)
    with pytest.raises(InputError) as error:
        api.read(target)
    assert error.value.code == "E-XML-DTD"
    with pytest.raises(InputError) as error:
        facts_of_instance(data + b"<trailing/>", file="x.xbrl")
    assert error.value.code == "E-XML-SYNTAX"


def test_an_instance_is_told_from_return_xml_xml_by_its_root():
    assert is_instance(b'<?xml version="1.0"?>\n<!-- c -->\n<xbrli:xbrl xmlns:xbrli="...">')
    assert is_instance(b"\xef\xbb\xbf<xbrl xmlns='http://www.xbrl.org/2003/instance'>")
    assert not is_instance(b'<?xml version="1.0"?>\n<monthlyReturn xmlns="urn:return-xml:monthly-return:1">')
    assert not is_instance(b"<!DOCTYPE xbrl>")


def test_write_xbrl_and_xbrl_json_give_the_same_facts_as_the_writers(written):
    facts, instance, _ = next(iter(written.values()))
    monthly_return = api.read(instance)
    assert render_xbrl(monthly_return).count(b"contextRef=") == len(facts)
    assert len(json.loads(render_xbrl_json(monthly_return))["facts"]) == len(facts)


@pytest.fixture(scope="module")
def arelle_log(written, corpus, tmp_path_factory):
    """One offline Arelle run over the instances of ``bulk --format xbrl`` and the xBRL-JSON reports."""
    if importlib.util.find_spec("arelle") is None:
        pytest.fail("Arelle is not installed: it is in the test extras (pip install -e '.[test]')")
    folder = tmp_path_factory.mktemp("bulk-xbrl")
    sources = folder / "in"
    sources.mkdir()
    for label in LABELLED[:2]:
        (sources / pdf_of_label(label).name).write_bytes(pdf_of_label(label).read_bytes())
    out = folder / "out"
    # the library, not the CLI: the CLI's progress display holds on to a stream that pytest swaps per test
    assert run_bulk([str(sources)], out, BulkOptions(formats=("xml", "json", "xbrl", "xbrl-json"))).exit_code == 0
    instances = sorted((out / "xbrl").rglob("*.xbrl"))
    assert len(instances) == 2 and len(sorted((out / "xml").rglob("*.xml"))) == 2
    # bulk --format xbrl-json: xbrl-json/NAME.xbrl.json, beside (never over) the facts json/NAME.json
    bulk_reports = sorted((out / "xbrl-json").rglob("*.xbrl.json"))
    facts_files = sorted((out / "json").rglob("*.json"))
    assert [p.name[: -len(".xbrl.json")] for p in bulk_reports] == [p.stem for p in facts_files] and len(facts_files) == 2
    for report, facts_file in zip(bulk_reports, facts_files, strict=True):
        assert api.facts(report) == json.loads(facts_file.read_text(encoding="utf-8"))
    reports = [report for _, _, report in written.values()] + bulk_reports
    log = folder / "arelle.log"
    command = [sys.executable, "-m", "arelle.CntlrCmdLine", "--internetConnectivity", "offline",
               "--packages", str(TAXONOMY / PACKAGE_ZIP), "--validate", "--formula", "none", "--logFile", str(log),
               "--logFormat", "[%(levelname)s] [%(messageCode)s] %(message)s - %(file)s",
               "--file", json.dumps([{"file": str(p)} for p in [*instances, *reports]])]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    return instances, reports, log.read_text(encoding="utf-8").splitlines()


def _problems(lines: list[str]) -> list[str]:
    return [line for line in lines if not line.startswith(("[INFO]", "[DEBUG]"))]


def _about(line: str, path: Path) -> bool:
    # Arelle names the instance it makes of NAME.oim.json "NAME.oim.xbrl": a bulk instance's lines end in its own name.
    return line.rstrip().endswith(" " + path.name)


def test_bulk_format_xbrl_writes_instances_that_arelle_validates_offline(arelle_log):
    instances, _, lines = arelle_log
    for path in instances:
        assert api.facts(path)  # and they read back
        assert any("validated in" in line and path.name in line for line in lines), f"{path.name} was not validated"
        problems = [line for line in _problems(lines) if _about(line, path)]
        assert not problems, "\n".join(problems)


def test_arelle_loads_the_xbrl_json_reports_offline_with_no_error(arelle_log):
    # The class dimension's typed domain is simple (a key), as OIM 1.0 needs: no oime: or xbrldie: error.
    instances, reports, lines = arelle_log
    for path in reports:
        assert any("loaded in" in line and path.name in line for line in lines), f"{path.name} was not loaded"
    problems = [line for line in _problems(lines) if not any(_about(line, path) for path in instances)]
    assert not problems, "\n".join(problems)
