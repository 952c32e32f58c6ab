"""The PDF layer: pages as characters, rectangles and lines with boxes; printed text -> values.

It knows nothing of any form: readers in ``return_xml.forms`` ask it for text in
regions and turn that text into model values.

The names below are loaded on first use (PEP 562), so that importing a light
module of this package (``return_xml.pdf.limits``) does not import the whole
PDF adapter: ``return-xml convert`` asks its worker to read before it has
imported the library (issue 18).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from return_xml.pdf.document import DECODERS, DEFAULT_DECODER, Limits, Page, PdfDocument, Phrase, open_pdf

__all__ = ["DECODERS", "DEFAULT_DECODER", "Limits", "Page", "PdfDocument", "Phrase", "open_pdf"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        return getattr(importlib.import_module("return_xml.pdf.document"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
