"""Bulk throughput: files/s with --jobs 1 and --jobs 2 on the same files, and peak memory per worker.

    python scripts/bench_bulk.py [--corpus ../shared/corpus] [--files 100] [--memory-files 200]

Takes the PDFs of the corpus (unlabelled ones first), repeated when there are
fewer than asked, copies them into a temporary folder, and runs
``return_xml.bulk.run_bulk`` on it three times into fresh output folders:
--jobs 1 and --jobs 2 on ``--files`` files (printed as files/s and their
ratio, with the CPU time used: on a busy machine the wall-clock ratio
falls while CPU s/file stays), then --jobs 2 on ``--memory-files`` files, printing the peak RSS of
the worker processes (the largest, and the median over inputs). A benchmark,
never a test: the figures depend on the machine and on what else runs on it,
so the load average is printed too.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from return_xml.bulk import BulkOptions, run_bulk

MIB = 1024 * 1024


def pick_inputs(corpus: Path, count: int, folder: Path) -> Path:
    """``count`` PDFs copied into ``folder`` (distinct names; the corpus repeated when it is smaller)."""
    pdfs = sorted((corpus / "unlabelled").glob("*.pdf")) + sorted(corpus.glob("*.pdf"))
    if not pdfs:
        raise SystemExit(f"no PDF in {corpus}")
    folder.mkdir(parents=True)
    for index in range(count):
        source = pdfs[index % len(pdfs)]
        shutil.copyfile(source, folder / f"{index:04d}-{source.name}")
    return folder


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished (reaped) worker processes."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed_run(inputs: Path, out: Path, jobs: int) -> tuple[float, float, list]:
    """Wall seconds, CPU seconds (parent + workers) and report rows of one run."""
    started, cpu = time.perf_counter(), _cpu_seconds()
    result = run_bulk([inputs], out, BulkOptions(jobs=jobs))
    return time.perf_counter() - started, _cpu_seconds() - cpu, result.rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "corpus")
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--memory-files", type=int, default=200)
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{v:.2f}' for v in os.getloadavg())}; {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory(prefix="bench-bulk-") as tmp:
        root = Path(tmp)
        inputs = pick_inputs(args.corpus, args.files, root / "in")
        rates = {}
        for jobs in (1, 2):
            seconds, cpu, rows = timed_run(inputs, root / f"out-{jobs}", jobs)
            converted = sum(1 for r in rows if r.status == "converted")
            rates[jobs] = len(rows) / seconds
            print(
                f"--jobs {jobs}: {len(rows)} files ({converted} converted) in {seconds:.1f} s = {rates[jobs]:.2f} files/s "
                f"(CPU {cpu:.1f} s, {cpu / len(rows):.2f} CPU s/file)",
                flush=True,
            )
        print(f"ratio jobs 2 / jobs 1: {rates[2] / rates[1]:.2f}")
        many = pick_inputs(args.corpus, args.memory_files, root / "in-many")
        seconds, _, rows = timed_run(many, root / "out-many", 2)
        peaks = [r.peak_memory for r in rows if r.peak_memory]
        print(
            f"--jobs 2 over {len(rows)} files in {seconds:.1f} s: worker peak RSS max {max(peaks) / MIB:.0f} MiB, "
            f"median {statistics.median(peaks) / MIB:.0f} MiB (workers recycled every 100 tasks)"
        )
    print(f"load average after: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
