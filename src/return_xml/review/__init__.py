"""The review page: a filing's pages drawn side by side with what was read from them (docs/review.md).

``review_page(pdf, monthly_return, findings, differences)`` returns one
self-contained HTML document: every fact with a printed box outlined on its
page (an element with ``data-path`` = the facts path), coloured by status
(``marks.py``), the findings and facts beside the pages, the verdict on top.
``api.review`` reads the PDF and writes the page; a PDF that could not be read
as a return (scanned, not a monthly return) still gets its pages and the reason.

The package imports the model, facts, rules and crosscheck (no form reader and
no XML); pypdfium2 and Pillow are imported when pages are drawn.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from return_xml.errors import ReturnXmlError
from return_xml.model import MonthlyReturn
from return_xml.review.marks import STATUSES, Item, Mark, Review, build
from return_xml.review.page import Heading, html_page
from return_xml.review.pages import DEFAULT_SCALE, PageImage, page_images
from return_xml.rules import Finding
from return_xml.rules.crosscheck import Difference


def heading_of(file: str, monthly_return: MonthlyReturn | None, error: ReturnXmlError | None = None) -> Heading:
    """The top of the page: the file, its form and issuer, the verdict and its reasons."""
    if monthly_return is None:
        # Nothing was read (no text layer, not a monthly return): a person has to look, so the verdict is
        # the one of any filing that is not verified, and the reason says why nothing is outlined.
        reason = f"{error.code}: {error.reason}" if error is not None else "the filing was not read"
        return Heading(file, "not read as a monthly return: the pages are shown without outlines", "needs review", (reason,))
    form, header = monthly_return.form, monthly_return.header
    described = [
        " ".join(p for p in (form.family.value, form.version) if p) + (" template" if form.family.value == "legacy" else ""),
        form.language.value,
        header.issuer_name.value if header.issuer_name is not None and header.issuer_name.value else "",
        f"period ending {header.period_end.value}" if header.period_end is not None and header.period_end.value else "",
    ]
    audit = monthly_return.audit
    verdict = audit.verdict.value if audit is not None else "not judged"
    reasons = tuple(f"{r.code}: {r.message}" for r in audit.reasons) if audit is not None else ()
    lang = "zh-Hant" if form.language.value == "zh" else "en"
    return Heading(file, " · ".join(p for p in described if p), verdict, reasons, lang)


def review_page(
    pdf: str | Path,
    monthly_return: MonthlyReturn | None,
    findings: Sequence[Finding] = (),
    differences: Iterable[Difference] = (),
    *,
    error: ReturnXmlError | None = None,
    label: str | None = None,
    password: str | None = None,
    scale: float = DEFAULT_SCALE,
) -> bytes:
    """The review page of ``pdf`` and what was read from it (``None`` with ``error``: why nothing was).

    ``label`` names the file on the page (default: the PDF's name); ``scale``
    is the pixels per PDF point of the page images.
    """
    pages = page_images(pdf, password=password, scale=scale)
    if monthly_return is None:
        review = Review({}, [], [Item(error.code if error else "E-INPUT", "error", error.reason if error else "not read")], {})
    else:
        review = build(monthly_return, findings, differences)
    return html_page(heading_of(label or Path(pdf).name, monthly_return, error), review, pages)


__all__ = ["DEFAULT_SCALE", "STATUSES", "Heading", "Item", "Mark", "PageImage", "Review", "build", "review_page"]
