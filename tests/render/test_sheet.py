"""The page-flow engine of the renderer (return_xml.render.sheet): wrapping, page flow, the PDF it draws."""

from __future__ import annotations

import pytest

from return_xml.errors import FontError
from return_xml.pdf import open_pdf
from return_xml.pdf.cell_text import join_lines
from return_xml.render import fonts
from return_xml.render.sheet import GAP, MIN_SIZE, PAD, Cell, Sheet, line_height, wrap

DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"  # a TrueType font without Chinese glyphs


def widest(lines: list[str], size: float) -> float:
    return max(fonts.width(line, size) for line in lines)


# --- wrap -----------------------------------------------------------------------------


def test_text_wraps_at_spaces_into_lines_no_wider_than_the_width():
    text = "Number of shares issued and fully paid up at the close of the month"
    lines, size = wrap(text, 80, 9.0)
    assert len(lines) > 1 and size == 9.0
    assert widest(lines, size) <= 80
    assert " ".join(lines) == text


def test_wrapping_fills_each_line_before_starting_the_next():
    lines, size = wrap("Number of shares issued and fully paid", 80, 9.0)
    for line, following in zip(lines, lines[1:]):
        assert fonts.width(f"{line} {following.split()[0]}", size) > 80


def test_printed_line_breaks_are_kept():
    assert wrap("Line one\nLine two", 500, 9.0) == (["Line one", "Line two"], 9.0)


def test_no_text_is_no_lines_at_the_given_size():
    assert wrap("", 100, 9.0) == ([], 9.0)


def test_a_word_wider_than_the_width_is_drawn_smaller_only_as_far_as_it_needs():
    word = "Confirmations"
    assert fonts.width(word, 9.0) > 40
    lines, size = wrap(word, 40, 9.0)
    assert lines == [word]
    assert MIN_SIZE < size < 9.0
    assert fonts.width(word, size) <= 40 < fonts.width(word, size + 0.5)


def test_a_latin_word_too_wide_even_at_the_smallest_size_is_not_broken():
    # A word broken in two would read back with a space inside it.
    word = "Supercalifragilisticexpialidocious"
    lines, size = wrap(f"{word} end", 20, 9.0)
    assert size == MIN_SIZE
    assert lines == [word, "end"]


def test_a_chinese_word_that_fits_when_smaller_shrinks_rather_than_breaks_in_the_legacy_layout():
    text = "股份數目總額"
    lines, size = wrap(text, 28, 9.0)
    assert lines == [text]
    assert size < 9.0 and fonts.width(text, size) <= 28


def test_a_chinese_word_too_wide_at_the_smallest_size_breaks_between_characters_in_the_legacy_layout():
    text = "股份數目總額" * 3
    lines, size = wrap(text, 20, 9.0)
    assert size == MIN_SIZE and len(lines) > 1
    assert "".join(lines) == text
    assert widest(lines, size) <= 20


def test_chinese_wraps_between_any_two_characters_at_full_size_in_the_ff301_layout():
    text = "股份數目總額"
    lines, size = wrap(text, 28, 9.0, join_wide=True)
    assert size == 9.0 and len(lines) > 1
    assert widest(lines, size) <= 28
    assert join_lines(lines) == text


def test_a_space_between_two_chinese_words_is_no_place_to_break_in_the_ff301_layout():
    # The FF301 reader joins wrapped Chinese lines without a space: a break at this space would lose it.
    text = "股份 數目 總額"
    lines, size = wrap(text, 20, 9.0, join_wide=True)
    assert len(lines) > 1
    assert join_lines(lines) == text


def test_latin_text_in_the_ff301_layout_still_wraps_at_spaces():
    text = "Number of shares issued"
    lines, _ = wrap(text, 60, 9.0, join_wide=True)
    assert len(lines) > 1 and join_lines(lines) == text


# --- line_height -----------------------------------------------------------------------


def test_a_line_is_a_fifth_taller_than_its_font_size():
    assert line_height(10.0) == pytest.approx(12.0)
    assert line_height(9.0) == pytest.approx(10.8)
    assert line_height(MIN_SIZE) < line_height(9.0)


# --- Sheet: pages -------------------------------------------------------------------------


def test_a_sheet_starts_with_one_empty_page_at_the_top_of_its_content():
    sheet = Sheet(top=40, bottom=530)
    assert sheet.page_number == 1 and sheet.pages == [[]]
    assert sheet.y == 40


def test_a_new_page_starts_at_the_top_again():
    sheet = Sheet(top=40, bottom=530)
    sheet.gap(100)
    sheet.new_page()
    assert sheet.page_number == 2 and sheet.y == 40


def test_room_starts_a_new_page_only_when_the_height_does_not_fit():
    sheet = Sheet(top=40, bottom=530)
    sheet.gap(400)
    sheet.room(90)  # 440 + 90 = 530: fits exactly
    assert sheet.page_number == 1
    sheet.room(91)
    assert sheet.page_number == 2 and sheet.y == 40


def test_an_element_taller_than_a_page_goes_on_the_page_it_starts_rather_than_on_endless_new_ones():
    sheet = Sheet(top=40, bottom=530)
    sheet.room(1000)
    assert sheet.page_number == 1


def test_a_line_moves_down_by_its_height_and_space():
    sheet = Sheet(top=40)
    top = sheet.line((20, "Name of Issuer"), size=9.0, space=6.0)
    assert top == 40 and sheet.y == pytest.approx(40 + line_height(9.0) + 6.0)


def test_a_string_that_would_reach_the_next_is_moved_right_to_keep_a_gap():
    sheet = Sheet()
    sheet.line((20, "Name of Issuer"), (30, "ACME Ltd"))
    _label, value = sheet.pages[0]
    assert value.x == pytest.approx(20 + fonts.width("Name of Issuer", 9.0) + GAP)


def test_a_row_draws_each_cell_as_its_own_rectangle_and_grows_for_wrapped_text():
    sheet = Sheet(top=40)
    short = sheet.row([Cell(100, "one line"), Cell(100, "also one")], x=20)
    tall = sheet.row([Cell(100, "a text long enough to wrap over several lines"), Cell(100, "x")], x=20)
    rects = [op for op in sheet.pages[0] if hasattr(op, "shade")]
    assert [(r.x0, r.x1) for r in rects] == [(20, 120), (120, 220)] * 2
    assert short[0] == 40 and tall[0] == short[1]
    assert tall[1] - tall[0] > short[1] - short[0]
    assert sheet.y == tall[1]


def test_right_aligned_cell_text_ends_at_the_cells_padding():
    sheet = Sheet()
    sheet.row([Cell(100, "1,000", align="right")], x=20)
    (text,) = [op for op in sheet.pages[0] if hasattr(op, "text")]
    assert text.x + fonts.width("1,000", 9.0) == pytest.approx(120 - PAD)


def test_text_no_font_can_draw_is_refused_while_the_page_is_laid_out(monkeypatch):
    monkeypatch.setenv("RETURN_XML_CJK_FONT", DEJAVU)
    sheet = Sheet()
    with pytest.raises(FontError):
        sheet.text(20, 40, "股份")
    assert sheet.pages == [[]]


# --- Sheet: the PDF ---------------------------------------------------------------------------


def _two_page_sheet(**options) -> Sheet:
    sheet = Sheet(**options)
    sheet.line((20, "Name of Issuer"), (30, "ACME Ltd"))
    sheet.new_page()
    sheet.row([Cell(120, "Balance at close"), Cell(80, "1,000", align="right")], x=20)
    return sheet


def test_the_pdf_is_a_pdf_and_the_same_pages_give_the_same_bytes():
    first, second = _two_page_sheet(title="t").pdf(), _two_page_sheet(title="t").pdf()
    assert first.startswith(b"%PDF")
    assert first == second


def test_each_string_reads_back_as_its_own_phrase_on_its_page(tmp_path):
    target = tmp_path / "sheet.pdf"
    target.write_bytes(_two_page_sheet().pdf())
    with open_pdf(target) as document:
        assert len(document.pages) == 2
        assert [p.text for p in document.pages[0].phrases] == ["Name of Issuer", "ACME Ltd"]
        assert [p.text for p in document.pages[1].phrases] == ["Balance at close", "1,000"]
        assert len(document.pages[1].cells()) == 2


def test_decorate_is_called_for_each_page_knowing_the_page_count():
    calls = []
    sheet = _two_page_sheet(decorate=lambda s, number, total: calls.append((number, total)))
    assert sheet.pdf().startswith(b"%PDF")
    assert calls == [(1, 2), (2, 2)]


def test_a_break_beside_a_chinese_character_keeps_the_text_in_the_ff301_layout():
    # Chinese text sets figures and Latin letters among its characters without spaces; a space
    # beside one ("H 股") is no place to break: the reader joins such a break without a space.
    for text in ("本金總額為200,000,000美元的1.5%可換股債券", "已發行 H 股及 A 股的數目總額"):
        lines, _ = wrap(text, 30, 9.0, join_wide=True)
        assert len(lines) > 1 and join_lines(lines) == text, lines
