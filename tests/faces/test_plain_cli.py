"""The plain ``convert`` parsed without typer (return_xml.plain_cli): same outputs, same messages, same exit codes."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from return_xml import plain_cli
from return_xml.pdf import DECODERS

FF301 = "01723_2026-01_FF301-v1.2.0_en.pdf"


def test_the_decoder_modules_are_those_of_the_pdf_layer():
    assert plain_cli._DECODER_MODULES == DECODERS


def test_a_plain_convert_is_parsed(tmp_path):
    source = tmp_path / "in.pdf"
    source.write_bytes(b"%PDF-1.4")
    parsed = plain_cli.parse_convert(["convert", str(source), str(tmp_path / "o.xml"), "--strict", "--decoder", "PDFium", "--ocr=never"])
    assert parsed == {"source": source, "target": tmp_path / "o.xml", "strict": True, "decoder": "pdfium", "ocr": "never",
                      "password": os.environ.get(plain_cli.PASSWORD_ENV)}


@pytest.mark.parametrize("extra", [["--help"], ["--decoder", "x"], ["--strict", "--strict"], ["--"], ["-s"], ["--strict=1"], ["more"],
                                   ["--password"], ["--ocr"]])
def test_anything_unusual_is_left_to_typer(tmp_path, extra):
    source = tmp_path / "in.pdf"
    source.write_bytes(b"%PDF-1.4")
    assert plain_cli.parse_convert(["convert", str(source), str(tmp_path / "o.xml"), *extra]) is None


def test_what_typer_would_refuse_is_left_to_typer(tmp_path):
    (tmp_path / "folder").mkdir()
    assert plain_cli.parse_convert(["convert", str(tmp_path / "missing.pdf"), str(tmp_path / "o.xml")]) is None
    assert plain_cli.parse_convert(["convert", str(tmp_path / "folder"), str(tmp_path / "o.xml")]) is None
    (tmp_path / "in.pdf").write_bytes(b"%PDF-1.4")
    assert plain_cli.parse_convert(["convert", str(tmp_path / "in.pdf"), str(tmp_path / "folder")]) is None
    assert plain_cli.parse_convert(["facts", str(tmp_path / "in.pdf")]) is None


def _run(args: list[str], *, plain: bool) -> subprocess.CompletedProcess:
    """``python -m return_xml`` (plain path) or ``return_xml.cli.main`` (typer path) with ``args``."""
    code = "import sys; from return_xml.__main__ import main; main()" if plain else "import sys; from return_xml.cli import main; main()"
    return subprocess.run([sys.executable, "-c", code, *args], check=False, capture_output=True, timeout=120, env={**os.environ, "COLUMNS": "80"})


@pytest.mark.parametrize("kind", ["pdf", "broken", "xml-target-is-json"])
def test_both_paths_write_and_say_the_same(corpus, tmp_path, kind):
    if kind == "broken":
        source = tmp_path / "broken.pdf"
        source.write_bytes(b"%PDF-1.4\nnothing else")
    else:
        source = corpus / FF301
    suffix = ".json" if kind == "xml-target-is-json" else ".xml"
    results = []
    for plain in (True, False):
        target = tmp_path / f"out-{plain}{suffix}"
        done = _run(["convert", str(source), str(target)], plain=plain)
        stderr = done.stderr.decode().replace(str(target), "TARGET")
        results.append((done.returncode, done.stdout, stderr, target.read_bytes() if target.exists() else None))
    assert results[0] == results[1]
    assert results[0][0] == (1 if kind == "broken" else 0)


def test_the_plain_options_are_those_of_the_typer_command():
    import inspect

    from return_xml import cli

    assert set(plain_cli.CHOICES["--decoder"]) == {d.value for d in cli.Decoder}
    assert set(plain_cli.CHOICES["--ocr"]) == {o.value for o in cli.Ocr}
    assert set(plain_cli.CHOICES["--format"]) == {f.value for f in cli.OutputFormat}
    parameters = set(inspect.signature(cli.convert).parameters)
    assert set(plain_cli.FLAGS.values()) | set(plain_cli.KEYS.values()) | {"source", "target", "password", "decoder", "ocr"} == parameters


NEEDS_REVIEW = "unlabelled/01149_2011-01_legacy-undated-layout_en.pdf"

# Each a convert command line: {pdf}, {review} (a filing that needs review), {out} (a folder), {bad} (a damaged PDF),
# {empty} (an empty file), {xml} (an XML written by the first case), {missing} (no such file).
COMMAND_LINES = [
    ["{pdf}", "{out}/a.xml"],
    ["{pdf}", "{out}/a.json", "--strict"],
    ["{review}", "{out}/a.xml"],
    ["{review}", "{out}/a.xml", "--strict"],
    ["{review}", "{out}/a.xml", "--require-verified"],
    ["--decoder=PDFPlumber", "{pdf}", "{out}/a.xml", "--ocr", "never"],
    ["{pdf}", "{out}/a.xml", "--cross-check", "--password", "secret"],
    ["{pdf}", "{out}/no-folder/a.xml"],
    ["{bad}", "{out}/a.xml"],
    ["{empty}", "{out}/a.xml"],
    ["{xml}", "{out}/b.xml"],
    ["{missing}", "{out}/a.xml"],
    ["{pdf}", "{out}/a.xml", "--ocr", "sometimes"],
    ["{pdf}", "{out}/a.xml", "--help"],
    ["{pdf}"],
]


def _in_process(entry, args: list[str], capsys) -> tuple:
    saved, sys.argv = sys.argv, ["return-xml", "convert", *args]
    try:
        with pytest.raises(SystemExit) as exit_info:
            entry()
    finally:
        sys.argv = saved
    captured = capsys.readouterr()
    return exit_info.value.code or 0, captured.out, captured.err


@pytest.mark.parametrize("line", COMMAND_LINES, ids=lambda line: " ".join(line))
def test_the_entry_point_and_the_typer_command_line_end_alike(corpus, tmp_path, capsys, monkeypatch, line):
    from return_xml import __main__, cli

    monkeypatch.setenv("COLUMNS", "80")
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.4\nnothing else")
    (tmp_path / "empty.pdf").write_bytes(b"")
    (tmp_path / "in.xml").write_bytes(b"")
    assert _in_process(cli.main, [str(corpus / FF301), str(tmp_path / "in.xml")], capsys)[0] == 0
    places = {"pdf": corpus / FF301, "review": corpus / NEEDS_REVIEW, "bad": tmp_path / "bad.pdf", "empty": tmp_path / "empty.pdf",
              "xml": tmp_path / "in.xml", "missing": tmp_path / "missing.pdf"}
    results = []
    for name, entry in (("typer", cli.main), ("plain", __main__.main)):
        out = tmp_path / name
        out.mkdir()
        args = [word.format(out=out, **places) for word in line]
        code, stdout, stderr = _in_process(entry, args, capsys)
        written = {p.name: p.read_bytes() for p in sorted(out.iterdir())}
        results.append((code, stdout, stderr.replace(str(out), "OUT"), written))
    assert results[0] == results[1]
