"""The business rules in the taxonomy (docs/xbrl.md): Arelle runs the formula assertions and calculations offline.

One Arelle process (one controller) checks every labelled filing's instance and,
beside them, instances with one figure altered: each real filing must give no
error and no unsatisfied assertion, each altered one must fail the assertion of
the rule its figure breaks, named by our rule's code (``message:RX-II-001``, or
the calculation's link role ``.../role/RX-II-004``).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from conftest import CORPUS, PROJECT
from return_xml import api
from return_xml.facts import facts_of
from return_xml.rules.catalogue import RULES
from return_xml.xbrl import formula
from return_xml.xbrl.concepts import BY_PATTERN
from return_xml.xbrl.instance import Instance, render_xbrl
from return_xml.xbrl.taxonomy import NAMESPACE, PACKAGE_ZIP, PREFIX

TAXONOMY = PROJECT / "xsd" / "xbrl" / PACKAGE_ZIP
LABELLED = sorted(CORPUS.glob("*.facts.json"))
CODE = re.compile(r"RX-[A-Z]+-\d{3}")


def _one_more(text: str) -> str:
    """A figure raised by one unit of its last digit."""
    value = Decimal(text)
    return str(value + Decimal(1).scaleb(value.as_tuple().exponent))


def _day_before(text: str) -> str:
    return (dt.date.fromisoformat(text) - dt.timedelta(days=1)).isoformat()


# (facts-view pattern of the fact to alter, how, the rules whose assertion must then fail)
ALTERATIONS = (
    ("issued[].close.issued", _one_more, {"RX-II-001"}),       # a close balance: the roll-forward of its class
    ("authorised[].close.capital", _one_more, {"RX-I-003", "RX-I-004"}),  # capital no longer shares x par, nor the total
    ("warrants_total[].issued", _one_more, {"RX-III-001"}),    # a section total no longer the sum of its items
    ("total_increase[].issued", _one_more, {"RX-II-005"}),     # the grand total no longer the section II movement
    ("period.end", _day_before, {"RX-H-001"}),                 # the month ended no longer the last day of its month
    ("submission.date", lambda _: "2000-01-01", {"RX-H-002"}),  # submitted before the month ended
)
# No labelled filing prints an exercise of options: facts added to one filing without options, (facts, rules that fail).
ADDED = (
    # consistent: 600 new shares and 400 treasury shares for 1,000 options exercised (printed signed)
    ({"options[0].movement.exercised": -1000, "options[0].shares_issued": 600, "options[0].treasury_transferred": 400}, set()),
    # 999 new shares for 1,000 options exercised
    ({"options[0].movement.exercised": 1000, "options[0].shares_issued": 999}, {"RX-III-006"}),
)
# Rules whose assertion is a warning (Assertion Severity 1.0): Arelle logs their failure as [WARNING].
WARNINGS = {"RX-III-006"}


def test_every_assertion_names_a_rule_of_the_catalogue_once():
    ids = [a.id for a in formula.ASSERTIONS]
    assert len(ids) == len(set(ids))
    assert all(a.code in RULES and a.id.startswith(a.code) and a.message.startswith(a.code + ":") for a in formula.ASSERTIONS)
    assert all(code in RULES for code, _ in formula.CALCULATIONS)
    assert (formula._NAMESPACE, formula._PREFIX) == (NAMESPACE, PREFIX)
    patterns = [p for a in formula.ASSERTIONS for v in a.variables for p in v.patterns]
    patterns += [p for _, sums in formula.CALCULATIONS for total, items in sums for p in (total, *items)]
    assert all(p in BY_PATTERN for p in patterns)


def test_calculations_sum_only_items_of_one_period():
    for _, sums in formula.CALCULATIONS:
        for total, items in sums:
            assert {BY_PATTERN[p].period for p in (total, *items)} == {BY_PATTERN[total].period}
            assert {BY_PATTERN[p].dimension for p in (total, *items)} == {BY_PATTERN[total].dimension}


def _altered(instance: bytes, pattern: str, change) -> bytes | None:
    """The instance with the first fact of ``pattern`` changed by ``change`` (None: no such fact)."""
    root = etree.fromstring(instance)
    found = root.find(f"{{{NAMESPACE}}}{BY_PATTERN[pattern].name}")
    if found is None:
        return None
    found.text = change(found.text)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _arelle(files: list[Path], log: Path) -> float:
    command = [sys.executable, "-m", "arelle.CntlrCmdLine", "--internetConnectivity", "offline",
               "--packages", str(TAXONOMY), "--validate", "--formula", "run", "--calc", "c10",
               "--formulaAsserResultCounts", "--logFile", str(log),
               "--logFormat", "[%(levelname)s] [%(messageCode)s] %(message)s - %(file)s",
               "--file", json.dumps([{"file": str(p)} for p in files])]
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, timeout=600)
    return time.perf_counter() - start


def test_arelle_runs_the_assertions_every_filing_passes_and_an_altered_figure_fails_its_rule(tmp_path):
    if importlib.util.find_spec("arelle") is None:  # a missing checker fails, so that a run without it cannot look green
        pytest.fail("Arelle is not installed: it is in the test extras (pip install -e '.[test]')")
    assert LABELLED, f"no labelled filing in {CORPUS}"
    instances, returns = {}, []
    for label in LABELLED:
        name = label.name[: -len(".facts.json")]
        returns.append(api.read(label.with_name(name + ".pdf")))
        instances[name] = render_xbrl(returns[-1])
    files = []
    for name, data in instances.items():
        files.append(tmp_path / f"{name}.xbrl")
        files[-1].write_bytes(data)
    altered: dict[str, set[str]] = {}
    for pattern, change, codes in ALTERATIONS:
        data = next((d for d in (_altered(d, pattern, change) for d in instances.values()) if d is not None), None)
        assert data is not None, f"no labelled filing has a fact of {pattern} to alter"
        path = tmp_path / f"altered-{BY_PATTERN[pattern].name}.xbrl"
        path.write_bytes(data)
        altered[path.name] = codes
    plain = next(facts for facts in (facts_of(r) for r in returns) if not any(p.startswith("options[") for p in facts))
    for n, (added, codes) in enumerate(ADDED, 1):
        path = tmp_path / f"added-{n}.xbrl"
        path.write_bytes(Instance(plain | added).build({}))
        if codes:
            altered[path.name] = codes
        else:
            files.append(path)
    log = tmp_path / "arelle.log"
    seconds = _arelle([*files, *(tmp_path / name for name in altered)], log)
    lines: list[str] = []  # one record a line: a message spanning lines is joined to its first line
    for line in log.read_text(encoding="utf-8").splitlines():
        if line.startswith("[") or not lines:
            lines.append(line)
        else:
            lines[-1] += " " + line
    problems = [line for line in lines if not line.startswith(("[INFO]", "[DEBUG]"))]
    for path in files:
        assert any("formula validation and execution" in line and path.name in line for line in lines), f"{path.name}: formulas did not run"
        assert not [line for line in problems if path.name in line], f"{path.name}:\n" + "\n".join(problems)
    for name, codes in altered.items():
        found = {code for line in problems if name in line for code in CODE.findall(line)}
        assert codes <= found, f"{name}: expected {codes}, Arelle said:\n" + "\n".join(line for line in problems if name in line)
        assert all(CODE.search(line) for line in problems if name in line), "a failure without our rule's code"
        for line in problems:
            if name in line and (codes & WARNINGS) >= set(CODE.findall(line)):
                assert line.startswith("[WARNING]"), f"{name}: a warning rule's failure is not a warning: {line}"
    for code in ("RX-H-001", "RX-H-002", "RX-III-006"):  # the new rules pass where they hold, not only never evaluate
        assert re.search(rf"Assertion {code} evaluations : [1-9]\d* satisfied", "\n".join(lines)), f"{code} never satisfied"
    satisfied = sum(int(n) for n in re.findall(r"evaluations : (\d+) satisfied", "\n".join(lines)))
    assert satisfied >= len(files), "the assertions hardly ever evaluated: are the filters binding?"
    print(f"\nArelle with formulas and calculations: {seconds:.1f} s for {len(files) + len(altered)} instances, "
          f"{seconds / (len(files) + len(altered)):.2f} s per instance")
