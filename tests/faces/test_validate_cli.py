"""`return-xml validate` and `convert` with the business rules: reports, locations, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import etree

from cli_runs import run_cli as run
from conftest import GOLDEN, TESTS
from return_xml.rules import RULES
from return_xml.xmlio import render_xml
from returns import MUTATIONS, mutate, valid_return

JUNIT_XSD = TESTS / "data" / "junit.xsd"
RESUBMISSION = "00328_2025-09_FF301-v1.1.1_zh_resubmission"
GOLDEN_XML = ["01723_2026-01_FF301-v1.2.0_en", "00328_2024-12_FF301-v1.1.1_zh", RESUBMISSION]


def _xml(tmp_path: Path, name: str, changes: dict | None = None) -> Path:
    path = tmp_path / f"{name}.xml"
    path.write_bytes(render_xml(mutate(valid_return(), changes or {})))
    return path


def _broken_resubmission(tmp_path: Path) -> Path:
    """The golden XML of the 00328 resubmission with its closing issued shares changed."""
    text = (GOLDEN / f"{RESUBMISSION}.xml").read_text(encoding="utf-8")
    old = '<issued printed="11,455,686" page="2" box="355.63 167.65 400.54 176.65">11455686</issued>'
    assert text.count(old) == 1
    path = tmp_path / "broken.xml"
    path.write_text(text.replace(old, old.replace("11455686<", "11455687<").replace('"11,455,686"', '"11,455,687"')),
                    encoding="utf-8")
    return path


def _line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if text in line)


def test_the_corpus_xml_is_valid_and_the_verdict_is_the_last_line(capsys):
    files = [str(GOLDEN / f"{name}.xml") for name in GOLDEN_XML]
    assert run("validate", *files) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == ["VALID: 3 files, 0 invalid; 0 errors, 0 warnings"]


def test_a_broken_balance_is_reported_with_code_xpath_line_page_and_printed_text(tmp_path, capsys):
    broken = _broken_resubmission(tmp_path)
    assert run("validate", str(broken)) == 1
    out = capsys.readouterr().out
    lines = out.splitlines()
    line = _line_of(broken, '>11455687</issued>')
    assert lines[-1] == "INVALID: 1 file, 1 invalid; 2 errors, 0 warnings"
    assert f"{broken}:{line}: error RX-II-001 issued shares at close 11,455,687 must equal preceding 114,556,865 + " \
           "movement -103,101,179 = 11,455,686" in lines
    assert "    at issued[0].close.issued  /rx:monthlyReturn/rx:issued/rx:classBlock[1]/rx:close/rx:issued" in lines
    assert "    printed '11,455,687'; page 2, box 355.63 167.65 400.54 176.65" in lines
    # the same value also breaks issued + treasury = total, located at the total
    assert f"{broken}:{_line_of(broken, '>11455686</total>')}: error RX-II-004 total 11,455,686 must equal" in out


def test_json_report_gives_every_field_of_a_finding(tmp_path, capsys):
    broken = _broken_resubmission(tmp_path)
    assert run("validate", "--format", "json", str(broken)) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["valid"] is False and report["exit_code"] == 1
    finding = report["files"][0]["findings"][0]
    assert finding == {
        "code": "RX-II-001",
        "severity": "error",
        "message": "issued shares at close 11,455,687 must equal preceding 114,556,865 + movement -103,101,179 = 11,455,686",
        "path": "issued[0].close.issued",
        "xpath": "/rx:monthlyReturn/rx:issued/rx:classBlock[1]/rx:close/rx:issued",
        "line": _line_of(broken, '>11455687</issued>'),
        "page": 2,
        "box": [355.63, 167.65, 400.54, 176.65],
        "printed": "11,455,687",
    }


def test_warnings_do_not_change_the_exit_code_unless_strict(tmp_path, capsys):
    late = _xml(tmp_path, "late", MUTATIONS["RX-H-003"][0])
    assert run("validate", str(late)) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "VALID: 1 file, 0 invalid; 0 errors, 1 warning"
    assert run("validate", "--strict", str(late)) == 1
    assert capsys.readouterr().out.splitlines()[-1].startswith("INVALID: 1 file, 1 invalid; 0 errors, 1 warning")


def test_a_schema_error_is_a_finding_with_its_line(tmp_path, capsys):
    bad = tmp_path / "bad.xml"
    text = render_xml(valid_return()).decode("utf-8").replace(">401500000<", ">four hundred<")
    bad.write_text(text, encoding="utf-8")
    assert run("validate", "--format", "json", str(bad)) == 1
    findings = json.loads(capsys.readouterr().out)["files"][0]["findings"]
    assert [f["code"] for f in findings] == ["RX-X-001"]
    line = text.splitlines()[findings[0]["line"] - 1]
    assert ">four hundred<" in line and findings[0]["xpath"].endswith("/rx:close/rx:issued")


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("empty.xml", b""),
        ("text.pdf", b"not a return\n"),
        ("broken.xml", b"<monthlyReturn xmlns='urn:return-xml:monthly-return:1'><header>"),
        ("entity.xml", b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x "boom">]><r>&x;</r>'),
    ],
)
def test_unusable_input_exits_2_even_beside_a_valid_file(tmp_path, capsys, name, data):
    bad = tmp_path / name
    bad.write_bytes(data)
    valid = _xml(tmp_path, "valid")
    assert run("validate", str(valid), str(bad)) == 2
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"{bad}: unusable: ")
    assert out[-1] == "UNUSABLE INPUT: 2 files, 0 invalid, 1 unusable; 0 errors, 0 warnings"


def test_junit_report_is_valid_junit_xml_with_one_case_per_rule(tmp_path, capsys):
    broken, late, valid = _broken_resubmission(tmp_path), _xml(tmp_path, "late", MUTATIONS["RX-H-003"][0]), _xml(tmp_path, "ok")
    empty = tmp_path / "empty.xml"
    empty.write_bytes(b"")
    assert run("validate", "--format", "junit", str(broken), str(late), str(valid), str(empty)) == 2
    document = etree.fromstring(capsys.readouterr().out.encode("utf-8"))
    schema = etree.XMLSchema(etree.parse(str(JUNIT_XSD)))
    assert schema.validate(document), schema.error_log
    suites = document.findall("testsuite")
    assert [s.get("name") for s in suites] == [str(broken), str(late), str(valid), str(empty)]
    single_return_rules = sum(rule.scope in ("schema", "return") for rule in RULES.values())
    for suite in suites:
        cases = suite.findall("testcase")
        assert int(suite.get("tests")) == len(cases)
        assert int(suite.get("failures")) == len(suite.findall("testcase/failure"))
        assert int(suite.get("errors")) == len(suite.findall("testcase/error"))
    assert len(suites[0].findall("testcase")) == single_return_rules
    assert [f.get("type") for f in suites[0].iter("failure")] == ["RX-II-001", "RX-II-004"]
    assert suites[1].find("testcase/failure") is None and "RX-H-003" in "".join(suites[1].itertext())
    assert suites[2].find("testcase/failure") is None
    assert suites[3].find("testcase/error").get("type") == "unusable input"
    assert document.get("tests") == str(3 * single_return_rules + 1)
    assert document.get("failures") == "2" and document.get("errors") == "1"


def test_convert_reports_findings_as_warnings_and_strict_refuses_to_write(tmp_path, capsys):
    source = _xml(tmp_path, "source", MUTATIONS["RX-II-004"][0])
    target = tmp_path / "out" / "result.xml"
    target.parent.mkdir()
    assert run("convert", str(source), str(target)) == 0
    err = capsys.readouterr().err
    assert f"return-xml: warning: {source}: RX-II-004 at issued[0].preceding.total: total 401,000,001" in err
    assert target.exists()
    target.unlink()
    assert run("convert", "--strict", str(source), str(target)) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "1 rule finding (strict): RX-II-004 at issued[0].preceding.total" in err[0]
    assert list(target.parent.iterdir()) == []


def test_validate_reads_a_pdf_and_locates_findings_on_its_pages(corpus, capsys):
    assert run("validate", "--format", "json", str(corpus / "01723_2026-01_FF301-v1.2.0_en.pdf")) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["files"][0]["usable"] and report["files"][0]["findings"] == []


def test_the_cli_offers_every_report_format_and_no_other():
    from return_xml import cli
    from return_xml.rules.reporting import Format

    assert [f.value for f in cli.Format] == [f.value for f in Format]
