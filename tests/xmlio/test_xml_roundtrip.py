"""Model -> XML -> model, for generated returns and a few chosen ones."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from lxml import etree

from return_xml.facts import facts_of
from return_xml.model import Amount, Count, Header, IssuedBalance, IssuedClass, MonthlyReturn, Source, Text
from return_xml.model.monthly_return import FundsRaised
from return_xml.model.values import Currency
from return_xml.xmlio import parse_xml, render_xml
from return_xml.xmlio.schema import NAMESPACE, lxml_schema, xsd_errors
from strategies import monthly_returns

_NS = {"rx": NAMESPACE}
# Generating a whole return is the slow part: the main property runs 200 examples,
# the others fewer, to keep the file well under a minute on two cores.
_MAIN = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_MORE = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def exact(obj: object) -> object:
    """A comparable form of a model that also tells ``Decimal("1.5")`` from ``Decimal("1.50")``.

    Plain ``==`` on Decimals ignores the exponent, so a writer that lost the
    printed precision would still give an "equal" model.
    """
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return (type(obj).__name__, tuple((f.name, exact(getattr(obj, f.name))) for f in dataclasses.fields(obj)))
    if isinstance(obj, tuple):
        return tuple(exact(item) for item in obj)
    if isinstance(obj, Decimal):
        return ("Decimal", obj.as_tuple())
    if isinstance(obj, float):
        return ("float", repr(obj))
    return (type(obj).__name__, obj)


@_MAIN
@given(monthly_returns())
def test_a_return_read_back_from_its_xml_equals_the_return_written(m: MonthlyReturn) -> None:
    back = parse_xml(render_xml(m))
    assert back == m
    assert exact(back) == exact(m)


@_MORE
@given(monthly_returns())
def test_writing_a_return_twice_and_rewriting_it_after_reading_gives_identical_bytes(m: MonthlyReturn) -> None:
    data = render_xml(m)
    assert render_xml(m) == data
    assert render_xml(parse_xml(data)) == data


@_MORE
@given(monthly_returns())
def test_the_xml_of_any_return_is_valid_for_lxml_and_for_xmlschema(m: MonthlyReturn) -> None:
    data = render_xml(m)
    schema = lxml_schema()
    assert schema.validate(etree.fromstring(data)), schema.error_log
    assert xsd_errors(data) == []


@_MORE
@given(monthly_returns())
def test_the_facts_of_a_return_equal_the_facts_of_its_xml_read_back(m: MonthlyReturn) -> None:
    assert facts_of(parse_xml(render_xml(m))) == facts_of(m)


def _leaf(data: bytes, path: str) -> etree._Element:
    found = etree.fromstring(data).xpath(path, namespaces=_NS)
    assert len(found) == 1, path
    return found[0]


def test_a_count_printed_na_without_a_value_survives_the_round_trip() -> None:
    m = MonthlyReturn(issued=(IssuedClass(close=IssuedBalance(issued=Count(None, printed="N/A"))),))
    data = render_xml(m)
    element = _leaf(data, "/rx:monthlyReturn/rx:issued/rx:classBlock/rx:close/rx:issued")
    assert element.get("printed") == "N/A"
    assert not element.text
    back = parse_xml(data)
    assert back == m
    assert back.issued[0].close.issued == Count(None, printed="N/A")
    assert "issued[0].close.issued" not in facts_of(back)


def test_an_amount_keeps_its_printed_precision_in_the_xml_text() -> None:
    m = MonthlyReturn(options_funds=(FundsRaised(currency=Currency("HKD"), amount=Amount(Decimal("0.010"), printed="0.010")),))
    data = render_xml(m)
    assert _leaf(data, "//rx:optionsFunds/rx:funds/rx:amount").text == "0.010"
    back = parse_xml(data)
    assert back == m
    assert back.options_funds[0].amount.value.as_tuple().exponent == -3
    assert facts_of(back)["options_funds[0].amount"] == "0.010"


def test_nil_text_blank_and_provenance_survive_the_round_trip() -> None:
    m = MonthlyReturn(
        header=Header(issuer_name=Text("Example Holdings Limited", printed="Example\tHoldings\nLimited", source=Source(1, (10.005, 20, 30.5, 40.129)))),
        issued=(IssuedClass(movement=IssuedBalance(issued=Count(0, printed="Nil"), treasury=Count(None, printed=""))),),
    )
    data = render_xml(m)
    name = _leaf(data, "//rx:header/rx:issuerName")
    assert name.get("printed") == "Example\tHoldings\nLimited"
    assert name.get("page") == "1"
    assert name.get("box") == f"{round(10.005, 2):.2f} 20.00 30.50 40.13"
    assert _leaf(data, "//rx:movement/rx:issued").text == "0"
    assert parse_xml(data) == m
