"""The FF301 producer matrix: PDFs of tests/producers/ff301/pdf, printed from hand-written facts
sources (tests/producers/ff301/*.facts.json) by our renderer and by Chromium from an HTML page laid
out as the e-form (tests/producers/build_ff301.py; `make producers` rebuilds them).

The sources hold what real FF301 returns of other issuers print: a v1.0.2 English return with two
share option schemes (signed movements: a lapse of -144,400, an exercise of -450,000), a warrant
and a share award scheme under D, remarks under B and D; a v1.1.1 return with H and A shares and
treasury shares (a repurchase into treasury under E); a Chinese v1.1.1 return; a v1.2.0 return with an
ordinary and a preference class, an option scheme, listed warrants, US dollar convertible bonds
converted in the month and a placing under E; a Chinese v1.1.1 return of an issuer with H and A shares
(both classes 普通股, told apart by type and stock code) with movements in both: an option scheme on
each (a lapse of -144,400, particulars wrapped over several lines), warrants, US dollar convertibles,
an H share repurchase for cancellation and an A share placing under E, a total line per class; the
same return with six more H share option tranches (zh_tranches), whose III A table goes on over the
next pages (Chromium: header rows repeated there; our renderer: none); a v1.0.1 English return of an
issuer with H and A shares (v101_en: footer "v 1.0.1", the class box labelled "Type of shares", a stock
code per class in I, II and III, one scheme at three prices whose particulars wrap over seven lines beside
the one movement cell, a lapse of -112,875, remarks boxes under class blocks of I and II and under III A and E).
Ghostscript re-distils the html PDF of two English cases (`gs-html`) and, through its version 9 PDF
interpreter, of two Chinese ones (`gs9-html`; build_ff301.GHOSTSCRIPT9 says why not through version 10's).

Every PDF is either read exactly (its facts equal the source) and `verified`, or `needs review`,
or refused with a clear error: never `verified` with a wrong or missing fact.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import TESTS
from matrix_outcomes import matrix_source, outcome
from producers.build_ff301 import GHOSTSCRIPT, GHOSTSCRIPT9
from return_xml import api

HERE = TESTS / "producers" / "ff301"
PDFS = sorted((HERE / "pdf").glob("*.pdf"))




def _outcome(pdf: Path) -> str:
    """'refused', 'needs review', 'verified' or 'verified but wrong' (facts compared value for value)."""
    return outcome(pdf, matrix_source(pdf))


def test_the_matrix_covers_every_case_and_producer() -> None:
    stems = {p.stem for p in PDFS}
    cases = {p.name.split(".")[0] for p in HERE.glob("*.facts.json")}
    assert {"v102_en", "v111_en", "zh", "v120_pref_en", "zh_multi"} <= cases and GHOSTSCRIPT
    assert stems == ({f"{case}_{producer}" for case in cases for producer in ("render", "html")}
                     | {f"{case}_gs-html" for case in GHOSTSCRIPT} | {f"{case}_gs9-html" for case in GHOSTSCRIPT9})


def test_the_sources_hold_what_real_returns_print() -> None:
    v102 = json.loads((HERE / "v102_en.facts.json").read_text(encoding="utf-8"))
    assert v102["form.version"] == "1.0.2" and v102["options[0].movement.lapsed"] == -144400
    assert "options[1].scheme" in v102 and "warrants[0].description" in v102 and "arrangements[0].particulars" in v102
    v111 = json.loads((HERE / "v111_en.facts.json").read_text(encoding="utf-8"))
    assert {v111["issued[0].share_type"], v111["issued[1].share_type"]} == {"H", "A"}
    assert v111["issued[0].movement.treasury"] != 0
    v120 = json.loads((HERE / "v120_pref_en.facts.json").read_text(encoding="utf-8"))
    # v1.2: a preference class beside the ordinary one, a convertible converted in the month, a placing,
    # and the merged "may be issued or transferred out of treasury" column (no treasury_transferable).
    assert v120["form.version"] == "1.2.0" and v120["issued[1].category"] == "preference"
    assert v120["convertibles[0].amount.converted"] == "-1000000" and v120["other_movements[0].type"] == "placing"
    assert not [k for k in v120 if k.endswith("treasury_transferable")]
    multi = json.loads((HERE / "zh_multi.facts.json").read_text(encoding="utf-8"))
    # H and A shares, both 普通股, each with movements: the total lines name the class by its text alone.
    assert multi["form.language"] == "zh" and {multi["issued[0].share_type"], multi["issued[1].share_type"]} == {"H", "A"}
    assert multi["issued[0].class"] == multi["issued[1].class"] and multi["issued[0].preceding.treasury"] != 0
    assert multi["issued[0].movement.issued"] != 0 and multi["issued[1].movement.issued"] != 0
    assert multi["options[0].stock_code"] != multi["options[1].stock_code"] and multi["options[0].movement.lapsed"] == -144400
    assert multi["convertibles[0].currency"] != "HKD" and "warrants[0].description" in multi
    assert {multi["other_movements[0].type"], multi["other_movements[1].type"]} == {"repurchase", "placing"}
    tranches = json.loads((HERE / "zh_tranches.facts.json").read_text(encoding="utf-8"))
    assert "options[7].scheme" in tranches and tranches["options[7].stock_code"] == multi["options[1].stock_code"]
    v101 = json.loads((HERE / "v101_en.facts.json").read_text(encoding="utf-8"))
    # v1.0.1 (footer "v 1.0.1"; class box labelled "Type of shares"): H and A shares each with a stock
    # code in I, II and III, one scheme at three prices (particulars wrapped over seven lines beside the
    # one movement cell of Granted/Exercised/Cancelled/Lapsed, a lapse of -112,875), remarks boxes under
    # a section I and a section II class block and under III A and III E.
    assert v101["form.version"] == "1.0.1" and v101["options[1].movement.lapsed"] == -112875
    assert {v101["authorised[1].stock_code"], v101["issued[1].stock_code"], v101["options[3].stock_code"]} == {"601866"}
    assert len({v101[f"options[{k}].exercise_price"] for k in range(3)}) == 3
    assert "authorised[1].remarks" in v101 and "issued[0].remarks" in v101 and v101["other_movements[0].type"] == "repurchase"


def test_the_remarks_of_the_last_section_i_block_stop_above_the_total_line() -> None:
    # The last class block of section I runs on to the section's end: its "Remarks:" box must not take in
    # "Total authorised/registered share capital at the end of the month" printed under it.
    for producer in ("html", "gs-html"):
        read = api.read_pdf(HERE / "pdf" / f"v101_en_{producer}.pdf")
        assert read.authorised[1].remarks.value.endswith("registered in the PRC.")


def test_remarks_boxes_pages_apart_are_one_text_whose_lines_the_audit_accounts_for() -> None:
    # III A's box on page 4, III E's on page 8: the figures in III E's sentence ("27 May 2022") are read as
    # part of the remarks, not reported as unread figures.
    read = api.read_pdf(HERE / "pdf" / "v101_en_html.pdf")
    assert read.audit.unread == () and "27 May 2022" in read.remarks.value


def test_a_long_option_table_goes_on_over_the_next_page() -> None:
    for producer in ("render", "html"):
        read = api.read_pdf(HERE / "pdf" / f"zh_tranches_{producer}.pdf")
        assert len({o.outstanding_close.source.page for o in read.options if o.outstanding_close.source}) > 1


@pytest.mark.parametrize("pdf", PDFS, ids=[p.stem for p in PDFS])
def test_no_matrix_pdf_is_verified_with_a_wrong_fact(pdf: Path) -> None:
    assert _outcome(pdf) != "verified but wrong"


def test_every_matrix_pdf_reads_exactly_and_is_verified() -> None:
    outcomes = {p.stem: _outcome(p) for p in PDFS}
    assert {stem: o for stem, o in outcomes.items() if o != "verified"} == {}


def test_a_wrong_fact_is_never_verified() -> None:
    """The comparison itself: a source that differs from the reading by one figure is caught."""
    pdf = HERE / "pdf" / "v102_en_html.pdf"
    facts = api.facts(pdf)
    source = matrix_source(pdf)
    assert facts == source
    source["options[0].movement.lapsed"] = 144400
    assert facts != source
