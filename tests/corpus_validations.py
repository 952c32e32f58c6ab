"""The corpus filings validated once per test session, two at a time (reading a legacy PDF takes seconds)."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from pathlib import Path

from conftest import CORPUS
from return_xml import api

WORKERS = 2  # the project's machines have two cores


def validate_all(paths: tuple[Path, ...]) -> dict[str, api.Validation]:
    """``api.validate`` of every path, run in worker processes; keyed by file name."""
    context = multiprocessing.get_context("spawn")  # no fork of a threaded test process
    with ProcessPoolExecutor(max_workers=min(WORKERS, len(paths)) or 1, mp_context=context) as pool:
        return {path.name: validation for path, validation in zip(paths, pool.map(api.validate, paths))}


@cache
def labelled() -> dict[str, api.Validation]:
    """Every labelled corpus PDF, validated."""
    return validate_all(tuple(sorted(CORPUS.glob("*.pdf"))))


@cache
def unlabelled(pattern: str) -> dict[str, api.Validation]:
    """The unlabelled corpus PDFs matching ``pattern``, validated."""
    return validate_all(tuple(sorted((CORPUS / "unlabelled").glob(pattern))))
