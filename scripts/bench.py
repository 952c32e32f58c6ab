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
``--help``, wall seconds, median of the runs).

Then whole processes, wall clock, over ``--process-files`` filings (4, spread
over the labelled corpus), taken in turn in each run: ``return-xml convert
FILE OUT.xml`` (the installed script: start-up, imports, the isolated worker,
everything a user waits for) against ``python -c EXTRACT FILE``, a process
that imports pypdfium2 and asks for every character's code and box (the
floor for a process that reads a PDF), with their ratio per file and its
median (issue 18: at most 3).  A benchmark, never a test:
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

from measured import cli_command, measured_env

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
        subprocess.run(command, check=True, capture_output=True, env=measured_env(NO_BYTECODE_CACHE))
        times.append(time.perf_counter() - start)
    return statistics.median(times)


# The whole-process floor: import pypdfium2, every character's code and loose box on every page.
EXTRACT = """
import ctypes, sys
import pypdfium2, pypdfium2.raw as raw
document = pypdfium2.PdfDocument(sys.argv[1])
box, count = raw.FS_RECTF(), 0
for index in range(len(document)):
    page = document[index]
    textpage = page.get_textpage()
    for char in range(raw.FPDFText_CountChars(textpage.raw)):
        raw.FPDFText_GetUnicode(textpage.raw, char)
        raw.FPDFText_GetLooseCharBox(textpage.raw, char, ctypes.byref(box))
        count += 1
    textpage.close()
    page.close()
document.close()
print(count)
"""


NO_BYTECODE_CACHE = False  # set by --no-bytecode-cache


def whole_process_ratios(pdfs: list[Path], runs: int) -> list[float]:
    """Per file: median wall seconds of ``return-xml convert`` and of the extraction process, taken in turn."""
    ratios = []
    print(f"whole process, wall ms, median of {runs} runs taken in turn: return-xml convert vs python -c EXTRACT (pypdfium2)")
    print(f"{'file':52} {'convert':>8} {'extract':>8} {'ratio':>6}")
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "out.xml"
        for pdf in pdfs:
            ours: list[float] = []
            floor: list[float] = []
            wall_once([*cli_command(), "convert", str(pdf), str(target)])  # untimed: writes the bytecode cache
            for _ in range(runs):
                ours.append(wall_once([*cli_command(), "convert", str(pdf), str(target)]))
                floor.append(wall_once([sys.executable, "-c", EXTRACT, str(pdf)]))
            c, e = statistics.median(ours), statistics.median(floor)
            ratios.append(c / e)
            print(f"{pdf.name[:52]:52} {c * 1000:8.0f} {e * 1000:8.0f} {c / e:6.2f}", flush=True)
    return ratios


def wall_once(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=measured_env(NO_BYTECODE_CACHE))
    return time.perf_counter() - start


def spread(items: list[Path], count: int) -> list[Path]:
    """``count`` items spread evenly over ``items`` (all of them when there are fewer)."""
    if len(items) <= count:
        return items
    return [items[i * len(items) // count] for i in range(count)]


def load_average() -> str:
    return " ".join(f"{v:.2f}" for v in os.getloadavg())


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
    parser.add_argument("--process-files", type=int, default=4, help="filings for the whole-process comparison (0: none)")
    parser.add_argument("--only-process", action="store_true", help="only the whole-process comparison")
    parser.add_argument("--no-bytecode-cache", action="store_true", help="keep PYTHONDONTWRITEBYTECODE for the measured processes")
    args = parser.parse_args()
    global NO_BYTECODE_CACHE
    NO_BYTECODE_CACHE = args.no_bytecode_cache
    pdfs = sorted(args.corpus.glob("*.pdf")) + (sorted((args.corpus / "unlabelled").glob("*.pdf")) if args.all else [])
    if not pdfs:
        print(f"no PDF in {args.corpus}", file=sys.stderr)
        return 2
    if not args.only_process:
        in_process(pdfs, args.runs)
    if args.process_files:
        cache = "off (PYTHONDONTWRITEBYTECODE)" if NO_BYTECODE_CACHE and os.environ.get("PYTHONDONTWRITEBYTECODE") else "on"
        print(f"load average {load_average()}; bytecode cache of the measured processes {cache}")
        ratios = whole_process_ratios(spread(sorted(args.corpus.glob("*.pdf")) or pdfs, args.process_files), args.runs)
        print(f"whole-process ratio convert / extract: median {statistics.median(ratios):.2f} "
              f"(min {min(ratios):.2f}, max {max(ratios):.2f}); load average {load_average()}")
    return 0


def in_process(pdfs: list[Path], runs: int) -> None:
    """The in-process table: (a), (b) and (c) per decoder, their ratios, and the CLI start-up."""
    decoders = sorted(DECODERS, key=lambda name: name != DEFAULT_DECODER)  # the default first
    print(f"load average {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f} on {os.cpu_count()} CPUs; "
          f"{runs} runs per figure; CPU ms; default decoder {DEFAULT_DECODER}")
    header = f"{'file':52} {'(a)pdfium':>9} {'(b)plumber':>10}" + "".join(f" {'(c)' + d:>14} {'c/a':>6} {'c/b':>6}" for d in decoders)
    print(header)
    ratios: dict[str, tuple[list[float], list[float]]] = {d: ([], []) for d in decoders}
    columns: dict[str, list[float]] = {"a": [], "b": [], **{d: [] for d in decoders}}
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "out.xml"
        for pdf in pdfs:
            actions = [lambda: pdfium_chars(pdf), lambda: plumber_words(pdf)]
            actions += [lambda decoder=decoder: api.convert(pdf, target, decoder=decoder) for decoder in decoders]
            a, b, *converts = interleaved_cpu_ms(actions, runs)
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
    version = wall_s([*cli_command(), "--version"], runs)
    help_ = wall_s([*cli_command(), "--help"], runs)
    print(f"CLI start-up (wall, median of {runs}): return-xml --version {version:.3f} s, return-xml --help {help_:.3f} s")


if __name__ == "__main__":
    sys.exit(main())
