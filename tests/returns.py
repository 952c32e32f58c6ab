"""A small, fully consistent FF301-style return built in code, and helpers to mutate it.

Every figure carries a printed token and a source (page, box), as if read from
a PDF, so that tests can check where a finding points.  The figures agree with
every rule of the catalogue; each rule test changes the few figures that break
exactly one rule.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from return_xml.model import (
    Amount,
    AuthorisedBalance,
    AuthorisedClass,
    Category,
    Count,
    Currency,
    Day,
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
    Source,
    Text,
)

_BOX = (100.0, 200.0, 160.0, 209.0)


def count(n: int | None, page: int = 2) -> Count:
    printed = "" if n is None else (f"({-n:,})" if n < 0 else f"{n:,}")
    return Count(n, printed=printed, source=Source(page, _BOX))


def amount(text: str | None, page: int = 1) -> Amount:
    return Amount(None if text is None else Decimal(text), printed=text or "", source=Source(page, _BOX))


def day(text: str) -> Day:
    return Day(dt.date.fromisoformat(text), printed=text, source=Source(1, _BOX))


def hkd(page: int = 1) -> Currency:
    return Currency("HKD", printed="HKD", source=Source(page, _BOX))


ORDINARY = ShareClass(category=Category.ORDINARY, class_name=Text("Ordinary shares"), stock_code=Text("01234"))
TOTAL_CLASS = ShareClass(category=Category.ORDINARY, class_name=Text("Ordinary shares"))


def valid_return() -> MonthlyReturn:
    """A return for June 2024 on which no rule finds anything."""
    return MonthlyReturn(
        form=FormInfo(version="1.2.0"),
        header=Header(
            issuer_name=Text("Example Holdings Limited"),
            period_end=day("2024-06-30"),
            submission_date=day("2024-07-03"),  # 1 July is a holiday: the 2nd business day
            status=Text("new"),
        ),
        authorised=(
            AuthorisedClass(
                share_class=ORDINARY,
                preceding=AuthorisedBalance(count(1_000_000_000, 1), hkd(), amount("0.10"), hkd(), amount("100000000.00")),
                movement=AuthorisedBalance(count(500_000_000, 1), None, amount(None), hkd(), amount("50000000.00")),
                close=AuthorisedBalance(count(1_500_000_000, 1), hkd(), amount("0.10"), hkd(), amount("150000000.00")),
            ),
        ),
        authorised_total=(FundsRaised(hkd(), amount("150000000.00")),),
        issued=(
            IssuedClass(
                share_class=ORDINARY,
                preceding=IssuedBalance(count(400_000_000), count(1_000_000), count(401_000_000)),
                movement=IssuedBalance(count(1_500_000), count(-200_000), count(None)),
                close=IssuedBalance(count(401_500_000), count(800_000), count(402_300_000)),
            ),
        ),
        options=(
            OptionItem(
                share_class=ORDINARY,
                scheme=Text("Share Option Scheme 2020"),
                exercise_price_currency=hkd(3),
                exercise_price=amount("1.35", 3),
                outstanding_preceding=count(10_000_000, 3),
                granted=count(0, 3),
                exercised=count(1_000_000, 3),
                cancelled=count(0, 3),
                lapsed=count(100_000, 3),
                outstanding_close=count(8_900_000, 3),
                shares_issued=count(800_000, 3),
                treasury_transferred=count(200_000, 3),
            ),
        ),
        options_total=(SectionTotal(TOTAL_CLASS, count(800_000, 3), count(200_000, 3)),),
        options_funds=(FundsRaised(hkd(3), amount("1350000.00", 3)),),
        other_movements=(
            OtherMovement(
                type=MovementType.PLACING,
                share_class=ORDINARY,
                currency=hkd(7),
                price=amount("2.00", 7),
                event_date=day("2024-06-14"),
                shares_issued=count(700_000, 7),
                treasury=count(None, 7),
            ),
        ),
        other_movements_total=(SectionTotal(TOTAL_CLASS, count(700_000, 7), count(None, 7)),),
        total_increase=(SectionTotal(TOTAL_CLASS, count(1_500_000, 7), count(-200_000, 7)),),
    )


def replace_at(obj: object, path: str, new: object) -> object:
    """``obj`` with the value at the model path ``path`` (``issued[0].close.issued``) replaced by ``new``."""
    head, _, rest = path.partition(".")
    name, _, index = head.partition("[")
    current = getattr(obj, name)
    if index:
        i = int(index.rstrip("]"))
        item = replace_at(current[i], rest, new) if rest else new
        value = current[:i] + (item,) + current[i + 1:]
    else:
        value = replace_at(current, rest, new) if rest else new
    return dataclasses.replace(obj, **{name: value})  # type: ignore[arg-type]  # any field, by its name


def mutate(monthly_return: MonthlyReturn, changes: dict[str, object]) -> MonthlyReturn:
    """``monthly_return`` with every ``path: new value`` of ``changes`` applied."""
    for path, new in changes.items():
        monthly_return = replace_at(monthly_return, path, new)  # type: ignore[assignment]  # the root keeps its type
    return monthly_return


# code -> (changes to the valid return, path of the finding).  Each change set keeps
# every other rule satisfied, so the mutated return must give exactly one finding.
MUTATIONS: dict[str, tuple[dict[str, object], str]] = {
    "RX-H-001": ({"header.period_end": day("2024-06-29")}, "header.period_end"),
    "RX-H-002": ({"header.submission_date": day("2024-06-30")}, "header.submission_date"),
    "RX-H-003": ({"header.submission_date": day("2024-07-10")}, "header.submission_date"),
    "RX-I-001": ({"authorised[0].movement.shares": count(500_000_001, 1)}, "authorised[0].close.shares"),
    "RX-I-002": ({"authorised[0].movement.capital": amount("50000001.00")}, "authorised[0].close.capital"),
    "RX-I-003": ({"authorised[0].close.par_value": amount("0.20")}, "authorised[0].close.capital"),
    "RX-I-004": ({"authorised_total[0].amount": amount("150000001.00")}, "authorised_total[0].amount"),
    "RX-I-005": ({"authorised[0].close.par_value": Amount(None, printed="N/A")}, "authorised[0].preceding.par_value"),
    "RX-I-006": (
        {"header.period_end": day("2013-06-30"), "header.submission_date": day("2013-07-03"),
         "authorised[0].preceding.par_value": Amount(None, printed="")},
        "authorised[0].preceding.shares",
    ),
    "RX-II-001": (
        {"issued[0].close.issued": count(401_500_001), "issued[0].close.total": count(402_300_001)},
        "issued[0].close.issued",
    ),
    "RX-II-002": (
        {"issued[0].close.treasury": count(800_001), "issued[0].close.total": count(402_300_001)},
        "issued[0].close.treasury",
    ),
    "RX-II-003": (
        # a movement total printed, and no movement in treasury (nor any treasury shares, which would
        # move without a movement: RX-II-007): only the total's roll-forward can break
        {"issued[0].movement.total": count(1_300_001), "issued[0].movement.treasury": count(None),
         "issued[0].preceding.treasury": count(0), "issued[0].preceding.total": count(400_000_000),
         "issued[0].close.treasury": count(0), "issued[0].close.total": count(401_500_000)},
        "issued[0].close.total",
    ),
    "RX-II-007": ({"issued[0].movement.treasury": Count(None, printed="N/A")}, "issued[0].close.treasury"),
    "RX-I-007": ({"authorised[0].movement.shares": Count(None, printed="N/A")}, "authorised[0].close.shares"),
    "RX-X-002": ({"issued[0].close.issued": Count(401_500_000, printed="401,500,001", source=Source(2, _BOX))}, "issued[0].close.issued"),
    "RX-II-004": ({"issued[0].preceding.total": count(401_000_001)}, "issued[0].preceding.total"),
    "RX-II-005": (
        {"issued[0].movement.issued": count(1_500_001), "issued[0].close.issued": count(401_500_001),
         "issued[0].close.total": count(402_300_001)},
        "total_increase[0].issued",
    ),
    "RX-II-006": (
        {"issued[0].movement.treasury": count(-200_001), "issued[0].close.treasury": count(799_999),
         "issued[0].close.total": count(402_299_999)},
        "total_increase[0].treasury",
    ),
    "RX-III-001": ({"other_movements[0].shares_issued": count(700_001, 7)}, "other_movements_total[0].issued"),
    "RX-III-002": ({"options_total[0].treasury": count(200_001, 3)}, "options_total[0].treasury"),
    "RX-III-003": (
        {"total_increase[0].issued": count(1_500_001, 7), "issued[0].movement.issued": count(1_500_001),
         "issued[0].close.issued": count(401_500_001), "issued[0].close.total": count(402_300_001)},
        "total_increase[0].issued",
    ),
    "RX-III-004": ({"options[0].outstanding_close": count(8_900_001, 3)}, "options[0].outstanding_close"),
    "RX-III-005": ({"options_funds[0].amount": amount("1350001.00", 3)}, "options_funds[0].amount"),
    "RX-III-006": (
        {"options[0].treasury_transferred": count(200_001, 3), "options_total[0].treasury": count(200_001, 3)},
        "options[0].shares_issued",
    ),
}


def base_for(code: str) -> MonthlyReturn:
    """The valid return a mutation of rule ``code`` starts from (a 2013 one for the pre-2014 rule)."""
    if code == "RX-I-006":
        return mutate(valid_return(), {"header.period_end": day("2013-06-30"), "header.submission_date": day("2013-07-03")})
    return valid_return()
