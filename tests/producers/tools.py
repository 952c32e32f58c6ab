"""The real PDF producers of the producer matrix (issue 14): LibreOffice Writer, Chromium, Ghostscript, Cairo.

`render` is not one of them: it shares the readers' assumptions. These functions are used only by the
build scripts beside this file (`make producers`); the tests read the PDFs those scripts committed,
so the suite needs none of these programs.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

# Chromium, run as root on a machine without network: these flags keep it from reaching out and stalling.
_CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pdf-header-footer",
)


def _program(*names: str) -> str:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    raise RuntimeError(f"none of {names} is installed (make producers installs them)")


def libreoffice_pdf(source: Path, out: Path) -> Path:
    """Convert a .docx/.odt/.html `source` to `out` (a PDF) with LibreOffice Writer, headless."""
    soffice = _program("soffice", "libreoffice")
    with tempfile.TemporaryDirectory() as work:
        # A private profile: a shared one locks when two conversions run at once.
        profile = Path(work, "profile").as_uri()
        subprocess.run(
            [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf:writer_pdf_Export",
             "--outdir", work, str(source)],
            check=True, capture_output=True, timeout=180,
        )
        made = Path(work, source.stem + ".pdf")
        if not made.is_file():
            raise RuntimeError(f"LibreOffice made no PDF from {source}")
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(made), out)
    return out


def chromium_pdf(html: Path, out: Path) -> Path:
    """Print an HTML page to `out` with Chromium's print-to-PDF (page size from the page's @page rule)."""
    chromium = _program("chromium", "chromium-browser", "google-chrome")
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [chromium, *_CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={out}", html.resolve().as_uri()],
            check=True, capture_output=True, timeout=180,
        )
    if not out.is_file():
        raise RuntimeError(f"Chromium made no PDF from {html}")
    return out


def ghostscript_pdf(source: Path, out: Path, *, legacy_interpreter: bool = False) -> Path:
    """Re-distil a PDF through Ghostscript's pdfwrite, as print-to-PDF drivers and Distiller-like tools do.

    ``legacy_interpreter``: read ``source`` with the PDF interpreter of Ghostscript 9 (``-dNEWPDF=false``),
    the one print-to-PDF tools used in the legacy template's years (the new one came with 10.0 in 2022).
    Why it matters: the new one writes a wrong ToUnicode map for Chromium's subset CJK fonts.
    """
    gs = _program("gs")
    out.parent.mkdir(parents=True, exist_ok=True)
    interpreter = ["-dNEWPDF=false"] if legacy_interpreter else []
    subprocess.run(
        [gs, "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", *interpreter, "-sDEVICE=pdfwrite", f"-sOutputFile={out}",
         str(source)],
        check=True, capture_output=True, timeout=180,
    )
    return out


def cairo_pdf(source: Path, out: Path) -> Path:
    """Print a PDF again through Cairo (poppler's ``pdftocairo -pdf``), as Linux print-to-PDF does.

    What it changes: it writes no space character where the source moved a word along instead
    (Word's justified lines), and it drops the ToUnicode maps of CJK fonts (their text reads U+FFFD).
    """
    cairo = _program("pdftocairo")
    out.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([cairo, "-pdf", str(source), str(out)], check=True, capture_output=True, timeout=180)
    return out
