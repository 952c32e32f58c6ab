"""`bulk --review DIR`: a review page for every input that is not verified, and for no other (issue 17)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bad.cases import pdf_cases
from cli_runs import run_cli
from return_xml import api
from return_xml.bulk import BulkOptions, run_bulk


@pytest.fixture(scope="module")
def inputs(corpus: Path, scan_excerpt, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder: one verified filing, one that needs review, one scanned, and one truncated PDF."""
    folder = tmp_path_factory.mktemp("review-inputs")
    verified = next(p for p in sorted(corpus.glob("*FF301*.pdf")) if api.read_pdf(p).audit.verdict.value == "verified")
    shutil.copy(verified, folder / "verified.pdf")
    # Its own figures do not add up (RX-III-003, see test_audit.py): never verified.
    shutil.copy(corpus / "unlabelled" / "01149_2012-08_legacy-undated-layout_en.pdf", folder / "needs-review.pdf")
    shutil.copy(scan_excerpt("legacy-undated-layout_en", 3), folder / "scanned.pdf")  # read by OCR: needs review
    (folder / "truncated.pdf").write_bytes(next(c for c in pdf_cases() if c.name == "truncated-half.pdf").data)
    return folder


def _pages(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*.html"))


def test_bulk_review_writes_a_page_for_each_input_that_is_not_verified(inputs, tmp_path):
    out, review = tmp_path / "out", tmp_path / "review"
    result = run_bulk([inputs], out, BulkOptions(review=review))
    verdicts = {Path(r.source).name: (r.status, r.verdict) for r in result.rows}
    assert verdicts == {
        "verified.pdf": ("converted", "verified"), "needs-review.pdf": ("converted", "needs review"),
        "scanned.pdf": ("converted", "needs review"), "truncated.pdf": ("rejected", None),
    }
    name = inputs.name
    assert _pages(review) == [f"{name}/needs-review.html", f"{name}/scanned.html"]
    assert result.reviews is not None and list(result.reviews.failed.values()) == ["E-PDF-TRUNCATED"]
    page = (review / name / "needs-review.html").read_text(encoding="utf-8")
    assert "RX-III-003" in page and 'data-path="' in page and str(inputs / "needs-review.pdf") in page
    scanned = (review / name / "scanned.html").read_text(encoding="utf-8")
    assert "RX-R-003" in scanned and ">needs review" in scanned
    summary = json.loads((out / "report.json").read_text(encoding="utf-8"))["summary"]
    assert (summary["reviews"], summary["reviews_failed"]) == (2, 1)

    # A rerun reuses the manifest's verdicts: the pages are there again, and a stale page of a verified input goes.
    stale = review / name / "verified.html"
    stale.write_text("from an earlier run", encoding="utf-8")
    again = run_bulk([inputs], out, BulkOptions(review=review))
    assert all(r.reused for r in again.rows if r.status == "converted")
    assert _pages(review) == [f"{name}/needs-review.html", f"{name}/scanned.html"]


def test_bulk_without_review_writes_no_page(inputs, tmp_path):
    result = run_bulk([inputs / "needs-review.pdf"], tmp_path / "out")
    assert result.reviews is None and _pages(tmp_path) == []
    assert "reviews" not in json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))["summary"]


def test_bulk_review_on_the_command_line(inputs, tmp_path, capsys):
    review = tmp_path / "pages"
    code = run_cli("bulk", str(inputs / "needs-review.pdf"), str(inputs / "verified.pdf"), "--out", str(tmp_path / "out"),
                   "--review", str(review))
    assert code == 0  # both converted; one needs review
    assert _pages(review) == ["needs-review.html"]
    assert f"1 review pages in {review}" in capsys.readouterr().err
