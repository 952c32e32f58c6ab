"""The PDF pre-flight: what it lets through, what it refuses, and the limits it takes."""

from __future__ import annotations

import base64
import zlib

import pytest

from bad.pdfbuild import one_page, text_content, text_pdf, zeros_deflated
from return_xml.errors import InputError, ResourceLimitError
from return_xml.pdf import Limits, open_pdf
from return_xml.pdf.preflight import PreflightLimits, check_bytes, check_page_count, preflight

MIB = 1024 * 1024


def test_every_corpus_filing_passes_with_its_page_count(corpus):
    for path in sorted(corpus.glob("*.pdf")):
        report = preflight(path)
        assert report.pages == report.page_objects > 0, path.name
        assert not report.encrypted
        assert 0 < report.largest_stream < 128 * MIB


def test_a_large_but_honest_stream_passes_and_is_measured():
    data = one_page(zeros_deflated(16 * MIB), content_extra="/Filter /FlateDecode ")
    assert check_bytes(data).largest_stream == 16 * MIB


@pytest.mark.parametrize(
    "filters, encode",
    [
        ("/FlateDecode", lambda raw: zlib.compress(raw)),
        ("[/FlateDecode /FlateDecode]", lambda raw: zlib.compress(zlib.compress(raw))),
        ("[/ASCIIHexDecode /FlateDecode]", lambda raw: zlib.compress(raw).hex().encode() + b">"),
        ("[/ASCII85Decode /FlateDecode]", lambda raw: base64.a85encode(zlib.compress(raw)) + b"~>"),
        ("/RunLengthDecode", lambda raw: b"".join(b"\x81" + raw[i : i + 1] for i in range(0, len(raw), 128)) + b"\x80"),
    ],
)
def test_each_expanding_filter_is_followed_to_the_decoded_size(filters, encode):
    raw = b"\0" * (3 * MIB)
    data = one_page(encode(raw), content_extra=f"/Filter {filters} ")
    assert check_bytes(data).largest_stream == len(raw)
    with pytest.raises(ResourceLimitError) as raised:
        check_bytes(data, PreflightLimits(max_stream_bytes=2 * MIB))
    assert raised.value.code == "E-PDF-LIMIT" and "decompression bomb" in str(raised.value)


def test_the_total_of_all_streams_is_bounded_too():
    data = one_page(zeros_deflated(3 * MIB), content_extra="/Filter /FlateDecode ")
    with pytest.raises(ResourceLimitError):
        check_bytes(data, PreflightLimits(max_total_stream_bytes=2 * MIB))


def test_open_pdf_takes_the_stream_limit_from_its_limits(tmp_path):
    path = tmp_path / "big-stream.pdf"
    path.write_bytes(one_page(zeros_deflated(4 * MIB), content_extra="/Filter /FlateDecode "))
    with pytest.raises(ResourceLimitError) as raised:
        open_pdf(path, Limits(max_stream_bytes=MIB))
    assert raised.value.code == "E-PDF-LIMIT" and raised.value.file == str(path)


def test_the_page_cap_is_the_limits_one():
    data = text_pdf(["Hello"])
    assert check_bytes(data, PreflightLimits(max_pages=1)).pages == 1
    with pytest.raises(ResourceLimitError):
        check_bytes(data, PreflightLimits(max_pages=0))


def test_a_stream_that_fails_to_inflate_counts_what_was_inflated():
    good = zlib.compress(text_content(["Hello"]) * 100)
    data = one_page(good[: len(good) // 2], content_extra="/Filter /FlateDecode ")
    assert 0 < check_bytes(data).largest_stream < len(text_content(["Hello"]) * 100)


def test_a_parse_with_fewer_pages_than_the_file_is_refused(tmp_path):
    path = tmp_path / "two.pdf"
    path.write_bytes(text_pdf(["Hello"]))
    preflight(path)
    check_page_count(path, 1)  # what the file holds
    for pages_read in (0, 2):
        with pytest.raises(InputError) as raised:
            check_page_count(path, pages_read)
        assert raised.value.code == "E-PDF-DAMAGED"


def test_a_password_is_checked_before_parsing_and_never_shown():
    from bad.pdfbuild import Rc4Encryption

    data = text_pdf(["x"], encryption=Rc4Encryption("s3cret"), encrypt_streams={5: text_content(["Hello"])})
    assert check_bytes(data, password="s3cret").encrypted
    for password in (None, "nope"):
        with pytest.raises(InputError) as raised:
            check_bytes(data, password=password)
        assert raised.value.code == "E-PDF-ENCRYPTED"
        assert "s3cret" not in str(raised.value) and (password is None or password not in str(raised.value))


def _one_page_with_indirect_length(data: bytes, dictionary_extra: bytes, end_of_line: bytes) -> bytes:
    """A one-page PDF whose content stream's /Length is object 6, so the pre-flight must find "endstream"."""
    from bad.pdfbuild import FONT, build, page_dict

    content = b"<< /Length 6 0 R " + dictionary_extra + b">>\nstream\n" + data + end_of_line + b"endstream"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page_dict(5), FONT, content, b"%d" % len(data)]
    return build(objects)


@pytest.mark.parametrize("end_of_line", [b"\r\n", b"\n", b"\r", b""])
def test_a_stream_with_an_indirect_length_ends_before_the_end_of_line_of_endstream(end_of_line):
    content = text_content(["Hello"]) + b" "  # unfiltered: its measured size is its length in the file
    data = _one_page_with_indirect_length(content, b"/Extra << /Nested << /Deeper 1 >> >> ", end_of_line)
    assert check_bytes(data).largest_stream == len(content)


def test_a_bomb_behind_an_indirect_length_and_a_nested_dictionary_is_refused():
    data = _one_page_with_indirect_length(
        zeros_deflated(3 * MIB), b"/Filter /FlateDecode /DecodeParms << /Predictor 1 >> ", b"\r\n"
    )
    assert check_bytes(data).largest_stream == 3 * MIB
    with pytest.raises(ResourceLimitError) as raised:
        check_bytes(data, PreflightLimits(max_stream_bytes=2 * MIB))
    assert raised.value.code == "E-PDF-LIMIT"
