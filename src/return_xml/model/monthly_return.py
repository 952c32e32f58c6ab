"""The sections of a monthly return, as frozen dataclasses.

Every field carries a one-line ``doc`` in its metadata: the XSD annotations and
``docs/xml-format.md`` are written from it, so the model is the one place where
the meaning of a field is stated.  Fields typed ``X | None`` are ``None`` when
the form edition has no such box; a box that exists but was left blank is a
value object whose ``value`` is ``None`` (see ``values.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from return_xml.model.values import Amount, Count, Currency, Day, Flag, Text


def doc(text: str, *, item: str | None = None, default: Any = None) -> Any:
    """A dataclass field documented with ``text``; ``item`` names list items in XML."""
    metadata = {"doc": text}
    if item:
        metadata["item"] = item
        return field(default=(), metadata=metadata)
    return field(default=default, metadata=metadata)


class Family(StrEnum):
    """The form family: the legacy Word/PDF template or the FF301 e-form."""

    LEGACY = "legacy"
    FF301 = "FF301"


class Language(StrEnum):
    """Language of the filing: English or Traditional Chinese."""

    EN = "en"
    ZH = "zh"


class Category(StrEnum):
    """The broad kind of a class of shares."""

    ORDINARY = "ordinary"
    PREFERENCE = "preference"
    OTHER = "other"


class MovementType(StrEnum):
    """Kinds of movement in section III E (other movements in issued shares)."""

    RIGHTS_ISSUE = "rights_issue"
    OPEN_OFFER = "open_offer"
    PLACING = "placing"
    BONUS_ISSUE = "bonus_issue"
    SCRIP_DIVIDEND = "scrip_dividend"
    REPURCHASE = "repurchase"
    REDEMPTION = "redemption"
    CONSIDERATION_ISSUE = "consideration_issue"
    CAPITAL_REORGANISATION = "capital_reorganisation"
    OTHER = "other"


@dataclass(frozen=True)
class FormInfo:
    """Which form this is, and how the reader decided it."""

    family: Family = doc("Form family: legacy template or FF301 e-form.", default=Family.FF301)
    version: str | None = doc("FF301: version printed in the footer (1.2.0); legacy: template edition, if printed.")
    language: Language = doc("Language of the filing.", default=Language.EN)
    detected_by: str | None = doc("The rule that decided the form version: metadata, footer or heading.")


@dataclass(frozen=True)
class Header:
    """The first lines of the return."""

    issuer_name: Text | None = doc("Name of issuer as printed, without any '(Incorporated in ...)' line.")
    period_end: Day | None = doc("The month ended (last day of the reported month).")
    submission_date: Day | None = doc("Date submitted.")
    status: Text | None = doc("FF301 status: 'new' or 'resubmission' (printed wording kept).")


@dataclass(frozen=True)
class ShareClass:
    """The class of shares a block, an item or a total refers to."""

    category: Category | None = doc("ordinary, preference or other.")
    class_name: Text | None = doc("FF301 'Class of shares' text, e.g. 'Ordinary shares'.")
    share_type: Text | None = doc("FF301 'Type of shares' (H, A ...); value absent for 'Not applicable'.")
    listed: Flag | None = doc("FF301 'Listed on the Exchange'.")
    stock_code: Text | None = doc("Stock code as printed, leading zeros kept.")
    description: Text | None = doc("Description of the class as printed.")


@dataclass(frozen=True)
class AuthorisedBalance:
    """One row of section I: a number of shares, a par value and a capital."""

    shares: Count | None = doc("Number of authorised/registered shares.")
    par_value_currency: Currency | None = doc("Currency of the par value.")
    par_value: Amount | None = doc("Par value per share.")
    capital_currency: Currency | None = doc("Currency of the authorised/registered share capital.")
    capital: Amount | None = doc("Authorised/registered share capital.")


@dataclass(frozen=True)
class AuthorisedClass:
    """Section I: one class block of authorised/registered share capital."""

    share_class: ShareClass = doc("The class of shares.", default=ShareClass())
    preceding: AuthorisedBalance | None = doc("Balance at close of preceding month.")
    movement: AuthorisedBalance | None = doc("Increase / decrease (-) during the month.")
    close: AuthorisedBalance | None = doc("Balance at close of the month.")
    remarks: Text | None = doc("Remark printed with the class block.")


@dataclass(frozen=True)
class FundsRaised:
    """An amount of money in one currency."""

    currency: Currency | None = doc("ISO 4217 currency code.")
    amount: Amount | None = doc("The amount.")


@dataclass(frozen=True)
class Counter:
    """FF301: one further stock code (counter) of a multi-counter class."""

    stock_code: Text | None = doc("Stock code of the counter.")
    description: Text | None = doc("Description of the counter.")


@dataclass(frozen=True)
class IssuedBalance:
    """One row of section II."""

    issued: Count | None = doc("Issued shares (FF301: excluding treasury shares).")
    treasury: Count | None = doc("FF301: treasury shares.")
    total: Count | None = doc("FF301: total number of issued shares.")


@dataclass(frozen=True)
class PublicFloat:
    """FF301 v1.2+: the public float sufficiency confirmation of a class."""

    complied: Flag | None = doc("True when the 'has been complied with' box is ticked.")
    threshold: Text | None = doc("The applicable public float threshold as printed.")
    additional_information: Text | None = doc("Additional information as printed.")


@dataclass(frozen=True)
class IssuedClass:
    """Section II: one class block (or legacy column) of issued shares."""

    share_class: ShareClass = doc("The class of shares.", default=ShareClass())
    multi_counter: tuple[Counter, ...] = doc("FF301 multi-counter stock codes.", item="counter")
    preceding: IssuedBalance | None = doc("Balance at close of preceding month.")
    movement: IssuedBalance | None = doc("Increase / decrease (-) during the month.")
    close: IssuedBalance | None = doc("Balance at close of the month.")
    public_float: PublicFloat | None = doc("FF301 v1.2+: public float sufficiency confirmation.")
    remarks: Text | None = doc("Remarks printed with the class block.")


@dataclass(frozen=True)
class OptionItem:
    """Section III A: one share option scheme line."""

    share_class: ShareClass = doc("Class of shares issuable under the scheme.", default=ShareClass())
    scheme: Text | None = doc("Particulars of the share option scheme as printed.")
    approval_date: Day | None = doc("Date of approval of the scheme by the general meeting.")
    exercise_price_currency: Currency | None = doc("Currency of the exercise price.")
    exercise_price: Amount | None = doc("Exercise price per share.")
    outstanding_preceding: Count | None = doc("Options outstanding at close of preceding month.")
    granted: Count | None = doc("Options granted during the month.")
    exercised: Count | None = doc("Options exercised during the month.")
    cancelled: Count | None = doc("Options cancelled during the month.")
    lapsed: Count | None = doc("Options lapsed during the month.")
    outstanding_close: Count | None = doc("Options outstanding at close of the month.")
    shares_issued: Count | None = doc("New shares issued during the month pursuant thereto.")
    treasury_transferred: Count | None = doc("FF301: treasury shares transferred out during the month.")
    shares_issuable: Count | None = doc("New shares which may be issued as at close of the month.")
    treasury_transferable: Count | None = doc("FF301: treasury shares which may be transferred out.")
    available_for_grant_preceding: Count | None = doc("FF301: options available for grant under the scheme mandate, preceding month.")
    available_for_grant_close: Count | None = doc("FF301: options available for grant under the scheme mandate, close of month.")


@dataclass(frozen=True)
class WarrantItem:
    """Section III B: one warrant line."""

    share_class: ShareClass = doc("Class of shares issuable on exercise.", default=ShareClass())
    description: Text | None = doc("Description of the warrants as printed.")
    stock_code: Text | None = doc("Stock code of the warrants, if listed.")
    expiry_date: Day | None = doc("Date of expiry.")
    currency: Currency | None = doc("Currency of the nominal value.")
    nominal_preceding: Amount | None = doc("Nominal value at close of preceding month.")
    nominal_exercised: Amount | None = doc("Nominal value exercised during the month.")
    nominal_close: Amount | None = doc("Nominal value at close of the month.")
    subscription_price_currency: Currency | None = doc("Currency of the subscription price.")
    subscription_price: Amount | None = doc("Subscription price per share.")
    approval_date: Day | None = doc("General meeting approval date.")
    shares_issued: Count | None = doc("New shares issued during the month pursuant thereto.")
    treasury_transferred: Count | None = doc("FF301: treasury shares transferred out during the month.")
    shares_issuable: Count | None = doc("Shares which may be issued as at close of the month.")
    treasury_transferable: Count | None = doc("FF301: treasury shares which may be transferred out.")


@dataclass(frozen=True)
class ConvertibleItem:
    """Section III C: one convertible line."""

    share_class: ShareClass = doc("Class of shares issuable on conversion.", default=ShareClass())
    description: Text | None = doc("Description of the convertibles as printed.")
    type: Text | None = doc("FF301 'Type of the Convertibles' (Bond/Notes ...).")
    stock_code: Text | None = doc("Stock code of the convertibles, if listed.")
    currency: Currency | None = doc("Currency of the amounts.")
    amount_preceding: Amount | None = doc("Amount at close of preceding month.")
    movement: Text | None = doc("FF301 movement during the month as text (Issued, Converted ...).")
    amount_converted: Amount | None = doc("Legacy: converted during the month; FF301: signed movement amount.")
    amount_close: Amount | None = doc("Amount at close of the month.")
    conversion_price_currency: Currency | None = doc("Currency of the conversion price.")
    conversion_price: Amount | None = doc("Subscription/conversion price.")
    approval_date: Day | None = doc("General meeting approval date.")
    shares_issued: Count | None = doc("New shares issued during the month pursuant thereto.")
    treasury_transferred: Count | None = doc("FF301: treasury shares transferred out during the month.")
    shares_issuable: Count | None = doc("Shares which may be issued (or transferred out of treasury) as at close of the month.")
    treasury_transferable: Count | None = doc("FF301: treasury shares which may be transferred out.")


@dataclass(frozen=True)
class ArrangementItem:
    """Section III D: one other agreement or arrangement to issue shares."""

    share_class: ShareClass = doc("Class of shares issuable.", default=ShareClass())
    particulars: Text | None = doc("Full particulars as printed.")
    approval_date: Day | None = doc("General meeting approval date.")
    shares_issued: Count | None = doc("New shares issued during the month pursuant thereto.")
    treasury_transferred: Count | None = doc("FF301: treasury shares transferred out during the month.")
    shares_issuable: Count | None = doc("Shares which may be issued as at close of the month.")
    treasury_transferable: Count | None = doc("FF301: treasury shares which may be transferred out.")


@dataclass(frozen=True)
class OtherMovement:
    """Section III E: one other movement in issued (or treasury) shares."""

    type: MovementType = doc("Kind of movement.", default=MovementType.OTHER)
    share_class: ShareClass = doc("Class of shares concerned.", default=ShareClass())
    description: Text | None = doc("Printed type or description of the movement.")
    currency: Currency | None = doc("Currency of the price.")
    price: Amount | None = doc("Issue, repurchase or redemption price per share.")
    event_date: Day | None = doc("Date of issue and allotment, cancellation or redemption.")
    approval_date: Day | None = doc("General meeting approval date.")
    shares_issued: Count | None = doc("Signed change in issued shares (FF301: excluding treasury).")
    treasury: Count | None = doc("FF301: signed change in treasury shares.")
    shares_issuable: Count | None = doc("Shares which may be issued (legacy) or pending cancellation (negative).")


@dataclass(frozen=True)
class SectionTotal:
    """One class line of a section total or of the grand total."""

    share_class: ShareClass = doc("Class of shares of the line.", default=ShareClass())
    issued: Count | None = doc("Increase / decrease in issued shares (FF301 AA1 ... EE1).")
    treasury: Count | None = doc("FF301: decrease / increase in treasury shares (AA2 ... EE2).")


@dataclass(frozen=True)
class SectionMark:
    """Whether a section of the form was filled in or marked 'Not applicable'."""

    section: str = doc("Section reference: I, II, III, III.A ... III.E, IV, V.", default="")
    applicable: bool = doc("False when the section is marked 'Not applicable'.", default=True)
    page: int | None = doc("Page where the section heading stands.")


# The words that open a reader's note on a form version the pages did not print legibly (OCR footers
# that agree on no known version): the rules do not vouch for such a reading (RX-R-005).
VERSION_IN_DOUBT = "the form's version was not read with certainty"


@dataclass(frozen=True)
class ReadingNote:
    """Something the reader noticed about the document itself, not a value of the return."""

    message: str = doc("What was noticed, in one sentence.", default="")
    page: int | None = doc("The page it concerns, if one.")


@dataclass(frozen=True)
class Signatory:
    """Who submitted the return."""

    name: Text | None = doc("'Submitted by'.")
    title: Text | None = doc("'Title' (Director, Secretary or other duly authorised officer).")


class Verdict(StrEnum):
    """What the converter says of its own reading of a return."""

    VERIFIED = "verified"
    NEEDS_REVIEW = "needs review"


@dataclass(frozen=True)
class UnreadFigure:
    """A figure printed on the pages that no value of the return accounts for.

    Neither a value read into the model nor the template's own text (item,
    page and note numbers, template dates): a figure the reader dropped, or
    one the filing printed where the form has no box.
    """

    figure: Text | None = doc("The figure as printed, with its page and box.")
    section: str | None = doc("Section of the form where it stands (I, II, III.A ...), when known.")


@dataclass(frozen=True)
class ReviewReason:
    """One reason why a reading is not verified: a rule finding or an unread figure."""

    code: str = doc("Stable code of the rule (RX-...; docs/rules.md).", default="")
    message: str = doc("What is wrong, naming the printed figures.", default="")
    path: str | None = doc("Model path of the value concerned (issued[0].close.issued), when one.")
    page: int | None = doc("Page concerned, when known.")


@dataclass(frozen=True)
class Audit:
    """The converter's check of its own reading: every printed figure accounted for, every rule holding."""

    verdict: Verdict = doc("verified, or needs review (with the reasons).", default=Verdict.NEEDS_REVIEW)
    figures: int = doc("How many figures printed on the pages were checked.", default=0)
    unread: tuple[UnreadFigure, ...] = doc("Printed figures that no value accounts for.", item="figure")
    reasons: tuple[ReviewReason, ...] = doc("Why the reading needs review (empty when verified).", item="reason")


@dataclass(frozen=True)
class MonthlyReturn:
    """A whole monthly return of an equity issuer on movements in securities."""

    form: FormInfo = doc("Form family, version and language.", default=FormInfo())
    header: Header = doc("Issuer, period and submission.", default=Header())
    sections: tuple[SectionMark, ...] = doc("Which sections are filled in or not applicable.", item="section")
    authorised: tuple[AuthorisedClass, ...] = doc("I. Authorised / registered share capital.", item="classBlock")
    authorised_total: tuple[FundsRaised, ...] = doc("Total authorised share capital at the end of the month, per currency.", item="total")
    issued: tuple[IssuedClass, ...] = doc("II. Issued shares (and treasury shares).", item="classBlock")
    options: tuple[OptionItem, ...] = doc("III A. Share options under share option schemes.", item="option")
    options_total: tuple[SectionTotal, ...] = doc("Total A (AA1/AA2) per class.", item="total")
    options_funds: tuple[FundsRaised, ...] = doc("Total funds raised from exercise of options, per currency.", item="funds")
    warrants: tuple[WarrantItem, ...] = doc("III B. Warrants to issue shares.", item="warrant")
    warrants_total: tuple[SectionTotal, ...] = doc("Total B (BB1/BB2) per class.", item="total")
    convertibles: tuple[ConvertibleItem, ...] = doc("III C. Convertibles.", item="convertible")
    convertibles_total: tuple[SectionTotal, ...] = doc("Total C (CC1/CC2) per class.", item="total")
    arrangements: tuple[ArrangementItem, ...] = doc("III D. Other agreements or arrangements to issue shares.", item="arrangement")
    arrangements_total: tuple[SectionTotal, ...] = doc("Total D (DD1/DD2) per class.", item="total")
    other_movements: tuple[OtherMovement, ...] = doc("III E. Other movements in issued shares.", item="movement")
    other_movements_total: tuple[SectionTotal, ...] = doc("Total E (EE1/EE2) per class.", item="total")
    total_increase: tuple[SectionTotal, ...] = doc("Total increase / decrease during the month (total of A to E).", item="total")
    hdr_information: Text | None = doc("FF301 IV: information about Hong Kong Depositary Receipts, as printed.")
    remarks: Text | None = doc("Remarks of the return.")
    signatory: Signatory | None = doc("Submitted by and title.")
    reading_notes: tuple[ReadingNote, ...] = doc(
        "What the reader noticed about the document itself (e.g. the PDF holds the same return twice).", item="note"
    )
    audit: Audit | None = doc("The figure audit and the verdict on the reading (absent for a return not checked).")
