"""The rules of the facts view (../shared/spec/facts.md), on tiny hand-made models."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from return_xml.facts import facts_of
from return_xml.model import (
    Amount,
    AuthorisedBalance,
    AuthorisedClass,
    Category,
    Count,
    Currency,
    Day,
    Flag,
    FormInfo,
    FundsRaised,
    Header,
    IssuedBalance,
    IssuedClass,
    MonthlyReturn,
    MovementType,
    OptionItem,
    OtherMovement,
    SectionTotal,
    ShareClass,
    Signatory,
    Text,
)
from return_xml.model.monthly_return import Family, Language

BASE = {"form.family": "FF301", "form.language": "en"}
ORDINARY = ShareClass(category=Category.ORDINARY)
PREFERENCE = ShareClass(category=Category.PREFERENCE)


def issued_close(leaf: Count) -> MonthlyReturn:
    return MonthlyReturn(issued=(IssuedClass(close=IssuedBalance(issued=leaf)),))


def test_an_empty_return_gives_only_the_form_facts() -> None:
    assert facts_of(MonthlyReturn()) == BASE


def test_form_facts_are_family_version_and_language() -> None:
    form = FormInfo(family=Family.LEGACY, version="March 2019", language=Language.ZH, detected_by="heading")
    assert facts_of(MonthlyReturn(form=form)) == {
        "form.family": "legacy",
        "form.version": "March 2019",
        "form.language": "zh",
    }


def test_a_blank_or_na_figure_gives_no_key() -> None:
    for printed in ("", "N/A", "Not applicable", "-", None):
        assert facts_of(issued_close(Count(None, printed=printed))) == BASE, printed
    money = MonthlyReturn(options_funds=(FundsRaised(currency=Currency(None, printed=""), amount=Amount(None, printed="N/A")),))
    assert facts_of(money) == BASE


def test_a_nil_count_is_the_integer_zero() -> None:
    facts = facts_of(issued_close(Count(0, printed="Nil")))
    assert facts == {**BASE, "issued[0].close.issued": 0}
    assert type(facts["issued[0].close.issued"]) is int


def test_a_nil_amount_is_the_string_zero() -> None:
    funds = FundsRaised(currency=Currency("HKD"), amount=Amount(Decimal(0), printed="Nil"))
    assert facts_of(MonthlyReturn(options_funds=(funds,))) == {
        **BASE,
        "options_funds[0].currency": "HKD",
        "options_funds[0].amount": "0",
    }


def test_money_stays_a_string_exactly_as_precise_as_printed() -> None:
    funds = FundsRaised(currency=Currency("HKD", printed="HK$"), amount=Amount(Decimal("607500.00"), printed="607,500.00"))
    option = OptionItem(exercise_price=Amount(Decimal("1.350"), printed="1.350"), exercise_price_currency=Currency("HKD"))
    facts = facts_of(MonthlyReturn(options=(option,), options_funds=(funds,)))
    assert facts["options_funds[0].amount"] == "607500.00"
    assert facts["options[0].exercise_price"] == "1.350"
    # Written as JSON it is a string, not a float that would lose the zeros.
    assert '"options_funds[0].amount": "607500.00"' in json.dumps(facts)


def test_a_large_or_tiny_amount_is_a_plain_decimal_never_exponent_notation() -> None:
    tiny = Amount(Decimal("1E-7"))
    large = Amount(Decimal("5E+9"))
    block = AuthorisedClass(preceding=AuthorisedBalance(par_value=tiny, capital=large))
    facts = facts_of(MonthlyReturn(authorised=(block,)))
    assert facts["authorised[0].preceding.par_value"] == "0.0000001"
    assert facts["authorised[0].preceding.capital"] == "5000000000"


def test_a_negative_count_is_a_negative_integer_however_printed() -> None:
    for printed in ("(1,500,000)", "-1,500,000"):
        assert facts_of(issued_close(Count(-1500000, printed=printed)))["issued[0].close.issued"] == -1500000


def test_dates_are_iso() -> None:
    header = Header(period_end=Day(dt.date(2013, 3, 31), printed="31 March 2013"), submission_date=Day(dt.date(2013, 4, 8), printed="8/4/2013"))
    assert facts_of(MonthlyReturn(header=header)) == {**BASE, "period.end": "2013-03-31", "submission.date": "2013-04-08"}


def test_text_has_white_space_folded_and_trimmed_and_blank_text_gives_no_key() -> None:
    header = Header(issuer_name=Text("  Example\n Holdings\tLimited "), status=Text("   "))
    signatory = Signatory(name=Text("Chan Tai Man"), title=Text(None, printed=""))
    facts = facts_of(MonthlyReturn(header=header, signatory=signatory))
    assert facts == {**BASE, "issuer.name": "Example Holdings Limited", "signatory.name": "Chan Tai Man"}


def test_yes_no_answers_are_booleans() -> None:
    block = IssuedClass(share_class=ShareClass(listed=Flag(False, printed="No")))
    facts = facts_of(MonthlyReturn(issued=(block,)))
    assert facts == {**BASE, "issued[0].listed": False}
    assert facts["issued[0].listed"] is False


def test_section_totals_list_only_class_lines_with_a_figure() -> None:
    totals = (
        SectionTotal(share_class=ORDINARY, issued=Count(None, printed="N/A"), treasury=Count(None, printed="")),
        SectionTotal(share_class=PREFERENCE, issued=Count(450000, printed="450,000")),
        SectionTotal(share_class=ShareClass(category=Category.OTHER)),
        SectionTotal(share_class=ORDINARY, treasury=Count(0, printed="Nil")),
    )
    facts = facts_of(MonthlyReturn(options_total=totals, total_increase=totals[:2]))
    assert facts == {
        **BASE,
        "options_total[0].category": "preference",
        "options_total[0].issued": 450000,
        "options_total[1].category": "ordinary",
        "options_total[1].treasury": 0,
        "total_increase[0].category": "preference",
        "total_increase[0].issued": 450000,
    }


def test_other_movements_are_listed_only_with_a_non_zero_figure_a_price_or_a_date() -> None:
    movements = (
        OtherMovement(type=MovementType.PLACING, shares_issued=Count(0, printed="Nil"), treasury=Count(None, printed="N/A")),
        OtherMovement(type=MovementType.RIGHTS_ISSUE, price=Amount(Decimal("0.50"), printed="0.50"), currency=Currency("HKD")),
        OtherMovement(type=MovementType.BONUS_ISSUE, currency=Currency("HKD")),  # a currency alone is no figure
        OtherMovement(type=MovementType.REPURCHASE, shares_issued=Count(-1000, printed="(1,000)")),
        OtherMovement(type=MovementType.REDEMPTION, event_date=Day(dt.date(2024, 5, 2))),
        OtherMovement(type=MovementType.OTHER, description=Text("Share consolidation"), share_class=ORDINARY, treasury=Count(500)),
    )
    facts = facts_of(MonthlyReturn(other_movements=movements))
    assert facts == {
        **BASE,
        "other_movements[0].type": "rights_issue",
        "other_movements[0].price": "0.50",
        "other_movements[0].currency": "HKD",
        "other_movements[1].type": "repurchase",
        "other_movements[1].shares_issued": -1000,
        "other_movements[2].type": "redemption",
        "other_movements[2].event_date": "2024-05-02",
        "other_movements[3].type": "other",
        "other_movements[3].description": "Share consolidation",
        "other_movements[3].category": "ordinary",
        "other_movements[3].treasury": 500,
    }


def test_the_description_of_a_movement_is_given_only_for_type_other() -> None:
    movement = OtherMovement(type=MovementType.PLACING, description=Text("Placing of new shares"), shares_issued=Count(10))
    assert facts_of(MonthlyReturn(other_movements=(movement,))) == {
        **BASE,
        "other_movements[0].type": "placing",
        "other_movements[0].shares_issued": 10,
    }


def test_the_authorised_currency_is_picked_from_the_rows() -> None:
    block = AuthorisedClass(
        share_class=ORDINARY,
        preceding=AuthorisedBalance(
            shares=Count(5000000000),
            par_value_currency=Currency(None, printed=""),
            par_value=Amount(Decimal("0.01")),
            capital=Amount(Decimal("50000000.00")),
        ),
        movement=AuthorisedBalance(shares=Count(0, printed="Nil"), capital_currency=Currency("HKD", printed="HK$"), capital=Amount(Decimal("0"), printed="Nil")),
        close=AuthorisedBalance(par_value_currency=Currency("HKD"), par_value=Amount(Decimal("0.01"))),
    )
    assert facts_of(MonthlyReturn(authorised=(block,))) == {
        **BASE,
        "authorised[0].category": "ordinary",
        "authorised[0].currency": "HKD",
        "authorised[0].preceding.shares": 5000000000,
        "authorised[0].preceding.par_value": "0.01",
        "authorised[0].preceding.capital": "50000000.00",
        "authorised[0].movement.shares": 0,
        "authorised[0].movement.capital": "0",
        "authorised[0].close.par_value": "0.01",
    }


def test_the_movement_row_has_no_par_value_in_the_facts() -> None:
    block = AuthorisedClass(movement=AuthorisedBalance(par_value=Amount(Decimal("0.10"))))
    assert facts_of(MonthlyReturn(authorised=(block,))) == BASE


def test_share_type_is_absent_when_not_applicable_and_kept_otherwise() -> None:
    not_applicable = IssuedClass(share_class=ShareClass(share_type=Text(None, printed="Not applicable")))
    h_shares = IssuedClass(share_class=ShareClass(class_name=Text("Ordinary shares"), share_type=Text("H"), stock_code=Text("01723")))
    facts = facts_of(MonthlyReturn(issued=(not_applicable, h_shares)))
    assert facts == {
        **BASE,
        "issued[1].class": "Ordinary shares",
        "issued[1].share_type": "H",
        "issued[1].stock_code": "01723",
    }
