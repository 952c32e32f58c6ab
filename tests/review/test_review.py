"""The review page and the render font check (issue 17)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from return_xml import api

DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def test_review_outlines_every_fact_with_a_box(corpus, tmp_path):
    from return_xml.facts import fact_leaves

    pdf = corpus / "unlabelled" / "01149_2012-08_legacy-undated-layout_en.pdf"
    result = api.review(pdf, tmp_path / "r.html", scale=0.2)
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    for path, leaf in fact_leaves(result.monthly_return).items():
        if leaf.source is not None and leaf.source.box is not None:
            assert f'data-path="{path}"' in html
    assert "RX-III-003" in html


def test_render_refuses_a_font_without_the_glyph(corpus, tmp_path, monkeypatch):
    target = tmp_path / "out.pdf"
    env = {"RETURN_XML_CJK_FONT": DEJAVU}
    import os
    run = subprocess.run([sys.executable, "-m", "return_xml", "render", str(corpus / "00328_2024-12_FF301-v1.1.1_zh.pdf"), str(target)],
                         capture_output=True, text=True, env={**os.environ, **env})
    assert run.returncode != 0
    assert "E-RENDER-FONT" in run.stderr
    assert not target.exists()


def _most_pages(corpus) -> tuple[int, object]:
    """The corpus filing (labelled or unlabelled) with the most pages, and its page count."""
    import pypdfium2 as pdfium

    counted = []
    for pdf in sorted(corpus.glob("*.pdf")) + sorted((corpus / "unlabelled").rglob("*.pdf")):
        document = pdfium.PdfDocument(str(pdf))
        counted.append((len(document), pdf))
        document.close()
    return max(counted, key=lambda c: c[0])


REPRESENTATIVE = {
    # what is reviewed -> how the corpus file is picked (by the form family and kind the corpus's names state)
    "ff301": lambda c: sorted(c.glob("*FF301*_en.pdf"))[0],
    "legacy": lambda c: sorted(c.glob("*legacy*_zh.pdf"))[0],
    "needs review": lambda c: c / "unlabelled" / "01149_2012-08_legacy-undated-layout_en.pdf",
    "scanned": None,  # the first pages of a scanned rendition (the scan_excerpt fixture): OCR costs a second a page
}


@pytest.mark.parametrize("kind", sorted(REPRESENTATIVE))
def test_review_command_on_representative_filings(corpus, scan_excerpt, tmp_path, kind):
    """The CLI writes one self-contained page: every page drawn inline, the verdict on top, no network."""
    import re

    import pypdfium2 as pdfium

    from cli_runs import run_cli

    pdf = scan_excerpt("legacy-undated-layout_en", 3) if kind == "scanned" else REPRESENTATIVE[kind](corpus)
    target = tmp_path / "review.html"
    code = run_cli("review", str(pdf), str(target))
    html = target.read_text(encoding="utf-8")
    document = pdfium.PdfDocument(str(pdf))
    pages = len(document)
    document.close()
    images = re.findall(r'<img src="([^"]*)"[^>]*loading="lazy"', html)
    assert len(images) == pages and all(i.startswith("data:image/jpeg;base64,") for i in images)
    assert not re.search(r'(src|href)="(?!data:)[^"#]', html)  # nothing fetched: no URL but data: and fragments
    assert "default-src 'none'" in html
    verdict = re.search(r'id="verdict">([^<]*)<', html).group(1)
    if kind == "scanned":
        # Read by OCR: values outlined like any others, and never vouched for below the confidence threshold.
        assert code == 0
        assert verdict.startswith("needs review") and "RX-R-003" in html
        assert 'class="mark' in html
    else:
        assert code == 0
        result = api.read_pdf(pdf)
        assert verdict.startswith(result.audit.verdict.value)
        assert verdict.startswith("needs review") == (kind == "needs review")
        for reason in result.audit.reasons:
            assert reason.code in html


def test_review_of_the_longest_filing_stays_small(corpus, tmp_path):
    """The longest corpus filing (30 pages): JPEG pages at the default scale keep the page at a few megabytes."""
    pages, pdf = _most_pages(corpus)
    assert pages >= 20
    api.review(pdf, tmp_path / "long.html")
    size = (tmp_path / "long.html").stat().st_size
    assert size < pages * 150_000, f"{size} bytes for {pages} pages"
