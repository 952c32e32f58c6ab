"""Wall time of converting each labelled corpus filing: in-process and through the CLI.

    python scripts/bench.py [--runs 5] [--corpus ../shared/corpus]

Prints the median of the runs per file (seconds). A benchmark, never a test:
timings depend on the machine and on what else it is doing.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from return_xml import api


def median_seconds(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "corpus")
    args = parser.parse_args()
    script = Path(sys.executable).with_name("return-xml")
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "out.xml"
        print(f"{'file':60} {'in-process':>11} {'CLI':>8}")
        for pdf in sorted(args.corpus.glob("*.pdf")):
            inside = median_seconds(lambda: api.convert(pdf, target), args.runs)
            cli = median_seconds(
                lambda: subprocess.run([str(script), "convert", str(pdf), str(target)], check=True, capture_output=True),
                args.runs,
            )
            print(f"{pdf.name:60} {inside:10.3f}s {cli:7.3f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
