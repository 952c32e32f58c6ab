"""The pre-flight's check of classic cross-reference tables: each entry must point at its object."""

from __future__ import annotations

import re

from return_xml.errors import InputError

# The lookbehind comes after the literal so that the regex engine can scan for
# "xref" quickly; in front it made it try the pattern at every byte (~4 ms a file).
_XREF_KEYWORD = re.compile(rb"xref(?<![A-Za-z]xref)\s")
_XREF_SUBSECTION = re.compile(rb"(\d+)\s+(\d+)\s+((?:\d{10}\s+\d{5}\s+[nf]\s*)+)")
_XREF_ENTRY = re.compile(rb"(\d{10})\s+(\d{5})\s+([nf])")
# An xref offset a few bytes off (line ends converted in transit) is repaired by
# every parser; one that lands on another object is not (pdfminer reads 0 pages).
_XREF_SLACK = 16
_OBJ_KEYWORD = re.compile(rb"obj\b")
_OBJECT_HEADER = re.compile(rb"(?<![\d.])(\d+)\s+\d+\s+obj$")


def refuse_wrong_xref(data: bytes, file) -> None:
    """Refuse a classic xref table whose entry points at another object, or at none."""
    sections = []
    for keyword in _XREF_KEYWORD.finditer(data):
        trailer = data.find(b"trailer", keyword.end())
        if trailer > 0:
            sections.append(data[keyword.end() : trailer])
    if not sections:
        return
    headers: dict[int, list[int]] = {}
    for keyword in _OBJ_KEYWORD.finditer(data):  # the literal first, then read backwards (fast)
        if data.endswith(b"end", 0, keyword.start()):
            continue  # "endobj": a header needs white space before "obj", so this skip changes nothing
        window_start = max(0, keyword.start() - 32)
        if (header := _OBJECT_HEADER.search(data, window_start, keyword.end())) is not None:
            headers.setdefault(int(header.group(1)), []).append(header.start(1))
    for section in sections:
        for subsection in _XREF_SUBSECTION.finditer(section):
            first = int(subsection.group(1))
            for index, entry in enumerate(_XREF_ENTRY.finditer(subsection.group(3))):
                if entry.group(3) != b"n":
                    continue
                number, offset = first + index, int(entry.group(1))
                if not any(abs(start - offset) <= _XREF_SLACK for start in headers.get(number, ())):
                    raise InputError(
                        f"damaged PDF: its cross-reference table is wrong (object {number} is not at offset {offset})",
                        file=file,
                        code="E-PDF-DAMAGED",
                    )
