"""The pages of a filing as inline images: pypdfium2 draws each page, Pillow encodes it as a JPEG data: URI.

JPEG at a modest scale keeps a 30-page filing at a few megabytes; the page
element holds the page's size in PDF points, so outlines are placed in
percent of the page and stay on their figures at any zoom.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from pathlib import Path

DEFAULT_SCALE = 1.5  # pixels per PDF point: 108 dpi, sharp enough to read a figure, small enough for 30 pages
JPEG_QUALITY = 72


@dataclass(frozen=True)
class PageImage:
    """One drawn page: its 1-based number, its size in PDF points and the image as a data: URI."""

    number: int
    width: float
    height: float
    uri: str


def page_images(path: str | Path, *, password: str | None = None, scale: float = DEFAULT_SCALE) -> list[PageImage]:
    """Every page of the PDF at ``path`` drawn at ``scale`` pixels per point.

    The caller has already passed the PDF through the preflight checks
    (``api.review`` reads it first), so a hostile file never reaches this.
    """
    import pypdfium2 as pdfium  # slow to import: only the review needs it here

    document = pdfium.PdfDocument(str(path), password=password)
    try:
        return [_drawn(document[index], index + 1, scale) for index in range(len(document))]
    finally:
        document.close()


def _drawn(page, number: int, scale: float) -> PageImage:
    try:
        # Why the media box: pdfium draws the crop box, but the readers measure boxes from the
        # media box's top left (pdfminer's convention); drawing the media box keeps both in one frame.
        x0, y0, x1, y1 = page.get_mediabox()
        page.set_cropbox(x0, y0, x1, y1)
        width, height = abs(x1 - x0), abs(y1 - y0)
        if page.get_rotation() % 180 == 90:  # the page is shown turned, and so are the readers' boxes
            width, height = height, width
        bitmap = page.render(scale=scale, rotation=0)
        image = bitmap.to_pil().convert("RGB")
        buffer = io.BytesIO()
        image.save(buffer, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    finally:
        page.close()
    uri = "data:image/jpeg;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
    return PageImage(number, float(width), float(height), uri)
