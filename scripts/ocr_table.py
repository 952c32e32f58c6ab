"""The OCR table (issue 15): labelled PDFs scanned at 150, 200 and 300 dpi, read by OCR, scored against their labels.

Every PDF given (by default the labelled corpus filings, ``../shared/corpus/*.pdf``, and a subset of the
producer matrix, ``tests/producers/*/pdf/``) is made into an image-only "scan" with
``../shared/tools/make_scan.py`` at each resolution, with the skew, noise and JPEG quality of the corpus's
own scanned renditions and a fixed seed per file and resolution (so a table can be made again).  The scans
are kept in ``--cache`` (outside the repository) and made once.

Each scan is read by a fresh process (``api.read(..., isolated=True, ocr="auto")``, as the CLI reads), two
at a time, and scored with the project's facts scorer (``../shared/tools/score_facts.py``): the verdict,
the facts correct / missing / wrong / extra against the label, and **verified-but-wrong**: the facts not
exact in a reading the converter vouched for (the outcome that must never happen).  Facts not exact in a
``needs review`` reading are checked against the reasons: a fact is *named* when a reason's path is of the
same item (``issued[0]``, ``convertibles[1]``) or its page, else it is listed as not named.

    python scripts/ocr_table.py                          # everything, markdown table on stdout
    python scripts/ocr_table.py --dpi 200 --only 01723   # a part
    python scripts/ocr_table.py --json /tmp/ocr_table.json --details

It is a measurement, not a test (``make bench-ocr-table``); docs/ocr.md gives the last table.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import subprocess
import sys
import time
import zlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("RETURN_XML_SHARED", ROOT.parent / "shared"))
if not SHARED.is_dir():  # a worktree beside the main checkout
    SHARED = Path("/work/shared")
PRODUCERS = ROOT / "tests" / "producers"
# The producer-matrix PDFs measured: both families, both languages, several producers
# (Chromium's HTML print, LibreOffice's table and tab layouts, the FF301 e-form render).
MATRIX = (
    "ff301/pdf/v111_en_render.pdf",
    "ff301/pdf/v120_pref_en_render.pdf",
    "ff301/pdf/zh_render.pdf",
    "ff301/pdf/zh_multi_render.pdf",
    "legacy/pdf/gem_en_table.pdf",
    "legacy/pdf/nopar_en_html.pdf",
    "legacy/pdf/hshares_zh_html.pdf",
    "legacy/pdf/unltd_zh_table.pdf",
)
# The scanner settings of the corpus's own scanned renditions (make_scan.py's defaults).
ANGLE, NOISE, QUALITY = 0.6, 8.0, 60


def label_of(pdf: Path) -> Path:
    """The label of a corpus filing (``X.facts.json`` beside ``X.pdf``) or of a matrix PDF (``CASE_PRODUCER.pdf``
    in ``pdf/`` -> ``CASE.facts.json`` one folder up, as tests/matrix_outcomes.py finds it)."""
    beside = pdf.with_name(pdf.stem + ".facts.json")
    if beside.exists():
        return beside
    return pdf.parent.parent / f"{pdf.stem.rsplit('_', 1)[0]}.facts.json"


def sources(args: argparse.Namespace) -> list[Path]:
    if args.pdfs:
        found = [Path(p) for p in args.pdfs]
    else:
        found = sorted((SHARED / "corpus").glob("*.pdf")) + [PRODUCERS / m for m in MATRIX]
    return [p for p in found if label_of(p).exists() and (not args.only or any(o in p.name for o in args.only))]


def scan_of(pdf: Path, dpi: int, cache: Path, pythonpath: str) -> Path:
    """The scan of ``pdf`` at ``dpi``, made once into ``cache``."""
    name = pdf.stem if pdf.parent.name != "pdf" else f"{pdf.parent.parent.name}-{pdf.stem}"
    target = cache / f"{name}_{dpi}dpi.pdf"
    if target.exists():
        return target
    cache.mkdir(parents=True, exist_ok=True)
    seed = zlib.crc32(name.encode()) % 10_000 + dpi  # fixed: the same scan every time
    env = dict(os.environ)
    if pythonpath:
        env["PYTHONPATH"] = os.pathsep.join(p for p in (env.get("PYTHONPATH", ""), pythonpath) if p)
    partial = target.with_suffix(".part.pdf")
    subprocess.run([sys.executable, str(SHARED / "tools" / "make_scan.py"), str(pdf), str(partial), "--dpi", str(dpi),
                    "--angle", str(ANGLE), "--noise", str(NOISE), "--quality", str(QUALITY), "--seed", str(seed)],
                   check=True, capture_output=True, env=env)
    partial.rename(target)
    return target


def read_one(scan: Path) -> dict[str, Any]:
    """What the converter makes of ``scan`` (run in a fresh process by ``--one``)."""
    from return_xml import api
    from return_xml.errors import ReturnXmlError
    from return_xml.facts.view import facts_of

    started = time.perf_counter()
    try:
        read = api.read(scan, isolated=True, ocr="auto")
    except ReturnXmlError as err:
        return {"error": str(err), "seconds": time.perf_counter() - started}
    audit = read.audit
    reasons = [{"code": r.code, "path": r.path, "page": r.page, "message": r.message} for r in audit.reasons] if audit else []
    return {"verdict": str(audit.verdict) if audit else "none", "facts": dict(facts_of(read)), "reasons": reasons,
            "seconds": time.perf_counter() - started}


def _scorer():
    spec = importlib.util.spec_from_file_location("score_facts", SHARED / "tools" / "score_facts.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_ITEM = re.compile(r"^[a-z_]+(?:\[\d+\])?")
# The fact roots of each section a reason names (RX-R-002: "section III.B ... nothing was read").
_SECTION_ROOTS = {"I": ("authorised",), "II": ("issued",), "III.A": ("options",), "III.B": ("warrants",),
                  "III.C": ("convertibles",), "III.D": ("arrangements",), "III.E": ("other_movements",),
                  "III": ("options", "warrants", "convertibles", "arrangements", "other_movements", "total_increase"),
                  "V": ("signatory",)}
_SECTION = re.compile(r"^section (I{1,3}(?:\.[A-E])?|V)\b")


def _digits(text: object) -> str:
    """The number in ``text`` without its grouping and trailing decimal zeros ("1,000.00" -> "1000"), or ""."""
    digits = re.sub(r"[^0-9.]", "", str(text))
    if not re.fullmatch(r"\d+(?:\.\d+)?", digits):
        return ""
    return digits.rstrip("0").rstrip(".") if "." in digits else digits


def _named(fact: dict[str, Any], reasons: list[dict[str, Any]]) -> bool:
    """A fact not exact is named by the reasons when one of them points at its item (``issued[0]``), at its
    section (RX-R-002), or is an unread figure printing its expected value (RX-R-001)."""
    key = fact["key"]
    item = _ITEM.match(key)
    prefix = item.group(0) if item else key
    root = prefix.split("[")[0]
    expected = _digits(fact.get("expected", ""))
    for reason in reasons:
        path = reason.get("path") or ""
        if path.startswith(prefix) or (root in ("issuer", "period", "submission") and path.startswith("header")):
            return True
        section = _SECTION.match(reason.get("message", ""))
        if reason["code"] == "RX-R-002" and section and root.startswith(_SECTION_ROOTS[section.group(1)]):
            return True
        printed = re.match(r"unread figure '([^']*)'", reason.get("message", ""))
        if printed and expected and _digits(printed.group(1)) == expected:
            return True
    return False


def scored(pdf: Path, dpi: int, result: dict[str, Any], scorer) -> dict[str, Any]:
    label = json.loads(label_of(pdf).read_text(encoding="utf-8"))
    row: dict[str, Any] = {"file": pdf.name, "dpi": dpi, "facts": len(label), "seconds": round(result["seconds"], 1)}
    if "error" in result:
        row.update(verdict="refused", error=result["error"][:200], correct=0, missing=len(label), wrong=0, extra=0,
                   vbw=0, not_exact=[])
        return row
    correct, missing, wrong, extra, _unknown = scorer.compare(label, result["facts"])
    verified = result["verdict"] == "verified"
    got = result["facts"]
    not_exact = ([{"kind": "missing", "key": k, "expected": label[k]} for k in missing]
                 + [{"kind": "wrong", "key": k, "got": got[k], "expected": label[k]} for k in wrong]
                 + [{"kind": "extra", "key": k, "got": got[k]} for k in extra])
    for fact in not_exact:
        fact["named"] = _named(fact, result["reasons"])
    row.update(verdict=result["verdict"], correct=len(correct), missing=len(missing), wrong=len(wrong),
               extra=len(extra), vbw=len(not_exact) if verified else 0, not_exact=not_exact,
               reasons=sorted({r["code"] for r in result["reasons"]}))
    return row


def table(rows: list[dict[str, Any]], dpis: list[int]) -> str:
    lines = ["| file | dpi | outcome | correct / label | missing | wrong | extra | verified-but-wrong | s |",
             "|---|---|---|---|---|---|---|---|---|"]
    for row in sorted(rows, key=lambda r: (r["file"], r["dpi"])):
        reason = row.get("error", "").split(".pdf: ", 1)[-1]  # the refusal without the scan's path
        outcome = row["verdict"] if row["verdict"] != "refused" else "refused: " + reason[:70]
        lines.append(f"| {row['file'].removesuffix('.pdf')} | {row['dpi']} | {outcome} | {row['correct']} / {row['facts']} "
                     f"| {row['missing']} | {row['wrong']} | {row['extra']} | {row['vbw']} | {row['seconds']:.0f} |")
    lines += ["", "| dpi | scans | exact and verified | verified | needs review | refused | correct / label | missing "
              "| wrong | extra | verified-but-wrong (facts) |", "|---|---|---|---|---|---|---|---|---|---|---|"]
    for dpi in dpis:
        of = [r for r in rows if r["dpi"] == dpi]
        if not of:
            continue
        total = {k: sum(r[k] for r in of) for k in ("facts", "correct", "missing", "wrong", "extra", "vbw")}
        verified = [r for r in of if r["verdict"] == "verified"]
        exact = sum(not r["not_exact"] for r in verified)
        review = sum(r["verdict"] == "needs review" for r in of)
        refused = sum(r["verdict"] == "refused" for r in of)
        lines.append(f"| {dpi} | {len(of)} | {exact} | {len(verified)} | {review} | {refused} | {total['correct']} / "
                     f"{total['facts']} | {total['missing']} | {total['wrong']} | {total['extra']} | {total['vbw']} |")
    return "\n".join(lines)


def details(rows: list[dict[str, Any]]) -> str:
    out = []
    for row in sorted(rows, key=lambda r: (r["file"], r["dpi"])):
        if row["verdict"] == "refused":
            out.append(f"{row['file']} @{row['dpi']}: refused: {row['error']}")
            continue
        if not row["not_exact"]:
            continue
        out.append(f"{row['file']} @{row['dpi']}: {row['verdict']} ({', '.join(row['reasons'])})")
        for fact in row["not_exact"]:
            mark = "" if row["verdict"] == "verified" else ("  named" if fact["named"] else "  NOT NAMED")
            shown = f"{fact.get('got')!r}, expected {fact.get('expected')!r}" if fact["kind"] == "wrong" else \
                repr(fact.get("expected", fact.get("got")))
            out.append(f"  {fact['kind']:7} {fact['key']} = {shown}{mark}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", help="labelled PDFs (default: the corpus filings and the matrix subset)")
    parser.add_argument("--dpi", default="150,200,300")
    parser.add_argument("--only", action="append", help="only the PDFs whose name holds this (repeatable)")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/ocr_scans"), help="where the scans are kept")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--reuse", action="store_true",
                        help="take the reading kept beside a scan by an earlier run instead of reading it again")
    parser.add_argument("--json", type=Path, help="write every row (with the facts not exact) here")
    parser.add_argument("--details", action="store_true", help="list every fact not exact, and the refusals")
    parser.add_argument("--scan-pythonpath", default=os.environ.get("OCR_TABLE_SCAN_PYTHONPATH", ""),
                        help="added to PYTHONPATH for make_scan.py (where img2pdf is)")
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)  # the worker: read one scan, print JSON
    args = parser.parse_args(argv)
    if args.one is not None:
        print(json.dumps(read_one(args.one), default=str))
        return 0
    dpis = [int(d) for d in args.dpi.split(",")]
    pdfs = sources(args)
    # Small files first, every resolution of a file together: a run cut short has whole rows.
    jobs = [(pdf, dpi) for pdf in sorted(pdfs, key=lambda p: (p.stat().st_size, p.name)) for dpi in dpis]
    print(f"{len(jobs)} scans of {len(pdfs)} PDFs; load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}",
          file=sys.stderr)
    scorer = _scorer()
    started = time.perf_counter()

    def run(job: tuple[Path, int]) -> dict[str, Any]:
        pdf, dpi = job
        scan = scan_of(pdf, dpi, args.cache, args.scan_pythonpath)
        kept = scan.with_suffix(".read.json")
        if args.reuse and kept.exists():
            result = json.loads(kept.read_text(encoding="utf-8"))
        else:
            done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--one", str(scan)],
                                  capture_output=True, text=True, check=False)
            try:
                result = json.loads(done.stdout.strip().splitlines()[-1])
            except (json.JSONDecodeError, IndexError):
                result = {"error": f"worker exit {done.returncode}: {done.stderr.strip()[-200:]}", "seconds": 0.0}
            # Kept beside the scan (facts and reasons too): a table can be looked into without reading again.
            kept.write_text(json.dumps(result, default=str, ensure_ascii=False), encoding="utf-8")
        row = scored(pdf, dpi, result, scorer)
        print(f"  {row['file']} @{dpi}: {row['verdict']} {row['correct']}/{row['facts']} vbw {row['vbw']} "
              f"({row['seconds']:.0f} s) {row.get('error', '')[:120]}", file=sys.stderr, flush=True)
        return row

    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        rows = list(pool.map(run, jobs))
    print(f"{time.perf_counter() - started:.0f} s wall; load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}",
          file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1, ensure_ascii=False, default=str), encoding="utf-8")
    print(table(rows, dpis))
    if args.details:
        print()
        print(details(rows))
    return 1 if any(r["vbw"] for r in rows) else 0


if __name__ == "__main__":
    raise SystemExit(main())
