"""Series rules: balances carry over month to month; gaps, resubmissions and language versions.

The corpus series test reads the unlabelled filings: by default the FF301
ones (seconds); with RETURN_XML_FULL_CORPUS=1, or in CI (CI=true), every
unlabelled filing the converter reads, legacy included (about three minutes on
two cores, because a legacy PDF takes seconds to read).  Issuers are grouped
by the stock codes in the models, never by file names.
"""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

from cli_runs import run_cli as run
from corpus_validations import labelled, unlabelled
from return_xml import rules
from return_xml.model import Language, MonthlyReturn, Text
from return_xml.rules import Severity
from return_xml.xmlio import render_xml
from returns import count, day, mutate, valid_return

FULL_CORPUS = bool(os.environ.get("RETURN_XML_FULL_CORPUS") or os.environ.get("CI"))


def _ff301_series() -> list[tuple[str, MonthlyReturn]]:
    """The 00328 FF301 returns of the corpus, labelled and unlabelled, by file name."""
    found = {**labelled(), **unlabelled("00328_*FF301*.pdf")}
    return sorted((name, v.monthly_return) for name, v in found.items() if name.startswith("00328_"))


def _by_name(series, returns=None) -> list[tuple[str, str, str]]:
    names = [name for name, _ in series]
    found = rules.check_series(returns if returns is not None else [r for _, r in series])
    return [(names[i][:7], f.code, f.path) for i, f in found]


def test_the_ff301_series_carries_over_and_only_the_missing_months_are_reported(corpus):
    series = _ff301_series()
    assert len(series) == 8
    findings = rules.check_series([r for _, r in series])
    assert [(series[i][0][:13], f.code, f.severity) for i, f in findings] == [
        ("00328_2025-04", "RX-S-002", Severity.WARNING),
        ("00328_2025-07", "RX-S-002", Severity.WARNING),
    ]
    assert [f.message for _, f in findings] == [
        "no return for 2025-03 between 2025-02 and 2025-04; balances carry over unchanged",
        "no return for 2025-06 between 2025-05 and 2025-07; balances carry over unchanged",
    ]


def test_a_month_removed_is_reported_as_a_gap(corpus):
    series = [(name, r) for name, r in _ff301_series() if not name.startswith("00328_2025-01")]
    findings = rules.check_series([r for _, r in series])
    gap = [(series[i][0][:13], f.message) for i, f in findings if f.code == "RX-S-002"]
    assert gap[0] == ("00328_2025-02", "no return for 2025-01 between 2024-12 and 2025-02; balances carry over unchanged")
    assert len(gap) == 3 and all(f.code == "RX-S-002" for _, f in findings)


def test_an_altered_opening_balance_breaks_the_series_at_that_month(corpus):
    series = _ff301_series()
    i = next(k for k, (name, _) in enumerate(series) if name.startswith("00328_2025-08"))
    r = series[i][1]
    # opening and movement moved together: the return itself still adds up, only the series breaks
    altered = mutate(r, {"issued[0].preceding.issued": count(r.issued[0].preceding.issued.value + 5),
                         "issued[0].preceding.total": count(r.issued[0].preceding.total.value + 5),
                         "issued[0].movement.issued": count(-5)})
    assert rules.check(altered) == []
    returns = [altered if k == i else m for k, (_, m) in enumerate(series)]
    breaks = [(k, f) for k, f in rules.check_series(returns) if f.code == "RX-S-001"]
    assert [(k, f.path, f.severity) for k, f in breaks] == [
        (i, "issued[0].preceding.issued", Severity.ERROR),
        (i, "issued[0].preceding.total", Severity.ERROR),
    ]
    assert breaks[0][1].message == "opening issued shares 114,556,870 must equal the closing balance 114,556,865 " \
                                   "of the return for 2025-07"


def test_the_latest_submission_of_a_month_wins(corpus):
    series = _ff301_series()
    name, august = next((n, r) for n, r in series if n.startswith("00328_2025-08"))
    earlier = mutate(august, {"header.submission_date": day("2025-09-02"),
                              "issued[0].close.issued": count(1), "issued[0].close.total": count(1)})
    returns = [r for _, r in series] + [earlier]
    findings = rules.check_series(returns)
    superseded = [(i, f.path) for i, f in findings if f.code == "RX-S-003"]
    assert superseded == [(len(returns) - 1, "header.submission_date")]
    # the superseded return's odd closing balance is not compared with September
    assert [f.code for _, f in findings if f.code == "RX-S-001"] == []


def test_language_versions_of_one_submission_are_not_resubmissions():
    english = valid_return()
    chinese = dataclasses.replace(english, form=dataclasses.replace(english.form, language=Language.ZH))
    july = mutate(english, {"header.period_end": day("2024-07-31"), "header.submission_date": day("2024-08-02"),
                            "authorised[0].preceding": english.authorised[0].close,
                            "issued[0].preceding": english.issued[0].close})
    assert rules.check_series([english, chinese, july]) == []
    july = mutate(july, {"issued[0].preceding.issued": count(401_500_001)})
    findings = rules.check_series([english, chinese, july])
    assert [(i, f.code, f.path) for i, f in findings] == [(2, "RX-S-001", "issued[0].preceding.issued")]


def test_issuers_are_grouped_by_stock_code_with_or_without_leading_zeros():
    a = valid_return()
    same_issuer = mutate(a, {"header.period_end": day("2024-08-31"), "header.submission_date": day("2024-09-03")})
    same_issuer = dataclasses.replace(same_issuer, issued=tuple(
        dataclasses.replace(b, share_class=dataclasses.replace(b.share_class, stock_code=Text("1234")))
        for b in same_issuer.issued))
    other = dataclasses.replace(a, authorised=(), issued=tuple(
        dataclasses.replace(b, share_class=dataclasses.replace(b.share_class, stock_code=Text("09999")))
        for b in a.issued))
    assert sorted(map(sorted, rules.group_by_issuer([a, same_issuer, other]))) == [[0, 1], [2]]
    assert [(i, f.code) for i, f in rules.check_series([a, other, same_issuer])] == [(2, "RX-S-002")]


def _write(tmp_path: Path, series) -> list[str]:
    paths = []
    for name, r in series:
        path = tmp_path / f"{Path(name).stem}.xml"
        path.write_bytes(render_xml(r))
        paths.append(str(path))
    return paths


def test_validate_series_from_the_command_line(corpus, tmp_path, capsys):
    series = _ff301_series()
    files = _write(tmp_path, series)
    assert run("validate", "--series", *files) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "VALID: 8 files, 0 invalid; 0 errors, 2 warnings"
    without_january = [f for f in files if "2025-01" not in f]
    assert run("validate", "--series", "--strict", *without_january) == 1
    out = capsys.readouterr().out
    assert "RX-S-002 no return for 2025-01 between 2024-12 and 2025-02" in out
    assert out.splitlines()[-1] == "INVALID: 7 files, 3 invalid; 0 errors, 3 warnings (strict: warnings count)"


def test_an_altered_opening_balance_fails_validate_series_with_its_codes_and_line(corpus, tmp_path, capsys):
    files = _write(tmp_path, _ff301_series())
    august = next(Path(f) for f in files if "2025-08" in f)
    text = august.read_text(encoding="utf-8")
    old = '<issued printed="114,556,865" page="2"'
    assert text.count(old) == 2  # the opening balance comes before the closing one
    august.write_text(text.replace(">114556865</issued>", ">114556870</issued>", 1), encoding="utf-8")
    assert run("validate", "--series", "--format", "json", *files) == 1
    report = json.loads(capsys.readouterr().out)
    found = {(Path(f["file"]).name[:13], x["code"], x["path"], x["line"] is not None)
             for f in report["files"] for x in f["findings"] if x["severity"] == "error"}
    assert found == {
        ("00328_2025-08", "RX-S-001", "issued[0].preceding.issued", True),
        ("00328_2025-08", "RX-II-001", "issued[0].close.issued", True),
        ("00328_2025-08", "RX-II-004", "issued[0].preceding.total", True),
        # the value no longer says what its printed token says (the edit left printed="114,556,865")
        ("00328_2025-08", "RX-X-002", "issued[0].preceding.issued", True),
    }


def test_every_unlabelled_series_the_converter_reads_carries_over(corpus):
    validations = {**labelled(), **unlabelled("*.pdf" if FULL_CORPUS else "*FF301*.pdf")}
    usable = [(name, v.monthly_return) for name, v in sorted(validations.items()) if v.monthly_return is not None]
    assert len(usable) >= (90 if FULL_CORPUS else 9)
    returns = [r for _, r in usable]
    groups = rules.group_by_issuer(returns)
    assert len(groups) == 3  # 00328, 01149 and 01723, found from the stock codes in the models
    findings = rules.check_series(returns)
    errors = [(usable[i][0], f.code, f.path, f.message) for i, f in findings if f.is_error]
    assert errors == []
    assert {f.code for _, f in findings} <= {"RX-S-002"}
