"""Contract test per form edition: the converter's facts equal the labelled ground truth.

Compared with the project's scorer (../shared/tools/score_facts.py), so the test
and the published score cannot disagree.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CORPUS
from matrix_outcomes import scorer as _scorer
from return_xml import api


def _labelled(edition: str) -> list[Path]:
    return sorted(p for p in CORPUS.glob(f"*{edition}*.facts.json"))


@pytest.mark.parametrize("edition", ["FF301-v1.2.0", "FF301-v1.1.1", "legacy-undated-layout_en", "legacy-undated-layout_zh"])
def test_every_labelled_filing_of_the_edition_is_read_exactly(corpus, edition):
    import json

    labels = _labelled(edition)
    assert labels, f"no labelled {edition} filing in {corpus}"
    scorer = _scorer()
    for label in labels:
        pdf = label.with_name(label.name[: -len(".facts.json")] + ".pdf")
        truth = json.loads(label.read_text(encoding="utf-8"))
        predicted = api.facts(pdf)
        correct, missing, wrong, extra, _unknown = scorer.compare(truth, predicted)
        assert (missing, wrong, extra) == ([], [], []), f"{pdf.name}: missing {missing}, wrong {wrong}, extra {extra}"
        assert len(correct) == len(truth)
