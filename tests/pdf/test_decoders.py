"""The two PDF decoders (pypdfium2, pdfplumber): same pages, same facts; cross-check; --decoder."""

from __future__ import annotations

import dataclasses
import gc
import json
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bad.pdfbuild import build
from cli_runs import run_cli as run
from return_xml import api, reading
from return_xml.errors import InputError
from return_xml.facts import facts_of
from return_xml.forms import read_document
from return_xml.pdf import DECODERS, DEFAULT_DECODER, open_pdf, pdfium, plumber
from return_xml.pdf.decoding import Char, dedupe, word_text, words
from return_xml.rules.crosscheck import differences, leaves

FF301 = "01723_2026-01_FF301-v1.2.0_en.pdf"


# --- tiny PDFs with text, rectangles, paths, a form XObject, a page rotation ----------------------


def _pdf(content: str, *, rotate: int = 0, form: str | None = None) -> bytes:
    """A one-page PDF drawing ``content`` (Helvetica as /F1; ``form`` as the XObject /X1)."""
    resources = "/Font << /F1 4 0 R >>" + (" /XObject << /X1 6 0 R >>" if form is not None else "")
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 400] /Rotate {rotate} /Resources << {resources} >> /Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
    ]
    if form is not None:
        objects.append(f"<< /Type /XObject /Subtype /Form /BBox [0 0 600 400] /Matrix [1 0 0 1 20 10] /Length {len(form)} >>\nstream\n{form}\nendstream")
    return build([body.encode("latin-1") for body in objects])


DRAWING = (
    "BT /F1 11 Tf 40 350 Td (Total A. Nil) Tj ET "
    "BT /F1 9 Tf 2 0 0.5 1 100 300 Tm (slanted) Tj ET "  # a slanted, stretched run
    "1 w 30 330 200 40 re S "  # a rectangle
    "250 100 m 350 100 l 350 150 l 250 150 l h S "  # a rectangle drawn as a closed path
    "400 100 m 450 120 l 480 100 l h f "  # a triangle: not a rectangle
    "10 10 50 50 re W n "  # a clipping path: nothing painted
    "q /X1 Do Q"  # (pdfminer keeps the form matrix after a bare Do: real PDFs wrap it in q/Q)
)
# Bold by overprinting.  PDFium drops the copy itself, so which copy survives
# the shared dedupe depends on the decoder once the page is rotated.
OVERPRINT = " BT /F1 10 Tf 300 200 Td (Bold) Tj ET BT /F1 10 Tf 300.3 200 Td (Bold) Tj ET"
FORM = "0.5 w 0 0 60 20 re S BT /F1 8 Tf 5 5 Td (in form) Tj ET"


def _close(p: float, q: float) -> bool:
    return abs(p - q) <= 2e-3  # PDFium computes in single precision


def _same_pages(path: Path) -> None:
    first, second = pdfium.decode(path, 10), plumber.decode(path, 10)
    assert len(first.pages) == len(second.pages) == 1
    a, b = first.pages[0], second.pages[0]
    assert (_close(a.width, b.width), _close(a.height, b.height), a.rotation) == (True, True, b.rotation)
    # PDFium itself drops an overprinted copy of a text object, which the shared dedupe drops anyway.
    chars_a, chars_b = dedupe(a.chars), dedupe(b.chars)
    assert [c.text for c in chars_a] == [c.text for c in chars_b]
    for x, y in zip(chars_a, chars_b):
        assert all(_close(getattr(x, k), getattr(y, k)) for k in ("x0", "top", "x1", "bottom", "size")), (x, y)
        assert x.upright == y.upright
    assert len(a.rects) == len(b.rects) == 3
    for r, s in zip(sorted(a.rects), sorted(b.rects)):
        assert all(_close(p, q) for p, q in zip(r, s)), (r, s)


@pytest.mark.parametrize("rotate", [0, 90, 180, 270])
def test_pdfium_gives_pdfplumbers_chars_boxes_and_rectangles(tmp_path, rotate):
    path = tmp_path / "drawing.pdf"
    path.write_bytes(_pdf(DRAWING, rotate=rotate, form=FORM))
    _same_pages(path)


def test_an_overprinted_upright_page_decodes_alike(tmp_path):
    path = tmp_path / "drawing.pdf"
    path.write_bytes(_pdf(DRAWING + OVERPRINT, form=FORM))
    _same_pages(path)


def test_both_decoders_give_the_same_pages_and_phrases(tmp_path):
    path = tmp_path / "drawing.pdf"
    path.write_bytes(_pdf(DRAWING + OVERPRINT, form=FORM))
    a, b = open_pdf(path, decoder="pdfium"), open_pdf(path, decoder="pdfplumber")
    assert (a.decoder, b.decoder) == ("pdfium", "pdfplumber")
    assert [p.text for p in a.pages[0].phrases] == [p.text for p in b.pages[0].phrases]
    assert "Total A. Nil" in [p.text for p in a.pages[0].phrases]  # the spaces inside a run join it into one phrase
    assert [p.text for p in a.pages[0].phrases].count("Bold") == 1  # the overprinted copy is gone
    assert a.pages[0].cells() == b.pages[0].cells()


def test_pdfium_reads_rectangles_on_first_use_while_the_document_is_open(tmp_path):
    path = tmp_path / "drawing.pdf"
    path.write_bytes(_pdf(DRAWING, form=FORM))
    with open_pdf(path, decoder="pdfium") as document:
        page = document.pages[0]
        assert "not read yet" in repr(page.rects)  # decoding did not read them
        assert len(page.rects) == 3 and page.cells()  # asked for: read now, then kept
    assert len(page.rects) == 3  # what was read stays after closing
    closed = open_pdf(path, decoder="pdfium")
    closed.close()
    closed.close()  # closing twice does nothing
    with pytest.raises(InputError, match="closed before the rectangles"):
        list(closed.pages[0].rects)


def test_a_text_object_of_spaces_only_is_put_back(tmp_path):
    # PDFium leaves such an object out of its text page; pdfminer keeps the space, and it joins the words.
    path = tmp_path / "spaces.pdf"
    path.write_bytes(_pdf("BT /F1 10 Tf 40 350 Td (Name) Tj ET BT /F1 10 Tf 67.0 350 Td ( ) Tj ET BT /F1 10 Tf 70.5 350 Td (of) Tj ET"))
    _phrases = [[p.text for p in open_pdf(path, decoder=d).pages[0].phrases] for d in DECODERS]
    assert _phrases == [["Name of"], ["Name of"]]


def test_metadata_is_read_by_both_decoders(tmp_path):
    body = _pdf("BT /F1 10 Tf 40 350 Td (x) Tj ET")
    info = b"7 0 obj\n<< /ReleaseVersion (1.2.0.2026Q1) /Title (A return) >>\nendobj\n"
    head, tail = body.split(b"xref\n", 1)
    # Rebuild with an /Info dictionary: simplest is to append the object and a fresh xref.
    path = tmp_path / "meta.pdf"
    objects_end = len(head)
    content = head + info
    offsets_text = tail.split(b"\n")
    count = int(offsets_text[0].split()[1])
    entries = offsets_text[2 : 2 + count - 1]
    xref = len(content)
    trailer = (
        f"xref\n0 {count + 2}\n0000000000 65535 f \n".encode()
        + b"\n".join(entries) + b"\n"
        + f"{objects_end:010d} 00000 f \n{objects_end:010d} 00000 n \n".encode()
        + f"trailer\n<< /Size {count + 2} /Root 1 0 R /Info 7 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    path.write_bytes(content + trailer)
    for decoder in DECODERS:
        metadata = open_pdf(path, decoder=decoder).metadata
        assert (metadata.get("ReleaseVersion"), metadata.get("Title")) == ("1.2.0.2026Q1", "A return"), decoder


def test_an_unknown_decoder_is_refused(tmp_path):
    path = tmp_path / "x.pdf"
    path.write_bytes(_pdf("BT /F1 10 Tf 40 350 Td (x) Tj ET"))
    with pytest.raises(InputError, match="unknown PDF decoder 'mupdf'"):
        open_pdf(path, decoder="mupdf")


def test_a_damaged_pdf_is_refused_by_the_pdfium_decoder(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n" + zlib.compress(b"not a pdf at all") * 20)
    with pytest.raises(InputError):
        pdfium.decode(path, 10)


# --- the steps both decoders share ------------------------------------------------------------------


def _char(text: str, x0: float, top: float, width: float = 5.0) -> Char:
    return Char(text, x0, top, x0 + width, top + 10.0, 10.0, True, "F")


def test_dedupe_drops_overprinted_copies_and_keeps_page_order():
    chars = [_char("A", 10, 10), _char("B", 15, 10), _char("A", 10.4, 10.3), _char("A", 40, 10)]
    assert [(c.text, c.x0) for c in dedupe(chars)] == [("A", 10), ("B", 15), ("A", 40)]


# Characters on a small grid, so that tops and left edges chain, overlap and
# tie: what the shared steps must decide exactly as pdfplumber does.
_GRID_CHARS = st.lists(
    st.builds(
        lambda text, x0, top, font, upright: Char(text, x0, top, x0 + 2.0, top + 3.0, 3.0, upright, font),
        st.sampled_from("AB "),
        st.integers(0, 24).map(lambda k: k * 0.375),
        st.integers(0, 24).map(lambda k: k * 0.375),
        st.sampled_from(["F1", "F2"]),
        st.booleans(),
    ),
    max_size=40,
)


def _as_pdfplumber(chars: list[Char]) -> list[dict]:
    return [
        {"text": c.text, "x0": c.x0, "x1": c.x1, "top": c.top, "doctop": c.top, "bottom": c.bottom, "size": c.size, "upright": c.upright, "fontname": c.fontname}
        for c in chars
    ]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(_GRID_CHARS)
def test_dedupe_keeps_what_pdfplumbers_dedupe_chars_keeps(chars):
    from pdfplumber.utils import dedupe_chars

    expected = [(c["text"], c["x0"], c["top"], c["fontname"], c["upright"]) for c in dedupe_chars(_as_pdfplumber(chars), tolerance=1)]
    assert [(c.text, c.x0, c.top, c.fontname, c.upright) for c in dedupe(chars)] == expected


@settings(max_examples=300, deadline=None, derandomize=True)
@given(_GRID_CHARS)
def test_words_are_pdfplumbers_words(chars):
    from pdfplumber.utils.text import WordExtractor

    plumber_chars = [{**c, "width": c["x1"] - c["x0"], "height": c["bottom"] - c["top"], "matrix": (1, 0, 0, 1, 0, 0)} for c in _as_pdfplumber(chars)]
    expected = [w["text"] for w in WordExtractor(x_tolerance=1.5, y_tolerance=2, keep_blank_chars=True).extract_words(plumber_chars)]
    assert [word_text(w) for w in words(chars)] == expected


def test_words_join_on_small_gaps_and_blanks_and_split_on_large_gaps():
    line = [_char("a", 10, 50), _char("b", 16, 50), _char(" ", 21, 50), _char("c", 26.4, 50), _char("d", 40, 50.5)]
    assert [word_text(w) for w in words(line)] == ["ab c", "d"]
    two_lines = [_char("x", 10, 50), _char("y", 15, 53)]
    assert [word_text(w) for w in words(two_lines)] == ["x", "y"]


def test_words_a_space_apart_without_a_space_character_are_one_phrase_with_a_space():
    # Cairo, Quartz and print drivers move the next word along instead of writing a space: a gap of
    # one space's advance (0.25-0.33 em; the size here is 10) between "of" and "new".
    line = [_char("o", 10, 50), _char("f", 15, 50), _char("n", 22.8, 50), _char("e", 27.8, 50)]
    assert [word_text(w) for w in words(line)] == ["of ne"]
    apart = [_char("o", 10, 50), _char("f", 15, 50), _char("n", 25, 50)]  # 5 pt: two cells' texts
    assert [word_text(w) for w in words(apart)] == ["of", "n"]
    chinese = [_char("股", 10, 50, 10.0), _char("本", 22.5, 50, 10.0)]  # no space between CJK characters
    assert [word_text(w) for w in words(chinese)] == ["股", "本"]
    recognised = [dataclasses.replace(c, confidence=90.0) for c in line]  # OCR spaces its own words
    assert [word_text(w) for w in words(recognised)] == ["of", "ne"]


# --- the real filings ---------------------------------------------------------------------------------


def _labelled(corpus: Path) -> list[Path]:
    return sorted(corpus.glob("*.pdf"))


def test_the_corpus_has_labelled_filings(corpus):
    assert len(_labelled(corpus)) >= 10


@pytest.mark.parametrize("index", range(10))
def test_facts_are_identical_with_both_decoders(corpus, index):
    path = _labelled(corpus)[index]
    readings = {name: read_document(open_pdf(path, decoder=name)) for name in ("pdfium", "pdfplumber")}
    facts = {name: facts_of(reading) for name, reading in readings.items()}
    assert facts["pdfium"] == facts["pdfplumber"]


def test_cross_check_finds_nothing_on_an_e_form(corpus):
    assert api.cross_check(corpus / FF301) == []


def test_a_difference_names_the_value_and_both_readings_with_their_boxes(corpus):
    reading = read_document(open_pdf(corpus / FF301, decoder="pdfium"))
    close = reading.issued[0].close
    misread = dataclasses.replace(close.issued, value=close.issued.value + 1, printed="478,272,001")
    other = dataclasses.replace(reading, issued=(dataclasses.replace(reading.issued[0], close=dataclasses.replace(close, issued=misread)),) + reading.issued[1:])
    found = differences(reading, other)
    assert [d.path for d in found] == ["issued[0].close.issued"]
    first, second = found[0].readings
    assert (first.decoder, first.value, first.printed, first.page, first.box) == (
        "pdfium", close.issued.value, close.issued.printed, close.issued.source.page, close.issued.source.box)
    assert (second.decoder, second.value, second.printed) == ("pdfplumber", close.issued.value + 1, "478,272,001")
    assert "issued[0].close.issued" in found[0].message() and "478,272,001" in found[0].message()


def test_leaves_walks_every_value_of_a_return(corpus):
    reading = read_document(open_pdf(corpus / FF301, decoder="pdfium"))
    paths = dict(leaves(reading))
    assert paths["issued[0].close.issued"] is reading.issued[0].close.issued
    assert paths["header.issuer_name"].value == reading.header.issuer_name.value


# --- the command line -----------------------------------------------------------------------------------




def test_cli_facts_with_either_decoder_agree_on_an_e_form(corpus, capsys):
    printed = {}
    for name in ("pdfium", "pdfplumber"):
        assert run("facts", "--decoder", name, str(corpus / FF301)) == 0
        printed[name] = json.loads(capsys.readouterr().out)
    assert printed["pdfium"] == printed["pdfplumber"]
    assert printed["pdfium"]["form.family"] == "FF301"


def test_cli_cross_check_passes_on_an_e_form(corpus, tmp_path, capsys):
    target = tmp_path / "out.xml"
    assert run("convert", "--decoder", "pdfium", "--cross-check", str(corpus / FF301), str(target)) == 0
    assert target.exists()
    assert "decoders differ" not in capsys.readouterr().err


def test_cli_refuses_an_unknown_decoder(corpus, capsys):
    assert run("facts", "--decoder", "mupdf", str(corpus / FF301)) == 2
    assert "mupdf" in capsys.readouterr().err


def test_cli_version(capsys):
    assert run("--version") == 0
    assert capsys.readouterr().out.strip() == "return-xml 0.1.0"


def test_the_default_decoder_is_a_known_one():
    assert DEFAULT_DECODER in DECODERS


def test_the_command_line_loads_no_library_before_a_command_needs_it():
    # `return-xml --help` and usage errors must not pay for the XML, rule and reader stack.
    program = "import sys, return_xml.cli; print(sorted(m for m in ('return_xml.api', 'lxml', 'pypdfium2', 'pdfplumber') if m in sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "[]"


@pytest.mark.parametrize(("filing", "other_reader"), [
    ("01149_2011-04_legacy-undated-layout_en.pdf", "return_xml.forms.ff301.reader"),
    (FF301, "return_xml.forms.legacy.reader"),
])
def test_a_worker_reading_a_text_layer_pdf_loads_only_what_it_reads_with(corpus, filing, other_reader):
    # What a worker is sent (reading.read_pdf_here) must not bring the XML side, the OCR decoder
    # or the other family's reader: each is time on a one-file convert's critical path (issue 18).
    program = (
        "import sys; from pathlib import Path; from return_xml.pdf import Limits; from return_xml.reading import read_pdf_here;"
        f"r = read_pdf_here(Path(sys.argv[1]), Limits(), None); assert r.issued, 'nothing read';"
        f"print(sorted(m for m in ('return_xml.api', 'lxml', 'return_xml.pdf.ocr', 'pytesseract', {other_reader!r}) if m in sys.modules))"
    )
    loaded = subprocess.run([sys.executable, "-c", program, str(corpus / filing)], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "[]"


def test_reading_a_pdf_pauses_the_cyclic_collector_and_restores_it(corpus, monkeypatch):
    seen = []
    real = reading.read_document
    monkeypatch.setattr(reading, "read_document", lambda document: seen.append(gc.isenabled()) or real(document))
    for enabled in (True, False):
        (gc.enable if enabled else gc.disable)()
        try:
            api.read_pdf(corpus / FF301)
            assert gc.isenabled() is enabled  # as it was before
        finally:
            gc.enable()
    assert seen == [False, False]  # paused while the document was read


def test_threads_reading_at_once_read_what_one_thread_reads(corpus):
    # PDFium is not thread-safe: the decoder lets one thread use it at a time.
    from concurrent.futures import ThreadPoolExecutor

    expected = facts_of(api.read_pdf(corpus / FF301))
    with ThreadPoolExecutor(max_workers=4) as pool:
        readings = list(pool.map(lambda _: facts_of(api.read_pdf(corpus / FF301)), range(8)))
    assert readings == [expected] * 8
