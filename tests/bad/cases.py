"""Hostile and broken inputs, made here as bytes, each with the error code it must be refused with.

``pdf_cases()`` and ``xml_cases()`` are run through the CLI and the library by
tests/faces/test_bad_inputs.py; ``archive_cases()`` returns ``(name, bytes,
expected_code)`` triples for the bulk reader's tests (zip slip, links, bombs).
Nothing here is read from disk: a case says in its bytes what is wrong.
"""

from __future__ import annotations

import io
import re
import stat
import tarfile
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from bad.pdfbuild import (
    FONT,
    Rc4Encryption,
    build,
    one_page,
    page_dict,
    stream,
    text_content,
    text_pdf,
    zeros_deflated,
)

NAMESPACE = "urn:return-xml:monthly-return:1"
GIB = 1024**3


@dataclass(frozen=True)
class Case:
    """One bad input: its file name, how to make its bytes, and the code it must be refused with."""

    name: str
    make: Callable[[], bytes] = field(repr=False)
    code: str
    password: str | None = None  # given with --password
    note: str = ""
    # The code with ``--decoder pdfplumber``, where pdfminer sees the file otherwise than PDFium (the default).
    plumber_code: str | None = None

    @property
    def data(self) -> bytes:
        return _made(self.make)

    @property
    def kind(self) -> str:
        return self.name.rsplit(".", 1)[-1]


@cache
def _made(make: Callable[[], bytes]) -> bytes:
    return make()


# --- PDF ------------------------------------------------------------------------------


def _valid_text_pdf() -> bytes:
    return text_pdf(["Hello, this is not a monthly return."])


def _truncated_half() -> bytes:
    data = _valid_text_pdf()
    return data[: len(data) // 2]


def _truncated_before_eof() -> bytes:
    data = _valid_text_pdf()
    return data[: data.rindex(b"startxref")]


def _xref_offsets_swapped() -> bytes:
    """Objects 2 and 3 have each other's offsets: pdfminer reads 0 pages and says nothing."""
    data = text_pdf(["Hello"])
    entries = re.findall(rb"\d{10} 00000 n", data)
    return data.replace(entries[1], b"@@").replace(entries[2], entries[1]).replace(b"@@", entries[2])


def _xref_offsets_zero() -> bytes:
    return re.sub(rb"\d{10} 00000 n", b"0000000000 00000 n", text_pdf(["Hello"]))


def _xref_offsets_off_by_seven() -> bytes:
    return text_pdf(["Hello"], xref_shift=7)


def _image_only_page() -> bytes:
    pixels = zlib.compress(bytes(range(256)) * 64)  # a 128 x 128 grey image
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        page_dict(5, resources="<< /XObject << /Im1 4 0 R >> >>"),
        stream(pixels, "/Type /XObject /Subtype /Image /Width 128 /Height 128 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode "),
        stream(b"q 400 0 0 400 100 100 cm /Im1 Do Q"),
    ]
    return build(objects)


def _blank_page() -> bytes:
    return one_page(b"")


def _bomb(size: int, layers: int) -> Callable[[], bytes]:
    def make() -> bytes:
        data = zeros_deflated(size)
        for _ in range(layers - 1):
            data = zlib.compress(data, 9)
        filters = " ".join(["/FlateDecode"] * layers)
        return one_page(data, content_extra=f"/Filter [{filters}] ")

    return make


def _bomb_in_font() -> bytes:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        page_dict(5, resources="<< /Font << /F1 4 0 R >> >>"),
        b"<< /Type /Font /Subtype /TrueType /BaseFont /Bomb /FirstChar 32 /LastChar 32 /Widths [500] /FontDescriptor 6 0 R >>",
        stream(text_content(["Hello"])),
        b"<< /Type /FontDescriptor /FontName /Bomb /Flags 32 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 /FontFile2 7 0 R >>",
        stream(zlib.compress(zeros_deflated(512 * 1024 * 1024), 9), "/Filter [/FlateDecode /FlateDecode] "),
    ]
    return build(objects)


def _many_pages(count: int, claimed: int | None = None) -> Callable[[], bytes]:
    """``count`` page objects under a page tree whose /Count says ``claimed`` (default: the truth)."""

    def make() -> bytes:
        kids = " ".join(f"{n} 0 R" for n in range(4, 4 + count))
        objects = [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            f"<< /Type /Pages /Kids [{kids}] /Count {count if claimed is None else claimed} >>".encode(),
            stream(b""),
        ]
        objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Contents 3 0 R >>"] * count
        return build(objects)

    return make


def _one_page(*more: bytes, page: bytes | None = None) -> bytes:
    """A catalog, one page (its content is object 5) and Helvetica as objects 1-4, then ``more`` from object 5 on."""
    return build([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page or page_dict(5), FONT, *more])


def _self_reference() -> bytes:
    """Object 5 is "5 0 R": pdfminer's resolve1 follows it for ever."""
    return _one_page(
        b"5 0 R",
    )


def _reference_cycle() -> bytes:
    """Objects 5 -> 6 -> 5: a loop of two references."""
    return _one_page(
        b"6 0 R",
        b"5 0 R",
    )


def _self_reference_in_object_stream() -> bytes:
    """The looping object hidden in a compressed object stream (PDF 1.5), found only by decoding it."""
    header = b"5 0 "
    body = header + b"5 0 R"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        page_dict(5),
        FONT,
        b"null",  # placeholder: the real object 5 lives in the object stream (object 6)
        stream(zlib.compress(body), f"/Type /ObjStm /N 1 /First {len(header)} /Filter /FlateDecode "),
    ]
    data = build(objects, header=b"%PDF-1.5\n")
    # Replace the xref table by an xref stream that says object 5 is in object stream 6.
    return _with_xref_stream(data, compressed={5: (6, 0)})


def _with_xref_stream(data: bytes, compressed: dict[int, tuple[int, int]]) -> bytes:
    table_at = data.rindex(b"xref\n")
    body = data[:table_at]
    offsets: dict[int, int] = {}
    position = 0
    while (found := body.find(b" 0 obj\n", position)) >= 0:
        line_start = body.rfind(b"\n", 0, found) + 1
        offsets[int(body[line_start:found])] = line_start
        position = found + 1
    size = max(offsets) + 2
    rows = [b"\x00\x00\x00\x00\xff\xff"]
    for number in range(1, size - 1):
        if number in compressed:
            container, index = compressed[number]
            rows.append(b"\x02" + container.to_bytes(4, "big") + index.to_bytes(1, "big"))
        else:
            rows.append(b"\x01" + offsets[number].to_bytes(4, "big") + b"\x00")
    xref_number = size - 1
    rows.append(b"\x01" + len(body).to_bytes(4, "big") + b"\x00")
    table = b"".join(rows)
    xref_object = (
        b"%d 0 obj\n" % xref_number
        + stream(table, f"/Type /XRef /Size {size} /W [1 4 1] /Root 1 0 R ")
        + b"\nendobj\n"
    )
    return body + xref_object + b"startxref\n%d\n%%%%EOF\n" % len(body)


def _length_is_the_stream_itself() -> bytes:
    """A stream whose /Length is a reference to the stream object: pdfminer recurses until it fails."""
    return _one_page(
        b"<< /Length 5 0 R >>\nstream\nBT /F1 11 Tf 40 550 Td (Hello) Tj ET\nendstream",
    )


def _form_xobject_draws_itself() -> bytes:
    """A form XObject whose content draws the same XObject again."""
    return _one_page(
        stream(b"/X Do " + text_content(["Hello"])),
        stream(b"/X Do", "/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /X 6 0 R >> >> "),
        page=page_dict(5, resources="<< /Font << /F1 4 0 R >> /XObject << /X 6 0 R >> >>"),
    )


def _contents_array_holds_itself() -> bytes:
    return _one_page(
        b"[5 0 R]",
    )


def _broken_dictionaries_parse_as_a_cycle() -> bytes:
    """Found by the fuzzer: unclosed dictionaries that pdfminer parses as "2 0 R" -> "3 0 R" -> "2 0 R".

    No xref table, so pdfminer scans for objects; its resolve1 then loops for ever.
    """
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R>>/Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Resour",
        FONT,
        stream(text_content(["Hello"])),
    ]
    return re.sub(rb"xref\n.*?trailer", b"trailer", build(objects), flags=re.S)


def _page_tree_loop() -> bytes:
    """The page tree's /Kids holds the tree itself."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
        page_dict(5),
        FONT,
        stream(text_content(["Hello"])),
    ]
    return build(objects)


def _encrypted(user_password: str, text: str) -> Callable[[], bytes]:
    def make() -> bytes:
        return text_pdf(["placeholder"], encryption=Rc4Encryption(user_password), encrypt_streams={5: text_content([text])})

    return make


def _unsupported_encryption() -> bytes:
    """An /Encrypt dictionary naming a security handler nobody has."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        page_dict(5),
        FONT,
        stream(text_content(["Hello"])),
        b"<< /Filter /NoSuchHandler /V 9 /R 9 /Length 128 >>",
    ]
    data = build(objects)
    return data.replace(b"/Root 1 0 R", b"/Root 1 0 R /Encrypt 6 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]")


def _garbage_after_header() -> bytes:
    noise = bytes((i * 7919 + 13) % 251 for i in range(4000))
    return b"%PDF-1.4\n" + noise + b"\n%%EOF\n"


def _no_root() -> bytes:
    return text_pdf(["Hello"]).replace(b"/Root 1 0 R", b"/Rot 1 0 R")


def _deep_arrays() -> bytes:
    content = b"[" * 20_000 + b"]" * 20_000
    return one_page(content)


def _broken_flate_content() -> bytes:
    good = zlib.compress(text_content(["Hello"]))
    return one_page(good[:6] + b"\x00" * 40 + good[46:], content_extra="/Filter /FlateDecode ")


def _huge_length() -> bytes:
    data = text_pdf(["Hello"])
    return data.replace(b"/Length ", b"/Length 99999999999", 1)


def _monthly_return_unknown_edition() -> bytes:
    return text_pdf(
        [
            "FF301",
            "Monthly Return of Equity Issuer on Movements in Securities",
            "For the month ended: 31 January 2026",
        ]
        + [""] * 30
        + ["FF301 v9.9.9"]
    )


def _ff301_without_sections() -> bytes:
    """A known FF301 edition (v1.2.0 in the footer) with nothing but its title: not an empty return."""
    title = ["FF301", "Monthly Return of Equity Issuer on Movements in Securities", "For the month ended: 31 January 2026"]
    return text_pdf(title + [""] * 30 + ["FF301 v1.2.0"])


def _legacy_without_sections() -> bytes:
    return text_pdf(["Monthly Return of Equity Issuer on Movements in Securities", "For the month ended: 31 January 2026"])


def _html_named_pdf() -> bytes:
    return b"<html><body>Not found</body></html>\n"


def _png_named_pdf() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + b"\x00" * 100


def _header_only() -> bytes:
    return b"%PDF-1.7\n"


def _oversized() -> bytes:
    return _valid_text_pdf() + b"%" + b"x" * (51 * 1024 * 1024) + b"\n%%EOF\n"


def pdf_cases() -> list[Case]:
    """The hostile and broken PDFs, each with the code it must be refused with."""
    return [
        Case("empty.pdf", lambda: b"", "E-PDF-EMPTY"),
        Case("not-a-pdf-html.pdf", _html_named_pdf, "E-PDF-NOT-PDF", note="HTML error page saved as .pdf"),
        Case("not-a-pdf-png.pdf", _png_named_pdf, "E-PDF-NOT-PDF"),
        Case("not-a-pdf-zeros.pdf", lambda: b"\x00" * 2048, "E-PDF-NOT-PDF"),
        Case("header-only.pdf", _header_only, "E-PDF-TRUNCATED"),
        Case("truncated-half.pdf", _truncated_half, "E-PDF-TRUNCATED"),
        Case("truncated-before-eof.pdf", _truncated_before_eof, "E-PDF-TRUNCATED"),
        Case("garbage-after-header.pdf", _garbage_after_header, "E-PDF-DAMAGED"),
        Case("no-root.pdf", _no_root, "E-PDF-DAMAGED"),
        Case("xref-offsets-swapped.pdf", _xref_offsets_swapped, "E-PDF-DAMAGED", note="pdfminer reads 0 pages"),
        Case("xref-offsets-zero.pdf", _xref_offsets_zero, "E-PDF-DAMAGED", note="pdfminer reads 0 pages"),
        Case("xref-offsets-off-by-7.pdf", _xref_offsets_off_by_seven, "E-FORM-UNKNOWN", note="repaired by every parser; read"),
        Case("image-only-page.pdf", _image_only_page, "E-PDF-NO-TEXT", note="a scan"),
        Case("blank-page.pdf", _blank_page, "E-PDF-NO-TEXT"),
        Case("broken-flate-content.pdf", _broken_flate_content, "E-PDF-NO-TEXT"),
        Case("bomb-1gib-content.pdf", _bomb(GIB, 2), "E-PDF-LIMIT", note="2.4 KB, two Flate layers, 1 GiB decoded"),
        Case("bomb-512mib-font.pdf", _bomb_in_font, "E-PDF-LIMIT"),
        Case("bomb-300mib-single-layer.pdf", _bomb(300 * 1024 * 1024, 1), "E-PDF-LIMIT"),
        Case("pages-20000.pdf", _many_pages(20_000), "E-PDF-LIMIT"),
        Case("pages-20000-false-count.pdf", _many_pages(20_000, claimed=1), "E-PDF-LIMIT"),
        Case("pages-201.pdf", _many_pages(201), "E-PDF-LIMIT"),
        Case("oversized-51mib.pdf", _oversized, "E-PDF-LIMIT"),
        Case("self-reference.pdf", _self_reference, "E-PDF-DAMAGED", note="loops for ever in pdfminer's resolve1"),
        Case("reference-cycle.pdf", _reference_cycle, "E-PDF-DAMAGED"),
        Case("self-reference-in-object-stream.pdf", _self_reference_in_object_stream, "E-PDF-DAMAGED"),
        Case("page-tree-loop.pdf", _page_tree_loop, "E-PDF-DAMAGED"),
        Case(
            "broken-dictionaries-parse-as-a-cycle.pdf",
            _broken_dictionaries_parse_as_a_cycle,
            "E-PDF-NO-TEXT",
            note="PDFium repairs it into a page without contents; it hung pdfminer, whose pre-flight now refuses it",
            plumber_code="E-PDF-DAMAGED",
        ),
        Case("length-is-the-stream-itself.pdf", _length_is_the_stream_itself, "E-PDF-DAMAGED"),
        Case("form-xobject-draws-itself.pdf", _form_xobject_draws_itself, "E-FORM-UNKNOWN", note="the loop is cut; the text is read"),
        Case("contents-array-holds-itself.pdf", _contents_array_holds_itself, "E-PDF-NO-TEXT"),
        Case("encrypted-no-password.pdf", _encrypted("secret", "Hello secret"), "E-PDF-ENCRYPTED"),
        Case("encrypted-wrong-password.pdf", _encrypted("secret", "Hello secret"), "E-PDF-ENCRYPTED", password="wrong"),
        Case(
            "encrypted-right-password.pdf",
            _encrypted("secret", "Hello secret"),
            "E-FORM-UNKNOWN",
            password="secret",
            note="opens with the password, then is not a monthly return",
        ),
        Case("encrypted-empty-user-password.pdf", _encrypted("", "Hello"), "E-FORM-UNKNOWN", note="opens without a password"),
        Case("encrypted-unknown-handler.pdf", _unsupported_encryption, "E-PDF-ENCRYPTED"),
        Case("deeply-nested-arrays.pdf", _deep_arrays, "E-PDF-NO-TEXT"),
        Case("huge-length.pdf", _huge_length, "E-FORM-UNKNOWN", note="a wrong /Length is repaired; the text is read"),
        Case("not-a-monthly-return.pdf", _valid_text_pdf, "E-FORM-UNKNOWN"),
        Case("unknown-ff301-edition.pdf", _monthly_return_unknown_edition, "E-FORM-VERSION"),
        Case("ff301-title-but-no-sections.pdf", _ff301_without_sections, "E-FIELD-MISSING"),
        Case("legacy-title-but-no-sections.pdf", _legacy_without_sections, "E-FIELD-MISSING"),
    ]


# --- XML ------------------------------------------------------------------------------

DECLARATION = "<?xml version='1.0' encoding='UTF-8'?>\n"


def return_document(issuer: str = "Example Holdings Limited", *, before_root: str = "", attributes: str = "", inside: str = "") -> bytes:
    """A small, schema-valid return; the keywords insert hostile parts."""
    return (
        DECLARATION
        + before_root
        + f'<monthlyReturn xmlns="{NAMESPACE}" schemaVersion="1.0"{attributes}>'
        + '<form family="FF301" language="en"/>'
        + f"<header><issuerName>{issuer}</issuerName></header>"
        + inside
        + "</monthlyReturn>\n"
    ).encode("utf-8")


def _billion_laughs() -> bytes:
    entities = '<!ENTITY lol "lol">' + "".join(f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10))
    return return_document("&lol9;", before_root=f"<!DOCTYPE monthlyReturn [{entities}]>")


def _deep_nesting() -> bytes:
    depth = 100_000
    return return_document(inside="<a>" * depth + "</a>" * depth)


def _deep_nesting_under_limit_of_libxml() -> bytes:
    depth = 200  # below libxml2's own 256 but above ours
    return return_document(inside="<readingNotes>" * depth + "</readingNotes>" * depth)


def _huge_xml() -> bytes:
    return return_document("x" * (51 * 1024 * 1024))


def _many_attributes() -> bytes:
    return return_document(attributes="".join(f' a{i}="{i}"' for i in range(20_000)))


def _many_elements() -> bytes:
    return return_document(inside="<readingNotes/>" * 100_001)


def xml_cases(listener: str = "http://127.0.0.1:9/") -> list[Case]:
    """The hostile and broken XML documents; ``listener`` is where their external references point."""
    xinclude = "http://www.w3.org/2001/XInclude"
    xsi = "http://www.w3.org/2001/XMLSchema-instance"
    return [
        Case("doctype.xml", lambda: return_document(before_root="<!DOCTYPE monthlyReturn>"), "E-XML-DTD"),
        Case("billion-laughs.xml", _billion_laughs, "E-XML-DTD"),
        Case(
            "external-entity-file.xml",
            lambda: return_document("&xxe;", before_root='<!DOCTYPE monthlyReturn [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'),
            "E-XML-DTD",
        ),
        Case(
            "external-entity-http.xml",
            lambda: return_document("&xxe;", before_root=f'<!DOCTYPE monthlyReturn [<!ENTITY xxe SYSTEM "{listener}xxe">]>'),
            "E-XML-DTD",
        ),
        Case(
            "external-parameter-entity.xml",
            lambda: return_document(before_root=f'<!DOCTYPE monthlyReturn [<!ENTITY % p SYSTEM "{listener}p.dtd"> %p;]>'),
            "E-XML-DTD",
        ),
        Case(
            "external-dtd.xml",
            lambda: return_document(before_root=f'<!DOCTYPE monthlyReturn SYSTEM "{listener}return.dtd">'),
            "E-XML-DTD",
        ),
        Case(
            "xinclude.xml",
            lambda: return_document(
                attributes=f' xmlns:xi="{xinclude}"', inside=f'<xi:include href="{listener}include.xml" parse="xml"/>'
            ),
            "E-XML-XINCLUDE",
        ),
        Case(
            "xinclude-file.xml",
            lambda: return_document(attributes=f' xmlns:xi="{xinclude}"', inside='<xi:include href="/etc/passwd" parse="text"/>'),
            "E-XML-XINCLUDE",
        ),
        Case(
            "foreign-document-with-schema-location.xml",
            lambda: (
                DECLARATION + f'<evil xmlns="urn:evil" xmlns:xsi="{xsi}" xsi:schemaLocation="urn:evil {listener}evil.xsd"/>'
            ).encode(),
            "E-XML-NAMESPACE",
        ),
        Case(
            "foreign-no-namespace-location.xml",
            lambda: (DECLARATION + f'<evil xmlns:xsi="{xsi}" xsi:noNamespaceSchemaLocation="{listener}evil.xsd"/>').encode(),
            "E-XML-NAMESPACE",
        ),
        Case("wrong-namespace.xml", lambda: return_document().replace(NAMESPACE.encode(), b"urn:return-xml:monthly-return:2"), "E-XML-NAMESPACE"),
        Case("no-namespace.xml", lambda: return_document().replace(f' xmlns="{NAMESPACE}"'.encode(), b""), "E-XML-NAMESPACE"),
        Case("deep-nesting.xml", _deep_nesting, "E-XML-LIMIT"),
        Case("deep-nesting-200.xml", _deep_nesting_under_limit_of_libxml, "E-XML-LIMIT"),
        Case("huge-51mib.xml", _huge_xml, "E-XML-LIMIT"),
        Case("huge-text-node.xml", lambda: return_document("x" * (12 * 1024 * 1024)), "E-XML-LIMIT", note="libxml2 caps a text node at 10 MB"),
        Case("unknown-element.xml", lambda: return_document(inside="<surprise/>"), "E-XML-SCHEMA"),
        Case("bad-value.xml", lambda: return_document().replace(b'language="en"', b'language="klingon"'), "E-XML-SCHEMA"),
        Case("many-attributes.xml", _many_attributes, "E-XML-LIMIT", note="xmlschema takes minutes on it"),
        Case("many-elements.xml", _many_elements, "E-XML-LIMIT"),
        Case("malformed.xml", lambda: return_document()[:-30], "E-XML-SYNTAX"),
        Case("undefined-entity.xml", lambda: return_document("&nope;"), "E-XML-SYNTAX"),
        Case("bad-encoding.xml", lambda: return_document("Caf\u00e9").replace("é".encode(), b"\xe9"), "E-XML-SYNTAX"),
        Case("nul-byte.xml", lambda: return_document("a\x00b"), "E-XML-SYNTAX"),
        Case("empty-root-only.xml", lambda: b"<x/>", "E-XML-NAMESPACE"),
    ]


# --- archives (for the bulk reader) -----------------------------------------------------


def zip_archive(members: list[tuple[str, bytes]], *, symlinks: tuple[str, ...] = ()) -> bytes:
    """A zip of ``(name, data)`` members (deflated, fixed dates); ``symlinks`` names members made links."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            if name in symlinks:
                info.create_system = 3  # Unix: the mode in external_attr counts
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def tar_archive(members: list[tarfile.TarInfo | tuple[str, bytes]], *, gzip: bool = False) -> bytes:
    """A tar (``gzip``: tar.gz) of ``(name, data)`` members or ready-made ``TarInfo`` headers."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz" if gzip else "w") as archive:
        for member in members:
            if isinstance(member, tarfile.TarInfo):
                archive.addfile(member)
            else:
                name, data = member
                info = tarfile.TarInfo(name)
                info.size = len(data)
                archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def _zip_bomb() -> bytes:
    """One member that inflates to 1 GiB of zeros (about 1 MB stored), its sizes declared honestly."""
    raw = zeros_deflated(GIB)[2:-4]  # the raw deflate data inside the zlib wrapper
    return _zip_with_raw_member("bomb.pdf", raw, GIB, _crc_of_zeros(GIB))


def _crc_of_zeros(size: int) -> int:
    chunk = b"\0" * (1 << 20)
    crc = 0
    for _ in range(size // len(chunk)):
        crc = zlib.crc32(chunk, crc)
    return crc


def _zip_with_raw_member(name: str, deflated: bytes, size: int, crc: int) -> bytes:
    """A zip holding one member given as raw deflate data (so a bomb is never inflated to build it)."""
    import struct

    encoded = name.encode()
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x5C21, crc, len(deflated), size, len(encoded), 0) + encoded
    central = (
        struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x5C21, crc, len(deflated), size, len(encoded), 0, 0, 0, 0, 0o644 << 16, 0)
        + encoded
    )
    body = local + deflated
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(central), len(body), 0)
    return body + central + end


def _zip_bomb_lying_size() -> bytes:
    """A bomb whose headers claim the member is 1 KB: only reading with a bound stops it."""
    raw = zeros_deflated(64 * 1024 * 1024)[2:-4]
    return _zip_with_raw_member("liar.pdf", raw, 1024, _crc_of_zeros(64 * 1024 * 1024))


def _tar_member(name: str, kind: bytes, target: str = "") -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = target
    return info


def archive_cases() -> list[tuple[str, bytes, str]]:
    """``(archive name, bytes, expected code)`` of hostile archives, for the bulk reader's tests.

    The code is the one expected for the hostile member (or for the whole
    archive when it cannot be opened).
    """
    pdf = _valid_text_pdf()
    return [
        ("zip-slip.zip", zip_archive([("../../evil.pdf", pdf)]), "E-ARC-PATH"),
        ("zip-absolute.zip", zip_archive([("/tmp/evil.pdf", pdf)]), "E-ARC-PATH"),
        ("zip-symlink.zip", zip_archive([("link.pdf", b"/etc/passwd")], symlinks=("link.pdf",)), "E-ARC-NOT-FILE"),
        ("zip-bomb-1gib.zip", _zip_bomb(), "E-ARC-LIMIT"),
        ("zip-bomb-lying-size.zip", _zip_bomb_lying_size(), "E-ARC-LIMIT"),
        ("zip-truncated.zip", zip_archive([("a.pdf", pdf)])[:-30], "E-ARC-DAMAGED"),
        ("tar-slip.tar", tar_archive([("../evil.pdf", pdf)]), "E-ARC-PATH"),
        ("tar-symlink.tar", tar_archive([_tar_member("link.pdf", tarfile.SYMTYPE, "/etc/passwd")]), "E-ARC-NOT-FILE"),
        ("tar-hardlink.tar", tar_archive([_tar_member("hard.pdf", tarfile.LNKTYPE, "/etc/passwd")]), "E-ARC-NOT-FILE"),
        ("tar-device.tar", tar_archive([_tar_member("dev.pdf", tarfile.CHRTYPE)]), "E-ARC-NOT-FILE"),
        ("tar-fifo.tar", tar_archive([_tar_member("fifo.pdf", tarfile.FIFOTYPE)]), "E-ARC-NOT-FILE"),
    ]


def all_cases() -> list[Case]:
    """Every PDF and XML case (archives are data for the bulk tests)."""
    return pdf_cases() + xml_cases()
