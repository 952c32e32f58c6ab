"""docs/xbrl.md, "Loading the xBRL-JSON with pandas": the two code blocks run on one converted filing.

The first block (plain Python: one row per fact) always runs; the second (the
pandas data frame) runs too: pandas is in the test extras.
"""

from __future__ import annotations

import re

import pytest

from conftest import CORPUS, PROJECT
from return_xml import api

DOCS = PROJECT / "docs" / "xbrl.md"
FILING = CORPUS / "01723_2026-01_FF301-v1.2.0_en.pdf"


def _blocks() -> list[str]:
    text = DOCS.read_text(encoding="utf-8")
    section = text.split("### Loading the xBRL-JSON with pandas", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, re.DOTALL)


def test_the_pandas_snippet_of_the_docs_loads_a_converted_filing(tmp_path, monkeypatch):
    if not FILING.is_file():
        pytest.skip(f"{FILING.name} is not in the corpus")
    rows_block, pandas_block = _blocks()
    monthly_return = api.read(FILING)
    monkeypatch.chdir(tmp_path)
    api.write(monthly_return, tmp_path / "filing.xbrl.json")  # by its suffix: xBRL-JSON
    scope: dict = {}
    exec(rows_block, scope)
    rows = scope["rows"]
    facts = api.facts(tmp_path / "filing.xbrl.json")
    assert len(rows) == len(facts)  # one row per fact of the facts view
    closes = [r for r in rows if r["concept"] == "mr:IssuedCloseIssued"]
    assert [int(r["value"]) for r in closes] == [v for k, v in facts.items() if re.fullmatch(r"issued\[\d+\]\.close\.issued", k)]
    assert all(r["class"].startswith("s") and r["unit"] == "xbrli:shares" for r in closes)
    exec(pandas_block, scope)  # pandas is in the test extras: the docs' pandas block always runs
    close = scope["close"]
    assert list(close["stock_code"]) == [facts["issued[0].stock_code"]]
    assert list(close["value"]) == [facts["issued[0].close.issued"]]
