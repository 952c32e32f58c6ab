"""Bulk inputs without converting anything: archives, hostile members, names, the manifest."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from bad.cases import archive_cases, zip_archive
from return_xml.bulk.manifest import MANIFEST_NAME, Manifest, Record
from return_xml.bulk.naming import clean_name, member_parts
from return_xml.bulk.sources import SourceNotFound, plan_inputs, read_inputs

LIMIT = 50 * 1024 * 1024


ARCHIVE_CASES = archive_cases()


@pytest.mark.parametrize("name,data,code", ARCHIVE_CASES, ids=[c[0] for c in ARCHIVE_CASES])
def test_hostile_archive_members_are_refused_with_their_code_and_never_read(tmp_path: Path, name: str, data: bytes, code: str) -> None:
    archive = tmp_path / name
    archive.write_bytes(data)
    loaded = list(read_inputs(plan_inputs([archive]), LIMIT))
    assert [item.refusal.code for item in loaded if item.refusal is not None] == [code]
    assert all(item.data is None for item in loaded)
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # nothing was extracted


def test_members_are_read_in_memory_in_archive_order_and_only_pdfs_are_inputs(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("b/second.PDF", b"%PDF-2")
        archive.writestr("a/first.pdf", b"%PDF-1")
        archive.writestr("readme.txt", b"not an input")
        archive.writestr("folder/", b"")
    (tmp_path / "batch.zip").write_bytes(buffer.getvalue())
    loaded = list(read_inputs(plan_inputs([tmp_path / "batch.zip"]), LIMIT))
    assert [(item.entry.name, item.data) for item in loaded] == [("batch.zip/b/second", b"%PDF-2"), ("batch.zip/a/first", b"%PDF-1")]


def test_a_member_larger_than_the_limit_is_refused(tmp_path: Path) -> None:
    (tmp_path / "big.zip").write_bytes(zip_archive([("big.pdf", b"%PDF-" + b"0" * 5000)]))
    loaded = list(read_inputs(plan_inputs([tmp_path / "big.zip"]), 1000))
    assert [item.refusal.code for item in loaded] == ["E-ARC-LIMIT"]



def test_a_symbolic_link_in_a_folder_is_refused_not_followed(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (tmp_path / "secret.pdf").write_bytes(b"%PDF-secret")
    os.symlink(tmp_path / "secret.pdf", folder / "link.pdf")
    loaded = list(read_inputs(plan_inputs([folder]), LIMIT))
    assert [(item.refusal.code, item.data) for item in loaded] == [("E-ARC-NOT-FILE", None)]


@pytest.mark.parametrize("member", ["../x.pdf", "/etc/x.pdf", "a/../../x.pdf", "C:/x.pdf", "..\\x.pdf", "a\x00.pdf"])
def test_member_names_that_escape_the_output_folder_are_refused(member: str) -> None:
    assert member_parts(member) is None


def test_names_are_cleaned_and_collisions_get_a_hash_of_their_source(tmp_path: Path) -> None:
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
    (tmp_path / "one" / "Filing.pdf").write_bytes(b"%PDF-a")
    (tmp_path / "two" / "filing.pdf").write_bytes(b"%PDF-b")
    names = [e.name for e in plan_inputs([tmp_path / "one" / "Filing.pdf", tmp_path / "two" / "filing.pdf"])]
    assert len(set(n.casefold() for n in names)) == 2
    assert all(n.lower().startswith("filing-") and len(n) == len("filing-") + 8 for n in names)
    assert names == [e.name for e in plan_inputs([tmp_path / "two" / "filing.pdf", tmp_path / "one" / "Filing.pdf"])][::-1]
    assert clean_name(".hidden/a:b?*") == "_hidden/a_b__"


def test_a_source_that_names_nothing_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(SourceNotFound):
        plan_inputs([str(tmp_path / "missing-*.pdf")])


def _record(name: str, status: str = "converted") -> Record:
    return Record(name=name, source=f"{name}.pdf", sha256="0" * 64, tool="t", schema="s", status=status, outputs=[f"xml/{name}.xml"])


def test_a_manifest_line_cut_by_a_kill_is_dropped_and_the_file_repaired(tmp_path: Path) -> None:
    manifest = Manifest(tmp_path)
    manifest.append(_record("a"))
    with (tmp_path / MANIFEST_NAME).open("ab") as handle:
        handle.write(b'{"name": "b", "sta')  # the kill came in the middle of a write
    again = Manifest(tmp_path)
    assert list(again.records) == ["a"]
    again.append(_record("c"))
    lines = (tmp_path / MANIFEST_NAME).read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["name"] for line in lines] == ["a", "c"]


def test_a_record_is_reused_only_for_the_same_input_tool_and_schema_with_its_outputs_present(tmp_path: Path) -> None:
    manifest = Manifest(tmp_path)
    manifest.append(_record("a"))
    manifest.append(_record("r", status="rejected"))
    key = ("0" * 64, "t", "s")
    assert manifest.reusable("a", key, ["xml/a.xml"], retry_failed=False) is None  # its output is missing
    (tmp_path / "xml").mkdir()
    (tmp_path / "xml" / "a.xml").write_bytes(b"<x/>")
    assert manifest.reusable("a", key, ["xml/a.xml"], retry_failed=False) is not None
    assert manifest.reusable("a", ("1" * 64, "t", "s"), ["xml/a.xml"], retry_failed=False) is None  # the input changed
    assert manifest.reusable("a", ("0" * 64, "t2", "s"), ["xml/a.xml"], retry_failed=False) is None  # a new release
    assert manifest.reusable("a", key, ["xml/a.xml", "json/a.json"], retry_failed=False) is None  # a new format asked
    assert manifest.reusable("r", key, [], retry_failed=False) is not None
    assert manifest.reusable("r", key, [], retry_failed=True) is None


def test_importing_the_cli_and_bulk_does_not_import_dask_or_pyarrow() -> None:
    program = "import sys, return_xml.cli, return_xml.bulk; print(sorted(m for m in ('dask', 'distributed', 'pyarrow') if m in sys.modules))"
    run = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"


def test_a_file_named_by_a_folder_and_by_a_glob_is_one_input(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.pdf").write_bytes(b"%PDF-a")
    (folder / "b.pdf").write_bytes(b"%PDF-b")
    entries = plan_inputs([folder, str(folder / "*.pdf"), folder / "a.pdf"])
    assert [e.name for e in entries] == ["in/a", "in/b"]
