"""Fuzz targets: each takes bytes and must either succeed or raise a ReturnXmlError.

Anything else (a KeyError, a RecursionError, a float where a Decimal belongs,
a hang) is a crash.  ``fuzz/run.py`` drives these with atheris when it is
installed (coverage-guided), otherwise with a plain random mutator; the
regression test (tests/test_fuzz_regressions.py) replays every saved input.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
TESTS = HERE.parent / "tests"
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))  # the seed builders live with the tests (tests/bad/pdfbuild.py)

from return_xml.errors import ReturnXmlError  # noqa: E402


def _text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def values_target(data: bytes) -> None:
    """The printed-text parsers of pdf/values.py on any text."""
    from return_xml.pdf import values
    from return_xml.pdf.document import Phrase

    token = _text(data)
    phrase = Phrase(token, 1, 0.0, 0.0, 10.0, 10.0)
    for parse in (values.count, values.amount, values.currency, values.day):
        try:
            result = parse(phrase, field="fuzz")
        except ReturnXmlError:
            continue
        if parse is values.count:
            assert result.value is None or type(result.value) is int, result
        if parse is values.amount:
            assert result.value is None or type(result.value) is Decimal, result
        if parse is values.day:
            assert result.value is None or type(result.value) is dt.date, result
        assert result.printed == " ".join(token.split()), result
    try:
        number = values.parse_number(token, field="fuzz", page=1)
        assert number is None or type(number) is Decimal
    except ReturnXmlError:
        pass
    date = values.parse_date(token)
    assert date is None or type(date) is dt.date
    text = values.text(phrase, absent_when_not_applicable=True)
    assert text.value is None or text.value == " ".join(token.split())
    try:
        answer = values.flag(phrase, yes={"yes", "✓"}, no={"no"}, field="fuzz")
        assert answer.value in (True, False, None)
    except ReturnXmlError:
        pass


def xml_target(data: bytes) -> None:
    """XML -> model through the hardened reader; a model read back must write the same XML."""
    from return_xml.xmlio import parse_xml, render_xml

    try:
        monthly_return = parse_xml(data)
    except ReturnXmlError:
        return
    again = render_xml(monthly_return)
    assert parse_xml(again) == monthly_return


_PDF_PATH: Path | None = None


def pdf_target(data: bytes) -> None:
    """PDF -> model in-process (pre-flight, pdfplumber, detection, readers)."""
    from return_xml import api

    global _PDF_PATH
    if _PDF_PATH is None:
        folder = Path(os.environ.get("FUZZ_WORK", tempfile.gettempdir()))
        folder.mkdir(parents=True, exist_ok=True)
        _PDF_PATH = folder / f"fuzz-{os.getpid()}.pdf"
    _PDF_PATH.write_bytes(data)
    try:
        api.read_pdf(_PDF_PATH)
    except ReturnXmlError:
        pass


TARGETS = {"values": values_target, "xml": xml_target, "pdf": pdf_target}


def seeds(target: str) -> list[bytes]:
    """Starting inputs for a target, made here (nothing from the corpus is copied)."""
    if target == "values":
        return [s.encode() for s in (
            "1,500,000", "(1,500,000)", "-1,500,000", "Nil", "N/A", "N/ A", "HK$0.10", "0.25", "港元",
            "31 January 2026", "31/1/2011", "( 27 / 10 / 2012)", "2025年9月30日", "二零一二年五月十八日", "Jan 31 2026",
            "１，０００", "RMB", "不適用", "--", "",
        )]
    if target == "xml":
        from bad.cases import return_document

        return [return_document(), return_document("Café & Co <Holdings>".replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))]
    if target == "pdf":
        from bad.pdfbuild import text_pdf

        return [
            text_pdf(["FF301", "Monthly Return of Equity Issuer on Movements in Securities", "For the month ended: 31 January 2026"]),
            text_pdf(["Monthly Return of Equity Issuer on Movements in Securities", "Name of Issuer: Example Limited"]),
            text_pdf(["Hello"]),
        ]
    raise KeyError(target)
