"""The kinds of "other movement" (section III E), recognised from their printed names.

Both the legacy template and the FF301 form list the same kinds; filers write
them in English or Chinese, sometimes in their own words.
"""

from __future__ import annotations

from return_xml.model import Language, MovementType

MOVEMENT_NAMES: dict[Language, tuple[tuple[str, MovementType], ...]] = {
    Language.EN: (
        (r"rights issue", MovementType.RIGHTS_ISSUE),
        (r"open offer", MovementType.OPEN_OFFER),
        (r"placing", MovementType.PLACING),
        (r"bonus issue", MovementType.BONUS_ISSUE),
        (r"scrip dividend", MovementType.SCRIP_DIVIDEND),
        (r"repurchase", MovementType.REPURCHASE),
        (r"redemption", MovementType.REDEMPTION),
        (r"consideration\s+issue", MovementType.CONSIDERATION_ISSUE),
        (
            r"capital\s+reorgani[sz]ation|share\s+consolidation|share\s+subdivision",
            MovementType.CAPITAL_REORGANISATION,
        ),
    ),
    Language.ZH: (
        (r"供股", MovementType.RIGHTS_ISSUE),
        (r"公開招股|公開發售", MovementType.OPEN_OFFER),
        (r"配售", MovementType.PLACING),
        (r"紅股", MovementType.BONUS_ISSUE),
        (r"以股代息", MovementType.SCRIP_DIVIDEND),
        (r"購回", MovementType.REPURCHASE),
        (r"贖回", MovementType.REDEMPTION),
        (r"代價發行", MovementType.CONSIDERATION_ISSUE),
        (r"資本重組|股份合併|股份拆細", MovementType.CAPITAL_REORGANISATION),
    ),
}
