"""The labelled corpus printed again by other PDF producers, read and scored (issue 14).

    python scripts/redistil_check.py [--corpus ../shared/corpus] [--out /tmp/redistilled]

Each labelled corpus filing is passed through Ghostscript's pdfwrite (its version 10
interpreter, and version 9's with -dNEWPDF=false) and through Cairo (``pdftocairo -pdf``),
which is what print-to-PDF drivers and re-distillers do to a filing. Each copy is read with the
defaults (``--ocr auto``) and scored against the original's label with the project's scorer:
its verdict, facts correct / missing / wrong / extra, and whether it is verified with a wrong or
missing fact (which must never happen). Exit 1 if any is.

Why a script and not a test: it needs Ghostscript and poppler (``make producers`` installs
them), and a copy whose text layer a producer damaged is read by OCR, which takes minutes.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from tests.producers.tools import cairo_pdf, ghostscript_pdf  # noqa: E402

from matrix_outcomes import scorer  # noqa: E402
from return_xml import api  # noqa: E402
from return_xml.errors import ReturnXmlError  # noqa: E402
from return_xml.facts import facts_of  # noqa: E402

PRODUCERS = {
    "gs": lambda src, out: ghostscript_pdf(src, out),
    "gs9": lambda src, out: ghostscript_pdf(src, out, legacy_interpreter=True),
    "cairo": cairo_pdf,
}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--out", type=Path, default=Path("/tmp/redistilled"))
    args = parser.parse_args(argv)
    compare = scorer().compare
    wrong_verified = 0
    print("| filing | producer | verdict | correct | missing | wrong | extra |")
    print("|---|---|---|---|---|---|---|")
    for pdf in sorted(args.corpus.glob("*.pdf")):
        label = json.loads(pdf.with_suffix(".facts.json").read_text(encoding="utf-8"))
        for producer, make in PRODUCERS.items():
            copy = args.out / f"{pdf.stem}.{producer}.pdf"
            if not copy.exists():
                make(pdf, copy)
            try:
                read = api.read_pdf(copy)
            except ReturnXmlError as err:
                print(f"| {pdf.stem} | {producer} | refused: {err.code} {str(err)[len(str(copy)) + 2:][:80]} | | | | |")
                continue
            correct, missing, wrong, extra, _ = compare(label, facts_of(read))
            verdict = read.audit.verdict.value if read.audit else "-"
            if verdict == "verified" and (missing or wrong or extra):
                wrong_verified += 1
                verdict += " BUT WRONG"
            print(f"| {pdf.stem} | {producer} | {verdict} | {len(correct)} | {len(missing)} | {len(wrong)} | {len(extra)} |")
    print(f"\nverified with a wrong, missing or extra fact: {wrong_verified}")
    return 1 if wrong_verified else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
