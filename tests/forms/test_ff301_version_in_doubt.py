"""FF301 read with its version in doubt (OCR footers that agree on no version): the edition is chosen
from the pages (forms/ff301/reader.py, ``_best_fitting``), and the reading is never vouched for."""

from __future__ import annotations

import dataclasses

import pytest

from conftest import TESTS
from return_xml import rules
from return_xml.forms import detect
from return_xml.forms.ff301.editions import edition_of
from return_xml.forms.ff301.reader import Ff301Reader, _best_fitting
from return_xml.model import Verdict
from return_xml.pdf.document import open_pdf

# One PDF per edition of the producer matrix (v1.0.2, v1.1.1 English and Chinese); v1.2.0 from the
# corpus (the matrix's v1.2.0 prints no public float boxes, the one thing v1.2 adds to v1.1's labels).
PDFS = [TESTS / "producers" / "ff301" / "pdf" / name for name in ("v102_en_html.pdf", "v111_en_html.pdf", "zh_multi_html.pdf")]


@pytest.mark.parametrize("name", [p.name for p in PDFS] + ["01723_2026-01_FF301-v1.2.0_en.pdf"])
def test_the_edition_that_fits_the_pages_best_is_the_printed_one(name, corpus):
    pdf = next((p for p in PDFS if p.name == name), None) or corpus / name
    with open_pdf(pdf) as document:
        printed = detect(document)
        doubted = dataclasses.replace(printed, version=None, rule="footers", doubt="no page's footer reads a known version")
        edition, _ = _best_fitting(document, doubted)
        assert edition is edition_of(printed.version)


def test_a_reading_with_its_version_in_doubt_gives_no_version_and_is_not_verified():
    with open_pdf(PDFS[1]) as document:
        printed = detect(document)
        plain = Ff301Reader().read(document, printed)
        doubted = dataclasses.replace(printed, rule="footers", doubt="only one page's footer reads a known version (page 4: 1.1.1)")
        read = Ff301Reader().read(document, doubted)
    assert plain.form.version == printed.version and read.form.version is None
    assert dataclasses.replace(read, form=plain.form, reading_notes=plain.reading_notes) == plain
    codes = {f.code for f in rules.iter_findings(read)}
    assert "RX-R-005" in codes and "RX-R-005" not in {f.code for f in rules.iter_findings(plain)}
    judged = rules.judged(read, rules.iter_findings(read))
    assert judged.audit is not None and judged.audit.verdict is Verdict.NEEDS_REVIEW
