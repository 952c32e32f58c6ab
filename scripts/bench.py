"""Benchmark: our conversion against what the PDF itself costs to decode.

    python scripts/bench.py [--runs 5] [--corpus ../shared/corpus] [--all]

For each corpus filing (the labelled ones; ``--all`` adds ``unlabelled/``),
in one process, as the median of ``--runs`` runs, in CPU milliseconds
(``time.process_time``, so that other load on the machine counts less):

- (a) ``pdfium``: pypdfium2 characters with their boxes, nothing else (the floor);
- (b) ``plumber``: pdfplumber ``extract_words`` on every page;
- (c) ``convert``: our whole ``api.convert`` to XML (read, model, XML, XSD and
  rules, atomic write), once per decoder;

the measures of one file taken in turn in each run (a, b, c, a, b, c ...), so
that load on the machine weighs on both sides of a ratio alike;

then the ratios c/a and c/b for each decoder and their medians over the
files, and the command line's start-up (``return-xml --version`` and
``--help``, wall seconds, median of the runs).  A benchmark, never a test:
timings depend on the machine and on what else it is doing, so the load
average is printed with the table.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from return_xml import api
from return_xml.pdf import DECODERS, DEFAULT_DECODER


def interleaved_cpu_ms(actions: list[Callable[[], object]], runs: int) -> list[float]:
    """Median CPU time of each action over ``runs`` rounds, in milliseconds.

    Each round runs every action once, one after the other, so that a change
    of load on the machine during the measurement falls on all of them alike
    (and on both sides of a ratio).
    """
    times: list[list[float]] = [[] for _ in actions]
    for _ in range(runs):
        for action, spent in zip(actions, times):
            start = time.process_time()
            action()
            spent.append((time.process_time() - start) * 1000)
    return [statistics.median(spent) for spent in times]


def wall_s(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def pdfium_chars(path: Path) -> int:
    """(a) Every character's code and loose box through pypdfium2: the least a converter must do."""
    import pypdfium2
    import pypdfium2.raw as raw

    count = 0
    document = pypdfium2.PdfDocument(str(path))
    box = raw.FS_RECTF()
    try:
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            for char in range(raw.FPDFText_CountChars(textpage.raw)):
                raw.FPDFText_GetUnicode(textpage.raw, char)
                raw.FPDFText_GetLooseCharBox(textpage.raw, char, ctypes.byref(box))
                count += 1
            textpage.close()
            page.close()
    finally:
        document.close()
    return count


def plumber_words(path: Path) -> int:
    """(b) pdfplumber's words on every page."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return sum(len(page.extract_words()) for page in pdf.pages)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "corpus")
    parser.add_argument("--all", action="store_true", help="also the filings in CORPUS/unlabelled")
    args = parser.parse_args()
    pdfs = sorted(args.corpus.glob("*.pdf")) + (sorted((args.corpus / "unlabelled").glob("*.pdf")) if args.all else [])
    if not pdfs:
        print(f"no PDF in {args.corpus}", file=sys.stderr)
        return 2
    decoders = sorted(DECODERS, key=lambda name: name != DEFAULT_DECODER)  # the default first
    print(f"load average {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f} on {os.cpu_count()} CPUs; "
          f"{args.runs} runs per figure; CPU ms; default decoder {DEFAULT_DECODER}")
    header = f"{'file':52} {'(a)pdfium':>9} {'(b)plumber':>10}" + "".join(f" {'(c)' + d:>14} {'c/a':>6} {'c/b':>6}" for d in decoders)
    print(header)
    ratios: dict[str, tuple[list[float], list[float]]] = {d: ([], []) for d in decoders}
    columns: dict[str, list[float]] = {"a": [], "b": [], **{d: [] for d in decoders}}
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "out.xml"
        for pdf in pdfs:
            actions = [lambda: pdfium_chars(pdf), lambda: plumber_words(pdf)]
            actions += [lambda decoder=decoder: api.convert(pdf, target, decoder=decoder) for decoder in decoders]
            a, b, *converts = interleaved_cpu_ms(actions, args.runs)
            columns["a"].append(a)
            columns["b"].append(b)
            line = f"{pdf.name[:52]:52} {a:9.1f} {b:10.1f}"
            for decoder, c in zip(decoders, converts):
                columns[decoder].append(c)
                ratios[decoder][0].append(c / a)
                ratios[decoder][1].append(c / b)
                line += f" {c:14.1f} {c / a:6.2f} {c / b:6.2f}"
            print(line, flush=True)
    line = f"{'median':52} {statistics.median(columns['a']):9.1f} {statistics.median(columns['b']):10.1f}"
    for decoder in decoders:
        line += f" {statistics.median(columns[decoder]):14.1f} {statistics.median(ratios[decoder][0]):6.2f} {statistics.median(ratios[decoder][1]):6.2f}"
    print(line)
    script = Path(sys.executable).with_name("return-xml")
    if script.exists():
        version = wall_s([str(script), "--version"], args.runs)
        help_ = wall_s([str(script), "--help"], args.runs)
        print(f"CLI start-up (wall, median of {args.runs}): return-xml --version {version:.3f} s, return-xml --help {help_:.3f} s")
    else:
        print(f"CLI start-up: {script} not found (install the package first)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
