"""Tiny PDFs made by the tests themselves: a page of plain text lines, no dependency."""

from __future__ import annotations

from bad.pdfbuild import build


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def text_pdf(lines: list[str], metadata: dict[str, str] | None = None) -> bytes:
    """A one-page A4-landscape PDF showing ``lines`` (ASCII) in Helvetica."""
    content = "BT /F1 11 Tf 40 550 Td 14 TL " + " ".join(f"({_escape(line)}) '" for line in lines) + " ET"
    info = "".join(f"/{key} ({_escape(value)}) " for key, value in (metadata or {}).items())
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        f"<< {info}>>",
    ]
    return build([body.encode("latin-1") for body in objects], info=len(objects))
