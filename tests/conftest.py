"""Shared fixtures: the one way tests reach the real filings in ../shared/corpus."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
TESTS = Path(__file__).resolve().parent  # the tests folder: its data, golden files and helpers
CORPUS = Path(os.environ.get("RETURN_XML_CORPUS", PROJECT.parent / "shared" / "corpus"))
GOLDEN = Path(__file__).resolve().parent / "golden"



def pdf_of_label(label: Path) -> Path:
    """The PDF a corpus label (``NAME.facts.json``) belongs to: ``NAME.pdf`` beside it."""
    return label.with_name(label.name[: -len(".facts.json")] + ".pdf")

def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/golden/ from the current converter (review the diff before committing)",
    )


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The labelled corpus directory, read in place (never copied into the project).

    CI has ../shared beside the checkout; a missing corpus is an error, not a skip,
    so that a run without it cannot look green.
    """
    if not CORPUS.is_dir():
        pytest.fail(f"corpus not found at {CORPUS} (set RETURN_XML_CORPUS or put ../shared beside the checkout)")
    return CORPUS


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def scan_excerpt(corpus: Path, tmp_path_factory: pytest.TempPathFactory):
    """``scan_excerpt(kind, pages)``: a PDF of the first ``pages`` pages of a scanned corpus rendition.

    ``kind`` is a part of the scanned file's name (``"FF301-v1.2.0_en"``).  OCR costs about a second
    a page: tests read a page or two, the whole files are measured by ``make bench`` (docs/ocr.md).
    """
    import pypdfium2 as pdfium

    made: dict[tuple[str, int], Path] = {}

    def excerpt(kind: str, pages: int = 1) -> Path:
        if (kind, pages) not in made:
            source = next(p for p in sorted((corpus / "scanned").glob("*.pdf")) if kind in p.name)
            target = tmp_path_factory.mktemp("scan") / f"{source.stem}_p1-{pages}.pdf"
            original, copy = pdfium.PdfDocument(str(source)), pdfium.PdfDocument.new()
            copy.import_pages(original, list(range(pages)))
            copy.save(str(target))
            copy.close()
            original.close()
            made[(kind, pages)] = target
        return made[(kind, pages)]

    return excerpt
