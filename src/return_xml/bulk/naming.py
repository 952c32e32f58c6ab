"""Output names: deterministic, safe inside the output folder, and never colliding.

An input's name is built from where it was found (folder name and relative
path, or archive name and member path), each part cleaned of characters a
file system may mishandle.  Names that would collide (``A.pdf`` and
``a.pdf``, the same member name in two archives called alike) all get a short
hash of their source, so that which one "wins" never depends on order.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from return_xml.bulk.sources import Entry

OUTPUT_SUFFIXES = (".xml", ".json", ".xbrl")
_MAX_PART_BYTES = 120  # well below the 255-byte limit of common file systems, room for a hash
_UNSAFE = re.compile(r"[^\w.+@()\-, ]", re.UNICODE)


def member_parts(member: str) -> tuple[str, ...] | None:
    """The path components of an archive member name; None when it would escape the output folder.

    Absolute names, drive letters, ``..`` components and NUL bytes are refused
    (zip slip); a backslash counts as a separator, as Windows tools write it.
    """
    if "\x00" in member:
        return None
    text = member.replace("\\", "/")
    if text.startswith("/") or re.match(r"^[A-Za-z]:", text):
        return None
    parts = tuple(p for p in text.split("/") if p not in ("", "."))
    if not parts or any(p == ".." for p in parts):
        return None
    return parts


def clean_part(part: str) -> str:
    """One path component made safe: no separators, control or odd characters, no leading dot, bounded length."""
    text = unicodedata.normalize("NFC", part)
    text = _UNSAFE.sub("_", text).strip(" ")
    if not text or set(text) == {"."}:
        text = "_"
    if text.startswith("."):
        text = "_" + text[1:]  # a hidden output file would look missing
    encoded = text.encode("utf-8")
    if len(encoded) > _MAX_PART_BYTES:
        text = encoded[:_MAX_PART_BYTES].decode("utf-8", errors="ignore")
    return text


def clean_name(name: str) -> str:
    """A relative output name (``/``-separated, no suffix) made safe part by part."""
    parts = [clean_part(p) for p in name.split("/")]
    # A folder part ending in .xml/.json could clash with a file of the same name.
    folders = [p + "_" if p.lower().endswith(OUTPUT_SUFFIXES) else p for p in parts[:-1]]
    return "/".join([*folders, parts[-1]])


def short_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", errors="surrogateescape")).hexdigest()[:8]


def assign_names(entries: Sequence[Entry]) -> list[Entry]:
    """The entries with clean, unique names, in the same order.

    Uniqueness is case-insensitive (case-insensitive file systems exist) and
    counts folders too: a file name never equals a folder name of another.
    """
    named = [dataclasses.replace(e, name=clean_name(e.name)) if e.refusal is None else e for e in entries]
    groups: dict[str, list[int]] = defaultdict(list)
    for index, entry in enumerate(named):
        if entry.refusal is None:
            groups[entry.name.casefold()].append(index)
    folders = {"/".join(e.name.casefold().split("/")[:i]) for e in named if e.refusal is None for i in range(1, e.name.count("/") + 1)}
    for key, indexes in groups.items():
        if len(indexes) > 1 or key in folders:
            for index in indexes:
                entry = named[index]
                named[index] = dataclasses.replace(entry, name=f"{entry.name}-{short_hash(entry.source)}")
    return named
