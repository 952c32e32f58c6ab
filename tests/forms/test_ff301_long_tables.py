"""An FF301 table of many items goes on over the next page, without its header cells there.

Issuers with H and A shares often print many option tranches: the III A table then fills its page and
goes on over the next, where our renderer repeats no header (the e-form's columns keep their edges).
The reader must read every item line on every page, exactly, and still vouch for the reading.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import TESTS
from producers.build_ff301 import CLASS_OF, with_classes
from return_xml import api
from return_xml.facts_input import from_facts
from return_xml.model import Verdict
from return_xml.render.ff301 import render_pdf

SOURCES = TESTS / "producers" / "ff301"


def _with_more_schemes(facts: dict, extra: int) -> dict:
    """``facts`` with ``extra`` more option schemes like the first one (no movement), after it."""
    items: dict[int, dict] = {}
    for key in [k for k in facts if k.startswith("options[")]:
        index, rest = key[len("options["):].split("].", 1)
        items.setdefault(int(index), {})[rest] = facts.pop(key)
    first = items[0]
    more = []
    for n in range(extra):
        close = 1_000_000 * (n + 1)
        more.append({**first, "scheme": f"{first['scheme']} (tranche {n + 2})", "exercise_price": f"{n + 7}.10",
                     "outstanding.preceding": close, "movement.granted": 0, "movement.exercised": 0,
                     "movement.cancelled": 0, "movement.lapsed": 0, "outstanding.close": close,
                     "shares_issued": 0, "shares_issuable": close})
    ordered = [first, *more, *(items[k] for k in sorted(items) if k)]
    return {**facts, **{f"options[{k}].{name}": value for k, item in enumerate(ordered) for name, value in item.items()}}


@pytest.mark.parametrize("case", ["zh_multi", "v102_en"])
def test_item_lines_over_a_page_break_are_read_exactly(case: str, tmp_path: Path) -> None:
    facts = _with_more_schemes(json.loads((SOURCES / f"{case}.facts.json").read_text(encoding="utf-8")), 6)
    pdf = tmp_path / f"{case}_long.pdf"
    pdf.write_bytes(render_pdf(with_classes(from_facts(facts), facts, CLASS_OF.get(case))))
    read = api.read_pdf(pdf)
    pages_of_options = {o.outstanding_close.source.page for o in read.options if o.outstanding_close.source}
    assert len(pages_of_options) > 1  # the table does go on over a page
    assert api.facts(pdf) == facts
    assert read.audit.verdict is Verdict.VERIFIED
