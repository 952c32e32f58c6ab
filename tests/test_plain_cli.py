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
