"""The pdfplumber (pdfminer.six) decoder: the reference path, slower but pure Python.

Raw extraction only (characters, rectangles, page size, metadata); the PDF
layer does the rest (``pdf/decoding.py``).  Select it with
``open_pdf(..., decoder="pdfplumber")`` or ``--decoder pdfplumber``.
"""

from __future__ import annotations

from pathlib import Path

from return_xml.errors import InputError
from return_xml.pdf.decoding import Char, Decoded, RawPage

NAME = "pdfplumber"


def decode(path: Path, max_pages: int, password: str | None = None) -> Decoded:
    """Decode every page of the PDF at ``path``; refuse more than ``max_pages`` pages."""
    import pdfplumber  # imported here: it is slow to import and only this decoder needs it
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    try:
        with pdfplumber.open(path, password=password or "") as pdf:
            if len(pdf.pages) > max_pages:
                raise InputError(f"more than {max_pages} pages", file=path)
            metadata = {str(k): str(v) for k, v in (pdf.metadata or {}).items() if isinstance(v, (str, bytes, int, float))}
            return Decoded(metadata, [_page(page) for page in pdf.pages])
    except InputError:
        raise
    except PDFPasswordIncorrect as err:
        raise InputError("encrypted PDF: the password is missing or wrong", file=path) from err
    except (PDFSyntaxError, PSException) as err:
        raise InputError(f"damaged PDF: {err}", file=path) from err
    except Exception as err:  # pdfminer raises many kinds on broken files; none may escape as a traceback
        raise InputError(f"unreadable PDF: {type(err).__name__}: {err}", file=path) from err


def _page(page) -> RawPage:
    chars = [
        Char(
            c.get("text") or "",
            float(c["x0"]),
            float(c["top"]),
            float(c["x1"]),
            float(c["bottom"]),
            float(c.get("size", 9.0)),
            bool(c.get("upright", True)),
            str(c.get("fontname", "")),
        )
        for c in page.chars
    ]
    rects = [(float(r["x0"]), float(r["top"]), float(r["x1"]), float(r["bottom"])) for r in page.rects]
    return RawPage(float(page.width), float(page.height), chars, rects, int(page.rotation or 0))
