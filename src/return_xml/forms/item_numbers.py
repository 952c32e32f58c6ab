"""Item numbers of the form's headings, matched as OCR reads them as well as printed.

A heading pattern of a label table starts with its item number: ``^II\\.\\s*Movements``.
Tesseract reads the Roman ``I`` of a scanned heading as ``l``, ``1`` or ``|`` ("Il.",
"Ill.") and a full stop as a comma, so a scanned return would lose its sections.  The
label tables keep the printed form; ``tolerant`` widens only the item number at the
start of a pattern, so what must follow it (the heading's own words) still decides.
"""

from __future__ import annotations

import re

_LEADING_ROMAN = re.compile(r"^\^(?P<numeral>[IV]+)\\\.")
_LEADING_LETTER = re.compile(r"^\^\\\((?P<letter>[A-E])\\\)\\\.")
_LOOKALIKE = {"I": "[Il1|!]", "V": "[Vv]"}
_STOP = r"\s*[.,·]"


def tolerant(pattern: str) -> str:
    """``pattern`` with its leading item number (``I.`` to ``V.``, ``(A).`` to ``(E).``) as OCR may read it."""
    roman = _LEADING_ROMAN.match(pattern)
    if roman:
        numeral = "".join(_LOOKALIKE[c] for c in roman["numeral"])
        return f"^{numeral}{_STOP}" + pattern[roman.end():]
    letter = _LEADING_LETTER.match(pattern)
    if letter:
        return rf"^[(（]\s*{letter['letter']}\s*[)）]{_STOP}" + pattern[letter.end():]
    return pattern


def number_blind(pattern: str) -> str | None:
    """``pattern`` with its leading item number replaced by any short token; None without an item number.

    Why: Tesseract's Chinese model reads a Roman ``II.`` as one ideograph ("山") or drops
    it.  Such a token cannot name the section; the caller must decide by the form's
    order and the heading's place on the page, never by the token.
    """
    for leading in (_LEADING_ROMAN, _LEADING_LETTER):
        found = leading.match(pattern)
        if found:
            return r"^\S{1,3}\s*[.,·]?\s*" + re.sub(r"^(?:\\s\*)+", "", pattern[found.end():])
    return None
