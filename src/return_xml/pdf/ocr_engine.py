"""Tesseract kept loaded: the recognisers of ``pdf/ocr.py``, one per thread and setting, reused.

``recognised(image, language, psm, whitelist)`` gives the words of an image as
Tesseract's TSV gives them (the columns of ``pytesseract.image_to_data``:
``text``, ``conf``, ``left``, ``top``, ``width``, ``height``, ``block_num``,
``par_num``, ``line_num``); ``text(image, language)`` the plain text.

Why tesserocr (Tesseract's C++ API) and not the ``tesseract`` program: a run
of the program loads its language model again (0.1-0.3 s for ``eng``, more with
``chi_tra``) and passes the image through a PNG file, for every page, every
language probe and every figure read again.  A ``PyTessBaseAPI`` keeps its
model loaded, and it releases the GIL while it recognises, so two threads
recognise two pages on two cores.  The recognisers are kept in a small pool
(at most one per thread and setting, so two of each with ``ocr.WORKERS``): a
worker that reads several scans loads each model once.

A hung recognition: ``Recognize`` gives up after ``timeout`` (checked between
the steps of Tesseract, so a few seconds late); beyond that the worker
process is the bound (``isolation``: the parent kills it at its deadline).

Without tesserocr (a platform without its wheel) the ``tesseract`` program is
run through pytesseract, as before: same settings, same columns.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from return_xml.errors import InputError

if TYPE_CHECKING:
    from PIL import Image

# Where Debian's tesseract-ocr-* packages (and other distributions) put the language data;
# TESSDATA_PREFIX, Tesseract's own variable, comes first.  The tesserocr wheel brings
# its own libtesseract but no language data.
TESSDATA_FOLDERS = (
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
    "/opt/homebrew/share/tessdata",
)
# The columns of Tesseract's TSV output (TessBaseAPI::GetTSVText), as pytesseract names them.
_TSV_COLUMNS = ("level", "page_num", "block_num", "par_num", "line_num", "word_num", "left", "top", "width", "height", "conf", "text")
_INT_COLUMNS = frozenset(_TSV_COLUMNS[:10])

_POOL_LOCK = threading.Lock()
_POOL: dict[tuple[str, str], list[Any]] = {}  # free recognisers by language and whitelist


def tesserocr_available() -> bool:
    """Whether the tesserocr module imports (else the ``tesseract`` program is run)."""
    try:
        import tesserocr  # noqa: F401
    except ImportError:
        return False
    return True


def recognised(image: Image.Image, language: str, psm: int, timeout: float, whitelist: str = "") -> dict[str, list]:
    """The words of ``image`` in the columns of Tesseract's TSV (one list per column, one row per box)."""
    if not tesserocr_available():
        return _by_program(image, language, psm, timeout, whitelist)
    with _recogniser(language, psm, whitelist) as api:
        api.SetImage(image)
        try:
            _recognise(api, timeout)
            tsv = api.GetTSVText(0)
        finally:
            api.Clear()  # the image and the results go; the model stays loaded
    return _columns(tsv)


def text(image: Image.Image, language: str, psm: int, timeout: float) -> str:
    """The plain text Tesseract reads in ``image``."""
    if not tesserocr_available():
        import pytesseract

        return pytesseract.image_to_string(image, lang=language, config=f"--psm {psm}", timeout=timeout)
    with _recogniser(language, psm, "") as api:
        api.SetImage(image)
        try:
            _recognise(api, timeout)
            return api.GetUTF8Text()
        finally:
            api.Clear()


def _recognise(api: Any, timeout: float) -> None:
    if not api.Recognize(timeout=int(timeout * 1000)):
        raise RuntimeError(f"Tesseract gave up after {timeout:.0f} s")


@contextmanager
def _recogniser(language: str, psm: int, whitelist: str) -> Iterator[Any]:
    """A loaded recogniser for this setting, for this thread alone while the block runs.

    Why pooled by language and whitelist, the layout mode set on each use: a loaded
    ``chi_tra+eng`` model holds about 100 MB, and a pool per mode (a page read with
    ``--psm 3``, its lines read again with 6 or 7: ``ocr_lines.py``) held three per thread.
    """
    key = (language, whitelist)
    with _POOL_LOCK:
        free = _POOL.setdefault(key, [])
        api = free.pop() if free else None
    if api is None:
        api = _new_recogniser(language, psm, whitelist)
    api.SetPageSegMode(psm)  # tesserocr's PSM values are Tesseract's ints
    try:
        yield api
    finally:
        with _POOL_LOCK:
            _POOL[key].append(api)


def _new_recogniser(language: str, psm: int, whitelist: str) -> Any:
    import tesserocr

    folder = tessdata()
    try:
        api = tesserocr.PyTessBaseAPI(path=folder + os.sep, lang=language, psm=psm)
    except RuntimeError as err:
        raise InputError(f"OCR cannot load Tesseract's {language!r} language data from {folder} "
                         "(install tesseract-ocr-eng and tesseract-ocr-chi-tra, or set TESSDATA_PREFIX)") from err
    if whitelist:
        api.SetVariable("tessedit_char_whitelist", whitelist)
    return api


def tessdata() -> str:
    """The folder of Tesseract's language data: TESSDATA_PREFIX, else the first of ``TESSDATA_FOLDERS`` with ``eng``."""
    prefix = os.environ.get("TESSDATA_PREFIX")
    if prefix:
        # Why both: Tesseract 4+ wants the tessdata folder itself, 3.x its parent.
        for folder in (Path(prefix), Path(prefix) / "tessdata"):
            if (folder / "eng.traineddata").is_file():
                return str(folder)
    for candidate in TESSDATA_FOLDERS:
        if (Path(candidate) / "eng.traineddata").is_file():
            return candidate
    raise InputError("OCR needs Tesseract's language data: apt-get install tesseract-ocr-eng tesseract-ocr-chi-tra (make ocr)")


def _columns(tsv: str) -> dict[str, list]:
    data: dict[str, list] = {name: [] for name in _TSV_COLUMNS}
    for row in tsv.splitlines():
        cells = row.split("\t")
        if len(cells) < len(_TSV_COLUMNS):
            cells.extend([""] * (len(_TSV_COLUMNS) - len(cells)))
        for name, cell in zip(_TSV_COLUMNS, cells):
            data[name].append(int(cell) if name in _INT_COLUMNS else float(cell) if name == "conf" else cell)
    return data


def _by_program(image: Image.Image, language: str, psm: int, timeout: float, whitelist: str) -> dict[str, list]:
    import pytesseract

    config = f"--psm {psm}" + (f" -c tessedit_char_whitelist={whitelist}" if whitelist else "")
    return pytesseract.image_to_data(image, lang=language, config=config, output_type=pytesseract.Output.DICT, timeout=timeout)
