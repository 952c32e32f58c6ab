"""FF301 balance rows on a scan whose first figure cell took the row label with it (issue 15)."""

from __future__ import annotations

from return_xml.forms.ff301.tables import _right_of_label
from return_xml.pdf.document import Char, Page, Phrase


def _page(recognised: bool) -> Page:
    text = "Balance at close of preceding month"
    chars = [Char(c, 23 + 4 * k, 311, 27 + 4 * k, 320, 9.0) for k, c in enumerate(text)]
    chars += [Char(c, 345 + 4.4 * k, 311, 349 + 4.4 * k, 320, 9.0) for k, c in enumerate("10,000,000,000")]
    return Page(1, 842, 595, chars, [], recognised=recognised)


def test_a_figure_cell_spanning_the_row_label_is_cut_right_of_the_label_on_a_scan():
    page = _page(recognised=True)
    label = Phrase("Balance at close of preceding month", 1, 23.0, 311.0, 167.0, 320.0, 96.0)
    box = _right_of_label(page, label, (20.0, 306.0, 408.0, 324.0))
    assert box[0] > label.x1 and box[1:] == (306.0, 408.0, 324.0)
    assert page.text_in(box).text == "10,000,000,000"
    # a cell right of the label stays as it is
    assert _right_of_label(page, label, (241.0, 306.0, 408.0, 324.0)) == (241.0, 306.0, 408.0, 324.0)


def test_a_text_layer_cell_stays_as_drawn():
    label = Phrase("Balance at close of preceding month", 1, 23.0, 311.0, 167.0, 320.0)
    assert _right_of_label(_page(recognised=False), label, (20.0, 306.0, 408.0, 324.0)) == (20.0, 306.0, 408.0, 324.0)
