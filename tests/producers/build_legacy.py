"""Build the legacy-template producer matrix (issue 14): tests/producers/legacy/pdf/*.pdf.

Each source tests/producers/legacy/<case>.facts.json (hand-written, in the facts view) is laid out as
the legacy template (legacy_form.py) and printed by real producers:
  table  .docx with bordered tables            -> LibreOffice Writer
  tabs   .docx laid out with tab stops, no table -> LibreOffice Writer
  html   HTML tables                             -> Chromium print-to-PDF
  gs     Ghostscript pdfwrite re-distil of one of the above (Ghostscript 10's PDF interpreter)
  gs9    the same through Ghostscript 9's interpreter (-dNEWPDF=false), for Chromium's CJK fonts
Not in the matrix: damaged/, PDFs whose text layer a producer damaged (DAMAGED says how), kept to
show that such a file is never verified.
Run by `make producers`; the PDFs are committed (the tests need none of these programs).
"""

from __future__ import annotations

import html
import json
import sys
import tempfile
import textwrap
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from tests.producers.legacy_form import Form, PageBreak, Para, Style, Table, legacy_form  # noqa: E402
from tests.producers.tools import chromium_pdf, ghostscript_pdf, libreoffice_pdf  # noqa: E402

SOURCES = HERE / "legacy"
OUT = SOURCES / "pdf"
DAMAGED_OUT = SOURCES / "damaged"
ZH_FONT = "AR PL UMing TW"

# How each issuer filled in its return (the facts do not say how a zero or a date was printed).
STYLES = {
    "mbgem": Style(header="For Main Board and GEM listed issuers", nil="Nil", date="d/m/yyyy", dollar="$"),
    "nopar": Style(footer="March 2019", nil="--", date="words", no_par_remark=True),
    "gem": Style(header="For GEM listed issuers", nil="---", date="dd/mm/yyyy"),
    "hshares": Style(header="For Main Board and GEM listed issuers", nil="0", date="dd/mm/yyyy"),
    "consol": Style(header="For Main Board and GEM listed issuers", footer="March 2019", nil="NIL", date="d/m/yyyy",
                    dollar="HK$"),
    # The HDR title over the ordinary legacy sections, the web copy's heading "Issued SharesShare Capital",
    # a parenthesis in the name and a defined-term tag after it, a space before a date's slash.
    "hdr": Style(header="For Main Board and GEM listed issuers", nil="--", date="d/m/yyyy", period_date="d /m/yyyy",
                 title="Monthly Return for Hong Kong Depositary Receipts listed under Chapter 19B of the Exchange "
                       "Listing Rules on Movements in Securities",
                 ii_heading="Movements in Issued SharesShare Capital", name_tag=' (the "Company")'),
    # An issuer incorporated in Canada: "Unlimited" shares of "No par value", Canadian dollars, the revised heading.
    "unltd": Style(nil="Nil", date="words", ii_heading="Movements in Issued Shares",
                   incorporated="(Incorporated in British Columbia, Canada with limited liability)",
                   unlimited=("Common shares", "CAD")),
    # Dates written out, in the header and in section III E's slots ("(2 August 2018)").
    "words": Style(header="For GEM listed issuers", nil="Nil", date="words"),
    # H and A shares with "See Remark (1)" typed after the A shares' description, and N/A (no figure) in
    # the movement cells of section II, as some issuers print for a month without movement.
    "seeremark": Style(header="For Main Board and GEM listed issuers", nil="N/A", date="d/m/yyyy"),
    # The Chinese returns of the same two issuers (a style of its own where the wording is Chinese).
    "hdr_zh": Style(header="For Main Board and GEM listed issuers", nil="--", date="d/m/yyyy", period_date="d /m/yyyy",
                    title="根據《上市規則》第十九B章上市的香港預託證券的證券變動月報表",
                    name_tag="（「本公司」）"),
    "unltd_zh": Style(nil="Nil", date="words", incorporated="（於加拿大不列顛哥倫比亞省註冊成立的有限公司）",
                      unlimited=("普通股", "CAD")),
}
# case -> producers (and the fonts they print with); gs re-distils the PDF of the producer named after it.
MATRIX = {
    "mbgem_en": {"table": "Liberation Serif", "tabs": "DejaVu Sans", "html": "Liberation Sans", "gs:tabs": None},
    "mbgem_zh": {"table": ZH_FONT, "tabs": ZH_FONT, "html": ZH_FONT, "gs:table": None},
    "nopar_en": {"table": "DejaVu Serif", "tabs": "Liberation Sans", "html": "DejaVu Sans"},
    "nopar_zh": {"table": ZH_FONT, "tabs": ZH_FONT, "html": ZH_FONT},
    "gem_en": {"table": "Liberation Sans", "tabs": "Liberation Serif", "html": "DejaVu Serif", "gs:html": None},
    "hshares_en": {"table": "DejaVu Sans", "tabs": "Liberation Serif", "html": "Liberation Serif"},
    "hshares_zh": {"table": ZH_FONT, "tabs": ZH_FONT, "html": ZH_FONT, "gs9:html": None},
    # A share consolidation (par value changed within the month, 11-digit figures): the tab layout's
    # columns are too narrow for its figures, so it is printed in tables only.
    "consol_en": {"table": "Liberation Sans", "html": "Liberation Serif", "gs:table": None},
    "hdr_en": {"table": "Liberation Sans", "tabs": "Liberation Serif", "html": "DejaVu Sans", "gs:html": None},
    "unltd_en": {"table": "DejaVu Serif", "tabs": "Liberation Sans", "html": "Liberation Serif", "gs:tabs": None},
    "gem_zh": {"table": "WenQuanYi Zen Hei", "tabs": "WenQuanYi Zen Hei Sharp", "html": "Droid Sans Fallback",
               "gs9:html": None},
    "words_en": {"table": "DejaVu Sans", "tabs": "Liberation Serif", "html": "Liberation Sans"},
    "words_zh": {"table": "Droid Sans Fallback", "tabs": "WenQuanYi Zen Hei", "html": "WenQuanYi Zen Hei Sharp"},
    "hdr_zh": {"table": "Droid Sans Fallback", "tabs": "WenQuanYi Zen Hei", "html": "WenQuanYi Zen Hei Sharp",
               "gs9:html": None},
    "unltd_zh": {"table": "WenQuanYi Zen Hei Sharp", "tabs": "Droid Sans Fallback", "html": "WenQuanYi Zen Hei",
                 "gs:table": None},
    # The share consolidation in Chinese (the same 11-digit figures: tables only).
    "consol_zh": {"table": "AR PL UMing TW", "html": "WenQuanYi Zen Hei", "gs9:html": None},
    "seeremark_en": {"table": "Liberation Serif", "tabs": "DejaVu Serif", "html": "DejaVu Sans", "gs:table": None},
    "seeremark_zh": {"table": "AR PL UMing TW", "tabs": "WenQuanYi Zen Hei", "html": "AR PL UMing TW", "gs9:html": None},
}
# case -> producers whose PDF has a damaged text layer: Ghostscript 10's interpreter re-distilling
# Chromium's subset CJK fonts writes a wrong ToUnicode map (月 reads "o", 有 "p"); what the page shows
# is right, what its text says is not, so only OCR can read it (docs/ocr.md, "A text layer that does not read").
DAMAGED = {"hshares_zh": ("gs:html",)}
PAGE_WIDTH_CM = 17.0  # A4 less 2 cm margins


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def _wrap(text: str, width_cm: float, size_pt: float, zh: bool) -> list[str]:
    """Lines of `text` as the filer would break them by hand to fit a column of the tab layout."""
    chars = max(4, int(width_cm / 2.54 * 72 / (size_pt * (0.95 if zh else 0.52))))
    out: list[str] = []
    for para in text.split("\n"):
        if zh:
            line, units = "", 0.0
            for ch in para:
                units += 1 if _wide(ch) else 0.55
                if units > chars and line:
                    out.append(line)
                    line, units = "", (1 if _wide(ch) else 0.55)
                line += ch
            out.append(line)
        else:
            out.extend(textwrap.wrap(para, chars) or [""])
    return out


# -- Word (python-docx) ----------------------------------------------------------------------------


def _docx(form: Form, font: str, tabs: bool, out: Path) -> Path:
    import docx
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = docx.Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.0)
    section.top_margin = section.bottom_margin = Cm(2.0)
    # The edition lines must print in the page margins, as the template's header and footer do.
    section.header_distance = section.footer_distance = Cm(0.7)
    size = 9.0
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = font, Pt(size)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), font)
    normal.paragraph_format.space_after = Pt(1)
    normal.paragraph_format.space_before = Pt(0)
    if form.header:
        hp = section.header.paragraphs[0]
        hp.text, hp.alignment = form.header, WD_ALIGN_PARAGRAPH.RIGHT
    if form.footer:
        fp = section.footer.paragraphs[0]
        fp.text, fp.alignment = form.footer, WD_ALIGN_PARAGRAPH.RIGHT
    zh = form.language == "zh"
    align_of = {"l": WD_ALIGN_PARAGRAPH.LEFT, "r": WD_ALIGN_PARAGRAPH.RIGHT, "c": WD_ALIGN_PARAGRAPH.CENTER}
    tab_of = {"l": WD_TAB_ALIGNMENT.LEFT, "r": WD_TAB_ALIGNMENT.RIGHT, "c": WD_TAB_ALIGNMENT.CENTER}

    def para(block: Para) -> None:
        p = doc.add_paragraph()
        if block.number:
            # the item number apart from its heading, as Word's outline numbering prints it
            p.paragraph_format.tab_stops.add_tab_stop(Cm(1.3))
            p.add_run(block.number + "\t" + block.text).bold = block.bold
        else:
            p.add_run(block.text).bold = block.bold
        if block.bold:
            p.paragraph_format.space_before = Pt(6)

    def table(block: Table) -> None:
        scale = PAGE_WIDTH_CM / sum(block.widths)
        widths = [w * scale for w in block.widths]
        t = doc.add_table(rows=len(block.rows), cols=len(widths))
        t.style = "Table Grid"
        t.alignment = WD_TABLE_ALIGNMENT.LEFT
        for r, row in enumerate(block.rows):
            start = 0
            for c, text in enumerate(row):
                cell = t.cell(r, c)
                cell.width = Cm(widths[c])
                if text is None:
                    continue
                end = c
                while end + 1 < len(row) and row[end + 1] is None:
                    end += 1
                if end > c:
                    cell = cell.merge(t.cell(r, end))
                start = c
                lines = text.split("\n")
                cell.paragraphs[0].text = lines[0]
                for line in lines[1:]:
                    cell.add_paragraph(line)
                for p in cell.paragraphs:
                    p.alignment = align_of["c" if r < block.header_rows and c > 0 else block.align[start]]
                    p.paragraph_format.space_after = Pt(0)

    def tab_rows(block: Table) -> None:
        scale = PAGE_WIDTH_CM / sum(block.widths)
        widths = [w * scale for w in block.widths]
        lefts = [sum(widths[:i]) for i in range(len(widths))]
        for r, row in enumerate(block.rows):
            header = r < block.header_rows
            cells = []
            for c, text in enumerate(row):
                if text is None or text == "":
                    continue
                end = c
                while end + 1 < len(row) and row[end + 1] is None:
                    end += 1
                span = lefts[end] + widths[end] - lefts[c]
                lines = _wrap(text, span - 0.3, size, zh) if (header or c == 0) else text.split("\n")
                kind = "c" if header and c > 0 else block.align[c]
                pos = {"l": lefts[c] + 0.1, "r": lefts[c] + span - 0.15, "c": lefts[c] + span / 2}[kind]
                cells.append((c, pos, kind, lines))
            height = max((len(x[3]) for x in cells), default=1)
            for i in range(height):
                p = doc.add_paragraph()
                p.paragraph_format.space_after = Pt(0)
                parts = []
                for c, pos, kind, lines in cells:
                    # figures stand on the last line of a wrapped label (bottom-aligned), headings stack downwards
                    offset = 0 if header or c == 0 or len(lines) > 1 else height - 1
                    k = i - offset
                    if 0 <= k < len(lines) and lines[k]:
                        parts.append((c, pos, kind, lines[k]))
                text = ""
                for c, pos, kind, line in parts:
                    if c == 0 and kind == "l":
                        text += line
                        continue
                    p.paragraph_format.tab_stops.add_tab_stop(Cm(pos), tab_of[kind])
                    text += "\t" + line
                p.add_run(text)
            doc.add_paragraph().paragraph_format.space_after = Pt(0)

    for block in form.blocks:
        if isinstance(block, Para):
            para(block)
        elif isinstance(block, Table):
            (tab_rows if tabs else table)(block)
        elif isinstance(block, PageBreak):
            doc.add_page_break()
    with tempfile.TemporaryDirectory() as work:
        source = Path(work, out.stem + ".docx")
        doc.save(source)
        return libreoffice_pdf(source, out)


# -- HTML -> Chromium --------------------------------------------------------------------------------


def _html(form: Form, font: str, out: Path) -> Path:
    esc = html.escape
    body: list[str] = ["<div class='page'>"]
    for block in form.blocks:
        if isinstance(block, Para):
            number = f"<span class='no'>{esc(block.number)}</span>" if block.number else ""
            tag = "b" if block.bold else "span"
            body.append(f"<p>{number}<{tag}>{esc(block.text)}</{tag}></p>")
        elif isinstance(block, PageBreak):
            body.append("</div><div class='page'>")
        elif isinstance(block, Table):
            total = sum(block.widths)
            rows = []
            for r, row in enumerate(block.rows):
                cells = []
                for c, text in enumerate(row):
                    if text is None:
                        continue
                    span = 1
                    while c + span < len(row) and row[c + span] is None:
                        span += 1
                    align = "center" if r < block.header_rows and c > 0 else {"l": "left", "r": "right", "c": "center"}[block.align[c]]
                    width = sum(block.widths[c:c + span]) / total * 100
                    content = "<br>".join(esc(x) for x in text.split("\n"))
                    cells.append(f"<td colspan='{span}' style='text-align:{align};width:{width:.1f}%'>{content}</td>")
                rows.append("<tr>" + "".join(cells) + "</tr>")
            body.append("<table>" + "".join(rows) + "</table>")
    body.append("</div>")
    margin = ""
    if form.header:
        margin += f"<div class='head'>{esc(form.header)}</div>"
    if form.footer:
        margin += f"<div class='foot'>{esc(form.footer)}</div>"
    page = f"""<!DOCTYPE html><html lang="{'zh-Hant' if form.language == 'zh' else 'en'}"><head><meta charset="utf-8">
<style>
@page {{ size: A4; margin: 9mm 18mm 9mm 18mm; }}
body {{ font-family: "{font}"; font-size: 9pt; margin: 0; }}
.page {{ page-break-after: always; padding: 10mm 0 12mm 0; }}
.page:last-child {{ page-break-after: auto; }}
.head {{ position: fixed; top: 0; right: 0; font-size: 8pt; }}
.foot {{ position: fixed; bottom: 0; right: 0; font-size: 8pt; }}
p {{ margin: 3pt 0; }}
.no {{ display: inline-block; width: 12mm; font-weight: bold; }}
table {{ border-collapse: collapse; width: 100%; margin: 2pt 0 4pt 0; }}
td {{ border: 0.5pt solid #000; padding: 1pt 3pt; vertical-align: middle; }}
</style></head><body>{margin}{''.join(body)}</body></html>"""
    with tempfile.TemporaryDirectory() as work:
        source = Path(work, out.stem + ".html")
        source.write_text(page, encoding="utf-8")
        return chromium_pdf(source, out)


def build(case: str, producer: str, font: str | None, out_dir: Path = OUT) -> Path:
    """Print one case with one producer into ``out_dir``/<case>_<producer>.pdf (the matrix: tests/producers/legacy/pdf)."""
    facts = json.loads((SOURCES / f"{case}.facts.json").read_text(encoding="utf-8"))
    form = legacy_form(facts, STYLES.get(case) or STYLES[case.split("_")[0]])
    out = out_dir / f"{case}_{producer.replace(':', '-')}.pdf"
    if producer == "table":
        return _docx(form, font, tabs=False, out=out)
    if producer == "tabs":
        return _docx(form, font, tabs=True, out=out)
    if producer == "html":
        return _html(form, font, out)
    if producer.startswith(("gs:", "gs9:")):
        kind, _, original = producer.partition(":")
        return ghostscript_pdf(OUT / f"{case}_{original}.pdf", out, legacy_interpreter=kind == "gs9")
    raise ValueError(producer)


def main(argv: list[str]) -> int:
    only = set(argv)
    jobs = [(case, producer, font, OUT) for case, producers in MATRIX.items() for producer, font in producers.items()]
    jobs += [(case, producer, None, DAMAGED_OUT) for case, producers in DAMAGED.items() for producer in producers]
    for case, producer, font, out_dir in jobs:
        name = f"{case}_{producer.replace(':', '-')}"
        if only and name not in only and case not in only:
            continue
        path = build(case, producer, font, out_dir)
        print(f"{path.relative_to(HERE.parent.parent)}  {path.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
