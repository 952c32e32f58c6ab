"""Hypothesis strategies for READABLE returns: models a form can express and our readers read back.

``readable_returns()`` for the FF301 layout, ``readable_legacy_returns()`` for the legacy template.

``tests/strategies.py`` generates any model the XML can carry; a printed form
says less, so these strategies stay inside what the form expresses (what is
left out, and why, is listed in docs/render.md, "What round-trips"):

- FF301 editions 1.0.0 to 1.2.x, English and Chinese; text from a small
  vocabulary of words that are no label of the form (a value reading
  "Remarks:" or "Notes" would be taken for the label), Chinese words
  separated by spaces (a line break inside Chinese text reads back as a space);
- values the reader derives are generated consistent with what it derives:
  the category from the class text, the movement kind from its printed name
  (an "other" movement always has its own description), status as a code;
- values in the shape the reader produces: text folded, no printed tokens (the
  renderer formats the value), amounts with 0 to 4 decimals, counts of up to
  13 digits, negative figures in movement rows and columns;
- boxes the edition does not print stay ``None`` (treasury columns before 1.1,
  public float before 1.2, the separate "may be transferred" column of 1.1 only;
  the Chinese warrants, convertibles and arrangements tables have no
  "may be transferred" column the reader knows).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import strategies as st

from return_xml.model import (
    ArrangementItem,
    AuthorisedBalance,
    AuthorisedClass,
    Category,
    ConvertibleItem,
    Counter,
    Family,
    FormInfo,
    FundsRaised,
    Header,
    IssuedBalance,
    IssuedClass,
    Language,
    MonthlyReturn,
    MovementType,
    OptionItem,
    OtherMovement,
    PublicFloat,
    SectionTotal,
    ShareClass,
    Signatory,
    WarrantItem,
)
from return_xml.model.values import Amount, Count, Currency, Day, Flag, Text

_WORDS = {
    Language.EN: ("Harbour", "Jade", "Lotus", "Pearl", "Kowloon", "tranche", "Series", "bonds", "holders", "interim",
                  "annual", "scheme", "subscribers", "Alpha", "Bravo", "Delta", "fund", "general", "mandate", "dated"),
    Language.ZH: ("長江", "珠江", "明珠", "翡翠", "蓮花", "基金", "債券", "系列", "甲", "乙", "丙", "認購人", "計劃", "年度"),
}
_CLASSES = {
    Language.EN: (("Ordinary shares", Category.ORDINARY), ("Preference shares", Category.PREFERENCE),
                  ("H shares", Category.OTHER)),
    Language.ZH: (("普通股", Category.ORDINARY), ("優先股", Category.PREFERENCE), ("H股", Category.OTHER)),
}
_MOVEMENT_WORDS = {Language.EN: ("Issued", "Converted", "Redeemed"), Language.ZH: ("發行", "轉換", "贖回")}
_CURRENCIES = ("HKD", "USD", "CNY", "SGD")


def words(language: Language, *, min_size: int = 1, max_size: int = 6) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(_WORDS[language]), min_size=min_size, max_size=max_size).map(" ".join)


def text(language: Language, **kwargs) -> st.SearchStrategy[Text]:
    return words(language, **kwargs).map(lambda s: Text(s))


def counts(*, signed: bool = False) -> st.SearchStrategy[Count]:
    low = -(10**12) if signed else 0
    return st.integers(min_value=low, max_value=10**13).map(lambda n: Count(n))


def amounts(*, signed: bool = False) -> st.SearchStrategy[Amount]:
    def build(units: int, places: int) -> Amount:
        return Amount(Decimal(units).scaleb(-places))

    low = -(10**9) if signed else 0
    return st.builds(build, st.integers(min_value=low, max_value=10**11), st.integers(min_value=0, max_value=4))


def currencies() -> st.SearchStrategy[Currency]:
    return st.sampled_from(_CURRENCIES).map(lambda c: Currency(c))


def days() -> st.SearchStrategy[Day]:
    return st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2099, 12, 31)).map(lambda d: Day(d))


def maybe(strategy: st.SearchStrategy) -> st.SearchStrategy:
    return st.none() | strategy


@st.composite
def share_classes(draw, language: Language) -> ShareClass:
    name, category = draw(st.sampled_from(_CLASSES[language]))
    return ShareClass(
        category=category,
        class_name=Text(name),
        share_type=draw(st.sampled_from([Text(None, printed="Not applicable" if language is Language.EN else "不適用"),
                                         Text("H"), Text("A")])),
        listed=Flag(draw(st.booleans())),
        stock_code=Text(draw(st.from_regex(r"\A[0-9]{4,5}\Z"))),
        description=draw(maybe(text(language, max_size=4))),
    )


def _total(draw, language: Language, treasury: bool) -> SectionTotal:
    name, category = draw(st.sampled_from(_CLASSES[language]))
    return SectionTotal(
        share_class=ShareClass(category=category, class_name=Text(name)),
        issued=draw(counts(signed=True)),
        treasury=draw(maybe(counts(signed=True))) if treasury else None,
    )


@st.composite
def readable_returns(draw) -> MonthlyReturn:
    """A return the FF301 layout can print and the FF301 reader reads back to the same facts."""
    language = draw(st.sampled_from([Language.EN, Language.ZH]))
    version = draw(st.sampled_from(["1.0.0", "1.0.1", "1.0.2", "1.1.1", "1.2.0"]))
    v12 = version.startswith("1.2")
    treasury = not version.startswith("1.0")  # 1.1 brought treasury shares
    counters = version not in ("1.0.0", "1.0.1")  # multi-counter stock codes since 1.0.2
    t = lambda strategy: draw(strategy) if treasury else None  # noqa: E731
    w = lambda **kw: text(language, **kw)  # noqa: E731
    classes = st.lists(share_classes(language), min_size=1, max_size=2)
    money = lambda: st.builds(FundsRaised, currency=currencies(), amount=amounts())  # noqa: E731

    authorised = tuple(
        AuthorisedClass(
            share_class=c,
            preceding=AuthorisedBalance(draw(counts()), Currency("HKD"), draw(amounts()), Currency("HKD"), draw(amounts())),
            movement=AuthorisedBalance(draw(counts(signed=True)), None, None, draw(currencies()), draw(maybe(amounts(signed=True)))),
            close=AuthorisedBalance(draw(counts()), Currency("HKD"), draw(amounts()), Currency("HKD"), draw(amounts())),
            remarks=draw(maybe(w(max_size=20))),
        )
        for c in draw(classes)
    )
    issued = tuple(
        IssuedClass(
            share_class=c,
            multi_counter=tuple(draw(st.lists(st.builds(Counter, stock_code=st.from_regex(r"\A8[0-9]{4}\Z").map(Text),
                                                        description=w(max_size=3)), max_size=1 if counters else 0))),
            preceding=IssuedBalance(draw(counts()), t(counts()), t(counts())),
            movement=IssuedBalance(draw(counts(signed=True)), t(maybe(counts(signed=True))), None),
            close=IssuedBalance(draw(counts()), t(counts()), t(counts())),
            public_float=PublicFloat(Flag(draw(st.booleans())), draw(w(max_size=12)), draw(maybe(w(max_size=8)))) if v12 else None,
            remarks=draw(maybe(w(max_size=30))),
        )
        for c in draw(classes)
    )
    issue = lambda: dict(  # noqa: E731
        shares_issued=draw(maybe(counts())),
        treasury_transferred=t(maybe(counts())),
        shares_issuable=draw(maybe(counts())),
        treasury_transferable=None if v12 else t(maybe(counts())),
    )
    c3 = lambda: draw(share_classes(language))  # noqa: E731
    n = lambda: draw(st.integers(min_value=0, max_value=2))  # noqa: E731
    options = tuple(
        OptionItem(
            share_class=c3(), scheme=draw(w(max_size=8)), approval_date=draw(maybe(days())),
            exercise_price_currency=draw(currencies()), exercise_price=draw(amounts()),
            outstanding_preceding=draw(counts()), granted=draw(counts()), exercised=draw(counts()),
            cancelled=draw(counts()), lapsed=draw(counts(signed=True)), outstanding_close=draw(counts()),
            available_for_grant_preceding=draw(maybe(counts())), available_for_grant_close=draw(maybe(counts())),
            **issue(),
        )
        for _ in range(n())
    )
    no_zh_transferable = language is Language.ZH
    warrants = tuple(
        WarrantItem(
            share_class=c3(), description=draw(w(max_size=6)), stock_code=draw(maybe(st.from_regex(r"\A[0-9]{4}\Z").map(Text))),
            expiry_date=draw(days()), currency=draw(currencies()), nominal_preceding=draw(amounts()),
            nominal_exercised=draw(amounts()), nominal_close=draw(amounts()),
            subscription_price_currency=draw(currencies()), subscription_price=draw(amounts()),
            approval_date=draw(maybe(days())), **{**issue(), **({"treasury_transferable": None} if no_zh_transferable else {})},
        )
        for _ in range(n())
    )
    convertibles = tuple(
        ConvertibleItem(
            share_class=c3(), description=draw(w(max_size=10)), type=draw(w(max_size=2)), stock_code=None,
            currency=draw(currencies()), amount_preceding=draw(amounts()),
            movement=Text(draw(st.sampled_from(_MOVEMENT_WORDS[language]))), amount_converted=draw(amounts(signed=True)),
            amount_close=draw(amounts()), conversion_price_currency=draw(currencies()), conversion_price=draw(amounts()),
            approval_date=draw(maybe(days())), **{**issue(), **({"treasury_transferable": None} if no_zh_transferable else {})},
        )
        for _ in range(n())
    )
    arrangements = tuple(
        ArrangementItem(share_class=c3(), particulars=draw(w(max_size=12)), approval_date=draw(maybe(days())),
                        **{**issue(), **({"treasury_transferable": None} if no_zh_transferable else {})})
        for _ in range(n())
    )
    movements = []
    for _ in range(n()):
        kind = draw(st.sampled_from(list(MovementType)))
        movements.append(OtherMovement(
            type=kind, share_class=c3(), description=draw(w(max_size=3)) if kind is MovementType.OTHER else None,
            currency=draw(currencies()), price=draw(maybe(amounts())), event_date=draw(days()), approval_date=draw(maybe(days())),
            shares_issued=draw(counts(signed=True)), treasury=t(maybe(counts(signed=True))),
            shares_issuable=draw(maybe(counts(signed=True).map(lambda c: Count(-abs(c.value))))),
        ))
    totals = lambda: tuple(_total(draw, language, treasury) for _ in range(n()))  # noqa: E731
    return MonthlyReturn(
        form=FormInfo(family=Family.FF301, version=version, language=language, detected_by="footer"),
        header=Header(
            issuer_name=draw(w(max_size=5)), period_end=draw(days()), submission_date=draw(days()),
            status=Text(draw(st.sampled_from(["new", "resubmission"]))),
        ),
        authorised=authorised,
        authorised_total=tuple(draw(st.lists(money(), min_size=1, max_size=2))),
        issued=issued,
        options=options, options_total=totals(),
        # The reader reads the funds line of III A only when III A has items.
        options_funds=tuple(draw(st.lists(money(), max_size=2))) if options else (),
        warrants=warrants, warrants_total=totals(),
        convertibles=convertibles, convertibles_total=totals(),
        arrangements=arrangements, arrangements_total=totals(),
        other_movements=tuple(movements), other_movements_total=totals(),
        total_increase=totals(),
        hdr_information=draw(maybe(w(max_size=15))),
        signatory=Signatory(name=draw(w(max_size=3)), title=draw(w(max_size=3))),
    )


# -- the legacy template ---------------------------------------------------------------

_LEGACY_WORDS = {
    Language.EN: ("Harbour", "Jade", "Lotus", "Pearl", "Kowloon", "tranche", "Series", "bonds", "holders", "interim",
                  "annual", "scheme", "subscribers", "Alpha", "Bravo", "Delta", "fund", "dated"),
    Language.ZH: ("長江", "珠江", "明珠", "翡翠", "蓮花", "基金", "債券", "系列", "甲", "乙", "丙", "認購人", "計劃", "年度"),
}
_LEGACY_CURRENCIES = ("HKD", "USD", "CNY")  # the ones the legacy reader finds beside a figure


def _legacy_slot(day: dt.date) -> str:
    return f"({day.day:02d}/{day.month:02d}/{day.year})"


@st.composite
def readable_legacy_returns(draw) -> MonthlyReturn:
    """A return the legacy layout can print and the legacy reader reads back to the same facts.

    The legacy template has no class names: classes are categories, at most two
    ordinary, one preference and one other class (the columns of section II);
    an item's approval date, exercise price and a warrant's expiry date are
    part of its printed particulars, so they are generated as the reader
    derives them from that text.
    """
    language = draw(st.sampled_from([Language.EN, Language.ZH]))
    vocabulary = _LEGACY_WORDS[language]
    w = lambda max_size=6: draw(st.lists(st.sampled_from(vocabulary), min_size=1, max_size=max_size).map(" ".join))  # noqa: E731
    cur = lambda: Currency(draw(st.sampled_from(_LEGACY_CURRENCIES)))  # noqa: E731
    cat = lambda: draw(st.sampled_from([Category.ORDINARY, Category.PREFERENCE, Category.OTHER, None]))  # noqa: E731
    n = lambda: draw(st.integers(min_value=0, max_value=2))  # noqa: E731
    code = lambda: Text(draw(st.from_regex(r"\A[1-9][0-9]{3}\Z")))  # noqa: E731

    kinds = [Category.ORDINARY] * draw(st.integers(1, 2))
    kinds += [Category.PREFERENCE] * draw(st.integers(0, 1)) + [Category.OTHER] * draw(st.integers(0, 1))
    authorised, issued = [], []
    for category in kinds:
        share_class = ShareClass(category=category, stock_code=code(), description=Text(w(3)) if draw(st.booleans()) else None)
        authorised.append(AuthorisedClass(
            share_class=share_class,
            preceding=AuthorisedBalance(draw(counts()), cur(), draw(amounts()), cur(), draw(amounts())),
            movement=AuthorisedBalance(draw(counts(signed=True)), None, None, None, draw(maybe(amounts(signed=True)))),
            close=AuthorisedBalance(draw(counts()), cur(), draw(amounts()), cur(), draw(amounts())),
        ))
        issued.append(IssuedClass(
            share_class=ShareClass(category=category, stock_code=share_class.stock_code),
            preceding=IssuedBalance(draw(counts())),
            movement=IssuedBalance(draw(maybe(counts(signed=True)))),
            close=IssuedBalance(draw(counts())),
        ))

    options = []
    for _ in range(n()):
        scheme, approval, price_currency, price = w(5), None, None, None
        if draw(st.booleans()):
            approval = draw(days())
            scheme += f" {_legacy_slot(approval.value)}"
        if draw(st.booleans()):
            price_currency, price = cur(), draw(amounts())
            label = "行使價：" if language is Language.ZH else "Exercise Price :"
            scheme += f" {label} {price_currency.value} {format(price.value, ',f')}"
        options.append(OptionItem(
            share_class=ShareClass(category=cat()), scheme=Text(scheme), approval_date=approval,
            exercise_price_currency=price_currency, exercise_price=price,
            granted=draw(maybe(counts())), exercised=draw(maybe(counts())), cancelled=draw(maybe(counts())),
            lapsed=draw(maybe(counts())), shares_issued=draw(maybe(counts())), shares_issuable=draw(maybe(counts())),
        ))

    def sub_rows() -> dict:
        return dict(
            share_class=ShareClass(category=cat()), stock_code=draw(maybe(st.just(None).map(lambda _: code()))),
            currency=cur(), approval_date=draw(maybe(days())),
            shares_issued=draw(maybe(counts())), shares_issuable=draw(maybe(counts())),
        )

    warrants = [
        WarrantItem(description=Text(w(4)), expiry_date=draw(maybe(days())), nominal_preceding=draw(amounts()),
                    nominal_exercised=draw(amounts()), nominal_close=draw(amounts()),
                    subscription_price_currency=cur(), subscription_price=draw(amounts()), **sub_rows())
        for _ in range(n())
    ]
    convertibles = [
        ConvertibleItem(description=Text(w(4)), amount_preceding=draw(amounts()), amount_converted=draw(amounts()),
                        amount_close=draw(amounts()), conversion_price_currency=cur(), conversion_price=draw(amounts()),
                        **sub_rows())
        for _ in range(n())
    ]
    arrangements = []
    for _ in range(n()):
        particulars, approval = w(8), None
        if draw(st.booleans()):
            approval = draw(days())
            particulars += f" {_legacy_slot(approval.value)}"
        arrangements.append(ArrangementItem(share_class=ShareClass(category=cat()), particulars=Text(particulars),
                                            approval_date=approval, shares_issued=draw(maybe(counts())),
                                            shares_issuable=draw(maybe(counts()))))
    movements = []
    for _ in range(n()):
        kind = draw(st.sampled_from(list(MovementType)))
        priced = draw(st.booleans())
        movements.append(OtherMovement(
            type=kind, share_class=ShareClass(category=cat()),
            description=Text(w(3)) if kind is MovementType.OTHER else None,
            currency=cur() if priced else None, price=draw(amounts()) if priced else None,
            event_date=draw(maybe(days())), approval_date=draw(maybe(days())),
            shares_issued=draw(maybe(counts(signed=True))), shares_issuable=draw(maybe(counts(signed=True))),
        ))

    def totals() -> tuple[SectionTotal, ...]:
        return tuple(SectionTotal(share_class=ShareClass(category=cat() or Category.OTHER), issued=draw(maybe(counts(signed=True))))
                     for _ in range(n()))

    # The grand total lines stand in the template's order: ordinary (one or two), preference, other.
    grand = [Category.ORDINARY] * draw(st.integers(0, 2))
    grand += [Category.PREFERENCE] * draw(st.integers(0, 1)) + [Category.OTHER] * draw(st.integers(0, 1))
    return MonthlyReturn(
        form=FormInfo(family=Family.LEGACY, version=None, language=language, detected_by="heading"),
        header=Header(issuer_name=Text(w(4)), period_end=draw(days()), submission_date=draw(days())),
        authorised=tuple(authorised),
        authorised_total=(FundsRaised(currency=cur(), amount=draw(amounts())),),
        issued=tuple(issued),
        options=tuple(options), options_total=totals(),
        options_funds=(FundsRaised(currency=cur(), amount=draw(amounts())),) if draw(st.booleans()) else (),
        warrants=tuple(warrants), warrants_total=totals(),
        convertibles=tuple(convertibles), convertibles_total=totals(),
        arrangements=tuple(arrangements), arrangements_total=totals(),
        other_movements=tuple(movements), other_movements_total=totals(),
        total_increase=tuple(SectionTotal(share_class=ShareClass(category=c), issued=draw(maybe(counts(signed=True)))) for c in grand),
        remarks=Text(w(25)) if draw(st.booleans()) else None,
        signatory=Signatory(name=Text(w(3)), title=Text(w(3))),
    )
