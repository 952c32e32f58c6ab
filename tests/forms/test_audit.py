"""The figure audit and the verdict (docs/verdict.md): a reading vouches for itself, or says it needs review.

The audit is tested by what it must catch: a reading is taken from a real
corpus filing, one of its values is made to lose its source (as a reader that
dropped the figure would), and the audit must report that very figure, on its
page, as unread.  The same is done to whole FF301 sections.  The command line
and bulk are tested on what a user sees: the verdict line, the exit code of
``--require-verified`` (nothing written), the verdict in the XML, the report
and the tables.
"""

from __future__ import annotations

import csv
import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

from cli_runs import run_cli
from return_xml import api, rules
from return_xml.forms.audit import audit_figures
from return_xml.forms.registry import read_document
from return_xml.model import Family, MonthlyReturn, Verdict
from return_xml.model.values import Reading
from return_xml.pdf import open_pdf


def _labelled(corpus: Path, family: str) -> Path:
    """The first labelled filing of a form family (by the corpus's naming of its files)."""
    return sorted(p for p in corpus.glob("*.pdf") if family in p.name)[0]


def _inconsistent(corpus: Path) -> Path:
    # The issue names it: this filing's own figures do not add up (RX-III-003), so it is never verified.
    return corpus / "unlabelled" / "01149_2012-08_legacy-undated-layout_en.pdf"


def _leaves(node: object, path: str = "") -> Iterator[tuple[str, Reading]]:
    """Every value read into ``node`` with its model path (the audit itself is left out)."""
    if isinstance(node, Reading):
        yield path, node
    elif isinstance(node, tuple):
        for k, item in enumerate(node):
            yield from _leaves(item, f"{path}[{k}]")
    elif dataclasses.is_dataclass(node) and not isinstance(node, type):
        for f in dataclasses.fields(node):
            if f.name != "audit":
                yield from _leaves(getattr(node, f.name), f"{path}.{f.name}" if path else f.name)


def _without_source(node: object, target: Reading) -> object:
    """``node`` rebuilt with ``target`` (by identity) stripped of its source: a reader that dropped it."""
    if node is target:
        return dataclasses.replace(target, source=None)
    if isinstance(node, tuple):
        return tuple(_without_source(item, target) for item in node)
    if dataclasses.is_dataclass(node) and not isinstance(node, type) and not isinstance(node, Reading):
        changes = {f.name: _without_source(getattr(node, f.name), target) for f in dataclasses.fields(node)}
        return dataclasses.replace(node, **changes)
    return node


def _figures_read(monthly_return: MonthlyReturn) -> list[tuple[str, Reading]]:
    """The values read from a box that printed digits, each box held by no other value."""
    leaves = [(p, r) for p, r in _leaves(monthly_return)
              if r.source is not None and r.source.box is not None and r.printed and any(c.isdigit() for c in r.printed)]
    boxes = [(r.source.page, r.source.box) for _, r in leaves]
    return [(p, r) for p, r in leaves if boxes.count((r.source.page, r.source.box)) == 1]


@pytest.mark.parametrize("family", ["legacy", "FF301"])
def test_a_figure_whose_value_is_dropped_is_reported_unread_on_its_page(corpus: Path, family: str) -> None:
    path = _labelled(corpus, family)
    with open_pdf(path) as document:
        read = read_document(document)
        assert audit_figures(document, read).unread == (), "the labelled filing is read whole"
        figures = _figures_read(read)
        assert len(figures) >= 10
        for model_path, leaf in figures:
            found = audit_figures(document, _without_source(read, leaf)).unread
            assert found, f"{model_path} ({leaf.printed!r}) dropped, and the audit saw nothing"
            pages = {u.figure.source.page for u in found}
            assert pages == {leaf.source.page}, model_path
            digits = "".join(c for c in leaf.printed if c.isdigit())
            # A value may print several figures ("31 July 2012"): each one reported is a part of it.
            assert all("".join(c for c in u.figure.printed if c.isdigit()) in digits for u in found), model_path


def test_an_unread_figure_makes_the_reading_need_review_with_rx_r_001(corpus: Path) -> None:
    path = _labelled(corpus, "legacy")
    with open_pdf(path) as document:
        read = read_document(document)
        model_path, leaf = next((p, r) for p, r in _figures_read(read) if p.endswith("close.issued"))
        dropped = _without_source(read, leaf)
        unread = audit_figures(document, dropped).unread
    assert isinstance(dropped, MonthlyReturn)
    dropped = dataclasses.replace(dropped, audit=dataclasses.replace(read.audit, unread=unread))
    judged = rules.judged(dropped, rules.iter_findings(dropped))
    assert judged.audit.verdict is Verdict.NEEDS_REVIEW
    assert [r.code for r in judged.audit.reasons] == ["RX-R-001"] * len(unread)
    assert repr(unread[0].figure.printed) in judged.audit.reasons[0].message
    assert "".join(c for c in unread[0].figure.printed if c.isdigit()) == "".join(c for c in leaf.printed if c.isdigit())


def test_an_ff301_section_read_empty_or_never_found_needs_review_with_rx_r_002(corpus: Path) -> None:
    filled: list[tuple[MonthlyReturn, str]] = []
    for path in sorted(corpus.glob("*FF301*.pdf")):
        read = api.read_pdf(path)
        assert read.form.family is Family.FF301 and read.audit.verdict is Verdict.VERIFIED
        marks = {m.section: m for m in read.sections}
        filled += [(read, s) for s, lists in rules.reading.FF301_SECTIONS.items()
                   if s.startswith("III") and marks[s].applicable and any(getattr(read, name) for name in lists)]
    assert filled, "a labelled FF301 filing has a section III table with content"
    read, section = filled[0]
    emptied = dataclasses.replace(read, **{name: () for name in rules.reading.FF301_SECTIONS[section]})
    codes = [f.code for f in rules.blocking(rules.iter_findings(emptied))]
    assert "RX-R-002" in codes
    unmarked = dataclasses.replace(read, sections=tuple(m for m in read.sections if m.section != section))
    judged = rules.judged(unmarked, rules.iter_findings(unmarked))
    assert judged.audit.verdict is Verdict.NEEDS_REVIEW
    assert any(r.code == "RX-R-002" and section in r.message for r in judged.audit.reasons)


def test_a_legacy_heading_lost_on_pages_read_by_ocr_needs_review_with_rx_r_002(corpus: Path) -> None:
    read = api.read_pdf(corpus / "01149_2012-07_legacy-undated-layout_zh.pdf")
    assert read.form.family is Family.LEGACY and read.audit.verdict is Verdict.VERIFIED
    unmarked = dataclasses.replace(read, sections=tuple(m for m in read.sections if m.section != "III.B"))
    # On a text layer a heading the reader missed is the figure audit's to catch: no RX-R-002.
    assert "RX-R-002" not in [f.code for f in rules.iter_findings(unmarked)]
    # Read by OCR (a value carries its confidence), the figures under it went elsewhere: named.
    issuer = dataclasses.replace(unmarked.header.issuer_name, source=dataclasses.replace(unmarked.header.issuer_name.source, confidence=95))
    recognised = dataclasses.replace(unmarked, header=dataclasses.replace(unmarked.header, issuer_name=issuer))
    judged = rules.judged(recognised, rules.iter_findings(recognised))
    assert [r.message.split(" heading")[0] for r in judged.audit.reasons if r.code == "RX-R-002"] == ["section III.B"]


def test_every_labelled_filing_is_verified_and_says_so_in_its_xml(corpus: Path, tmp_path: Path, capsys) -> None:
    for path in sorted(corpus.glob("*.pdf")):
        out = tmp_path / f"{path.stem}.xml"
        assert run_cli("convert", "--require-verified", str(path), str(out)) == 0, path.name
        audit = etree.parse(str(out)).getroot().find("{*}audit")
        assert audit is not None and audit.get("verdict") == "verified", path.name
        assert int(audit.get("figures")) > 0
    assert "verified" in capsys.readouterr().err


def test_require_verified_refuses_an_inconsistent_filing_and_writes_nothing(corpus: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out.xml"
    assert run_cli("convert", "--require-verified", str(_inconsistent(corpus)), str(out)) == 1
    err = capsys.readouterr().err
    assert "E-NOT-VERIFIED" in err and "RX-III-003" in err
    assert not out.exists() and list(tmp_path.iterdir()) == []
    # Without the flag the XML is written, and says needs review with the reason.
    assert run_cli("convert", str(_inconsistent(corpus)), str(out)) == 0
    audit = etree.parse(str(out)).getroot().find("{*}audit")
    assert audit.get("verdict") == "needs review"
    assert "RX-III-003" in etree.tostring(audit, encoding="unicode")
    assert "needs review" in capsys.readouterr().err


def test_bulk_report_and_tables_carry_the_verdict(corpus: Path, tmp_path: Path) -> None:
    from return_xml.bulk import BulkOptions, run_bulk

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.pdf").write_bytes(_labelled(corpus, "legacy").read_bytes())
    (folder / "odd.pdf").write_bytes(_inconsistent(corpus).read_bytes())
    run_bulk([folder], tmp_path / "out", BulkOptions(jobs=1, tables="csv"))
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    verdicts = {Path(row["source"]).name: row["verdict"] for row in report["inputs"]}
    assert verdicts == {"good.pdf": "verified", "odd.pdf": "needs review"}
    assert report["summary"]["verified"] == 1 and report["summary"]["needs_review"] == 1
    with (tmp_path / "out" / "tables" / "returns.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted(r["verdict"] for r in rows) == ["needs review", "verified"]
    assert all(r["unread_figures"] == "0" for r in rows)


def test_a_date_cell_the_remarks_quote_pages_later_is_still_a_figure_to_read() -> None:
    # tests/producers/ff301/v101_en: the remarks boxes of III A (page 4) and III E (page 8) are one text;
    # III E's sentence quotes "27 May 2022", the approval date in III E's table.  The sentence is accounted
    # for as part of the remarks; the date cell is not, when a reader drops it.
    pdf = Path(__file__).resolve().parents[1] / "producers" / "ff301" / "pdf" / "v101_en_html.pdf"
    with open_pdf(pdf) as document:
        read = read_document(document)
        assert audit_figures(document, read).unread == ()
        assert "27 May 2022" in (read.remarks.value or "")
        date = read.other_movements[0].approval_date
        dropped = _without_source(read, date)
        assert isinstance(dropped, MonthlyReturn)
        unread = audit_figures(document, dropped).unread
    assert [(u.figure.printed, u.figure.source.page) for u in unread] == [("27", 8), ("2022", 8)]
