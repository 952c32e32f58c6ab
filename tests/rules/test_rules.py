"""Each business rule: a valid return passes it, and one mutation trips exactly that rule, located."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from conftest import TESTS
from return_xml import api, rules
from return_xml.model import Amount, AuthorisedBalance, Count, IssuedBalance, Text
from return_xml.rules import RULES, Severity
from return_xml.rules.calendar import hong_kong_holidays, nth_business_day_after
from return_xml.xmlio import render_xml
from returns import MUTATIONS, amount, base_for, count, day, hkd, mutate, valid_return

DOCUMENT_RULES = [code for code, rule in RULES.items() if rule.scope == "return"]


def test_every_single_return_rule_has_a_mutation_test():
    assert sorted(MUTATIONS) == sorted(DOCUMENT_RULES)


def test_the_valid_return_gives_no_finding():
    assert rules.check(valid_return()) == []
    assert rules.check(base_for("RX-I-006")) == []
    assert rules.is_valid(valid_return(), strict=True)


@pytest.mark.parametrize("code", sorted(MUTATIONS))
def test_a_mutation_trips_exactly_its_rule_at_the_offending_value(code):
    changes, path = MUTATIONS[code]
    assert [f for f in rules.check(base_for(code)) if f.code == code] == []
    findings = rules.check(mutate(valid_return(), changes))
    assert [(f.code, f.path) for f in findings] == [(code, path)]
    finding = findings[0]
    assert finding.severity is RULES[code].severity
    assert finding.page is not None and finding.printed is not None  # located in the (pretend) PDF
    assert rules.is_valid(mutate(valid_return(), changes)) is (finding.severity is Severity.WARNING)


@pytest.mark.parametrize("code", sorted(MUTATIONS))
def test_validating_the_xml_gives_the_xpath_and_line_of_the_value(tmp_path, code):
    changes, path = MUTATIONS[code]
    xml = tmp_path / "mutated.xml"
    xml.write_bytes(render_xml(mutate(valid_return(), changes)))
    validation = api.validate(xml)
    assert validation.usable
    assert [(f.code, f.path) for f in validation.findings] == [(code, path)]
    finding = validation.findings[0]
    assert finding.file == str(xml)
    assert finding.xpath.startswith("/rx:monthlyReturn/")
    line = xml.read_text(encoding="utf-8").splitlines()[finding.line - 1]
    element = finding.xpath.rsplit(":", 1)[-1]
    assert line.lstrip().startswith(f"<{element} ") and f'printed="{finding.printed}"' in line
    assert validation.is_valid() is (finding.severity is Severity.WARNING)
    assert validation.is_valid(strict=True) is False


def test_absent_figures_are_skipped_not_taken_as_zero():
    # movement shares blank: not taken as 0 by the roll-forward (RX-I-001), but a balance that moves
    # without a printed movement is itself a finding (RX-I-007)
    blank = mutate(valid_return(), {"authorised[0].movement.shares": Count(None, printed="")})
    assert [(f.code, f.path) for f in rules.check(blank)] == [("RX-I-007", "authorised[0].close.shares")]
    na = mutate(valid_return(), {"options[0].lapsed": Count(None, printed="N/A")})
    assert [f.code for f in rules.check(na)] == []


def test_nil_is_zero_and_takes_part():
    nil = mutate(valid_return(), {"options[0].lapsed": Count(0, printed="Nil")})
    assert [(f.code, f.path) for f in rules.check(nil)] == [("RX-III-004", "options[0].outstanding_close")]


def test_sums_leave_out_items_without_the_figure():
    r = valid_return()
    second = dataclasses.replace(r.other_movements[0], shares_issued=Count(None, printed=""))
    assert rules.check(dataclasses.replace(r, other_movements=r.other_movements + (second,))) == []
    none_given = mutate(r, {"other_movements[0].shares_issued": Count(None, printed="")})
    assert [f.code for f in rules.check(none_given)] == []  # EE1 has no item figure to compare with


def test_money_tolerance_is_half_a_unit_of_the_printed_precision():
    def capital_findings(text: str) -> list[str]:
        r = mutate(valid_return(), {"authorised[0].close.capital": amount(text), "authorised_total[0].amount": amount(text)})
        return [f.code for f in rules.check(r)]

    assert capital_findings("150000000") == []          # printed to the dollar: exact
    assert capital_findings("150000000.00") == []
    assert capital_findings("150000000.004") == []      # within the 0.01 floor
    assert capital_findings("150000000.02") == ["RX-I-002", "RX-I-003"]
    r = mutate(valid_return(), {"authorised[0].close.par_value": amount("0.1000003")})
    # 1,500,000,000 x 0.1000003 = 150,000,450: a printed 150,000,000.00 is 450 away
    assert [f.code for f in rules.check(r)] == ["RX-I-003"]


def test_capital_in_two_currencies_is_not_added_up():
    usd = dataclasses.replace(hkd(), value="USD", printed="USD")
    r = mutate(valid_return(), {"authorised[0].movement.capital_currency": usd,
                                "authorised[0].movement.capital": amount("1.00")})
    assert [f.code for f in rules.check(r)] == []


def test_a_resubmission_is_not_checked_for_late_filing():
    late = mutate(valid_return(), {"header.submission_date": day("2024-07-10")})
    assert [f.code for f in rules.check(late)] == ["RX-H-003"]
    resubmitted = mutate(late, {"header.status": Text("resubmission", printed="Resubmission")})
    assert rules.check(resubmitted) == []


def test_no_par_value_is_allowed_to_end_in_march_2014():
    changes = {"header.period_end": day("2014-03-31"), "header.submission_date": day("2014-04-02"),
               "authorised[0].close.par_value": Amount(None, printed="N/A")}
    assert rules.check(mutate(valid_return(), changes)) == []
    april = {**changes, "header.period_end": day("2014-04-30"), "header.submission_date": day("2014-05-02")}
    assert [f.code for f in rules.check(mutate(valid_return(), april))] == ["RX-I-005"]


def test_grand_totals_match_section_ii_by_class():
    # a preference class with its own movement does not count towards the ordinary grand total
    r = valid_return()
    preference = dataclasses.replace(
        r.issued[0],
        share_class=dataclasses.replace(r.issued[0].share_class, category=None, class_name=Text("Preference shares"),
                                        stock_code=Text("04321")),
        preceding=IssuedBalance(count(10), count(0), count(10)),
        movement=IssuedBalance(count(5), count(0), count(None)),
        close=IssuedBalance(count(15), count(0), count(15)),
    )
    assert rules.check(dataclasses.replace(r, issued=r.issued + (preference,))) == []


def test_rows_that_the_edition_lacks_are_skipped():
    r = mutate(valid_return(), {"authorised[0].movement": None, "issued[0].movement": None})
    r = dataclasses.replace(r, total_increase=())
    assert rules.check(r) == []
    no_treasury = mutate(valid_return(), {"issued[0].close": IssuedBalance(count(401_500_000), None, None)})
    assert rules.check(no_treasury) == []
    assert AuthorisedBalance().shares is None


@pytest.mark.parametrize(
    ("month_end", "deadline"),
    [
        ("2024-06-30", "2024-07-08"),  # 1 July (HKSAR Establishment Day)
        ("2024-03-31", "2024-04-09"),  # Easter Monday 1 April, Ching Ming 4 April
        ("2013-12-31", "2014-01-08"),  # New Year's Day
        ("2025-01-31", "2025-02-07"),  # Lunar New Year 29-31 January is before the count starts
        ("2024-09-30", "2024-10-08"),  # National Day
    ],
)
def test_fifth_business_day_after_a_month_end(month_end, deadline):
    assert nth_business_day_after(dt.date.fromisoformat(month_end), 5) == dt.date.fromisoformat(deadline)


def test_hong_kong_holidays_move_off_sundays():
    # Lunar New Year 2024 fell on Saturday 10 February: the 4th day (Tuesday 13th) replaced Sunday 11th
    assert {d for d in hong_kong_holidays(2024) if d.month == 2} == {dt.date(2024, 2, d) for d in (10, 12, 13)}
    # Christmas 2022 was a Sunday: 26 and 27 December were holidays
    assert {dt.date(2022, 12, 26), dt.date(2022, 12, 27)} <= hong_kong_holidays(2022)
    assert nth_business_day_after(dt.date(2024, 6, 30), 5, holidays=[dt.date(2024, 7, 5)]) == dt.date(2024, 7, 9)


def test_option_movements_printed_signed_roll_forward() -> None:
    """FF301 prints a lapse as -144,400 and an exercise as -450,000: both are decreases (RX-III-004/005/006)."""
    import json

    from return_xml.facts_input import from_facts

    source = TESTS / "producers" / "ff301" / "v102_en.facts.json"
    facts = json.loads(source.read_text(encoding="utf-8"))
    assert facts["options[0].movement.lapsed"] < 0 and facts["options[0].movement.exercised"] < 0
    assert rules.check(from_facts(facts)) == []
    facts["options[0].outstanding.close"] += 144400 * 2  # the lapse added instead of taken away
    assert [f.code for f in rules.check(from_facts(facts))] == ["RX-III-004"]


def test_total_lines_of_two_classes_printing_one_class_text_are_tied_to_their_class_by_order():
    # H and A shares, both 普通股 (told apart by type and stock code), each with movements: the n-th
    # total line of that text is the n-th class, so the H and A figures are not added together.
    r = api.read_pdf(TESTS / "producers" / "ff301" / "pdf" / "zh_multi_render.pdf")
    assert [f.code for f in rules.check(r) if f.is_error] == []
    h, a = r.total_increase
    swapped = dataclasses.replace(r, total_increase=(dataclasses.replace(h, issued=a.issued),
                                                     dataclasses.replace(a, issued=h.issued)))
    assert {"RX-II-005", "RX-III-003"} <= {f.code for f in rules.check(swapped)}
    options_h, options_a = r.options_total
    swapped = dataclasses.replace(r, options_total=(dataclasses.replace(options_h, issued=options_a.issued),
                                                    dataclasses.replace(options_a, issued=options_h.issued)))
    assert "RX-III-001" in {f.code for f in rules.check(swapped)}


def test_total_lines_of_one_class_text_read_back_from_facts_are_checked_together():
    # Read back from its facts (XBRL, a facts file), an item of section III keeps its category and
    # figures but not the H or A class block above it: the H and A lines of 普通股 cannot be checked
    # one by one (that gave false RX-III-001/003), so they are checked together, and still can fail.
    import json

    from return_xml.facts_input import from_facts

    facts = json.loads((TESTS / "producers" / "ff301" / "zh_multi.facts.json").read_text(encoding="utf-8"))
    assert [f.code for f in rules.check(from_facts(facts)) if f.is_error] == []
    wrong_item = dict(facts, **{"other_movements[1].shares_issued": facts["other_movements[1].shares_issued"] + 1})
    assert "RX-III-001" in {f.code for f in rules.check(from_facts(wrong_item))}
    wrong_grand = dict(facts, **{"total_increase[1].issued": facts["total_increase[1].issued"] + 10})
    assert "RX-III-003" in {f.code for f in rules.check(from_facts(wrong_grand))}
