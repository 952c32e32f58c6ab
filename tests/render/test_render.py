"""Rendering: XML -> PDF (FF301 layout) and HTML, and the round trip through our own reader.

The strongest check of the renderer is the reader: a rendered return read
back must give the same facts.  Corpus filings go PDF -> XML -> PDF -> XML;
generated returns (tests/render_strategies.py) go model -> PDF -> model.
"""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from render_strategies import readable_legacy_returns, readable_returns
from return_xml import api
from return_xml.errors import SchemaError
from return_xml.facts import facts_of
from return_xml.forms import read_document
from return_xml.model import Family, IssuedBalance, MonthlyReturn
from return_xml.model.values import Count
from return_xml.pdf import open_pdf
from return_xml.render import render_html, render_pdf
from return_xml.render.ff301_words import WORDS
from return_xml.render.legacy_words import WORDS as LEGACY_WORDS
from return_xml.xmlio import read_xml

FF301_FILINGS = (
    "01723_2026-01_FF301-v1.2.0_en.pdf",
    "00328_2024-12_FF301-v1.1.1_zh.pdf",
    "00328_2025-09_FF301-v1.1.1_zh_resubmission.pdf",
)
LEGACY_FILINGS = (
    "01149_2009-01_legacy-undated-layout_en.pdf",
    "01149_2009-12_legacy-undated-layout_en.pdf",
    "01149_2009-12_legacy-undated-layout_zh.pdf",
    "01149_2011-04_legacy-undated-layout_en.pdf",
    "01149_2012-07_legacy-undated-layout_en.pdf",
    "01149_2012-07_legacy-undated-layout_zh.pdf",
    "01149_2013-11_legacy-undated-layout_en.pdf",
)


def test_the_round_trip_covers_every_labelled_filing(corpus):
    # A labelled filing added to the corpus must be added above, not silently left out.
    labelled = sorted(p.name for p in corpus.glob("*.pdf") if p.with_suffix(".facts.json").is_file())
    assert labelled == sorted(FF301_FILINGS + LEGACY_FILINGS)


def _differences(expected: dict, actual: dict) -> dict:
    return {key: (expected.get(key), actual.get(key)) for key in sorted(set(expected) | set(actual)) if expected.get(key) != actual.get(key)}


@pytest.fixture(scope="module")
def read_back(tmp_path_factory):
    """name -> (facts of the filing, facts after PDF -> XML -> PDF -> XML, path of the rendered PDF).

    FF301 filings are rendered as the FF301 e-form, legacy ones as the legacy template.
    """
    out = tmp_path_factory.mktemp("render")
    cache: dict[str, tuple[dict, dict, Path]] = {}

    def run(corpus: Path, name: str):
        if name not in cache:
            first_xml, pdf, second_xml = out / f"{name}.xml", out / f"{name}.pdf", out / f"{name}.again.xml"
            # The filing is read with the fast decoder (same facts as pdfplumber over the corpus);
            # the rendered PDF with the default one, as a user's `convert` reads it.
            api.write(read_document(open_pdf(corpus / name, decoder="pdfium")), first_xml)
            api.render(first_xml, pdf)  # the layout of the filing's own family
            document = open_pdf(pdf)
            api.write(read_document(document), second_xml)
            cache[name] = (api.facts(first_xml), api.facts(second_xml), document)
        return cache[name]

    return run


@pytest.mark.parametrize("name", FF301_FILINGS + LEGACY_FILINGS)
def test_a_rendered_filing_reads_back_to_the_same_facts(corpus, read_back, name):
    expected, actual, _ = read_back(corpus, name)
    assert expected, "the filing gave no facts at all"
    assert _differences(expected, actual) == {}


def _page_text(document) -> str:
    return " ".join(" ".join(phrase.text for phrase in page.phrases) for page in document.pages)


def _headings(monthly_return: MonthlyReturn) -> list[str]:
    """Every section heading the form prints (a section without content prints its heading too)."""
    if monthly_return.form.family is Family.LEGACY:
        words = LEGACY_WORDS[monthly_return.form.language]
        keys = ["section.I", "section.II", "section.III", "section.A", "section.B", "section.C", "section.D", "section.E"]
        return [words[key] for key in keys]
    words = WORDS[monthly_return.form.language]
    keys = ["section.I", "section.III", "section.III.A", "section.III.B", "section.III.C", "section.III.D",
            "section.III.E", "section.IV", "section.V"]
    keys.append("section.II.float" if (monthly_return.form.version or "").startswith("1.2") else "section.II")
    return [words[key] for key in keys]


def _printed_forms(value) -> list[str]:
    """The ways a facts value may stand on the page: as text, or as a figure with thousands separators."""
    if isinstance(value, bool):
        return []  # printed as Yes/No, checked by the round trip
    if isinstance(value, int):
        return [f"{value:,}"]
    text = str(value)
    if re.fullmatch(r"-?\d+(\.\d+)?", text):
        whole, _, fraction = text.partition(".")
        return [f"{int(whole):,}" + (f".{fraction}" if fraction else ""), text]
    return [text]


@pytest.mark.parametrize("name", FF301_FILINGS + LEGACY_FILINGS)
def test_the_rendered_pdf_prints_every_heading_and_every_value(corpus, read_back, name):
    expected, _, document = read_back(corpus, name)
    monthly_return = read_document(document)
    page = _page_text(document)
    for heading in _headings(monthly_return):
        assert heading in page, heading
    skipped = {"form.family", "form.language", "form.version", "submission.status"}  # codes, printed in the form's words
    missing = []
    for key, value in expected.items():
        if key in skipped or key.endswith((".category", ".type", ".listed", ".complied")):
            continue  # derived codes: the printed words they come from are checked by the round trip
        if key.endswith(("period.end", "date")):
            continue  # dates are printed as the form prints them ("31 January 2026"), compared by the round trip
        forms = _printed_forms(value)
        # A text that wraps in its cell is read line by line between its neighbours: check its words.
        if forms and not any(all(word in page for word in form.split()) for form in forms):
            missing.append((key, value))
    assert missing == []
    if monthly_return.form.family is Family.FF301:
        assert f"v {monthly_return.form.version}" in page  # the footer the reader tells the edition by


def test_every_value_check_can_fail(corpus, read_back):
    # The check above is only worth something if a value that is not printed is noticed.
    _, _, document = read_back(corpus, FF301_FILINGS[0])
    assert "9,876,543,210" not in _page_text(document)


# `make test`: 150 generated returns from a fixed seed (100 FF301, 50 legacy: the FF301 form can
# express more); `make fuzz-roundtrip` sets RETURN_XML_FUZZ_EXAMPLES for each, from a random seed.
FUZZ_EXAMPLES = int(os.environ.get("RETURN_XML_FUZZ_EXAMPLES", "0"))


def _examples(default: int):
    return settings(max_examples=FUZZ_EXAMPLES or default, derandomize=not FUZZ_EXAMPLES, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture])


def _rendered_and_read_back(tmp_path: Path, monthly_return: MonthlyReturn, layout: str) -> MonthlyReturn:
    pdf = tmp_path / "return.pdf"
    pdf.write_bytes(render_pdf(monthly_return, layout))
    # pdfium: the fast decoder, which gives the same facts as pdfplumber (the corpus tests above use the default).
    return read_document(open_pdf(pdf, decoder="pdfium"))


@_examples(100)
@given(readable_returns())
def test_a_generated_return_rendered_as_ff301_reads_back_to_the_same_facts(tmp_path, monthly_return):
    back = _rendered_and_read_back(tmp_path, monthly_return, "ff301")
    assert back.form.family is Family.FF301
    assert _differences(facts_of(monthly_return), facts_of(back)) == {}


@_examples(50)
@given(readable_legacy_returns())
def test_a_generated_return_rendered_as_legacy_reads_back_to_the_same_facts(tmp_path, monthly_return):
    back = _rendered_and_read_back(tmp_path, monthly_return, "legacy")
    assert back.form.family is Family.LEGACY
    assert _differences(facts_of(monthly_return), facts_of(back)) == {}


def test_render_refuses_xml_that_is_not_schema_valid(tmp_path):
    broken = tmp_path / "broken.xml"
    broken.write_text('<?xml version="1.0"?><monthlyReturn xmlns="urn:return-xml:monthly-return:1"><nonsense/></monthlyReturn>')
    target = tmp_path / "out.pdf"
    with pytest.raises(SchemaError):
        api.render(broken, target)
    assert not target.exists()
    # The installed command: one line naming the schema problem, exit code 1, nothing written.
    script = Path(sys.executable).with_name("return-xml")
    result = subprocess.run([str(script), "render", str(broken), str(target)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert result.stderr.startswith("return-xml:") and "not valid" in result.stderr and "schemaVersion" in result.stderr
    assert "Traceback" not in result.stderr
    assert not target.exists()


def test_render_refuses_an_unknown_target_or_layout(tmp_path, corpus, read_back):
    _, _, document = read_back(corpus, FF301_FILINGS[0])
    pdf = document.path
    with pytest.raises(ValueError, match="cannot render to .docx"):
        api.render(pdf, tmp_path / "out.docx")
    with pytest.raises(ValueError, match="unknown layout"):
        api.render(pdf, tmp_path / "out.pdf", layout="word")
    assert list(tmp_path.iterdir()) == []


def test_the_html_page_is_self_contained_and_shows_the_findings(corpus, read_back, tmp_path):
    _, _, document = read_back(corpus, FF301_FILINGS[0])
    pdf = document.path
    xml = tmp_path / "return.xml"
    api.convert(pdf, xml)
    clean = tmp_path / "clean.html"
    api.render(xml, clean)
    page = clean.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"<script|<link|<img|src=|url\(|https?://", page, re.IGNORECASE)
    for heading in ("I. Movements in Authorised", "II. Movements in Issued", "III. Details of Movements", "(A). Share Options",
                    "(E). Other Movements", "IV. Information about", "V. Confirmations"):
        assert heading in page
    assert "478,272,000" in page  # a value of the filing
    assert 'class="findings"' not in page

    # Break the arithmetic of section II: the rules find it, and the page shows it.
    monthly_return = read_xml(xml)
    block = monthly_return.issued[0]
    broken = dataclasses.replace(block, close=dataclasses.replace(block.close or IssuedBalance(), issued=Count(1)))
    findings = api.rules.iter_findings(dataclasses.replace(monthly_return, issued=(broken,)))
    page = render_html(dataclasses.replace(monthly_return, issued=(broken,)), tuple(findings)).decode("utf-8")
    assert 'class="findings"' in page


def test_html_escapes_what_the_return_holds():
    from return_xml.model import Header
    from return_xml.model.values import Text

    page = render_html(MonthlyReturn(header=Header(issuer_name=Text("<script>alert(1)</script>")))).decode("utf-8")
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
