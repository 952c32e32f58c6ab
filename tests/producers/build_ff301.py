"""Build the FF301 producer matrix (issue 14): tests/producers/ff301/pdf/*.pdf.

Each source tests/producers/ff301/<case>.facts.json (hand-written, in the facts view) is printed as the
FF301 e-form by:
  render  our own FF301 renderer (return_xml.render.ff301): the e-form's geometry, stroked cell borders
  html    an HTML page laid out as the e-form (ff301_html.py) -> Chromium print-to-PDF: borders drawn
          as thin filled strips, labels wrapped inside narrow cells, stacked column headings
  gs-html Ghostscript pdfwrite re-distil of the html PDF (as print-to-PDF drivers and Distiller-like tools do)
Run by `make producers`; the PDFs are committed (the tests need none of these programs).

The facts view does not say how the e-form filled in what it leaves out: a section III class block
shows the class of shares chosen (its stock code and description as in section II), and the
"Remarks:" boxes under III A-E hold the one `remarks` fact split where REMARKS says. Which section II
class an item of III B-E belongs to is not a fact either: CLASS_OF names it by the class's stock code
(an option scheme names it by its own `stock_code`).
"""

from __future__ import annotations

import dataclasses
import json
import re
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))
sys.path.insert(0, str(HERE.parent.parent / "src"))

from tests.producers.ff301_html import Page  # noqa: E402
from tests.producers.tools import chromium_pdf, ghostscript_pdf  # noqa: E402

from return_xml.facts_input import from_facts  # noqa: E402
from return_xml.model import MonthlyReturn, ShareClass  # noqa: E402
from return_xml.render.ff301 import render_pdf  # noqa: E402

SOURCES = HERE / "ff301"
OUT = SOURCES / "pdf"
ZH_FONT = "AR PL UMing TW"
ZH_SANS = "WenQuanYi Zen Hei"  # a second CJK family (a sans face: other glyph widths and ToUnicode maps)

# case -> the font the HTML page is printed with.
MATRIX = {"v102_en": "Liberation Sans", "v111_en": "DejaVu Sans", "zh": ZH_FONT, "v120_pref_en": "Liberation Serif",
          "zh_multi": ZH_SANS, "zh_tranches": ZH_SANS, "v101_en": "DejaVu Serif"}
# case -> the III sections whose "Remarks:" box holds each sentence of `remarks` (in order; the rest in the last).
REMARKS = {"v102_en": ("III.B", "III.D"), "v111_en": ("III.E",), "zh": ("III.D",), "v120_pref_en": ("III.C",),
           "zh_multi": ("III.A", "III.C"), "zh_tranches": ("III.A", "III.C"), "v101_en": ("III.A", "III.E")}
# case -> items of III (`other_movements[1]`) -> the stock code (or type of shares) of the section II class
# they belong to (the others: an option scheme's own stock code, else the first class of their category).
CLASS_OF = {"zh_multi": {"other_movements[1]": "601338"}, "zh_tranches": {"other_movements[1]": "601338"}}
# The cases whose html PDF is re-distilled by Ghostscript (`<case>_gs-html.pdf` from `<case>_html.pdf`).
GHOSTSCRIPT = ("v102_en", "v120_pref_en", "v101_en")
# ... and those re-distilled through Ghostscript 9's PDF interpreter (`<case>_gs9-html.pdf`, -dNEWPDF=false).
# Why the Chinese ones there: Ghostscript 10.00's new interpreter writes a wrong ToUnicode map for
# Chromium's subset CJK TrueType fonts (UMing and WenQuanYi Zen Hei alike): 月 reads "o", 上 "P", 有 "p",
# 公 "|" ("2025年5o31日"), so the text layer itself is damaged and no reader can read it from the text.
# Such a PDF is read again by OCR and never verified (RX-R-004); legacy/damaged/hshares_zh_gs-html.pdf
# is the one kept to show that.
GHOSTSCRIPT9 = ("zh", "zh_multi")


def _class_of(item_class: ShareClass, r: MonthlyReturn, stock_code: str | None) -> ShareClass:
    """The section II class an item of section III belongs to (the e-form prints it in the III block).

    ``stock_code`` names the class by its stock code, or by its type of shares (``A``) for a class without one.
    """
    same = [b.share_class for b in r.issued if b.share_class.category == item_class.category]
    for candidate in same:
        named = [c.value for c in (candidate.stock_code, candidate.share_type) if c is not None]
        if stock_code and stock_code in named:
            return candidate
    return same[0] if same else item_class


def with_classes(r: MonthlyReturn, facts: dict, class_of: dict[str, str] | None = None) -> MonthlyReturn:
    """``r`` with each section III item's class block as the e-form prints it."""
    changed = {}
    for name in ("options", "warrants", "convertibles", "arrangements", "other_movements"):
        items = []
        for k, item in enumerate(getattr(r, name)):
            code = (class_of or {}).get(f"{name}[{k}]") or (facts.get(f"{name}[{k}].stock_code") if name == "options" else None)
            items.append(dataclasses.replace(item, share_class=_class_of(item.share_class, r, code)))
        changed[name] = tuple(items)
    totals = {}
    for name in ("options_total", "warrants_total", "convertibles_total", "arrangements_total",
                 "other_movements_total", "total_increase"):
        totals[name] = tuple(t for t in getattr(r, name))
    return dataclasses.replace(r, **changed, **totals)


def section_remarks(case: str, remarks: str | None) -> list[tuple[str, str]]:
    """`remarks` split into sentences, one "Remarks:" box each, in the sections REMARKS names."""
    if not remarks:
        return []
    keys = REMARKS[case]
    if len(keys) == 1:
        return [(keys[0], remarks)]
    # An English sentence ends at ". ", a Chinese one at "。" (the facts view joins the boxes with a space).
    sentences = [s for s in re.split(r"(?<=\.) |(?<=。) ?", remarks.strip()) if s]
    if len(sentences) < len(keys):
        return [(keys[0], remarks)]
    parts = sentences[: len(keys) - 1] + [" ".join(sentences[len(keys) - 1:])]
    return list(zip(keys, parts))


def build(case: str, font: str) -> list[Path]:
    facts = json.loads((SOURCES / f"{case}.facts.json").read_text(encoding="utf-8"))
    r = with_classes(from_facts(facts), facts, CLASS_OF.get(case))
    made = []
    out = OUT / f"{case}_render.pdf"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(render_pdf(r))
    made.append(out)
    page = Page(r, font, section_remarks(case, facts.get("remarks")))
    with tempfile.TemporaryDirectory() as work:
        source = Path(work, f"{case}.html")
        source.write_text(page.build(), encoding="utf-8")
        made.append(chromium_pdf(source, OUT / f"{case}_html.pdf"))
    if case in GHOSTSCRIPT:
        made.append(ghostscript_pdf(OUT / f"{case}_html.pdf", OUT / f"{case}_gs-html.pdf"))
    if case in GHOSTSCRIPT9:
        made.append(ghostscript_pdf(OUT / f"{case}_html.pdf", OUT / f"{case}_gs9-html.pdf", legacy_interpreter=True))
    return made


def main(argv: list[str]) -> None:
    """Build every case of MATRIX, or only the cases named in ``argv``."""
    for case, font in MATRIX.items():
        if argv and case not in argv:
            continue
        for path in build(case, font):
            print(path.relative_to(HERE), path.stat().st_size)


if __name__ == "__main__":
    main(sys.argv[1:])
