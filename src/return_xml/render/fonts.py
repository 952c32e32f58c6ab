"""Fonts for rendered returns: Helvetica for Latin text, a system CJK font for Chinese.

reportlab's built-in Helvetica covers Latin-1 and needs no file.  Any other
character (Chinese labels and values, full-width punctuation) is drawn with a
TrueType CJK font found on the system: ``RETURN_XML_CJK_FONT`` if set, then
the known Debian paths, then ``fc-match``.  reportlab reads TrueType outlines
only, so OpenType/CFF fonts (NotoSansCJK-*.otf/.ttc) are not candidates; the
Makefile installs ``fonts-wqy-zenhei`` when none is found.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from functools import cache
from pathlib import Path

from return_xml.errors import ReturnXmlError

LATIN = "Helvetica"
LATIN_BOLD = "Helvetica-Bold"
CJK = "ReturnXmlCJK"

# TrueType CJK fonts of Debian packages, most preferred first.
KNOWN_CJK_FONTS = (
    Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),  # fonts-wqy-zenhei
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),  # fonts-wqy-microhei
    Path("/usr/share/fonts/truetype/arphic/uming.ttc"),  # fonts-arphic-uming
    Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"),  # fonts-droid-fallback
)


class FontError(ReturnXmlError):
    """No usable CJK font is installed, and the return has Chinese text to draw."""

    code = "E-RENDER-FONT"


def needs_cjk(text: str) -> bool:
    """True when ``text`` has a character that Helvetica (Latin-1) cannot draw."""
    return any(ord(ch) > 0xFF for ch in text)


def cjk_font_file() -> Path | None:
    """The CJK TrueType font file that will be used, or ``None`` when there is none."""
    configured = os.environ.get("RETURN_XML_CJK_FONT")
    if configured:
        return Path(configured) if Path(configured).is_file() else None
    for path in KNOWN_CJK_FONTS:
        if path.is_file():
            return path
    return _fc_match()


def _fc_match() -> Path | None:
    if shutil.which("fc-match") is None:
        return None
    try:
        found = subprocess.run(
            ["fc-match", "-f", "%{file}", ":lang=zh-tw:fontformat=TrueType"],
            capture_output=True, text=True, timeout=10, check=False,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    path = Path(found) if found else None
    # fc-match always answers with something; only a TrueType file with CJK in its name is trusted.
    if path and path.is_file() and path.suffix.lower() in (".ttf", ".ttc"):
        return path
    return None


@cache
def _registered_cjk(path: str) -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    try:
        pdfmetrics.registerFont(TTFont(CJK, path, subfontIndex=0) if path.lower().endswith(".ttc") else TTFont(CJK, path))
    except Exception as err:  # reportlab raises TTFError and others on fonts it cannot use
        raise FontError(f"cannot use the CJK font {path}: {err}") from err
    return CJK


def font_for(text: str, *, bold: bool = False) -> str:
    """The reportlab font name that can draw ``text``."""
    if not needs_cjk(text):
        return LATIN_BOLD if bold else LATIN
    path = cjk_font_file()
    if path is None:
        raise FontError(
            "the return has Chinese text but no CJK TrueType font is installed "
            "(install fonts-wqy-zenhei, or set RETURN_XML_CJK_FONT to a .ttf/.ttc file)",
            text=text,
        )
    return _registered_cjk(str(path))


def width(text: str, size: float, *, bold: bool = False) -> float:
    """The width of ``text`` in points when drawn at ``size``."""
    from reportlab.pdfbase import pdfmetrics

    return pdfmetrics.stringWidth(text, font_for(text, bold=bold), size)
