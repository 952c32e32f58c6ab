"""The vocabulary of the facts view: one table that both directions walk.

Every fact of ../shared/spec/facts.md is one ``Term``: its path (below its
list item), its ``Kind`` and the model attribute that holds it.  ``view.py``
walks the table to write a model as facts, ``build.py`` walks it to make a
model of checked facts, and ``paths.py`` derives the accepted paths and their
kinds from it; a new field is one new row here.  The rows of a ``Group`` stand
in the order the facts view writes them.  ``label`` gives each fact the form's
wording, for documentation or a taxonomy generator.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from return_xml.facts.kinds import (
    CATEGORY,
    COUNT,
    CURRENCY,
    DAY,
    FAMILY,
    FLAG,
    LANGUAGE,
    MONEY,
    MOVEMENT,
    PRICE,
    TEXT,
    VERSION,
    Kind,
)
from return_xml.model import (
    ArrangementItem,
    AuthorisedClass,
    ConvertibleItem,
    Counter,
    Currency,
    FundsRaised,
    IssuedClass,
    MonthlyReturn,
    OptionItem,
    OtherMovement,
    Reading,
    SectionTotal,
    WarrantItem,
)

ItemFacts = Mapping[str, Any]
"""The facts of one list item, by their path below the item (``"close.shares"``)."""


@dataclass(frozen=True)
class Rule:
    """A condition on the facts of one item, and what to say when it does not hold."""

    holds: Callable[[ItemFacts], bool]
    reason: Callable[[ItemFacts], str]


@dataclass(frozen=True)
class Derived:
    """A fact that no single model attribute holds: how to read it, and how to put it back.

    ``put`` receives the keyword tree being built for the item's model object
    (``{"preceding": {"shares": Count(...)}, ...}``), after every plain term.
    """

    get: Callable[[Any], Reading | None]
    put: Callable[[dict[str, Any], Any], None]


@dataclass(frozen=True)
class Term:
    """One fact: ``path`` below its item, its kind, and the dotted model attribute behind it."""

    path: str
    kind: Kind
    attr: str | Derived
    label: str = ""
    only_when: Rule | None = None
    """The fact is written, and accepted, only when the item's other facts satisfy this."""


@dataclass(frozen=True)
class Group:
    """A list of the facts view (``options[k]``), the model tuple of the same name, and its rows."""

    name: str
    model: type
    terms: tuple[Term | Group, ...]
    label: str = ""
    listed: Rule | None = None
    """An item is listed only when its facts satisfy this (the others are left out)."""
    key: str | None = None
    """The path every item must give (structured input; a model always has it)."""
    item_label: str = ""


def _class_terms(*, full: bool) -> tuple[Term, ...]:
    category = Term("category", CATEGORY, "share_class.category", "Class of shares: ordinary, preference or other")
    if not full:
        return (category,)
    return (
        category,
        Term("class", TEXT, "share_class.class_name", "Class of shares"),
        Term("share_type", TEXT, "share_class.share_type", "Type of shares"),
        Term("listed", FLAG, "share_class.listed", "Listed on the Exchange"),
        Term("stock_code", TEXT, "share_class.stock_code", "Stock code"),
        Term("description", TEXT, "share_class.description", "Description"),
    )


_ISSUE_COLUMNS = (
    Term("shares_issued", COUNT, "shares_issued", "No. of new shares issued during the month pursuant thereto"),
    Term("shares_issuable", COUNT, "shares_issuable", "No. of new shares which may be issued as at close of the month"),
    Term("treasury_transferred", COUNT, "treasury_transferred",
         "No. of treasury shares transferred out during the month pursuant thereto"),
    Term("treasury_transferable", COUNT, "treasury_transferable",
         "No. of treasury shares which may be transferred out as at close of the month"),
)


def _price_terms(name: str, label: str, currency_label: str) -> tuple[Term, Term]:
    """A price of section III and its currency (``name`` and ``name_currency``): printed in one cell."""
    return (Term(name, PRICE, name, label), Term(f"{name}_currency", CURRENCY, f"{name}_currency", currency_label))


def _held_terms(name: str, moved: str, labels: tuple[str, str, str], *, with_movement: tuple[Term, ...] = ()) -> tuple[Term, ...]:
    """The figures held of a warrant or a convertible: at close of the preceding month, moved, at close of the month.

    ``with_movement``: terms printed with the movement, after its figure (a convertible's movement word).
    """
    preceding, movement, close = labels
    return (
        Term(f"{name}.preceding", MONEY, f"{name}_preceding", preceding),
        Term(f"{name}.{moved}", MONEY, f"{name}_{moved}", movement),
        *with_movement,
        Term(f"{name}.close", MONEY, f"{name}_close", close),
    )


def _instrument_tail(stock_code_label: str) -> tuple[Term, ...]:
    """The last columns of a warrant or a convertible: its stock code, class, approval date and share counts."""
    return (
        Term("stock_code", TEXT, "stock_code", stock_code_label),
        *_class_terms(full=False),
        Term("approval_date", DAY, "approval_date", "General meeting approval date"),
        *_ISSUE_COLUMNS,
    )


_ROWS = {"preceding": "Balance at close of preceding month", "movement": "Increase / decrease (-) during the month",
         "close": "Balance at close of the month"}


def _class_currency(block: AuthorisedClass) -> Reading | None:
    # The facts view has one currency per class: the first one printed with a par value or capital.
    rows = (block.preceding, block.movement, block.close)
    return next((c for row in rows if row for c in (row.par_value_currency, row.capital_currency)
                 if c is not None and c.value is not None), None)


def _spread_currency(tree: dict[str, Any], code: str) -> None:
    # Back in the model the class currency goes with each amount given.
    given = False
    for row in _ROWS:
        part = tree.get(row)
        for amount, currency in (("par_value", "par_value_currency"), ("capital", "capital_currency")):
            if part is not None and amount in part:
                part[currency] = Currency(code)
                given = True
    if not given:
        # A currency without any amount still has to be kept: it goes in the
        # first row (created when the class gives no figure at all).
        first = next((row for row in _ROWS if row in tree), "preceding")
        tree.setdefault(first, {})["par_value_currency"] = Currency(code)


def _authorised_rows() -> tuple[Term, ...]:
    terms = []
    for row, wording in _ROWS.items():
        terms.append(Term(f"{row}.shares", COUNT, f"{row}.shares", f"No. of authorised/registered shares: {wording}"))
        if row != "movement":
            terms.append(Term(f"{row}.par_value", PRICE, f"{row}.par_value", f"Par value: {wording}"))
        terms.append(Term(f"{row}.capital", MONEY, f"{row}.capital",
                          f"Authorised/registered share capital: {wording}"))
    return tuple(terms)


def _issued_rows() -> tuple[Term, ...]:
    columns = {"issued": "Number of issued shares (excluding treasury shares)", "treasury": "Number of treasury shares",
               "total": "Total number of issued shares"}
    return tuple(Term(f"{row}.{column}", COUNT, f"{row}.{column}", f"{label}: {wording}")
                 for row, wording in _ROWS.items() for column, label in columns.items())


def _funds(name: str, label: str) -> Group:
    return Group(name, FundsRaised, (
        Term("currency", CURRENCY, "currency", "Currency"),
        Term("amount", MONEY, "amount", "Amount"),
    ), label)


def _total(name: str, label: str) -> Group:
    return Group(name, SectionTotal, (
        Term("category", CATEGORY, "share_class.category", "Class of shares: ordinary, preference or other"),
        Term("class", TEXT, "share_class.class_name", "Class of shares"),
        Term("issued", COUNT, "issued", "Increase / (decrease) in issued shares"),
        Term("treasury", COUNT, "treasury", "Decrease / (increase) in treasury shares"),
    ), label, listed=_TOTAL_LISTED)


_TOTAL_LISTED = Rule(lambda item: "issued" in item or "treasury" in item,
                     lambda item: "a total line gives issued or treasury (or is left out)")

_MOVEMENT_COUNTS = (
    Term("shares_issued", COUNT, "shares_issued", "No. of new shares issued (or cancelled) during the month"),
    Term("treasury", COUNT, "treasury", "No. of treasury shares changed during the month"),
    Term("shares_issuable", COUNT, "shares_issuable", "No. of new shares which may be issued as at close of the month"),
)
_MOVEMENT_FIGURES = tuple(term.path for term in _MOVEMENT_COUNTS)
_MOVEMENT_LISTED = Rule(
    lambda item: (any(item.get(n) not in (None, 0) for n in _MOVEMENT_FIGURES)
                  or any(n in item for n in ("price", "event_date", "approval_date"))),
    lambda item: "an other movement is listed only when it gives a figure other than 0, a price or a date",
)
_DESCRIBED_WHEN_OTHER = Rule(
    lambda item: item.get("type") == "other",
    lambda item: f"only a movement of type 'other' has a description (this one is {str(item['type'])!r})",
)

AUTHORISED = Group("authorised", AuthorisedClass, (
    *_class_terms(full=True),
    Term("currency", CURRENCY, Derived(_class_currency, _spread_currency), "Currency of par value and capital"),
    *_authorised_rows(),
    Term("remarks", TEXT, "remarks", "Remarks"),
), "I. Movements in authorised / registered share capital")

ISSUED = Group("issued", IssuedClass, (
    *_class_terms(full=True),
    Group("multi_counter", Counter, (
        Term("stock_code", TEXT, "stock_code", "Stock code of the counter"),
        Term("description", TEXT, "description", "Description of the counter"),
    ), "Multi-counter stock codes"),
    *_issued_rows(),
    Term("public_float.complied", FLAG, "public_float.complied", "The public float requirement has been complied with"),
    Term("public_float.threshold", TEXT, "public_float.threshold", "Applicable public float threshold"),
    Term("remarks", TEXT, "remarks", "Remarks"),
), "II. Movements in issued shares and/or treasury shares")

OPTIONS = Group("options", OptionItem, (
    Term("scheme", TEXT, "scheme", "Particulars of share option scheme"),
    *_class_terms(full=False),
    Term("stock_code", TEXT, "share_class.stock_code", "Stock code of shares issuable"),
    Term("approval_date", DAY, "approval_date", "Date of approval by shareholders in general meeting"),
    *_price_terms("exercise_price", "Exercise price", "Currency of exercise price"),
    Term("outstanding.preceding", COUNT, "outstanding_preceding", "Number of share options outstanding at close of preceding month"),
    *(Term(f"movement.{name}", COUNT, name, f"Movement during the month: {name}")
      for name in ("granted", "exercised", "cancelled", "lapsed")),
    Term("outstanding.close", COUNT, "outstanding_close", "Number of share options outstanding at close of the month"),
    *_ISSUE_COLUMNS,
    Term("available_for_grant.preceding", COUNT, "available_for_grant_preceding",
         "Number of share options available for grant under the scheme mandate at close of preceding month"),
    Term("available_for_grant.close", COUNT, "available_for_grant_close",
         "Number of share options available for grant under the scheme mandate at close of the month"),
), "III A. Share options under share option schemes")

WARRANTS = Group("warrants", WarrantItem, (
    Term("description", TEXT, "description", "Description of warrants"),
    Term("expiry_date", DAY, "expiry_date", "Date of expiry"),
    Term("currency", CURRENCY, "currency", "Currency of nominal value"),
    *_held_terms("nominal", "exercised", ("Nominal value at close of preceding month", "Exercised during the month",
                                          "Nominal value at close of the month")),
    *_price_terms("subscription_price", "Subscription price", "Currency of subscription price"),
    *_instrument_tail("Stock code of the warrants"),
), "III B. Warrants to issue shares")

CONVERTIBLES = Group("convertibles", ConvertibleItem, (
    Term("description", TEXT, "description", "Description of the convertibles"),
    Term("type", TEXT, "type", "Type of the convertibles"),
    Term("currency", CURRENCY, "currency", "Currency of amount outstanding"),
    *_held_terms("amount", "converted", ("Amount at close of preceding month", "Converted (or movement) during the month",
                                         "Amount at close of the month"),
                 with_movement=(Term("movement", TEXT, "movement", "Movement during the month"),)),
    *_price_terms("conversion_price", "Subscription / conversion price", "Currency of conversion price"),
    *_instrument_tail("Stock code of the convertibles"),
), "III C. Convertibles")

ARRANGEMENTS = Group("arrangements", ArrangementItem, (
    Term("particulars", TEXT, "particulars", "Full particulars"),
    Term("approval_date", DAY, "approval_date", "General meeting approval date"),
    *_class_terms(full=False),
    *_ISSUE_COLUMNS,
), "III D. Any other agreements or arrangements to issue shares")

OTHER_MOVEMENTS = Group("other_movements", OtherMovement, (
    Term("type", MOVEMENT, "type", "Type of issue"),
    Term("description", TEXT, "description", "Description of the movement", only_when=_DESCRIBED_WHEN_OTHER),
    *_class_terms(full=False),
    Term("price", PRICE, "price", "Issue / repurchase / redemption price per share"),
    Term("currency", CURRENCY, "currency", "Currency of price"),
    Term("event_date", DAY, "event_date", "Issue and allotment date / cancellation or redemption date"),
    Term("approval_date", DAY, "approval_date", "General meeting approval date"),
    *_MOVEMENT_COUNTS,
), "III E. Other movements in issued shares and/or treasury shares", listed=_MOVEMENT_LISTED, key="type",
    item_label="other movement")

TOTALS = (
    _total("options_total", "Total A"),
    _total("warrants_total", "Total B"),
    _total("convertibles_total", "Total C"),
    _total("arrangements_total", "Total D"),
    _total("other_movements_total", "Total E"),
    _total("total_increase", "Total increase / (decrease) during the month (i.e. total of A to E)"),
)
_TOTAL_OF = {group.name: group for group in TOTALS}

RETURN = Group("", MonthlyReturn, (
    Term("form.family", FAMILY, "form.family", "Form: legacy template or FF301 e-form"),
    Term("form.version", VERSION, "form.version", "Form version"),
    Term("form.language", LANGUAGE, "form.language", "Language of the filing"),
    Term("issuer.name", TEXT, "header.issuer_name", "Name of issuer"),
    Term("period.end", DAY, "header.period_end", "For the month ended"),
    Term("submission.date", DAY, "header.submission_date", "Date submitted"),
    Term("submission.status", TEXT, "header.status", "Status: new submission or resubmission"),
    AUTHORISED,
    _funds("authorised_total", "Total authorised/registered share capital at the end of the month"),
    ISSUED,
    OPTIONS, _TOTAL_OF["options_total"],
    _funds("options_funds", "Total funds raised during the month from exercise of options"),
    WARRANTS, _TOTAL_OF["warrants_total"],
    CONVERTIBLES, _TOTAL_OF["convertibles_total"],
    ARRANGEMENTS, _TOTAL_OF["arrangements_total"],
    OTHER_MOVEMENTS, _TOTAL_OF["other_movements_total"],
    _TOTAL_OF["total_increase"],
    Term("remarks", TEXT, "remarks", "Remarks"),
    Term("signatory.name", TEXT, "signatory.name", "Submitted by"),
    Term("signatory.title", TEXT, "signatory.title", "Title"),
), "Monthly Return of Equity Issuer on Movements in Securities")
"""The whole vocabulary: its terms have no item prefix; its groups are the lists of the facts view."""
