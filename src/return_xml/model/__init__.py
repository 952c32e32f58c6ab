"""The pure model of a monthly return: frozen dataclasses, no PDF, no XML."""

from return_xml.model.monthly_return import (
    VERSION_IN_DOUBT,
    ArrangementItem,
    Audit,
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
    ReadingNote,
    ReviewReason,
    SectionMark,
    SectionTotal,
    ShareClass,
    Signatory,
    UnreadFigure,
    Verdict,
    WarrantItem,
)
from return_xml.model.values import Amount, Box, Count, Currency, Day, Flag, Reading, Source, Text

__all__ = [
    "Amount", "ArrangementItem", "Audit", "AuthorisedBalance", "AuthorisedClass", "Box",
    "Category", "ConvertibleItem", "Count", "Counter", "Currency", "Day", "Family", "Flag",
    "FormInfo", "FundsRaised", "Header", "IssuedBalance", "IssuedClass", "Language",
    "MonthlyReturn", "MovementType", "OptionItem", "OtherMovement", "PublicFloat", "Reading", "ReadingNote", "ReviewReason",
    "SectionMark", "SectionTotal", "ShareClass", "Signatory", "Source", "Text", "UnreadFigure", "Verdict", "VERSION_IN_DOUBT",
    "WarrantItem",
]
