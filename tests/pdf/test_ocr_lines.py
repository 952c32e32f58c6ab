"""Lines the page's recognition lost or misread, read again alone (pdf/ocr_lines.py): small images only."""

from __future__ import annotations

from PIL import Image, ImageDraw, ImageFont

from return_xml.pdf import ocr, ocr_engine, ocr_lines
from return_xml.pdf.ocr import Word

PPP = 300 / 72  # pixels per point at 300 dpi


def _page_with(lines: dict[tuple[int, int], str]) -> Image.Image:
    """A white page (points 300 x 100 at 300 dpi) with ``text`` at each (x, y) point."""
    image = Image.new("L", (int(300 * PPP), int(100 * PPP)), 255)
    draw = ImageDraw.Draw(image)
    for (x, y), text in lines.items():
        draw.text((x * PPP, y * PPP), text, fill=0, font=ImageFont.load_default(size=int(9 * PPP)))
    return image


def _read(crop: Image.Image, psm: int) -> dict[str, list]:
    return ocr_engine.recognised(crop, ocr.ENGLISH, psm=psm, timeout=30)


def test_a_line_no_word_covers_is_read_alone():
    image = _page_with({(10, 10): "Balance", (10, 50): "Conversion price"})
    read_first = [Word("Balance", (10.0, 11.0, 45.0, 19.0), 95.0, (1, 1, 1))]
    words = ocr_lines.reread(image, read_first, PPP, _read)
    assert words[0] == read_first[0]
    found = words[1:]
    assert " ".join(w.text for w in found) == "Conversion price"
    assert all(50 <= w.box[1] <= 58 and w.line != read_first[0].line for w in found)
    assert len({w.line for w in found}) == 1  # one line of its own


def test_ink_between_the_words_of_a_line_read_is_not_read_again():
    image = _page_with({(10, 10): "Balance at close"})
    # a word box narrower than its ink ("at" left out): the gap is inside the line read
    read_first = [Word("Balance", (10.0, 11.0, 45.0, 19.0), 95.0, (1, 1, 1)), Word("close", (62.0, 11.0, 85.0, 19.0), 95.0, (1, 1, 1))]
    assert ocr_lines._uncovered_runs(image, read_first, PPP) == []


def test_a_line_read_with_low_confidence_is_replaced_only_by_a_better_trusted_reading():
    image = _page_with({(10, 10): "Balance"})
    first = [Word("Ba1ance", (10.0, 11.0, 45.0, 19.0), 20.0, (1, 1, 1))]
    again = ocr_lines.reread(image, first, PPP, _read)
    assert [w.text for w in again] == ["Balance"] and again[0].confidence > 60

    def unsure(crop: Image.Image, psm: int) -> dict[str, list]:
        data = _read(crop, psm)
        data["conf"] = [min(c, 25.0) for c in data["conf"]]
        return data

    assert ocr_lines.reread(image, first, PPP, unsure) == first  # not better trusted: the first reading stays


def test_specks_and_tall_ink_are_not_lines():
    image = Image.new("L", (int(300 * PPP), int(100 * PPP)), 255)
    draw = ImageDraw.Draw(image)
    draw.rectangle((50, 50, 55, 55), fill=0)  # a speck
    draw.rectangle((400, 20, 600, 20 + int(40 * PPP)), fill=0)  # a stamp 40 pt tall
    assert ocr_lines._uncovered_runs(image, [], PPP) == []


def test_runs_closer_than_the_gap_are_one():
    import numpy as np

    flags = np.array([0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 1], dtype=bool)
    assert ocr_lines._spans(flags) == [(1, 3), (5, 6), (10, 11)]
    assert ocr_lines._spans(flags, gap=3) == [(1, 6), (10, 11)]
