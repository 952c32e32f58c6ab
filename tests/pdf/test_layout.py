"""Form-agnostic reading helpers (return_xml.pdf.layout), on small constructed pages.

Each page is built from runs of text: a run becomes a phrase and its characters
(5 pt wide, 9 pt high; a space is a gap with no character), so that
``Page.text_in`` reads back what a decoder would give.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from return_xml.pdf.cell_text import join_lines
from return_xml.pdf.document import Char, Page, PdfDocument, Phrase
from return_xml.pdf.layout import (
    TOL,
    Column,
    Region,
    Slice,
    band_of,
    cell_rows,
    containing_cell,
    document_region,
    fold,
    lines_of,
    nearest_column,
    phrases_on_line,
    region_between,
    value_right_of,
)

ADVANCE, HEIGHT = 5.0, 9.0


def run(text: str, x0: float, top: float, page: int = 1) -> Phrase:
    """A phrase of ``text`` as the page builder lays it out (``ADVANCE`` a character)."""
    return Phrase(text, page, x0, top, x0 + ADVANCE * len(text), top + HEIGHT)


def page_of(phrases: list[Phrase], rects: list[tuple[float, float, float, float]] = (), number: int = 1) -> Page:
    """A page holding ``phrases`` (with their characters) and the rectangles ``rects``."""
    chars = []
    for p in phrases:
        for n, ch in enumerate(p.text):
            if ch != " ":
                x = p.x0 + n * ADVANCE
                chars.append(Char(ch, x, p.top, x + ADVANCE, p.bottom, HEIGHT))
    return Page(number, 841.89, 595.28, chars, list(rects), list(phrases))


# --- lines_of ---------------------------------------------------------------------


def test_phrases_at_one_height_are_one_line_left_to_right_whatever_their_order():
    right, left, middle = run("value", 300, 100), run("Label", 20, 100), run(":", 150, 100.5)
    assert lines_of([right, left, middle]) == [[left, middle, right]]


def test_lines_come_top_to_bottom_and_a_phrase_a_line_lower_starts_a_new_one():
    first, second = run("Balance at close", 20, 100), run("Increase", 20, 100 + 12)
    assert lines_of([second, first]) == [[first], [second]]


def test_a_phrase_slightly_off_the_line_stays_on_it_and_one_beyond_the_tolerance_does_not():
    anchor = run("a", 20, 100)
    near = run("b", 60, 100 + TOL.same_line - 0.5)
    far = run("c", 100, 100 + TOL.same_line + 1.0)
    assert lines_of([anchor, near, far]) == [[anchor, near], [far]]


def test_a_latin_run_beside_a_cjk_heading_is_on_its_line_though_their_centres_are_apart():
    # The box is the font's (descent to one em above): "I." in a Latin font and 法定股本變動 in a CJK
    # font with another descent put their centres 2.7 pt apart at 9 pt (Ghostscript re-distilled);
    # their boxes still share most of their height. A line below shares none.
    heading, number = run("法定股本變動", 85, 138.0), run("I.", 51, 138.0 + TOL.same_line + 0.2)
    below = run("1.", 51, 138.0 + HEIGHT + 2)
    assert lines_of([heading, number, below]) == [[number, heading], [below]]
    assert phrases_on_line(page_of([heading, number, below]), heading) == [number, heading]


def test_phrases_at_the_same_height_of_two_pages_are_two_lines_in_page_order():
    on_two, on_one = run("page two", 20, 100, page=2), run("page one", 20, 100, page=1)
    assert lines_of([on_two, on_one]) == [[on_one], [on_two]]


def test_no_phrases_are_no_lines():
    assert lines_of([]) == []


def test_an_item_number_printed_apart_from_its_heading_is_still_one_line_with_the_number_first():
    # Regression: LibreOffice and tab-stop layouts print "I." as a run of its own, a tab left of the
    # heading, often from a bolder font whose box sits a little higher; the two runs must make one line.
    number = Phrase("I.", 1, 20.0, 99.2, 28.0, 109.4)
    heading = run("Movements in Authorised Share Capital", 56.7, 100.0)
    assert lines_of([heading, number]) == [[number, heading]]


# --- phrases_on_line ----------------------------------------------------------------


def test_phrases_on_line_are_those_of_the_anchors_line_left_to_right():
    label, value, below = run("Name of Issuer", 20, 100), run("ACME Ltd", 200, 101), run("Date", 20, 115)
    other = run("Stock code", 400, 99)
    page = page_of([other, below, value, label])
    assert phrases_on_line(page, value) == [label, value, other]


# --- value_right_of -------------------------------------------------------------------


def test_the_value_of_a_label_is_the_text_to_its_right_on_its_line():
    label = run("Name of Issuer", 20, 100)
    page = page_of([label, run("ACME Holdings Ltd", 150, 100), run("Not this line", 150, 120)])
    value = value_right_of(page, label)
    assert value is not None and value.text == "ACME Holdings Ltd"
    assert value.x0 == 150 and value.page == 1


def test_a_value_printed_a_little_lower_than_its_label_is_still_its_value():
    label = run("Date", 20, 100)
    page = page_of([label, run("31 January 2026", 150, 100 + TOL.band_below - 1)])
    assert value_right_of(page, label).text == "31 January 2026"


def test_the_value_ends_before_the_next_label_that_matches_stops():
    label, next_label = run("Name of Issuer", 20, 100), run("Date", 300, 100)
    page = page_of([label, run("ACME Ltd", 150, 100), next_label, run("1 Jan", 350, 100)])
    assert value_right_of(page, label, stops=re.compile(r"^Date")).text == "ACME Ltd"
    # Without the stop the next label and its value are read as part of the value.
    assert value_right_of(page, label).text == "ACME Ltd Date 1 Jan"


def test_a_right_bound_cuts_the_value_there():
    label = run("Name of Issuer", 20, 100)
    page = page_of([label, run("ACME Ltd", 150, 100), run("remark", 400, 100)])
    assert value_right_of(page, label, right=300).text == "ACME Ltd"


def test_a_label_with_nothing_to_its_right_has_no_value():
    label = run("Remarks", 20, 100)
    assert value_right_of(page_of([label, run("below", 150, 130)]), label) is None


def test_in_a_ruled_row_the_value_is_read_from_the_labels_row_only():
    label = run("Stock code", 22, 104)
    # The value sits low in a tall row (beyond a line's band) and the next row's text is close below.
    value, next_row = run("00001", 150, 116), run("99999", 150, 128)
    rects = [(20, 100, 140, 126), (140, 100, 300, 126), (20, 126, 140, 150), (140, 126, 300, 150)]
    assert value_right_of(page_of([label, value, next_row], rects), label).text == "00001"


# --- containing_cell and band_of ------------------------------------------------------------


def test_a_phrase_belongs_to_the_cell_that_holds_its_centre_even_when_it_overflows():
    phrase = run("A long value that runs on", 105, 104)  # 105..230, centre 167.5
    page = page_of([phrase], [(20, 100, 100, 120), (100, 100, 200, 120), (200, 100, 300, 120)])
    assert containing_cell(page, phrase) == (100, 100, 200, 120)


def test_a_phrase_outside_every_cell_has_none():
    phrase = run("free text", 20, 300)
    assert containing_cell(page_of([phrase], [(20, 100, 200, 120)]), phrase) is None


def test_of_two_overlapping_cells_the_smaller_holds_the_phrase():
    phrase = run("x", 70, 8)  # centre (72.5, 12.5)
    wide, narrow = (0, 0, 200, 20), (50, 5, 100, 30)  # overlapping, neither encloses the other
    assert containing_cell(page_of([phrase], [wide, narrow]), phrase) == narrow


def test_a_frame_drawn_around_the_cells_is_no_cell():
    phrase = run("x", 30, 104)
    page = page_of([phrase], [(10, 90, 400, 200), (20, 100, 100, 120)])
    assert containing_cell(page, phrase) == (20, 100, 100, 120)


def test_a_label_in_a_cell_has_its_cells_heights_for_its_values():
    label = run("Stock code", 22, 104)
    assert band_of(page_of([label], [(20, 100, 140, 126)]), label) == (100, 126)


def test_a_free_label_has_its_line_and_a_little_below_for_its_values():
    label = run("Stock code", 22, 104)
    top, bottom = band_of(page_of([label]), label)
    assert top == pytest.approx(label.top - TOL.same_line)
    assert bottom == pytest.approx(label.bottom + TOL.band_below)


# --- cell_rows -----------------------------------------------------------------------------


def test_cells_whose_tops_nearly_meet_are_one_row_each_left_to_right():
    a, b, c = (20, 100, 60, 120), (60, 101.5, 100, 120), (100, 99.5, 140, 120)
    lower = (20, 120, 140, 140)
    assert cell_rows([lower, c, a, b]) == [[a, b, c], [lower]]


def test_a_cell_whose_top_is_beyond_the_edge_tolerance_starts_a_row():
    a, b = (20, 100, 60, 120), (60, 100 + TOL.same_edge + 0.5, 100, 120)
    assert cell_rows([a, b]) == [[a], [b]]


def test_no_cells_are_no_rows():
    assert cell_rows([]) == []


# --- nearest_column -----------------------------------------------------------------------------


def test_a_figure_under_the_edge_of_a_wide_heading_belongs_to_it_not_to_a_nearer_narrow_column():
    narrow, wide = Column("Par value", 40, 60), Column("Number of shares", 100, 400)
    figure = Phrase("1,000", 1, 70, 200, 110, 209)  # overlaps "Number of shares" only; "Par value" is nearer
    assert abs(narrow.centre - 90) < abs(wide.centre - 90)
    assert nearest_column(figure, [narrow, wide]) is wide


def test_a_figure_under_no_heading_goes_to_the_nearest_column():
    left, right = Column("Class", 20, 100), Column("Amount", 300, 400)
    assert nearest_column(run("12", 250, 200), [left, right]) is right
    assert nearest_column(run("12", 120, 200), [left, right]) is left


def test_a_figure_straddling_two_headings_goes_to_the_one_whose_centre_is_nearer():
    left, right = Column("Issued", 100, 200), Column("Treasury", 210, 400)
    figure = Phrase("5", 1, 190, 200, 260, 209)  # overlaps both; centre 225 is nearer 150 than 305
    assert nearest_column(figure, [left, right]) is left


def test_no_columns_give_no_column():
    assert nearest_column(run("12", 20, 20), []) is None


# --- fold --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "folded"),
    [("Balance at\nclose  of\tmonth ", "Balance at close of month"), ("  ", ""), ("one", "one"), ("股份\u3000數目", "股份 數目")],
)
def test_white_space_folds_to_single_spaces(text: str, folded: str):
    assert fold(text) == folded


# --- Region -----------------------------------------------------------------------------------


@pytest.fixture
def two_pages() -> Region:
    """Three sections over two pages: I and II on page 1 (II runs on to page 2), III on page 2."""
    one = page_of([run("I. Authorised", 20, 100), run("a", 20, 120), run("II. Issued", 20, 300), run("b", 20, 320)], number=1)
    two = page_of([run("c", 20, 50, page=2), run("III. Treasury", 20, 200, page=2), run("d", 20, 220, page=2)], number=2)
    return Region((Slice(one, 0, one.height), Slice(two, 0, two.height)))


HEADING = re.compile(r"^(?:I|II|III)\.")


def test_a_region_finds_every_matching_phrase_in_reading_order(two_pages):
    assert [p.text for p in two_pages.find(HEADING)] == ["I. Authorised", "II. Issued", "III. Treasury"]
    assert two_pages.find(re.compile("nowhere")) == []


def test_a_regions_first_match_is_the_earliest_or_none(two_pages):
    assert two_pages.first(re.compile(r"^[a-d]$")).text == "a"
    assert two_pages.first(re.compile("nowhere")) is None


def test_a_regions_text_is_its_phrases_joined_in_reading_order(two_pages):
    assert two_pages.text() == "I. Authorised a II. Issued b c III. Treasury d"


def test_a_region_split_at_headings_gives_each_section_up_to_the_next_across_pages(two_pages):
    sections = two_pages.split(two_pages.find(HEADING))
    assert [s.text() for s in sections] == ["I. Authorised a", "II. Issued b c", "III. Treasury d"]
    assert [s.page.number for s in sections[1].slices] == [1, 2]


def test_the_page_of_a_phrase_is_found_among_the_regions_slices(two_pages):
    c = two_pages.first(re.compile("^c$"))
    assert two_pages.page_of(c).number == 2


def test_region_between_starts_at_its_start_and_stops_before_its_end(two_pages):
    part = region_between(two_pages, (1, 300), (2, 200))
    assert part.text() == "II. Issued b c"
    # A phrase whose centre is at or below the end is outside: the end is exclusive.
    assert region_between(two_pages, (1, 0), (1, run("b", 20, 320).cy)).text() == "I. Authorised a II. Issued"


def test_region_between_without_an_end_runs_to_the_end_of_the_region(two_pages):
    assert region_between(two_pages, (2, 100), None).text() == "III. Treasury d"


def test_region_between_a_start_past_the_region_is_empty(two_pages):
    assert region_between(two_pages, (3, 0), None).slices == ()


def test_a_slice_holds_the_cells_between_its_heights():
    inside, across = (20, 100, 100, 120), (20, 190, 100, 260)
    page = page_of([], [inside, across])
    assert Slice(page, 90, 200).cells() == [inside]


def test_a_document_region_leaves_out_the_page_margins():
    page = page_of([run("FF301", 700, 20), run("Body", 20, 300), run("Page 1 of 1", 20, 560)])
    region = document_region(PdfDocument(Path("synthetic.pdf"), {}, [page]), margin_top=40, margin_bottom=40)
    assert region.text() == "Body"


def test_wrapped_lines_broken_beside_a_chinese_character_join_without_a_space():
    assert join_lines(["本公司發行的1.5%", "可換股債券，本金總額為200,000,000", "美元"]) == "本公司發行的1.5%可換股債券，本金總額為200,000,000美元"
    assert join_lines(["股份", "數目"]) == "股份數目"
    assert join_lines(["Share Option", "Scheme"]) == "Share Option Scheme"
