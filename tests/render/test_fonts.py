"""Fonts of rendered returns (return_xml.render.fonts): Helvetica for Latin-1, a checked CJK font otherwise."""

from __future__ import annotations

import pytest

from return_xml.errors import FontError, ReturnXmlError
from return_xml.render import fonts

DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"  # TrueType, with dashes and quotes but no Chinese


@pytest.fixture
def cjk_font() -> str:
    """The CJK font the machine renders with (the Makefile installs fonts-wqy-zenhei)."""
    found = fonts.cjk_font_file()
    if found is None:
        pytest.fail("no CJK TrueType font installed (make installs fonts-wqy-zenhei)")
    return str(found)


@pytest.mark.parametrize("text", ["", "Balance at close", "Société Générale £1,000 ½"])
def test_latin_1_text_needs_no_cjk_font(text: str):
    assert not fonts.needs_cjk(text)


@pytest.mark.parametrize("text", ["股份", "Ordinary 普通股", "（1）", "1 – 2", "\u201cquoted\u201d"])
def test_a_character_beyond_latin_1_needs_the_cjk_font(text: str):
    # Dashes and curly quotes too: Helvetica's built-in encoding is Latin-1 only.
    assert fonts.needs_cjk(text)


def test_latin_text_is_drawn_in_helvetica_and_bold_in_helvetica_bold():
    assert fonts.font_for("Balance at close") == fonts.LATIN
    assert fonts.font_for("Balance at close", bold=True) == fonts.LATIN_BOLD


def test_chinese_text_is_drawn_in_the_cjk_font(cjk_font):
    name = fonts.font_for("股份發行人的證券變動月報表")
    assert name.startswith(fonts.CJK)
    assert fonts.font_for("普通股", bold=True) == name  # one CJK font, bold or not


def test_line_breaks_and_tabs_need_no_glyph(cjk_font):
    assert fonts.font_for("股份\n數目\t總額").startswith(fonts.CJK)


def test_a_font_without_a_glyph_for_the_text_is_refused_naming_the_character(monkeypatch):
    monkeypatch.setenv("RETURN_XML_CJK_FONT", DEJAVU)
    with pytest.raises(FontError) as raised:
        fonts.font_for("Class 股份")
    assert raised.value.code == "E-RENDER-FONT"
    assert isinstance(raised.value, ReturnXmlError)
    assert "U+80A1" in str(raised.value) and DEJAVU in str(raised.value)


def test_a_font_is_used_for_the_characters_it_has(monkeypatch):
    monkeypatch.setenv("RETURN_XML_CJK_FONT", DEJAVU)
    assert fonts.cjk_font_file() is not None and str(fonts.cjk_font_file()) == DEJAVU
    assert fonts.font_for("1 – 2").startswith(fonts.CJK)  # DejaVu Sans has the en dash


def test_a_configured_font_file_that_does_not_exist_is_no_font_not_a_fallback(monkeypatch, tmp_path):
    monkeypatch.setenv("RETURN_XML_CJK_FONT", str(tmp_path / "missing.ttf"))
    assert fonts.cjk_font_file() is None
    with pytest.raises(FontError, match="no CJK TrueType font"):
        fonts.font_for("股份")
    assert fonts.font_for("Latin only") == fonts.LATIN  # Latin text needs no CJK font at all


def test_a_file_that_is_no_font_is_refused_as_unusable(monkeypatch, tmp_path):
    bogus = tmp_path / "bogus.ttf"
    bogus.write_bytes(b"not a font")
    monkeypatch.setenv("RETURN_XML_CJK_FONT", str(bogus))
    with pytest.raises(FontError, match="cannot use the CJK font"):
        fonts.font_for("股份")


def test_width_grows_with_the_text_and_the_size():
    one, two = fonts.width("A", 9.0), fonts.width("AB", 9.0)
    assert 0 < one < two
    assert fonts.width("AB", 18.0) == pytest.approx(2 * two)
    assert fonts.width("Balance", 9.0, bold=True) > fonts.width("Balance", 9.0)
    assert fonts.width("", 9.0) == 0


def test_a_chinese_character_is_about_as_wide_as_the_font_size(cjk_font):
    # CJK glyphs are square, one em: far wider than a Latin letter at the same size.
    assert fonts.width("股", 9.0) == pytest.approx(9.0, abs=0.5)
    assert fonts.width("股份", 9.0) > fonts.width("AB", 9.0)
