"""The PDF layer: pages as characters, rectangles and lines with boxes; printed text -> values.

It knows nothing of any form: readers in ``return_xml.forms`` ask it for text in
regions and turn that text into model values.
"""

from return_xml.pdf.document import DECODERS, DEFAULT_DECODER, Limits, Page, PdfDocument, Phrase, open_pdf

__all__ = ["DECODERS", "DEFAULT_DECODER", "Limits", "Page", "PdfDocument", "Phrase", "open_pdf"]
