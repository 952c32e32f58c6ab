"""Legacy headings whose item number is a run of its own (return_xml.forms.legacy.headings)."""

from __future__ import annotations

from return_xml.forms.legacy.headings import with_item_numbers_joined
from return_xml.pdf.document import Phrase


def run(text: str, x0: float, top: float, page: int = 1) -> Phrase:
    return Phrase(text, page, x0, top, x0 + 5.0 * len(text), top + 9.0)


def test_an_item_number_printed_a_tab_apart_from_its_heading_is_joined_to_it():
    # Regression: a tab-stop layout prints "I." and its heading as two runs, and the section
    # labels (which match "I. Movements ...") found no heading.
    number = Phrase("I.", 1, 20.0, 99.2, 28.0, 109.4)
    heading = run("Movements in Authorised Share Capital", 56.7, 100.0)
    below = run("Balance at close of preceding month", 20.0, 130.0)
    joined = with_item_numbers_joined([heading, number, below])
    assert [p.text for p in joined] == ["I. Movements in Authorised Share Capital", below.text]
    assert (joined[0].x0, joined[0].x1) == (number.x0, heading.x1)
    assert (joined[0].top, joined[0].bottom) == (number.top, number.bottom)


def test_a_lettered_part_number_is_joined_to_its_heading():
    joined = with_item_numbers_joined([run("(A)", 20, 200), run("Share Options", 60, 200)])
    assert [p.text for p in joined] == ["(A) Share Options"]


def test_an_item_number_far_left_of_the_next_text_is_left_alone():
    far = [run("II.", 20, 100), run("Issued", 400, 100)]
    assert with_item_numbers_joined(far) == far


def test_an_item_number_on_a_line_of_its_own_is_not_joined_to_the_next_line():
    apart = [run("III.", 20, 100), run("Details of Movements", 40, 115)]
    assert with_item_numbers_joined(apart) == apart


def test_a_heading_printed_in_one_run_is_unchanged():
    whole = [run("I. Movements in Authorised Share Capital", 20, 100)]
    assert with_item_numbers_joined(whole) is whole


def test_an_item_of_section_iii_starts_at_its_number_with_or_without_a_space_after_it():
    # Regression: "1.Share Option" (no space after the number, as one issuer typed it) was not an
    # item, and the whole scheme went unread (its printed date was then an unread figure).
    from return_xml.forms.legacy.labels import LEGACY_LABELS
    from return_xml.model import Language

    for language in (Language.EN, Language.ZH):
        item = LEGACY_LABELS[language]["item_number"]
        assert all(item.match(text) for text in ("1. Share Option", "1.Share Option", "12.", "2."))
        assert not any(item.match(text) for text in ("2.30", "0.10 per share", "Share 1."))
