"""Which characters are wide (Chinese ideographs, kana, full-width forms), told by code point.

Why not a regex character class: compiling ``[\\u3000-\\u30ff\\u3400-\\u9fff...]``
costs about 3 ms, as ``re`` builds a table over the whole Basic Multilingual
Plane, once per pattern and process.  Five such patterns cost some 13 ms at
the start of every conversion, English ones too (issue 18).
"""

from __future__ import annotations

import re

_SPACES = re.compile(r"\s+")
# The ideographic space U+3000 is both white space and wide: a run holding it is cut where the
# pattern cuts it, so such text takes the pattern (compiled on first use, through re's cache).
_WIDE_CLASS = "[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]"
_WIDE_SPACE = rf"\s+(?={_WIDE_CLASS})|(?<={_WIDE_CLASS})\s+"


def is_wide(char: str) -> bool:
    """Whether ``char`` is CJK punctuation, kana, an ideograph or a full-width form (U+3000-30FF, 3400-9FFF, F900-FAFF, FF00-FFEF)."""
    code = ord(char)
    return 0x3400 <= code <= 0x9FFF or 0x3000 <= code <= 0x30FF or 0xF900 <= code <= 0xFAFF or 0xFF00 <= code <= 0xFFEF


def is_ideograph(char: str) -> bool:
    """Whether ``char`` is a CJK ideograph: the unified block from Extension A (U+3400-9FFF) or a compatibility one (F900-FAFF)."""
    code = ord(char)
    return 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF


def is_unified_ideograph(char: str) -> bool:
    """Whether ``char`` is in U+3400-9FFF (Extension A and the unified ideographs)."""
    return 0x3400 <= ord(char) <= 0x9FFF


def without_wide_spaces(text: str) -> str:
    """``text`` without each run of white space that touches a wide character ("法定 / 註冊 股份 )" -> "法定/註冊股份)")."""
    if "\u3000" in text:
        return re.sub(_WIDE_SPACE, "", text)

    def kept(run: re.Match[str]) -> str:
        start, end = run.span()
        touches = (start > 0 and is_wide(text[start - 1])) or (end < len(text) and is_wide(text[end]))
        return "" if touches else run.group()

    return _SPACES.sub(kept, text)
