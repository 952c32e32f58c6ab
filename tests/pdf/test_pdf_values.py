"""Printed text -> values (return_xml.pdf.values): numbers, dates, currencies."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from return_xml.errors import FieldError
from return_xml.model import Amount, Count, Currency, Day, Source, Text
from return_xml.pdf.document import Phrase
from return_xml.pdf.values import amount, count, currency, currency_code, day, parse_date, parse_number, text


def phrase(token: str, page: int = 3) -> Phrase:
    return Phrase(token, page, 100.0, 200.0, 150.5, 210.25)


BOX = (100.0, 200.0, 150.5, 210.25)


# --- parse_number -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("1,500,000", 1500000),
        ("(1,500,000)", -1500000),
        ("-1,500,000", -1500000),
        ("- 1,500,000", -1500000),
        ("( 1,500,000 )", -1500000),
        ("0", 0),
        ("607,500.00", Decimal("607500.00")),
        (" 42 ", 42),
    ],
)
def test_printed_figures_are_read_with_their_sign(token: str, expected: int | Decimal) -> None:
    value = parse_number(token, field="issued[0].close.issued", page=1)
    assert isinstance(value, Decimal)
    assert value == expected


# real-variants.md: the markers other issuers print in movement cells ("0" is a figure, zero).
@pytest.mark.parametrize("token", ["Nil", "NIL", "nil", "--", "---", "0", "無"])
def test_nil_and_a_double_dash_are_zero(token: str) -> None:
    assert parse_number(token, field="f", page=1) == 0


@pytest.mark.parametrize("token", ["N/A", "n/a", "Not applicable", "-", "", "   ", "不適用"])
def test_na_a_single_dash_and_blank_are_no_figure(token: str) -> None:
    assert parse_number(token, field="f", page=1) is None


def test_a_decimal_keeps_its_printed_precision() -> None:
    value = parse_number("0.010", field="par_value", page=1)
    assert value == Decimal("0.01")
    assert value.as_tuple().exponent == -3
    assert format(value, "f") == "0.010"
    assert format(parse_number("607,500.00", field="f", page=1), "f") == "607500.00"


def test_money_is_read_without_going_through_float() -> None:
    value = parse_number("0.1", field="f", page=1)
    assert value == Decimal("0.1")  # a float round trip would give 0.1000000000000000055...
    assert parse_number("12345678901234567.89", field="f", page=1) == Decimal("12345678901234567.89")


def test_a_leading_currency_and_full_width_digits_are_read_as_documented() -> None:
    value = parse_number("HK$0.10", field="f", page=1)
    assert value == Decimal("0.10")
    assert value.as_tuple().exponent == -2
    assert parse_number("\uff11\uff0c\uff15\uff10\uff10", field="f", page=1) == 1500  # full-width "1,500"


@pytest.mark.parametrize("token", ["abc", "1,500,000 shares", "1.2.3", "1e5", "12-34", "Nil Nil"])
def test_anything_else_is_a_field_error_naming_the_field_and_the_text(token: str) -> None:
    with pytest.raises(FieldError) as raised:
        parse_number(token, field="issued[0].close.issued", page=4)
    error = raised.value
    assert error.field == "issued[0].close.issued"
    assert error.text == token
    assert error.page == 4
    assert "issued[0].close.issued" in str(error)
    assert repr(token) in str(error)
    assert "page 4" in str(error)


# --- count and amount from a phrase ------------------------------------------------


def test_a_count_keeps_the_printed_token_and_its_source() -> None:
    assert count(phrase("(1,500,000)"), field="f") == Count(-1500000, printed="(1,500,000)", source=Source(3, BOX))
    assert count(phrase("Nil"), field="f") == Count(0, printed="Nil", source=Source(3, BOX))
    assert count(phrase("N/A"), field="f") == Count(None, printed="N/A", source=Source(3, BOX))


def test_a_blank_cell_is_a_count_without_value() -> None:
    assert count(None, field="f", page=2) == Count(None, printed="", source=Source(2))
    assert count(None, field="f") == Count(None, printed="", source=None)


def test_a_count_must_be_whole() -> None:
    with pytest.raises(FieldError) as raised:
        count(phrase("1,500.5"), field="options[0].granted")
    assert raised.value.field == "options[0].granted"
    assert raised.value.page == 3


def test_a_count_is_an_int() -> None:
    result = count(phrase("1,500,000"), field="f")
    assert type(result.value) is int
    assert result.value == 1500000


def test_an_amount_keeps_the_printed_precision_and_token() -> None:
    result = amount(phrase("607,500.00"), field="options_funds[0].amount")
    assert result == Amount(Decimal("607500.00"), printed="607,500.00", source=Source(3, BOX))
    assert format(result.value, "f") == "607500.00"


def test_text_folds_white_space_and_keeps_the_printed_text() -> None:
    result = text(phrase("Example  Holdings\nLimited"))
    assert result == Text("Example Holdings Limited", printed="Example  Holdings\nLimited", source=Source(3, BOX))
    assert text(phrase("Not applicable"), absent_when_not_applicable=True).value is None


# --- parse_date -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("31 January 2026", dt.date(2026, 1, 31)),
        ("02 February 2026", dt.date(2026, 2, 2)),
        ("3 February 2009", dt.date(2009, 2, 3)),
        ("31 Jan 2026", dt.date(2026, 1, 31)),
        ("January 31, 2026", dt.date(2026, 1, 31)),
        ("31/1/2011", dt.date(2011, 1, 31)),
        ("1/2/2011", dt.date(2011, 2, 1)),  # Hong Kong filings write the day first
        ("2025年9月30日", dt.date(2025, 9, 30)),
        ("2009 年 3 月 2 日", dt.date(2009, 3, 2)),
        ("2024-05-02", dt.date(2024, 5, 2)),
        # real-variants.md: no leading zeros, a space typed before a slash, the month written out
        ("4/9/2019", dt.date(2019, 9, 4)),
        ("31 /10/2019", dt.date(2019, 10, 31)),
        ("3 June 2019", dt.date(2019, 6, 3)),
    ],
)
def test_printed_dates_are_read(token: str, expected: dt.date) -> None:
    assert parse_date(token) == expected


@pytest.mark.parametrize(
    "token",
    ["", "N/A", "not a date", "31 Smarch 2026", "31/2/2011", "29 February 2023", "2025年13月1日", "32/1/2011"],
)
def test_anything_that_is_not_a_calendar_date_gives_none(token: str) -> None:
    assert parse_date(token) is None


def test_a_day_from_a_phrase_keeps_its_token_and_refuses_non_dates() -> None:
    assert day(phrase("31 January 2026"), field="period.end") == Day(
        dt.date(2026, 1, 31), printed="31 January 2026", source=Source(3, BOX)
    )
    assert day(phrase("N/A"), field="period.end").value is None
    with pytest.raises(FieldError) as raised:
        day(phrase("31/2/2011"), field="options[0].approval_date")
    assert raised.value.field == "options[0].approval_date"
    assert raised.value.text == "31/2/2011"


# --- currencies -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("HK$", "HKD"),
        ("HKD", "HKD"),
        ("hkd", "HKD"),
        ("港元", "HKD"),
        ("RMB", "CNY"),
        ("人民幣", "CNY"),
        ("US$", "USD"),
        ("JPY", "JPY"),
    ],
)
def test_currencies_are_read_as_iso_codes(token: str, expected: str) -> None:
    assert currency_code(token) == expected


def test_an_unknown_currency_is_none_or_a_field_error() -> None:
    assert currency_code("Dogecoin") is None
    with pytest.raises(FieldError) as raised:
        currency(phrase("Dogecoin"), field="options[0].exercise_price_currency")
    assert raised.value.field == "options[0].exercise_price_currency"
    assert raised.value.text == "Dogecoin"


def test_a_currency_from_a_phrase_keeps_the_printed_token() -> None:
    assert currency(phrase("RMB"), field="f") == Currency("CNY", printed="RMB", source=Source(3, BOX))
    assert currency(None, field="f", page=1) == Currency(None, printed="", source=Source(1))
