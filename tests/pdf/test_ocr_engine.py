"""Tesseract kept loaded (pdf/ocr_engine.py) and the fast image steps (pdf/scan_image.py): small images only."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from return_xml.pdf import ocr, ocr_engine, scan_image


def _figures_image() -> Image.Image:
    image = Image.new("L", (520, 90), 255)
    ImageDraw.Draw(image).text((20, 20), "1,234,567", fill=0, font=ImageFont.load_default(size=44))
    return image


def test_the_numpy_median_is_pillows_median_filter_across_bands():
    rng = np.random.default_rng(7)
    pixels = rng.integers(0, 256, size=(scan_image.BAND_ROWS + 37, 61), dtype=np.uint8)
    image = Image.fromarray(pixels)
    assert np.array_equal(np.asarray(scan_image.median3(image)), np.asarray(image.filter(ImageFilter.MedianFilter(3))))


def test_a_rule_across_a_band_boundary_is_one_rule():
    ink = np.zeros((scan_image.BAND_ROWS * 2, 400), dtype=bool)
    edge = scan_image.BAND_ROWS
    ink[edge - 2 : edge + 2, 10:300] = True  # 4 pixel rows, two in each band
    ink[100:110, 50:60] = True  # a blot: too short for a rule
    assert scan_image._runs(ink, length=40, thickness=6) == [(10.0, float(edge - 2), 300.0, float(edge + 2))]


def test_words_come_with_boxes_and_confidences_and_the_recogniser_is_kept():
    data = ocr_engine.recognised(_figures_image(), ocr.ENGLISH, psm=7, timeout=30, whitelist=ocr.FIGURE_CHARACTERS)
    words = [(text, conf, left) for text, conf, left in zip(data["text"], data["conf"], data["left"]) if conf >= 0 and text.strip()]
    assert [w[0] for w in words] == ["1,234,567"]
    assert 0 < words[0][1] <= 100 and 10 <= words[0][2] <= 40
    loaded = len(ocr_engine._POOL[(ocr.ENGLISH, ocr.FIGURE_CHARACTERS)])
    ocr_engine.recognised(_figures_image(), ocr.ENGLISH, psm=7, timeout=30, whitelist=ocr.FIGURE_CHARACTERS)
    # reused, not loaded again (earlier tests of a whole run may have left one per thread)
    assert len(ocr_engine._POOL[(ocr.ENGLISH, ocr.FIGURE_CHARACTERS)]) == loaded >= 1


def test_the_tesseract_program_is_the_fallback_with_the_same_columns(monkeypatch):
    kept = ocr_engine.recognised(_figures_image(), ocr.ENGLISH, psm=7, timeout=30)
    monkeypatch.setattr(ocr_engine, "tesserocr_available", lambda: False)
    program = ocr_engine.recognised(_figures_image(), ocr.ENGLISH, psm=7, timeout=30)
    assert set(kept) <= set(program)

    def words(data):
        return [t for t, c in zip(data["text"], data["conf"]) if float(c) >= 0 and t.strip()]

    assert words(kept) == words(program) == ["1,234,567"]


def test_missing_language_data_is_a_clear_input_error(monkeypatch, tmp_path):
    from return_xml.errors import InputError

    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path))
    monkeypatch.setattr(ocr_engine, "TESSDATA_FOLDERS", (str(tmp_path),))
    with pytest.raises(InputError, match="tesseract-ocr-eng"):
        ocr_engine.tessdata()
