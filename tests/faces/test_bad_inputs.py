"""Every hostile or broken input of tests/bad is refused with its code: one line, no traceback, no output.

The cases are made by tests/bad/cases.py.  Each goes through the installed
``return-xml convert`` (a real subprocess, as a user runs it), through
``facts`` and ``validate`` in-process, and through the library.
"""

from __future__ import annotations

import pickle
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from bad.cases import Case, archive_cases, pdf_cases, return_document, xml_cases
from cli_runs import run_cli
from return_xml import api, cli
from return_xml.errors import ReturnXmlError
from return_xml.xmlio.schema import xsd_errors

CASES = pdf_cases() + xml_cases()
SCRIPT = Path(sys.executable).with_name("return-xml")
LIMIT_CODES = {"E-PDF-LIMIT", "E-PDF-TIMEOUT", "E-MEMORY", "E-XML-LIMIT"}
SCHEMA_CODES = {"E-XML-SCHEMA", "E-XML-NAMESPACE", "E-XML-XINCLUDE"}  # well-formed and safe, but not a valid return
GUARD_SECONDS = 60  # only so that a hang fails the test instead of stalling the run


def expected_exit(case: Case) -> int:
    return cli.EXIT_LIMIT if case.code in LIMIT_CODES else cli.EXIT_INVALID


@pytest.fixture(scope="module")
def bad_files(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("bad")
    files = {}
    for case in CASES:
        path = folder / case.name
        path.write_bytes(case.data)
        files[case.name] = path
    return files




def password_args(case: Case) -> list[str]:
    return ["--password", case.password] if case.password is not None else []


def test_the_corpus_has_at_least_40_cases_with_distinct_names():
    names = [case.name for case in CASES]
    assert len(names) >= 40
    assert len(set(names)) == len(names)
    assert {case.kind for case in CASES} == {"pdf", "xml"}


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_convert_refuses_with_the_code_one_line_and_no_output(case: Case, bad_files, tmp_path):
    target = tmp_path / "out" / "result.xml"
    target.parent.mkdir()
    done = subprocess.run(
        [str(SCRIPT), "convert", *password_args(case), str(bad_files[case.name]), str(target)],
        capture_output=True,
        text=True,
        timeout=GUARD_SECONDS,
    )
    lines = done.stderr.strip().splitlines()
    assert lines == [lines[0]] and lines[0].startswith(f"return-xml: {case.code}: "), done.stderr
    assert case.name in lines[0]
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert done.returncode == expected_exit(case)
    assert list(target.parent.iterdir()) == []  # nothing written, no temporary file left


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_facts_refuses_with_the_code(case: Case, bad_files, capsys):
    assert run_cli("facts", *password_args(case), str(bad_files[case.name])) == expected_exit(case)
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"return-xml: {case.code}: ") and captured.err.count("\n") == 1


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_validate_reports_the_file_as_unusable_or_invalid(case: Case, bad_files, capsys):
    code = run_cli("validate", *password_args(case), str(bad_files[case.name]))
    out = capsys.readouterr().out
    if case.code in SCHEMA_CODES:
        assert code == 1 and "RX-X-001" in out
    else:
        assert code == 2
        assert f"{bad_files[case.name]}: unusable: {case.code}: " in out
    assert "Traceback" not in out


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_the_library_raises_the_code_naming_the_file(case: Case, bad_files):
    with pytest.raises(ReturnXmlError) as raised:
        api.read(bad_files[case.name], password=case.password)
    error = raised.value
    assert error.code == case.code, str(error)
    assert error.file == str(bad_files[case.name])
    assert "\n" not in str(error)
    copy = pickle.loads(pickle.dumps(error))  # what a worker sends back
    assert (type(copy), copy.code, str(copy)) == (type(error), error.code, str(error))


@pytest.mark.parametrize("case", [c for c in CASES if c.kind == "pdf"], ids=lambda case: case.name)
def test_the_reference_decoder_refuses_it_too(case: Case, bad_files):
    # In a worker, as the CLI reads: pdfminer is the decoder that hangs on reference loops.
    with pytest.raises(ReturnXmlError) as raised:
        api.read(bad_files[case.name], password=case.password, decoder="pdfplumber", isolated=True)
    assert raised.value.code == (case.plumber_code or case.code), str(raised.value)
    assert raised.value.file == str(bad_files[case.name])


def test_a_password_is_never_printed(bad_files, capsys):
    secret = "hunter2-do-not-print"
    path = bad_files["encrypted-wrong-password.pdf"]
    assert run_cli("facts", "--password", secret, str(path)) == 1
    captured = capsys.readouterr()
    assert "E-PDF-ENCRYPTED" in captured.err
    assert secret not in captured.err + captured.out
    with pytest.raises(ReturnXmlError) as raised:
        api.read(path, password=secret)
    assert secret not in repr(raised.value) + str(raised.value.__dict__)


def test_the_password_opens_the_pdf_from_the_environment_too(bad_files, capsys, monkeypatch):
    monkeypatch.setenv("RETURN_XML_PASSWORD", "secret")
    assert run_cli("facts", str(bad_files["encrypted-right-password.pdf"])) == 1
    assert "E-FORM-UNKNOWN" in capsys.readouterr().err  # opened, then read as what it is


def test_archive_cases_are_data_for_the_bulk_reader():
    cases = archive_cases()
    assert len(cases) >= 10
    for name, data, code in cases:
        assert name.endswith((".zip", ".tar")) and data and code.startswith("E-ARC-")


# --- XML never calls out -----------------------------------------------------------------


class Listener:
    """A TCP listener on 127.0.0.1 that counts the connections made to it."""

    def __init__(self) -> None:
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(16)
        self.socket.settimeout(0.2)
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.socket.getsockname()[1]}/"

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self.socket.accept()
            except OSError:
                continue
            self.connections += 1
            connection.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.socket.close()


@pytest.fixture
def listener():
    listening = Listener()
    yield listening
    listening.close()


def test_xml_never_connects_to_the_addresses_it_names(listener, tmp_path, capsys):
    xsi = "http://www.w3.org/2001/XMLSchema-instance"
    valid_with_hints = return_document(
        attributes=f' xmlns:xsi="{xsi}" xsi:schemaLocation="urn:return-xml:monthly-return:1 {listener.url}evil.xsd"'
    )
    files = [tmp_path / "hints.xml"]
    files[0].write_bytes(valid_with_hints)
    for case in xml_cases(listener.url):
        if listener.url not in case.data.decode("utf-8", errors="replace"):
            continue  # the cases that name no address (the others are run above)
        path = tmp_path / case.name
        path.write_bytes(case.data)
        files.append(path)
    assert xsd_errors(valid_with_hints) == []  # the location hint is ignored: our schema, and it is valid
    assert api.validate_xml(files[0]) == [] and api.validate(files[0]).is_valid()
    for path in files:
        for attempt in (api.read, api.validate_xml, api.facts):
            try:
                attempt(path)
            except ReturnXmlError:
                pass
        api.validate(path)
        data = path.read_bytes()
        if len(data) < 1024 * 1024:
            try:
                xsd_errors(data)  # the xmlschema package, on its own
            except ReturnXmlError as error:
                assert error.code.startswith("E-XML-")
    subprocess.run([str(SCRIPT), "validate", *map(str, files)], capture_output=True, timeout=GUARD_SECONDS, check=False)
    assert listener.connections == 0
    # The listener does count a connection: the assertion above can fail.
    socket.create_connection(("127.0.0.1", listener.socket.getsockname()[1]), timeout=5).close()
    deadline = threading.Event()
    for _ in range(50):
        if listener.connections:
            break
        deadline.wait(0.1)
    assert listener.connections == 1

