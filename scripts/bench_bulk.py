"""Bulk throughput: against poppler, files/s with --jobs 1 and --jobs 2, and peak memory per worker.

    python scripts/bench_bulk.py [--corpus ../shared/corpus] [--files 100] [--memory-files 200] [--poppler-runs 3]

First, whole processes, wall clock, taken in turn ``--poppler-runs`` times:
``return-xml bulk CORPUS/unlabelled --out OUT --jobs 2`` (a fresh OUT each
time, so nothing is reused from a manifest) against poppler's ``pdftotext
-bbox`` (C; word boxes) over the same files, one process per file, two at a
time; their ratio per round and its median (issue 18: at most 3).  Skipped,
with a note, when ``pdftotext`` is not installed (``make bench`` installs
poppler-utils).

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
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from measured import cli_command, measured_env

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


NO_BYTECODE_CACHE = False  # set by --no-bytecode-cache


def bulk_process_seconds(folder: Path, out: Path, jobs: int) -> float:
    """Wall seconds of one whole ``return-xml bulk FOLDER --out OUT --jobs N`` process (exit 0 or 1: some rejected)."""
    started = time.perf_counter()
    done = subprocess.run([*cli_command(), "bulk", str(folder), "--out", str(out), "--jobs", str(jobs)], check=False, capture_output=True, env=measured_env(NO_BYTECODE_CACHE))
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"return-xml bulk failed ({done.returncode}): {done.stderr.decode(errors='replace')[-2000:]}")
    return seconds


def poppler_seconds(pdfs: list[Path], jobs: int) -> float:
    """Wall seconds of ``pdftotext -bbox FILE -`` over ``pdfs``, one process per file, ``jobs`` at a time."""
    def one(pdf: Path) -> None:
        subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    started = time.perf_counter()
    with ThreadPoolExecutor(jobs) as pool:
        list(pool.map(one, pdfs))
    return time.perf_counter() - started


def against_poppler(folder: Path, root: Path, runs: int, jobs: int = 2) -> None:
    """Whole ``return-xml bulk`` against ``pdftotext -bbox``, taken in turn; prints each round and the median ratio."""
    pdfs = sorted(folder.glob("*.pdf"))
    if shutil.which("pdftotext") is None:
        print("pdftotext not found: the comparison with poppler is left out (apt-get install poppler-utils)")
        return
    cache = "off (PYTHONDONTWRITEBYTECODE)" if NO_BYTECODE_CACHE and os.environ.get("PYTHONDONTWRITEBYTECODE") else "on"
    print(f"bulk vs poppler over {len(pdfs)} files of {folder}, --jobs {jobs} / {jobs} pdftotext at a time; "
          f"load average {load_average()}; bytecode cache {cache}")
    ratios = []
    bulk_process_seconds(folder, root / "poppler-warm-up", jobs)  # untimed: writes the bytecode cache, fills the page cache
    poppler_seconds(pdfs, jobs)
    for run in range(runs):
        ours = bulk_process_seconds(folder, root / f"poppler-round-{run}", jobs)
        theirs = poppler_seconds(pdfs, jobs)
        ratios.append(ours / theirs)
        print(f"  round {run + 1}: return-xml bulk {ours:.2f} s ({len(pdfs) / ours:.1f} files/s), "
              f"pdftotext -bbox {theirs:.2f} s ({len(pdfs) / theirs:.1f} files/s), ratio {ours / theirs:.2f}", flush=True)
    print(f"bulk ratio return-xml / pdftotext: median {statistics.median(ratios):.2f} (min {min(ratios):.2f}, max {max(ratios):.2f}); "
          f"load average {load_average()}")


def load_average() -> str:
    return " ".join(f"{v:.2f}" for v in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "corpus")
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--memory-files", type=int, default=200)
    parser.add_argument("--poppler-runs", type=int, default=3, help="rounds of the comparison with pdftotext (0: none)")
    parser.add_argument("--only-poppler", action="store_true", help="only the comparison with pdftotext")
    parser.add_argument("--no-bytecode-cache", action="store_true", help="keep PYTHONDONTWRITEBYTECODE for the measured processes")
    args = parser.parse_args()
    global NO_BYTECODE_CACHE
    NO_BYTECODE_CACHE = args.no_bytecode_cache
    print(f"load average before: {' '.join(f'{v:.2f}' for v in os.getloadavg())}; {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory(prefix="bench-bulk-") as tmp:
        root = Path(tmp)
        if args.poppler_runs:
            against_poppler(args.corpus / "unlabelled", root, args.poppler_runs)
        if args.only_poppler:
            return 0
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
