"""The FF301 editions the reader knows, and what each prints differently.

Every edition is read by the one reader in ``reader.py``; an edition is data:
the versions it covers, the labels it words differently from the v1.1 base
dictionaries of ``labels.py`` (per language), the boxes and table columns it
does not print, and tables whose single figure column has no header.  A
version that no edition covers is refused by the registry, never guessed.

What changed, edition by edition (see also docs/adding-a-form-version.md):
- v1.0.0 (2021) and v1.0.1 (2022): the class block opens with
  ``1. Type of shares`` and that box holds the class (``Ordinary shares``);
  the box labelled ``Class of shares`` holds the type (``H``, ``Not
  applicable``).  Section III blocks say ``Type of shares issuable`` and
  ``Shares issuable to be listed on SEHK``.  ``Listed on SEHK`` and
  ``Stock code`` (no "(if listed)").  Section II has one column of issued
  shares; no treasury columns anywhere; the grand total names the class
  inside its label (``... in Ordinary shares during the month (i.e. Total of
  A to E)``) with the figure on its right.
- v1.0.2 (2023): ``Class of shares`` and ``Type of shares`` swapped to
  today's wording; multi-counter stock codes (``Multi-counter stock code``
  rows) in the class blocks of section II.
- v1.1.x (June 2024): treasury shares.  Section II has three columns (issued
  excluding treasury, treasury, total); the III tables gain "transferred out
  of treasury" columns (A2 ... E2) and the totals AA2 ... EE2; ``Listed on the
  Exchange`` and ``Stock code (if listed)``.  This is the base wording.
- v1.2.x (2026): the public float sufficiency confirmation per class in
  section II; "may be issued" and "may be transferred out of treasury" merged
  into one column.

Trap: the Chinese wording of v1.0.x below is the English change carried
over to the Chinese labels of v1.1 (股份分類 = Class of shares, 股份類別 = Type
of shares); no Chinese v1.0.x filing was at hand to check it against.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from return_xml.forms.ff301.labels import BASE, Labels
from return_xml.model import Language


@dataclass(frozen=True)
class Edition:
    """One FF301 edition: the versions it covers and how its printing differs from the base."""

    name: str  # as listed in "known: ..." messages
    versions: str  # regular expression a detected version must match in full
    changes: str  # one line, for people
    text: Mapping[Language, Mapping[str, str | None]] = field(default_factory=dict)
    absent_columns: frozenset[str] = frozenset()
    single_columns: Mapping[str, str] = field(default_factory=dict)

    def covers(self, version: str) -> bool:
        return re.fullmatch(self.versions, version) is not None


_TREASURY_COLUMNS = frozenset({"treasury", "total", "treasury_transferred", "treasury_transferable"})

# Boxes that only v1.2 prints.
_NO_PUBLIC_FLOAT: dict[str, str | None] = {
    key: None
    for key in (
        "public_float",
        "public_float.complied",
        "public_float.not_complied",
        "public_float.threshold",
        "public_float.additional",
    )
}

# What every v1.0.x edition words differently from v1.1.
_V1_0_EN: dict[str, str | None] = {
    **_NO_PUBLIC_FLOAT,
    "listed": r"^(?:Shares issuable to be )?listed on SEHK",
    # Section III blocks name the class of the shares issuable: "1. Class of shares issuable",
    # "Stock code of shares issuable (if listed on SEHK) (Note 1)".
    "block.class": r"^\d+\.\s*Class of shares(?: issuable)?$",
    "block.type": r"^Type of shares(?: issuable)?$",
    "stock_code": r"^Stock code(?: of shares issuable)?(?:\s*\(if listed(?: on SEHK)?\))?(?:\s*\(Note\s*\d+\))?:?$",
    "grand_total.issued": (
        r"^Total increase\s*/\s*decrease\s*\(-\)\s*in (?P<class>.+?) during the month\s*\(i\.e\. Total of A to E\)"
    ),
    "grand_total.treasury": None,
}
_V1_0_ZH: dict[str, str | None] = {
    **_NO_PUBLIC_FLOAT,
    "listed": r"^(?:可予發行股份)?於香港聯交所上市",
    "block.class": r"^\d+\.\s*(?:可予發行)?股份分類$",
    "block.type": r"^(?:可予發行)?股份類別$",
    "stock_code": r"^(?:可予發行股份的)?證券代號(?:\s*[\(（]如(?:於香港聯交所)?上市[\)）])?(?:\s*[\(（]註\s*\d+[\)）])?[:：]?$",
    "grand_total.issued": (
        r"^本月[內内]合共增加\s*/\s*減少\s*\(-\)\s*(?P<class>.+?)\s*總額\s*[\(（]即\s*A\s*至\s*E\s*項的總和[\)）]"
    ),
    "grand_total.treasury": None,
}

# v1.0.0 and v1.0.1: the class box is labelled "Type of shares", the type box "Class of shares".
_SWAPPED_EN: dict[str, str | None] = {
    "block.class": r"^\d+\.\s*Type of shares(?: issuable)?$",
    "block.type": r"^Class of shares(?: issuable)?$",
    "multi_counter": None,
}
_SWAPPED_ZH: dict[str, str | None] = {
    "block.class": r"^\d+\.\s*(?:可予發行)?股份類別$",
    "block.type": r"^(?:可予發行)?股份分類$",
    "multi_counter": None,
}

_V1_0_COMMON: dict[str, Any] = dict(absent_columns=_TREASURY_COLUMNS, single_columns={"issued": "issued"})

EDITIONS: tuple[Edition, ...] = (
    Edition(
        "1.0.0",
        r"1\.0\.0",
        "first e-form: class box labelled 'Type of shares', one column of issued shares, no treasury",
        text={Language.EN: {**_V1_0_EN, **_SWAPPED_EN}, Language.ZH: {**_V1_0_ZH, **_SWAPPED_ZH}},
        **_V1_0_COMMON,
    ),
    Edition(
        "1.0.1",
        r"1\.0\.1",
        "as 1.0.0",
        text={Language.EN: {**_V1_0_EN, **_SWAPPED_EN}, Language.ZH: {**_V1_0_ZH, **_SWAPPED_ZH}},
        **_V1_0_COMMON,
    ),
    Edition(
        "1.0.2",
        r"1\.0\.2",
        "'Class of shares' and 'Type of shares' swapped to today's wording; multi-counter stock codes",
        text={Language.EN: _V1_0_EN, Language.ZH: _V1_0_ZH},
        **_V1_0_COMMON,
    ),
    Edition(
        "1.1.x",
        r"1\.1\.\d+",
        "treasury shares: three columns in II, A2..E2 columns, 'Listed on the Exchange', 'Stock code (if listed)'",
        text={Language.EN: _NO_PUBLIC_FLOAT, Language.ZH: _NO_PUBLIC_FLOAT},
    ),
    Edition(
        "1.2.x",
        r"1\.2\.\d+",
        "public float sufficiency confirmation per class; 'may be issued or transferred out of treasury' merged",
    ),
)


def edition_of(version: str | None) -> Edition | None:
    """The edition that covers ``version`` (``1.0.2``), or ``None`` when no edition does."""
    if not version:
        return None
    return next((edition for edition in EDITIONS if edition.covers(version)), None)


def known_editions() -> str:
    return ", ".join(edition.name for edition in EDITIONS)


_LABELS: dict[tuple[str, Language], Labels] = {}


def labels_for(edition: Edition, language: Language) -> Labels:
    """The label dictionary of ``edition`` in ``language``: the base, revised by the edition's data."""
    key = (edition.name, language)
    if key not in _LABELS:
        _LABELS[key] = BASE[language].revised(
            edition.text.get(language, {}),
            absent_columns=edition.absent_columns,
            single_columns=edition.single_columns,
        )
    return _LABELS[key]
