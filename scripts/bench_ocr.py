"""Seconds per scanned page (issue 15): whole `return-xml convert` processes over image-only PDFs.

Each scanned PDF of ``--scans`` (by default the corpus's ``scanned/`` renditions) is
converted ``--runs`` times by a fresh ``return-xml convert`` process, taking turns; the
median wall time is divided by the page count.  The peak resident memory of the
largest process of each run (the isolation worker, as a rule) and the CPU seconds of
all its processes are read from ``/proc`` while it runs (Linux; every 0.1 s: the
peak is the kernel's high-water mark, so nothing between two looks is missed,
the CPU of a process's last 0.1 s may be).  CPU seconds matter because the 2 cores
are shared: wall time under load says little; the load average is printed too.

    python scripts/bench_ocr.py --scans ../shared/corpus/scanned --runs 3
"""

from __future__ import annotations

import argparse
import os
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


def _tree(root: int) -> list[int]:
    """``root`` and its descendants, from /proc."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(parents.get(pid, []))
    return found


def _look(pid: int) -> tuple[int, float] | None:
    """Peak RSS (bytes) and CPU seconds so far of process ``pid``, or None once it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    peak = next((int(line.split()[1]) * 1024 for line in status.splitlines() if line.startswith("VmHWM:")), 0)
    return peak, (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _one_run(pdf: Path, out: Path) -> tuple[float, int, int, float]:
    """Wall seconds, exit code, largest peak RSS (bytes) and CPU seconds of one whole convert process tree."""
    command = [sys.executable, "-m", "return_xml", "convert", str(pdf), str(out)]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peaks: dict[int, int] = {}
    cpu: dict[int, float] = {}
    while process.poll() is None:
        if sys.platform.startswith("linux"):
            for pid in _tree(process.pid):
                if (seen := _look(pid)) is not None:
                    peaks[pid], cpu[pid] = max(peaks.get(pid, 0), seen[0]), seen[1]
        time.sleep(0.1)
    return time.perf_counter() - started, process.returncode, max(peaks.values(), default=0), sum(cpu.values())


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
    cpus: dict[Path, list[float]] = {pdf: [] for pdf in scans}
    peaks: dict[Path, int] = dict.fromkeys(scans, 0)
    codes: dict[Path, int] = {}
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="return-xml-bench-ocr-") as folder:
        for _ in range(args.runs):
            for pdf in scans:  # taking turns: a burst of load touches every file alike
                seconds, code, peak, cpu = _one_run(pdf, Path(folder) / "out.xml")
                times[pdf].append(seconds)
                cpus[pdf].append(cpu)
                peaks[pdf] = max(peaks[pdf], peak)
                codes[pdf] = code
    loads = " ".join(f"{x:.2f}" for x in load_before), " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"load average {loads[0]} before, {loads[1]} after; {args.runs} runs each, median")
    print(f"{'scanned file':62} {'pages':>5} {'s':>7} {'s/page':>7} {'cpu s':>7} {'peak MB':>8}  exit")
    per_page = []
    for pdf in scans:
        pages, median = _pages(pdf), statistics.median(times[pdf])
        per_page.append(median / pages)
        print(f"{pdf.name:62} {pages:5d} {median:7.1f} {median / pages:7.2f} {statistics.median(cpus[pdf]):7.1f}"
              f" {peaks[pdf] / 2**20:8.0f}  {codes[pdf]}")
    print(f"median seconds per scanned page: {statistics.median(per_page):.2f}; largest process peak RSS: {max(peaks.values()) / 2**20:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
