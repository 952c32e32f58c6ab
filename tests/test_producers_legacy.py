"""The legacy-template producer matrix (issue 14): every PDF of tests/producers/legacy/pdf, made by a real
producer from a hand-written facts source, must read back to exactly its source and be `verified`.

The reader does not yet read these layouts (section headings whose item number is printed apart from the
heading are not found: "sections I and II of the legacy template not found"), so the cases are marked xfail
until the reader is made general (part B of the legacy issue); strict=False lets a fixed case pass.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from return_xml import api

HERE = Path(__file__).parent / "producers" / "legacy"
PDFS = sorted((HERE / "pdf").glob("*.pdf"))


def _source(pdf: Path) -> dict:
    case = pdf.stem.rsplit("_", 1)[0]
    return json.loads((HERE / f"{case}.facts.json").read_text(encoding="utf-8"))


@pytest.mark.xfail(reason="legacy reader not yet general for these producers (issue part B)", strict=False)
@pytest.mark.parametrize("pdf", PDFS, ids=[p.stem for p in PDFS])
def test_matrix_pdf_reads_back_to_its_source_and_is_verified(pdf: Path, tmp_path: Path) -> None:
    assert api.facts(pdf) == _source(pdf)
    conversion = api.convert(pdf, tmp_path / "out.xml")
    assert conversion.monthly_return.audit.verdict.value == "verified"
