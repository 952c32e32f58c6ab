"""The review page as HTML: the verdict on top, the findings and facts beside the drawn pages.

One self-contained document: the CSS and the script (``review.css``,
``review.js`` beside this module) are inlined, the page images are data:
URIs, and a Content-Security-Policy forbids every network request.  Boxes are
placed in percent of their page, so they stay on their figures at any width.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from importlib import resources

from return_xml.review.marks import Mark, Review
from return_xml.review.pages import PageImage

_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'"
_LEGEND = (
    ("ok", "read"),
    ("finding", "rule finding"),
    ("differs", "decoders differ"),
    ("unread", "unread figure"),
    ("low-confidence", "low OCR confidence"),
)
_PAD = 1.5  # points around a value's box: the outline should frame the figure, not strike through it


@dataclass(frozen=True)
class Heading:
    """What the top of the page says: the file, the form, the verdict and its reasons."""

    file: str
    form: str  # "FF301 1.2.0 · en · Moon Inc. · 2026-01-31"
    verdict: str  # verified | needs review | not read
    reasons: tuple[str, ...] = ()
    lang: str = "en"


def _asset(name: str) -> str:
    return resources.files("return_xml.review").joinpath(name).read_text(encoding="utf-8")


def html_page(heading: Heading, review: Review, pages: Sequence[PageImage]) -> bytes:
    """The whole review page, UTF-8 encoded."""
    sizes = {p.number: (p.width, p.height) for p in pages}
    parts = [
        "<!doctype html>",
        f'<html lang="{escape(heading.lang)}"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Review: {escape(heading.file)}</title>",
        f"<style>\n{_asset('review.css')}</style></head>",
        "<body>",
        _header(heading),
        '<main class="split">',
        '<aside class="side" aria-label="Findings and facts">',
        _findings(review),
        _facts(review),
        "</aside>",
        '<section class="pages" id="pages" aria-label="Pages of the filing">',
        *(_page(page, [m for m in review.marks if m.page == page.number], len(pages)) for page in pages),
        *_off_page(review.marks, sizes),
        "</section></main>",
        f"<script>\n{_asset('review.js')}</script>",
        "</body></html>",
    ]
    return ("\n".join(parts) + "\n").encode("utf-8")


def _header(heading: Heading) -> str:
    verdict_class = {"verified": "verified", "needs review": "review"}.get(heading.verdict, "unreadable")
    shown = heading.verdict + (f" ({len(heading.reasons)} reason{'s' if len(heading.reasons) != 1 else ''})" if heading.reasons else "")
    reasons = "".join(f"<li>{escape(r)}</li>" for r in heading.reasons)
    legend = "".join(f'<span class="key"><i class="swatch {k}"></i>{escape(label)}</span>' for k, label in _LEGEND)
    legend += '<span class="key"><i class="dot"></i>fact with no printed box (not outlined)</span>'
    return (
        '<header class="top">'
        f'<div class="ident"><h1>{escape(heading.file)}</h1><p class="form">{escape(heading.form)}</p></div>'
        f'<div class="verdict {verdict_class}" id="verdict">{escape(shown)}</div>'
        f'<ol class="reasons">{reasons}</ol>'
        f'<div class="legend">{legend}</div>'
        "</header>"
    )


def _findings(review: Review) -> str:
    rows = []
    for index, item in enumerate(review.items):
        page = f' data-page="{item.page}"' if item.page is not None else ""
        where = f'<span class="where">page {item.page}</span>' if item.page is not None else ""
        rows.append(
            f'<li class="item {escape(item.severity)}" tabindex="0" id="f{index}" data-marks="{" ".join(item.marks)}"{page}>'
            f'<code>{escape(item.code)}</code>{where}<span class="msg">{escape(item.message)}</span></li>'
        )
    body = "".join(rows) or '<li class="none">No findings.</li>'
    return (
        f'<section class="panel"><h2>Findings <span class="count">{len(review.items)}</span></h2>'
        '<p class="hint"><kbd>j</kbd>/<kbd>k</kbd>, <kbd>n</kbd>/<kbd>p</kbd> or <kbd>↓</kbd>/<kbd>↑</kbd>: next / previous finding; '
        "click a fact or a box to see it on the page</p>"
        f'<ol class="findings" id="findings">{body}</ol></section>'
    )


def _facts(review: Review) -> str:
    rows = []
    for path, value in review.facts.items():
        mark_id = review.fact_marks.get(path)
        status = next((m.status for m in review.marks if m.id == mark_id), "none") if mark_id else "none"
        attrs = f' data-mark="{mark_id}" tabindex="0"' if mark_id else ""
        shown = "yes" if value is True else "no" if value is False else str(value)
        rows.append(
            f'<tr class="fact {status}" data-for="{escape(path)}"{attrs}>'
            f'<th><i class="dot {status}"></i>{_breakable(path)}</th><td>{escape(shown)}</td></tr>'
        )
    if not rows:
        rows.append('<tr class="fact none"><td colspan="2">No facts were read: the pages are shown as they are.</td></tr>')
    return (
        f'<section class="panel"><h2>Facts <span class="count">{len(review.facts)}</span></h2>'
        '<input type="search" id="filter" placeholder="Filter facts (path or value)" aria-label="Filter facts">'
        f'<table class="facts" id="facts"><tbody>{"".join(rows)}</tbody></table></section>'
    )


def _breakable(path: str) -> str:
    """A facts path that wraps at its dots and brackets, never inside a name (``preceding.shares``)."""
    return escape(path).replace(".", ".<wbr>").replace("[", "<wbr>[")


def _mark(mark: Mark, width: float, height: float) -> str:
    x0, top, x1, bottom = mark.box
    x0, top, x1, bottom = max(0.0, x0 - _PAD), max(0.0, top - _PAD), min(width, x1 + _PAD), min(height, bottom + _PAD)
    style = (f"left:{100 * x0 / width:.3f}%;top:{100 * top / height:.3f}%;"
             f"width:{100 * max(x1 - x0, 2.0) / width:.3f}%;height:{100 * max(bottom - top, 2.0) / height:.3f}%")
    tip = [f"{mark.path} = {mark.value}" if mark.path else "", f"printed {mark.printed!r}" if mark.printed else "", *mark.notes]
    path = f' data-path="{escape(mark.path)}"' if mark.path is not None else ""
    return (f'<div class="mark {mark.status}" id="{mark.id}"{path} style="{style}" '
            f'title="{escape(chr(10).join(t for t in tip if t))}"></div>')


def _page(page: PageImage, marks: list[Mark], count: int) -> str:
    drawn = "".join(_mark(m, page.width, page.height) for m in marks)
    return (
        f'<figure class="page" id="page-{page.number}" data-page="{page.number}">'
        f'<figcaption>page {page.number} of {count}</figcaption>'
        f'<div class="sheet" style="aspect-ratio:{page.width:.2f} / {page.height:.2f}">'
        f'<img src="{page.uri}" alt="page {page.number}" loading="lazy" decoding="async">{drawn}</div></figure>'
    )


def _off_page(marks: list[Mark], sizes: dict[int, tuple[float, float]]) -> list[str]:
    """Marks on a page the PDF does not have (never expected): listed, so that no value is silently dropped."""
    rows = []
    for m in (m for m in marks if m.page not in sizes):
        path = f' data-path="{escape(m.path)}"' if m.path else ""
        rows.append(f'<li class="mark-stray {m.status}"{path}>{escape(m.path or m.printed or "")} (page {m.page})</li>')
    return [f'<section class="stray"><h2>Values on pages not drawn</h2><ul>{"".join(rows)}</ul></section>'] if rows else []
