"""wide_chars tells wide characters by code point exactly as the regex classes it replaces did."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from return_xml.pdf.wide_chars import is_ideograph, is_unified_ideograph, is_wide, without_wide_spaces

WIDE = r"[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]"
WIDE_SPACE = re.compile(rf"\s+(?={WIDE})|(?<={WIDE})\s+")
# Every edge of the ranges, white space of both widths, and plain text.
EDGES = [chr(c) for c in (0x2FFF, 0x3000, 0x30FF, 0x3100, 0x33FF, 0x3400, 0x9FFF, 0xA000, 0xF8FF, 0xF900, 0xFAFF,
                          0xFB00, 0xFEFF, 0xFF00, 0xFFEF, 0xFFF0)]
TEXT = st.text(st.sampled_from([*EDGES, " ", "\t", "\n", "\u2002", "a", "1", ",", "(", "法", "（"]), max_size=14)


def test_each_character_is_told_as_the_classes_tell_it() -> None:
    wide, ideograph, unified = re.compile(WIDE), re.compile(r"[\u3400-\u9fff\uf900-\ufaff]"), re.compile(r"[\u3400-\u9fff]")
    for code in range(0x2F00, 0x10000):
        char = chr(code)
        assert is_wide(char) == bool(wide.match(char)), hex(code)
        assert is_ideograph(char) == bool(ideograph.match(char)), hex(code)
        assert is_unified_ideograph(char) == bool(unified.match(char)), hex(code)
    assert not is_wide("a") and not is_ideograph("\U00020000")


@given(TEXT)
def test_spaces_beside_wide_characters_go_as_the_pattern_takes_them(text: str) -> None:
    assert without_wide_spaces(text) == WIDE_SPACE.sub("", text)


def test_a_space_between_latin_words_stays() -> None:
    assert without_wide_spaces("法定 / 註冊 股份 ) Par value") == "法定/註冊股份) Par value"
