"""The kinds of "other movement" (section III E), recognised from their printed names.

Both the legacy template and the FF301 form list the same kinds; filers write
them in English or Chinese, sometimes in their own words.
"""

from __future__ import annotations

from return_xml.model import Language, MovementType

# One row per kind: its English and its Chinese names (regular expressions), in the order they are tried.
_NAMES: tuple[tuple[MovementType, str, str], ...] = (
    (MovementType.RIGHTS_ISSUE, r"rights issue", r"供股"),
    (MovementType.OPEN_OFFER, r"open offer", r"公開招股|公開發售"),
    (MovementType.PLACING, r"placing", r"配售"),
    (MovementType.BONUS_ISSUE, r"bonus issue", r"紅股"),
    (MovementType.SCRIP_DIVIDEND, r"scrip dividend", r"以股代息"),
    (MovementType.REPURCHASE, r"repurchase", r"購回"),
    (MovementType.REDEMPTION, r"redemption", r"贖回"),
    (MovementType.CONSIDERATION_ISSUE, r"consideration\s+issue", r"代價發行"),
    (
        MovementType.CAPITAL_REORGANISATION,
        r"capital\s+reorgani[sz]ation|share\s+consolidation|share\s+subdivision",
        r"資本重組|股份合併|股份拆細",
    ),
)

MOVEMENT_NAMES: dict[Language, tuple[tuple[str, MovementType], ...]] = {
    Language.EN: tuple((en, kind) for kind, en, _ in _NAMES),
    Language.ZH: tuple((zh, kind) for kind, _, zh in _NAMES),
}
