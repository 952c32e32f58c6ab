"""The pure model of a monthly return: frozen dataclasses, no PDF, no XML."""

from return_xml.model.monthly_return import (
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
    ReadingNote,
    SectionMark,
    SectionTotal,
    ShareClass,
    Signatory,
    WarrantItem,
)
from return_xml.model.values import Amount, Box, Count, Currency, Day, Flag, Reading, Source, Text

__all__ = [
    "Amount", "ArrangementItem", "AuthorisedBalance", "AuthorisedClass", "Box",
    "Category", "ConvertibleItem", "Count", "Counter", "Currency", "Day", "Family", "Flag",
    "FormInfo", "FundsRaised", "Header", "IssuedBalance", "IssuedClass", "Language",
    "MonthlyReturn", "MovementType", "OptionItem", "OtherMovement", "PublicFloat", "Reading", "ReadingNote",
    "SectionMark", "SectionTotal", "ShareClass", "Signatory", "Source", "Text", "WarrantItem",
]
