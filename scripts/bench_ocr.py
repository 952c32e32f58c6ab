"""Seconds per scanned page (issue 15): whole `return-xml convert` processes over image-only PDFs.

Each scanned PDF of ``--scans`` (by default the corpus's ``scanned/`` renditions) is
converted ``--runs`` times by a fresh ``return-xml convert`` process, taking turns; the
median wall time is divided by the page count.  The peak resident memory of the
largest process the run waited for (the isolation worker or a Tesseract run) is
reported too, with the load average, since the 2 cores are shared.

    python scripts/bench_ocr.py --scans ../shared/corpus/scanned --runs 3
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _pages(pdf: Path) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        return len(document)
    finally:
        document.close()


def _one_run(pdf: Path, out: Path) -> tuple[float, int]:
    """Wall seconds and exit code of one whole convert process."""
    command = [sys.executable, "-m", "return_xml", "convert", str(pdf), str(out)]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, check=False)
    return time.perf_counter() - started, done.returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scans", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "scanned")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    scans = sorted(args.scans.glob("*.pdf"))
    if not scans:
        print(f"no scanned PDF in {args.scans}", file=sys.stderr)
        return 2
    times: dict[Path, list[float]] = {pdf: [] for pdf in scans}
    codes: dict[Path, int] = {}
    with tempfile.TemporaryDirectory(prefix="return-xml-bench-ocr-") as folder:
        for _ in range(args.runs):
            for pdf in scans:  # taking turns: a burst of load touches every file alike
                seconds, code = _one_run(pdf, Path(folder) / "out.xml")
                times[pdf].append(seconds)
                codes[pdf] = code
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}; {args.runs} runs each, median")
    print(f"{'scanned file':62} {'pages':>5} {'s':>7} {'s/page':>7}  exit")
    per_page = []
    for pdf in scans:
        pages, median = _pages(pdf), statistics.median(times[pdf])
        per_page.append(median / pages)
        print(f"{pdf.name:62} {pages:5d} {median:7.1f} {median / pages:7.2f}  {codes[pdf]}")
    print(f"median seconds per scanned page: {statistics.median(per_page):.2f}; largest process peak RSS: {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
