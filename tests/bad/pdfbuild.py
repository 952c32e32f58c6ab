"""A tiny PDF writer for hostile test inputs: objects as bytes, a correct (or wrong) xref, RC4 encryption.

Nothing here parses PDF: it only assembles bytes, so that each broken or
hostile case in ``cases.py`` says exactly what is wrong with it.
"""

from __future__ import annotations

import hashlib
import zlib
from dataclasses import dataclass
from functools import cache

# The padding string of the PDF Standard security handler (PDF 1.7, 7.6.3.3).
_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
FILE_ID = bytes.fromhex("00112233445566778899aabbccddeeff")


def escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def stream(data: bytes, extra: str = "") -> bytes:
    """The body of a stream object holding ``data`` as it is (already encoded)."""
    return f"<< /Length {len(data)} {extra}>>\nstream\n".encode("latin-1") + data + b"\nendstream"


def text_content(lines: list[str], x: int = 40, y: int = 550) -> bytes:
    return (f"BT /F1 11 Tf {x} {y} Td 14 TL " + " ".join(f"({escape(line)}) '" for line in lines) + " ET").encode("latin-1")


def rc4(key: bytes, data: bytes) -> bytes:
    state = list(range(256))
    j = 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) & 0xFF
        state[i], state[j] = state[j], state[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) & 0xFF
        j = (j + state[i]) & 0xFF
        state[i], state[j] = state[j], state[i]
        out.append(byte ^ state[(state[i] + state[j]) & 0xFF])
    return bytes(out)


@dataclass(frozen=True)
class Rc4Encryption:
    """The Standard security handler, revision 2 (40-bit RC4): enough to make pdfminer and pdfium ask for a password."""

    user_password: str
    owner_password: str = "owner"
    permissions: int = -4

    def _padded(self, password: str) -> bytes:
        return (password.encode("latin-1") + _PAD)[:32]

    @property
    def owner_entry(self) -> bytes:
        key = hashlib.md5(self._padded(self.owner_password or self.user_password)).digest()[:5]
        return rc4(key, self._padded(self.user_password))

    @property
    def file_key(self) -> bytes:
        digest = hashlib.md5(
            self._padded(self.user_password) + self.owner_entry + self.permissions.to_bytes(4, "little", signed=True) + FILE_ID
        )
        return digest.digest()[:5]

    @property
    def user_entry(self) -> bytes:
        return rc4(self.file_key, _PAD)

    def object_key(self, number: int) -> bytes:
        return hashlib.md5(self.file_key + number.to_bytes(3, "little") + (0).to_bytes(2, "little")).digest()[:10]

    def dictionary(self) -> bytes:
        return (
            f"<< /Filter /Standard /V 1 /R 2 /O <{self.owner_entry.hex()}> /U <{self.user_entry.hex()}> "
            f"/P {self.permissions} >>"
        ).encode("latin-1")


def build(
    objects: list[bytes],
    *,
    root: int = 1,
    info: int | None = None,
    encryption: Rc4Encryption | None = None,
    encrypt_streams: dict[int, bytes] | None = None,
    xref_shift: int = 0,
    header: bytes = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n",
) -> bytes:
    """A PDF of ``objects`` (object n is ``objects[n - 1]``) with an xref table.

    ``xref_shift`` moves every xref offset (a damaged table); with
    ``encryption``, the streams given in ``encrypt_streams`` (object number ->
    plain data) are written encrypted and an /Encrypt dictionary is added.
    """
    bodies = list(objects)
    if encryption is not None:
        for number, plain in (encrypt_streams or {}).items():
            bodies[number - 1] = stream(rc4(encryption.object_key(number), plain))
        bodies.append(encryption.dictionary())
    out = bytearray(header)
    offsets = []
    for number, body in enumerate(bodies, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1)
    out += b"".join(b"%010d 00000 n \n" % (offset + xref_shift) for offset in offsets)
    trailer = b"/Size %d /Root %d 0 R" % (len(bodies) + 1, root)
    if info is not None:
        trailer += b" /Info %d 0 R" % info
    if encryption is not None:
        trailer += b" /Encrypt %d 0 R /ID [<%s> <%s>]" % (len(bodies), FILE_ID.hex().encode(), FILE_ID.hex().encode())
    out += b"trailer\n<< " + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % (xref + xref_shift)
    return bytes(out)


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def page_dict(contents: int | None, *, parent: int = 2, resources: str = "<< /Font << /F1 4 0 R >> >>") -> bytes:
    contents_entry = f" /Contents {contents} 0 R" if contents is not None else ""
    return f"<< /Type /Page /Parent {parent} 0 R /MediaBox [0 0 842 595] /Resources {resources}{contents_entry} >>".encode()


def one_page(content: bytes, *, content_extra: str = "", **kwargs) -> bytes:
    """A one-page PDF whose page shows ``content`` (a content stream, stored as given)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        page_dict(5),
        FONT,
        stream(content, content_extra),
    ]
    return build(objects, **kwargs)


def text_pdf(lines: list[str], **kwargs) -> bytes:
    return one_page(text_content(lines), **kwargs)


@cache
def zeros_deflated(size: int) -> bytes:
    """A zlib stream that inflates to ``size`` zero bytes, built without deflating them all.

    Each full-flushed block of 1 MiB zeros compresses to the same bytes, so one
    block is compressed and repeated; the Adler-32 of n zeros is (n mod 65521) << 16 | 1.
    """
    chunk = 1 << 20
    assert size % chunk == 0
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(b"\0" * chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    final = zlib.compressobj(9, zlib.DEFLATED, -15).flush(zlib.Z_FINISH)  # an empty last block
    adler = ((size % 65521) << 16) | 1
    return b"\x78\x01" + block * (size // chunk) + final + adler.to_bytes(4, "big")
