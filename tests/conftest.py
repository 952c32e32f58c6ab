"""Shared fixtures: the one way tests reach the real filings in ../shared/corpus."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("RETURN_XML_CORPUS", PROJECT.parent / "shared" / "corpus"))
GOLDEN = Path(__file__).resolve().parent / "golden"


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
