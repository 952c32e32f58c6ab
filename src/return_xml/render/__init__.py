"""Model -> the form people read: a PDF laid out as the FF301 e-form or the legacy template, or HTML.

``render_pdf(monthly_return, layout)`` and ``render_html(monthly_return,
findings)`` return bytes; ``api.render`` reads the XML, picks the renderer by
the target's suffix and writes the file atomically.  The PDF is laid out so
that our own readers read it back to the same facts (docs/render.md).
"""

from __future__ import annotations

from collections.abc import Sequence

from return_xml.model import Family, MonthlyReturn
from return_xml.render.fonts import FontError
from return_xml.rules import Finding

LAYOUTS = ("ff301", "legacy")


def default_layout(monthly_return: MonthlyReturn) -> str:
    """The layout of the return's own form family: a legacy return is rendered as the legacy template."""
    return "legacy" if monthly_return.form.family is Family.LEGACY else "ff301"


def render_html(monthly_return: MonthlyReturn, findings: Sequence[Finding] = ()) -> bytes:
    """The return as one self-contained HTML page (UTF-8 bytes), with a findings panel when there are findings."""
    # Imported here, as the PDF layouts are: html.py uses this package's helpers (format.py), never the reverse.
    from return_xml.render.html import render_html as html_page

    return html_page(monthly_return, findings)


def render_pdf(monthly_return: MonthlyReturn, layout: str | None = None) -> bytes:
    """The return as a PDF in ``layout`` (``ff301`` or ``legacy``; default: the return's own family's)."""
    layout = layout or default_layout(monthly_return)
    if layout == "ff301":
        from return_xml.render.ff301 import render_pdf as ff301_pdf  # reportlab is imported only here

        return ff301_pdf(monthly_return)
    if layout == "legacy":
        from return_xml.render.legacy import render_pdf as legacy_pdf

        return legacy_pdf(monthly_return)
    raise ValueError(f"unknown layout {layout!r} (known: {', '.join(LAYOUTS)})")


__all__ = ["LAYOUTS", "FontError", "default_layout", "render_html", "render_pdf"]
