"""Run the fuzz targets for a set time each: ``python fuzz/run.py --seconds 600`` (split over the targets).

With atheris installed (``pip install -e '.[fuzz]'``), each target runs in its
own process under libFuzzer (coverage-guided, ``-max_total_time``,
``-timeout``, ``-rss_limit_mb``); crashes are written to build/fuzz/<target>/.
Without it, a random byte mutator drives the same targets.  Prints one line
per target and a total; exits 1 when any target crashed.  A crash input is to
be added to tests/fuzz_regressions/<target>/ (tests/test_fuzz_regressions.py
replays that folder).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
ORDER = ("values", "xml", "pdf")
# Share of the total time per target: the PDF path is the slowest per input.
SHARES = {"values": 0.25, "xml": 0.3, "pdf": 0.45}


def _has_atheris() -> bool:
    try:
        import atheris  # noqa: F401
    except ImportError:
        return False
    return True


def run_atheris(target: str, seconds: int, out: Path) -> tuple[int, int]:
    """(executions, crashes) of one target under libFuzzer."""
    corpus = out / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, FUZZ_WORK=str(out))
    command = [
        sys.executable, str(HERE / "atheris_main.py"), target, str(corpus),
        f"-max_total_time={seconds}", "-timeout=20", "-rss_limit_mb=3072", "-max_len=65536",
        f"-artifact_prefix={out}/", "-print_final_stats=1",
    ]
    done = subprocess.run(command, cwd=out, env=env, capture_output=True, text=True)
    log = done.stdout + done.stderr
    (out / "log.txt").write_text(log, encoding="utf-8")
    runs = re.findall(r"stat::number_of_executed_units:\s*(\d+)", log) or re.findall(r"Done (\d+) runs", log)
    crashes = len(list(out.glob("crash-*"))) + len(list(out.glob("timeout-*"))) + len(list(out.glob("oom-*")))
    if done.returncode != 0 and crashes == 0:
        crashes = 1  # libFuzzer stopped for a reason it did not save: see log.txt
    return (int(runs[-1]) if runs else 0), crashes


def run_random(target: str, seconds: int, out: Path) -> tuple[int, int]:
    """(executions, crashes) of one target under a plain random mutator (no atheris)."""
    sys.path.insert(0, str(HERE))
    from targets import TARGETS, seeds

    os.environ["FUZZ_WORK"] = str(out)
    function, pool = TARGETS[target], seeds(target)
    rng = random.Random(8)
    deadline = time.monotonic() + seconds
    runs = crashes = 0
    while time.monotonic() < deadline:
        data = bytearray(rng.choice(pool))
        for _ in range(rng.randint(1, 8)):
            where = rng.randrange(len(data) + 1)
            choice = rng.random()
            if choice < 0.4 and data:
                data[min(where, len(data) - 1)] = rng.randrange(256)
            elif choice < 0.7:
                data[where:where] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
            elif data:
                del data[where : where + rng.randint(1, 16)]
        runs += 1
        try:
            function(bytes(data))
        except Exception:  # a crash: keep its input
            crashes += 1
            (out / f"crash-{runs}").write_bytes(bytes(data))
    return runs, crashes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("FUZZ_SECONDS", "600")), help="total time, split over the targets")
    parser.add_argument("--targets", default=",".join(ORDER))
    parser.add_argument("--out", type=Path, default=PROJECT / "build" / "fuzz")
    args = parser.parse_args()
    chosen = [t for t in args.targets.split(",") if t]
    share_total = sum(SHARES[t] for t in chosen)
    engine = "atheris" if _has_atheris() else "random"
    total_runs = total_crashes = 0
    started = time.monotonic()
    for target in chosen:
        seconds = max(1, round(args.seconds * SHARES[target] / share_total))
        out = args.out / target
        out.mkdir(parents=True, exist_ok=True)
        runs, crashes = (run_atheris if engine == "atheris" else run_random)(target, seconds, out)
        total_runs += runs
        total_crashes += crashes
        print(f"fuzz {target}: {engine}, {seconds} s, {runs} executions, {crashes} crashes ({out})", flush=True)
    minutes = (time.monotonic() - started) / 60
    print(f"fuzz total: {minutes:.1f} minutes, {total_runs} executions, {total_crashes} crashes")
    return 1 if total_crashes else 0


if __name__ == "__main__":
    sys.exit(main())
