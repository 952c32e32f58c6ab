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
