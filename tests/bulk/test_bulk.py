"""Bulk conversion end to end: folders, archives, broken files, resume after kill -9, Dask.

The real corpus filings are converted, so these tests take tens of seconds;
the inputs are the two smallest corpus PDFs (picked by size, not by name).
A hanging PDF is simulated: ``convert_or_hang`` (run in the worker process)
sleeps on inputs that carry ``HANG_MARK``, and a short wall-clock limit
must stop it with ``E-PDF-TIMEOUT``.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bad.cases import pdf_cases, tar_archive, text_pdf, zip_archive
from conftest import TESTS
from return_xml import api
from return_xml.bulk import BulkOptions, run_bulk
from return_xml.bulk.convert import convert_bytes
from return_xml.bulk.manifest import MANIFEST_NAME
from return_xml.isolation import WorkerLimits

SCRIPT = Path(sys.executable).with_name("return-xml")
HANG_MARK = b"%bulk-test: hang"


def convert_or_hang(data: bytes, label: str, formats: tuple[str, ...], limits) -> object:
    """The worker's task in these tests: a real conversion, except that a marked input never ends."""
    if HANG_MARK in data:
        time.sleep(3600)
    return convert_bytes(data, label, formats, limits)


def never_ends(data: bytes, label: str, formats: tuple[str, ...], limits) -> object:
    time.sleep(3600)


def _case(name: str) -> bytes:
    return next(c for c in pdf_cases() if c.name == name).data


@pytest.fixture(scope="module")
def good_pdfs(corpus: Path) -> list[bytes]:
    smallest = sorted(corpus.glob("*.pdf"), key=lambda p: (p.stat().st_size, p.name))[:2]
    return [p.read_bytes() for p in smallest]




# Expected outcome per output name: None for converted, else the code.
EXPECTED = {
    "filings/first": None,
    "filings/broken/truncated": "E-PDF-TRUNCATED",
    "filings/broken/not-a-pdf": "E-PDF-NOT-PDF",
    "batch.zip/second": None,
    "batch.zip/encrypted": "E-PDF-ENCRYPTED",
    "batch.tar.gz/deep/first-again": None,
    "batch.tar.gz/hangs": "E-PDF-TIMEOUT",
}


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory, good_pdfs: list[bytes]) -> dict:
    """A folder, a zip and a tar.gz with good and broken filings, converted once for several tests."""
    root = tmp_path_factory.mktemp("bulk")
    first, second = good_pdfs
    folder = root / "filings"
    (folder / "broken").mkdir(parents=True)
    (folder / "first.pdf").write_bytes(first)
    (folder / "broken" / "truncated.pdf").write_bytes(first[: len(first) // 2])
    (folder / "broken" / "not-a-pdf.pdf").write_bytes(b"<html><body>404 Not Found</body></html>\n")
    (folder / "notes.txt").write_text("not an input: only PDFs are taken from folders\n")
    (root / "batch.zip").write_bytes(
        zip_archive([("second.pdf", second), ("encrypted.pdf", _case("encrypted-no-password.pdf")), ("../../escape.pdf", second)])
    )
    hanging = text_pdf(["Monthly Return of Equity Issuer on Movements in Securities"]) + HANG_MARK + b"\n"
    (root / "batch.tar.gz").write_bytes(tar_archive([("deep/first-again.pdf", first), ("hangs.pdf", hanging)], gzip=True))
    sources = [str(folder), str(root / "batch.zip"), str(root / "batch.tar.gz")]
    out = root / "out"
    options = BulkOptions(jobs=2, formats=("xml", "json"), tables="parquet", limits=WorkerLimits(seconds=8))
    result = run_bulk(sources, out, options, work=convert_or_hang)
    return {"root": root, "sources": sources, "out": out, "result": result}


def test_every_good_file_is_converted_and_schema_valid(mixed: dict) -> None:
    out = mixed["out"]
    converted = {r.name for r in mixed["result"].rows if r.status == "converted"}
    assert converted == {name for name, code in EXPECTED.items() if code is None}
    for name in converted:
        xml = out / "xml" / f"{name}.xml"
        assert api.validate_xml(xml) == []
        assert json.loads((out / "json" / f"{name}.json").read_text(encoding="utf-8")) == api.facts(xml)


def test_every_bad_file_is_in_the_report_with_its_code(mixed: dict) -> None:
    report = json.loads((mixed["out"] / "report.json").read_text(encoding="utf-8"))
    codes = {row["name"]: row["code"] for row in report["inputs"] if row["name"]}
    assert codes == EXPECTED
    escape = [row for row in report["inputs"] if row["source"].endswith("!../../escape.pdf")]
    assert [row["code"] for row in escape] == ["E-ARC-PATH"]
    assert not (mixed["root"] / "escape.xml").exists() and not list(mixed["root"].rglob("escape*"))
    assert mixed["result"].exit_code == 1
    assert report["summary"]["converted"] == 3 and report["summary"]["rejected"] == 5


def test_report_csv_has_a_row_per_input_with_status_code_and_peak_memory(mixed: dict) -> None:
    import csv

    with (mixed["out"] / "report.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(EXPECTED) + 1  # + the refused zip-slip member
    assert {"status", "code", "message", "page", "field", "seconds", "peak_memory"} <= set(rows[0])
    converted = [r for r in rows if r["status"] == "converted"]
    assert converted and all(int(r["peak_memory"]) > 0 and float(r["seconds"]) > 0 for r in converted)


def test_tables_have_one_return_row_per_converted_file_with_typed_columns(mixed: dict) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    tables = mixed["out"] / "tables"
    returns = pq.read_table(tables / "returns.parquet")
    assert sorted(returns.column("name").to_pylist()) == sorted(n for n, c in EXPECTED.items() if c is None)
    assert returns.schema.field("period_end").type == pa.date32()
    classes = pq.read_table(tables / "classes.parquet")
    assert classes.schema.field("issued_close").type == pa.int64()
    assert pa.types.is_decimal(classes.schema.field("par_value").type)
    for name in returns.column("name").to_pylist():
        facts = api.facts(mixed["out"] / "xml" / f"{name}.xml")
        issued = [r for r in classes.to_pylist() if r["name"] == name and r["section"] == "issued"]
        assert [r["issued_close"] for r in issued] == [facts.get(f"issued[{i}].close.issued") for i in range(len(issued))]
    assert set(pq.read_table(tables / "movements.parquet").column_names) >= {"name", "section", "kind", "shares_issued"}
    assert set(pq.read_table(tables / "findings.parquet").column_names) >= {"name", "code", "severity", "path"}


def test_a_rerun_reuses_the_manifest_and_retry_failed_retries_only_failures(mixed: dict) -> None:
    out = mixed["out"]
    lines_before = (out / MANIFEST_NAME).read_text(encoding="utf-8").splitlines()
    run = subprocess.run([str(SCRIPT), "bulk", *mixed["sources"], "--out", str(out), "--format", "xml,json"], capture_output=True, text=True)
    assert run.returncode == 1, run.stderr
    assert (out / MANIFEST_NAME).read_text(encoding="utf-8").splitlines() == lines_before  # nothing converted again
    assert "7 reused" in run.stderr

    retry = subprocess.run([str(SCRIPT), "bulk", *mixed["sources"], "--out", str(out), "--format", "xml,json", "--retry-failed"], capture_output=True, text=True)
    assert retry.returncode == 1, retry.stderr
    added = [json.loads(line) for line in (out / MANIFEST_NAME).read_text(encoding="utf-8").splitlines()[len(lines_before):]]
    # The four rejected inputs ran again (the "hanging" one, with the real converter, is no monthly return); no good one did.
    assert sorted(r["name"] for r in added) == sorted(n for n, c in EXPECTED.items() if c is not None)
    assert all(r["status"] == "rejected" for r in added)


def test_bulk_command_usage_errors_exit_2(tmp_path: Path) -> None:
    missing = subprocess.run([str(SCRIPT), "bulk", str(tmp_path / "nothing*.pdf"), "--out", str(tmp_path / "o")], capture_output=True, text=True)
    assert missing.returncode == 2 and "no file matches" in missing.stderr
    bad_format = subprocess.run([str(SCRIPT), "bulk", str(tmp_path), "--out", str(tmp_path / "o"), "--format", "pdf"], capture_output=True, text=True)
    assert bad_format.returncode == 2


def _output_set(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for folder in ("xml", "json") for p in sorted((out / folder).rglob("*")) if p.is_file()}


def _manifest(out: Path) -> list[dict]:
    path = out / MANIFEST_NAME
    if not path.exists():
        return []
    complete = path.read_text(encoding="utf-8").split("\n")[:-1]  # a line still being written has no newline yet
    return [json.loads(line) for line in complete]


def test_kill_9_then_rerun_gives_the_output_set_of_an_uninterrupted_run(tmp_path: Path, corpus: Path) -> None:
    pdfs = sorted(corpus.glob("*.pdf"), key=lambda p: (p.stat().st_size, p.name))[:3]
    folder = tmp_path / "in"
    folder.mkdir()
    for pdf in pdfs:
        (folder / pdf.name).write_bytes(pdf.read_bytes())
    command = [str(SCRIPT), "bulk", str(folder), "--jobs", "2", "--format", "xml,json", "--out"]

    whole = subprocess.run([*command, str(tmp_path / "whole")], capture_output=True, text=True)
    assert whole.returncode == 0, whole.stderr

    out = tmp_path / "killed"
    killed = subprocess.Popen([*command, str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not _manifest(out) and killed.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    killed.send_signal(signal.SIGKILL)
    killed.wait()
    assert killed.returncode == -signal.SIGKILL  # it was killed mid-run, not finished
    finished_before = {r["name"] for r in _manifest(out)}
    assert 0 < len(finished_before) < len(pdfs)
    stamps = {p: p.stat().st_mtime_ns for p in (out / "xml").rglob("*.xml")}

    resumed = subprocess.run([*command, str(out)], capture_output=True, text=True)
    assert resumed.returncode == 0, resumed.stderr
    assert _output_set(out) == _output_set(tmp_path / "whole")
    names = [r["name"] for r in _manifest(out)]
    assert sorted(names) == sorted(set(names)) and len(names) == len(pdfs)  # each input converted exactly once
    for path, stamp in stamps.items():
        if path.stem in {n.rsplit("/", 1)[-1] for n in finished_before}:
            assert path.stat().st_mtime_ns == stamp  # finished before the kill: not written again
    assert not [p for p in out.rglob("*.part")]


def test_sigterm_stops_the_run_writes_the_report_and_exits_130(tmp_path: Path, good_pdfs: list[bytes]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for index in range(3):
        (folder / f"f{index}.pdf").write_bytes(good_pdfs[0])
    out = tmp_path / "out"
    program = (
        "import sys\n"
        "from return_xml.bulk import BulkOptions, run_bulk\n"
        "import test_bulk\n"
        "print('started', flush=True)\n"
        f"result = run_bulk([{str(folder)!r}], {str(out)!r}, BulkOptions(jobs=2), work=test_bulk.never_ends)\n"
        "sys.exit(result.exit_code)\n"
    )
    env = os.environ | {"PYTHONPATH": os.pathsep.join([str(TESTS / "bulk"), str(TESTS)])}
    with subprocess.Popen([sys.executable, "-c", program], stdout=subprocess.PIPE, text=True, env=env) as process:
        assert process.stdout is not None and process.stdout.readline() == "started\n"
        time.sleep(1.5)  # let the workers start on their (never ending) tasks
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=60) == 130
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["summary"]["run_interrupted"] is True
    assert [row["status"] for row in report["inputs"]] == ["interrupted"] * 3
    assert _manifest(out) == []  # nothing finished, nothing recorded


def test_dask_engine_on_a_local_cluster_of_two_workers_gives_the_same_outputs(tmp_path: Path, mixed: dict) -> None:
    folder = mixed["sources"][0]
    out = tmp_path / "dask"
    result = run_bulk([folder], out, BulkOptions(jobs=2, formats=("xml", "json"), engine="dask"))
    assert result.exit_code == 1  # the folder holds two broken files
    assert {r.name: r.code for r in result.rows} == {n: c for n, c in EXPECTED.items() if n.startswith("filings/")}
    local = _output_set(mixed["out"])
    dask_outputs = _output_set(out)
    assert dask_outputs and all(local[name] == data for name, data in dask_outputs.items())
    assert {r["name"] for r in _manifest(out)} == {n for n in EXPECTED if n.startswith("filings/")}


def test_csv_tables_hold_the_same_rows_as_the_parquet_ones(mixed: dict, tmp_path: Path) -> None:
    import csv
    import shutil

    import pyarrow.parquet as pq

    from return_xml.bulk.manifest import Manifest
    from return_xml.bulk.tables import COLUMNS, write_tables

    out = tmp_path / "copy"
    shutil.copytree(mixed["out"], out)
    records = [r for r in Manifest(out).records.values() if r.status == "converted"]
    write_tables(out, records, "csv")
    for table, columns in COLUMNS.items():
        with (out / "tables" / f"{table}.csv").open(encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            rows = list(reader)
        parquet = pq.read_table(out / "tables" / f"{table}.parquet")
        assert reader.fieldnames == parquet.column_names == [c for c, _ in columns]
        assert len(rows) == parquet.num_rows
        if table == "classes":
            assert [r["par_value"] for r in rows] == ["" if v is None else format(v, "f") for v in parquet.column("par_value").to_pylist()]
