"""Fonts for rendered returns: Helvetica for Latin text, a system CJK font for Chinese.

reportlab's built-in Helvetica covers Latin-1 and needs no file.  Any other
character (Chinese labels and values, full-width punctuation) is drawn with a
TrueType CJK font found on the system: ``RETURN_XML_CJK_FONT`` if set, then
the known Debian paths, then ``fc-match``.  reportlab reads TrueType outlines
only, so OpenType/CFF fonts (NotoSansCJK-*.otf/.ttc) are not candidates; the
Makefile installs ``fonts-wqy-zenhei`` when none is found.

However the font was found, it must have a glyph for every character drawn
(its cmap is checked): a font that lacks one would draw nothing there, and
the facts read back from the PDF would be lost.  ``FontError``
(``E-RENDER-FONT``) names the first character it cannot draw.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from functools import cache
from pathlib import Path

from return_xml.errors import FontError

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
    # fc-match always answers with something (DejaVuSans.ttf on a machine without CJK fonts):
    # only a TrueType file is taken here, and font_for checks that it has the glyphs drawn.
    if path and path.is_file() and path.suffix.lower() in (".ttf", ".ttc"):
        return path
    return None


@cache
def _glyphs(path: str) -> frozenset[int]:
    """The code points the registered CJK font at ``path`` has a glyph for (its cmap)."""
    from reportlab.pdfbase import pdfmetrics

    return frozenset(pdfmetrics.getFont(_registered_cjk(path)).face.charToGlyph)


@cache
def _registered_cjk(path: str) -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    # One reportlab name per file: a second font registered under the same name would replace the first.
    name = f"{CJK}-{_registered_cjk.cache_info().currsize}"
    try:
        pdfmetrics.registerFont(TTFont(name, path, subfontIndex=0) if path.lower().endswith(".ttc") else TTFont(name, path))
    except Exception as err:  # reportlab raises TTFError and others on fonts it cannot use
        raise FontError(f"cannot use the CJK font {path}: {err}") from err
    return name


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
    name = _registered_cjk(str(path))
    glyphs = _glyphs(str(path))
    # Control characters (line breaks, tabs) are layout, never drawn as glyphs.
    missing = next((ch for ch in text if ord(ch) >= 0x20 and ord(ch) not in glyphs), None)
    if missing is not None:
        raise FontError(
            f"the font {path} has no glyph for {missing!r} (U+{ord(missing):04X}), so it cannot draw the return "
            "(install fonts-wqy-zenhei, or set RETURN_XML_CJK_FONT to a CJK TrueType font that has it)",
            text=text,
        )
    return name


def width(text: str, size: float, *, bold: bool = False) -> float:
    """The width of ``text`` in points when drawn at ``size``."""
    from reportlab.pdfbase import pdfmetrics

    return pdfmetrics.stringWidth(text, font_for(text, bold=bold), size)
