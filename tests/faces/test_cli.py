"""The command line: conversions, exit codes, one-line errors, no output left behind."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli_runs import run_cli as run
from conftest import PROJECT
from pdfs import text_pdf
from return_xml import cli

FF301 = "01723_2026-01_FF301-v1.2.0_en.pdf"
runner = CliRunner()




def test_convert_writes_schema_valid_xml_and_facts_agree(corpus, tmp_path, capsys):
    xml = tmp_path / "out.xml"
    assert run("convert", str(corpus / FF301), str(xml)) == 0
    assert run("validate", str(xml)) == 0
    capsys.readouterr()
    assert run("facts", str(xml)) == 0
    from_xml = json.loads(capsys.readouterr().out)
    assert run("facts", str(corpus / FF301)) == 0
    from_pdf = json.loads(capsys.readouterr().out)
    assert from_xml == from_pdf
    assert from_pdf["issued[0].close.issued"] == 478272000


def test_convert_to_json_writes_the_facts_view(corpus, tmp_path):
    out = tmp_path / "facts.json"
    assert run("convert", str(corpus / FF301), str(out)) == 0
    facts = json.loads(out.read_text(encoding="utf-8"))
    assert facts["form.version"] == "1.2.0"
    assert facts["authorised_total[0].amount"] == "100000000"


def test_xml_converts_back_to_identical_xml(corpus, tmp_path):
    first, second = tmp_path / "a.xml", tmp_path / "b.xml"
    assert run("convert", str(corpus / FF301), str(first)) == 0
    assert run("convert", str(first), str(second)) == 0
    assert first.read_bytes() == second.read_bytes()


def test_schema_prints_the_bundled_xsd(capsys):
    assert run("schema") == 0
    assert 'targetNamespace="urn:return-xml:monthly-return:1"' in capsys.readouterr().out


def test_schema_writes_the_xsd_to_a_file(tmp_path):
    target = tmp_path / "schema.xsd"
    assert run("schema", str(target)) == 0
    assert "<xs:schema" in target.read_text(encoding="utf-8")


def test_unknown_command_is_a_usage_error():
    assert run("frobnicate") == 2


def test_missing_input_file_is_a_usage_error(tmp_path):
    assert run("facts", str(tmp_path / "nope.pdf")) == 2


def _bad_inputs(corpus: Path, tmp_path: Path) -> dict[str, Path]:
    files = {
        "zero-byte": ("empty.pdf", b""),
        "text saved as .pdf": ("text.pdf", b"This is a plain text file, not a PDF.\n"),
        "truncated PDF": ("truncated.pdf", (corpus / FF301).read_bytes()[:6000]),
        "PDF that is not a monthly return": ("letter.pdf", text_pdf(["Dear shareholders,", "Annual general meeting notice."])),
        "malformed XML": ("broken.xml", b"<monthlyReturn xmlns='urn:return-xml:monthly-return:1'><header>"),
        "XML with a DOCTYPE and an entity": (
            "entity.xml",
            b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x "boom">]>'
            b"<monthlyReturn xmlns='urn:return-xml:monthly-return:1' schemaVersion='1.0'>&x;</monthlyReturn>",
        ),
    }
    out = {}
    for case, (name, data) in files.items():
        path = tmp_path / name
        path.write_bytes(data)
        out[case] = path
    return out


@pytest.mark.parametrize(
    "case",
    [
        "zero-byte",
        "text saved as .pdf",
        "truncated PDF",
        "PDF that is not a monthly return",
        "malformed XML",
        "XML with a DOCTYPE and an entity",
    ],
)
@pytest.mark.parametrize("command", ["convert", "facts"])
def test_bad_input_gets_one_line_error_exit_1_and_no_output(corpus, tmp_path, capsys, case, command):
    source = _bad_inputs(corpus, tmp_path)[case]
    target = tmp_path / "out" / "result.xml"
    target.parent.mkdir()
    args = ("convert", str(source), str(target)) if command == "convert" else ("facts", str(source))
    assert run(*args) == 1
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith("return-xml: ") and source.name in lines[0]
    assert "Traceback" not in captured.err
    assert list(target.parent.iterdir()) == []  # nothing half-written, no temporary file left


def test_invalid_xml_fails_validation_with_exit_1(tmp_path, capsys):
    bad = tmp_path / "bad.xml"
    bad.write_text(
        "<monthlyReturn xmlns='urn:return-xml:monthly-return:1' schemaVersion='1.0'>"
        "<form family='FF999' language='en'/><header/></monthlyReturn>",
        encoding="utf-8",
    )
    assert run("validate", str(bad)) == 1
    assert "INVALID" in capsys.readouterr().out


def test_typer_app_lists_every_command():
    result = runner.invoke(cli.app, ["--help"])
    assert result.exit_code == 0
    for command in ("convert", "facts", "validate", "schema"):
        assert command in result.output


def test_installed_script_runs_as_a_real_subprocess(corpus):
    script = Path(sys.executable).with_name("return-xml")
    assert script.exists(), "the return-xml console script is not installed in this environment"
    done = subprocess.run([str(script), "facts", str(corpus / FF301)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["issuer.name"] == "Moon Inc."


def test_installed_script_renders_a_return_as_a_real_subprocess(tmp_path):
    # A fresh process: the package's lazy names must not shadow its subpackages (return_xml.render).
    script = Path(sys.executable).with_name("return-xml")
    sample, xml, pdf = PROJECT / "samples" / "invented_FF301_2025-06_en.json", tmp_path / "s.xml", tmp_path / "s.pdf"
    assert subprocess.run([str(script), "convert", str(sample), str(xml)], capture_output=True, timeout=120).returncode == 0
    done = subprocess.run([str(script), "render", str(xml), str(pdf)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert pdf.read_bytes().startswith(b"%PDF-")
