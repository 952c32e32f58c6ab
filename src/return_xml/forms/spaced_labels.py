"""Label patterns widened for text that OCR recognised from a scan (issue 15).

A text layer prints a Chinese label as one run in the template's own punctuation:
``增加／（減少）``, ``股份期權（根據``.  Tesseract's Chinese model reads the same
label with a space between characters and around each mark, and with the
half-width form of the mark: ``增加 / (減少 )``, ``股份期權 (根據``.  ``spaced``
rewrites a label pattern so that both readings match: between two characters of
which one is an ideograph or a mark a space may stand, and each bracket, slash,
colon or comma matches either width.  The words themselves still decide; the
readers use the widened patterns on recognised pages only.
"""

from __future__ import annotations

import re

# Each mark, in either width, as one character class.
_WIDTHS = {
    "（": "[（(]", "\\(": "[（(]", "）": "[)）]", "\\)": "[)）]",
    "／": "[／/]", "/": "[／/]", "\\/": "[／/]", "：": "[:：]", "，": "[,，]", "、": "[、,，]",
}
# A class that names one width of a mark gains the other.
_CLASS_TWINS = {"（": "(", "(": "（", "）": ")", ")": "）", "／": "/", "/": "／", "：": ":", ":": "："}
_TOKEN = re.compile(
    r"\\.|\[(?:\\.|[^\]\\])*\]|\(\?(?:P<\w+>|P=\w+\)|<[=!]|[:=!])|\{\d*,?\d*\}|.",
    re.DOTALL,
)


def _is_wide(token: str) -> bool:
    """A token that OCR may print with a space beside it: an ideograph, a full-width mark or a mark's class."""
    if token in _WIDTHS.values():
        return True
    return len(token) == 1 and ord(token) >= 0x2E80


def _atom(token: str) -> bool:
    """A token that matches one character (a literal or a class), not an operator."""
    return token.startswith("[") or (len(token) == 1 and token not in "^$|()*+?.{}")


def _quantifier(token: str) -> bool:
    return token in ("*", "+", "?", "*?", "+?", "??") or token.startswith("{")


def _class_with_twins(token: str) -> str:
    body = token[1:-1]
    extra = "".join(twin for char, twin in _CLASS_TWINS.items() if char in body and twin not in body)
    if not extra:
        return token
    return "[" + body + "".join("\\" + c if c in "()" else c for c in extra) + "]"


def spaced(pattern: str) -> str:
    """``pattern`` as it must read text recognised by OCR: spaces beside ideographs and marks, marks in either width."""
    tokens = [_WIDTHS.get(t, _class_with_twins(t) if t.startswith("[") else t) for t in _TOKEN.findall(pattern)]
    out: list[str] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        index += 1
        if not (_atom(token) and _is_wide(token)):
            out.append(token)
            continue
        # A space may stand on either side of the ideograph or mark (after its quantifier, if any),
        # between it and what the pattern puts beside it: not at the edge of a group or an alternative.
        if index > 1 and not _opens(tokens[index - 2]):
            out.append(_SPACE)
        out.append(token)
        if index < len(tokens) and _quantifier(tokens[index]):
            out.append(tokens[index])
            index += 1
        if index < len(tokens) and tokens[index] not in (")", "|", "$"):
            out.append(_SPACE)
    joined = "".join(out)
    while _SPACE + _SPACE in joined:
        joined = joined.replace(_SPACE + _SPACE, _SPACE)
    return joined


def _opens(token: str) -> bool:
    """A token after which a pattern (or a group or an alternative of it) starts."""
    return token in ("^", "|", "(") or token.startswith("(?")


_SPACE = r"\s*"
