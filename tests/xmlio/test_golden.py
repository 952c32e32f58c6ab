"""Golden files: the XML and the facts of each supported corpus filing, byte for byte.

The golden files are only rewritten by `make golden` (pytest --update-golden);
a missing golden file fails, so a first run cannot pass by writing its own answer.
"""

from __future__ import annotations

import json
from functools import cache

import pytest
from lxml import etree

from conftest import GOLDEN
from return_xml import api
from return_xml.facts import facts_of
from return_xml.xmlio import parse_xml, render_xml
from return_xml.xmlio.schema import lxml_schema, xsd_errors

GOLDEN_FILINGS = [
    "01723_2026-01_FF301-v1.2.0_en",
    "00328_2024-12_FF301-v1.1.1_zh",
    "00328_2025-09_FF301-v1.1.1_zh_resubmission",
    "01149_2012-07_legacy-undated-layout_en",
    "01149_2012-07_legacy-undated-layout_zh",
]


@cache
def _read(path):
    return api.read_pdf(path)


def _check(path, produced: bytes, update: bool) -> None:
    if update:
        path.write_bytes(produced)
        return
    assert path.exists(), f"no golden file {path.name}: run `make golden` and review it"
    assert produced == path.read_bytes(), f"{path.name} differs from the converter's output (`make golden` after review)"


@pytest.mark.parametrize("name", GOLDEN_FILINGS)
def test_converted_xml_matches_its_golden_file_and_the_schema(corpus, update_golden, name):
    monthly_return = _read(corpus / f"{name}.pdf")
    xml = render_xml(monthly_return)
    assert lxml_schema().validate(etree.fromstring(xml)), lxml_schema().error_log
    assert xsd_errors(xml) == []
    assert parse_xml(xml) == monthly_return
    _check(GOLDEN / f"{name}.xml", xml, update_golden)


@pytest.mark.parametrize("name", GOLDEN_FILINGS)
def test_facts_match_their_golden_file_and_agree_between_pdf_and_xml(corpus, update_golden, name):
    monthly_return = _read(corpus / f"{name}.pdf")
    from_pdf = facts_of(monthly_return)
    from_xml = facts_of(parse_xml(render_xml(monthly_return)))
    assert from_pdf == from_xml
    produced = (json.dumps(from_pdf, ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode("utf-8")
    _check(GOLDEN / f"{name}.facts.json", produced, update_golden)
