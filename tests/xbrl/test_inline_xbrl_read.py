"""Inline XBRL input (docs/xbrl.md, "Reading XBRL back"): the .xhtml page return-xml wrote reads back to its facts.

- every labelled corpus filing: PDF -> .xhtml (api.render) -> facts equals PDF -> facts,
  and the model read back is the model of those facts;
- a plain HTML page is still refused as an HTML page (E-PDF-NOT-PDF);
- an Inline XBRL document of another taxonomy, or with a format return-xml does
  not write, is refused with an ``XbrlError`` naming the file.
"""

from __future__ import annotations

import json

import pytest

from cli_runs import run_cli
from conftest import CORPUS, pdf_of_label
from return_xml import api
from return_xml.errors import InputError
from return_xml.facts import facts_of
from return_xml.sniff import IXBRL, kind_of
from return_xml.xbrl import transforms
from return_xml.xbrl.inline_reader import facts_of_inline
from return_xml.xbrl.reader import XbrlError

LABELLED = sorted(CORPUS.glob("*.facts.json"))

FOREIGN = b"""<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL"
    xmlns:ixt="http://www.xbrl.org/inlineXBRL/transformation/2020-02-12" xmlns:xbrli="http://www.xbrl.org/2003/instance"
    xmlns:link="http://www.xbrl.org/2003/linkbase" xmlns:xlink="http://www.w3.org/1999/xlink"
    xmlns:iso4217="http://www.xbrl.org/2003/iso4217" xmlns:us-gaap="http://fasb.org/us-gaap/2023">
<head><title>10-K</title></head><body>
<div style="display:none"><ix:header>
  <ix:references><link:schemaRef xlink:type="simple" xlink:href="https://xbrl.fasb.org/us-gaap/2023/elts/us-gaap-2023.xsd"/></ix:references>
  <ix:resources>
    <xbrli:context id="c"><xbrli:entity><xbrli:identifier scheme="http://www.sec.gov/CIK">0000320193</xbrli:identifier>
      </xbrli:entity><xbrli:period><xbrli:instant>2023-09-30</xbrli:instant></xbrli:period></xbrli:context>
    <xbrli:unit id="usd"><xbrli:measure>iso4217:USD</xbrli:measure></xbrli:unit>
  </ix:resources></ix:header></div>
<p>Assets: <ix:nonFraction name="us-gaap:Assets" contextRef="c" unitRef="usd" decimals="-6"
   format="ixt:num-dot-decimal">352,583,000,000</ix:nonFraction></p>
</body></html>
"""


@pytest.fixture(scope="module")
def pages(corpus, tmp_path_factory):
    """Each labelled filing: its facts (PDF -> facts) and its Inline XBRL page (PDF -> .xhtml)."""
    assert LABELLED, f"no labelled filing in {corpus}"
    folder = tmp_path_factory.mktemp("ixbrl-read")
    out = {}
    for label in LABELLED:
        name = label.name[: -len(".facts.json")]
        page = folder / f"{name}.xhtml"
        monthly_return = api.render(pdf_of_label(label), page)
        out[name] = (facts_of(monthly_return), page)
    return out


def test_every_labelled_filing_reads_back_from_inline_xbrl_to_the_pdf_facts(pages):
    for name, (facts, page) in pages.items():
        assert kind_of(page) == IXBRL, name
        assert api.facts(page) == facts, f"{name}: Inline XBRL -> facts differs from PDF -> facts"
        assert api.read(page) == api.from_facts(facts), f"{name}: Inline XBRL -> model differs from the model of its facts"


def test_facts_command_prints_the_facts_of_an_inline_xbrl_page(pages, capsys):
    facts, page = next(iter(pages.values()))
    assert run_cli("facts", str(page)) == 0
    assert json.loads(capsys.readouterr().out) == facts


def test_a_plain_html_page_is_still_refused_as_an_html_page(tmp_path):
    page = tmp_path / "error.pdf"
    page.write_bytes(b"<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body>Not Found</body></html>\n")
    with pytest.raises(InputError) as caught:
        api.read(page)
    assert caught.value.code == "E-PDF-NOT-PDF"
    assert "HTML page" in str(caught.value)


def test_an_inline_xbrl_document_of_another_taxonomy_is_refused_naming_the_file(tmp_path, capsys):
    page = tmp_path / "10-K.xhtml"
    page.write_bytes(FOREIGN)
    assert kind_of(page) == IXBRL
    with pytest.raises(XbrlError) as caught:
        api.read(page)
    assert caught.value.code == "E-XBRL-FOREIGN"
    assert "10-K.xhtml" in str(caught.value)
    assert run_cli("facts", str(page)) == 1
    assert "Traceback" not in capsys.readouterr().err


def test_a_format_return_xml_does_not_write_is_refused(pages):
    _, page = next(iter(pages.values()))
    data = page.read_bytes().replace(b'format="ixt:num-dot-decimal"', b'format="ixt:num-comma-decimal"', 1)
    assert data != page.read_bytes()
    with pytest.raises(XbrlError, match="num-comma-decimal"):
        facts_of_inline(data, file=page)


@pytest.mark.parametrize(("format_", "tagged", "value"), [
    ("ixt:num-dot-decimal", "1,500,000", "1500000"),
    ("ixt:num-dot-decimal", "607,500.00", "607500.00"),
    ("ixt:fixed-zero", "Nil", "0"),
    ("ixt:fixed-true", "是", "true"),
    ("ixt:fixed-false", "No", "false"),
    ("ixt:date-day-monthname-year-en", "05 January 2026", "2026-01-05"),
    ("ixt:date-year-month-day", "2026年1月5日", "2026-01-05"),
    ("ixt:date-day-month-year", "03/11/2003", "2003-11-03"),
    (None, " text ", " text "),
])
def test_each_transformation_reads_its_tagged_text_back(format_, tagged, value):
    assert transforms.value_of(format_, tagged) == value


def test_a_text_the_format_does_not_read_is_a_value_error():
    with pytest.raises(ValueError):
        transforms.value_of("ixt:num-dot-decimal", "1.500.000")
