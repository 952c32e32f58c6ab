"""Find the inputs of a bulk run: files, folders, globs and archives, never extracted to disk.

``plan_inputs`` lists every input (and every refused archive member) with its
output name, without reading any PDF; ``read_inputs`` then reads them, one at
a time, each archive opened once and read in order.  Archive members are read
into memory with a size bound (a zip bomb stops at the bound), and members
that are not regular files or whose names would escape the output folder are
refused with a code instead of being read.
"""

from __future__ import annotations

import glob
import os
import stat
import tarfile
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from return_xml.bulk.naming import assign_names, member_parts
from return_xml.errors import InputError

ARCHIVE_SUFFIXES = (".zip", ".tar", ".tar.gz", ".tgz")
INPUT_SUFFIX = ".pdf"  # inside folders and archives, only PDFs are inputs (README.txt is not a filing)


class ArchiveError(InputError):
    """An archive member (or a file in a folder) is refused before it is read."""

    code = "E-ARC-DAMAGED"


@dataclass(frozen=True)
class Entry:
    """One input of the run: where its bytes are, the name of its outputs, or why it is refused."""

    source: str  # shown in the report: a path, or "archive!member"
    name: str = ""  # output name relative to the output folders, without suffix; set by plan_inputs
    path: Path | None = None  # a plain file
    archive: Path | None = None  # the archive holding the member
    member: str | None = None  # member name as stored in the archive
    index: int = -1  # position of the member in the archive (tar members are read in order)
    size: int | None = None  # declared size, when the archive says
    refusal: ArchiveError | None = None  # set when the entry is refused before reading


@dataclass(frozen=True)
class Loaded:
    """An entry and its bytes (or the refusal met while reading it)."""

    entry: Entry
    data: bytes | None
    refusal: ArchiveError | None = None


class BulkUsageError(Exception):
    """The run cannot start as asked (the CLI exits 2): a SRC that names nothing, an unreachable scheduler."""


class SourceNotFound(BulkUsageError):
    """A SRC argument names nothing: no such file, and no file matches the glob."""


def _is_archive_name(path: Path) -> bool:
    return path.name.lower().endswith(ARCHIVE_SUFFIXES)


def _archive_kind(path: Path) -> str | None:
    """``zip``, ``tar`` or None, by content (a misnamed archive is still an archive)."""
    try:
        if zipfile.is_zipfile(path):
            return "zip"
        if tarfile.is_tarfile(path):
            return "tar"
    except OSError:
        return None
    return None


def _refused(source: str, code: str, reason: str, **where) -> Entry:
    return Entry(source=source, refusal=ArchiveError(reason, file=source, code=code), **where)


def _expand(argument: str) -> list[Path]:
    path = Path(argument)
    if path.exists() or path.is_symlink():
        return [path]
    if glob.has_magic(argument):
        matches = sorted(glob.glob(argument, recursive=True))
        if matches:
            return [Path(m) for m in matches]
    raise SourceNotFound(f"{argument}: no such file or folder, and no file matches it")


def _entries_of_file(path: Path, prefix: tuple[str, ...], explicit: bool) -> list[Entry]:
    kind = _archive_kind(path) if (explicit or _is_archive_name(path)) else None
    if kind == "zip":
        return _zip_entries(path, prefix + (path.name,))
    if kind == "tar":
        return _tar_entries(path, prefix + (path.name,))
    if _is_archive_name(path):  # named as an archive but neither opens: refused, not read as a PDF
        return [_refused(str(path), "E-ARC-DAMAGED", "damaged archive: neither a zip nor a tar file", path=path)]
    stem = path.name[: -len(INPUT_SUFFIX)] if path.name.lower().endswith(INPUT_SUFFIX) else path.name
    return [Entry(source=str(path), name="/".join(prefix + (stem,)), path=path)]


def _folder_entries(folder: Path) -> list[Entry]:
    entries: list[Entry] = []
    top = folder.resolve().name or "root"
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs.sort()
        here = Path(root)
        relative = here.relative_to(folder).parts
        for name in sorted(files + [d for d in dirs if (here / d).is_symlink()]):
            path = here / name
            try:
                mode = path.lstat().st_mode
            except OSError as err:  # gone since the folder was listed
                entries.append(_refused(str(path), "E-IO", f"cannot read file: {err.strerror}", path=path))
                continue
            wanted = name.lower().endswith(INPUT_SUFFIX) or _is_archive_name(path)
            if stat.S_ISLNK(mode) or not stat.S_ISREG(mode):
                if wanted or stat.S_ISLNK(mode):
                    entries.append(_refused(str(path), "E-ARC-NOT-FILE", "not a regular file (symbolic link, device or pipe): not read", path=path))
                continue
            if wanted:
                entries.extend(_entries_of_file(path, (top, *relative), explicit=False))
        dirs[:] = [d for d in dirs if not (here / d).is_symlink()]
    return entries


def _member_entry(archive: Path, prefix: tuple[str, ...], member: str, index: int, size: int, regular: bool) -> Entry | None:
    source = f"{archive}!{member}"
    where: dict[str, Any] = dict(archive=archive, member=member, index=index, size=size)
    parts = member_parts(member)
    if parts is None:
        return _refused(source, "E-ARC-PATH", f"member name would escape the output folder: {member!r}", **where)
    if not regular:
        return _refused(source, "E-ARC-NOT-FILE", "member is not a regular file (link, device or pipe): not read", **where)
    if not member.lower().endswith(INPUT_SUFFIX):
        return None
    parts = (*parts[:-1], parts[-1][: -len(INPUT_SUFFIX)])
    return Entry(source=source, name="/".join(prefix + parts), **where)


def _zip_entries(archive: Path, prefix: tuple[str, ...]) -> list[Entry]:
    try:
        with zipfile.ZipFile(archive) as handle:
            infos = handle.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        return [_refused(str(archive), "E-ARC-DAMAGED", f"damaged zip archive: {err}", path=archive)]
    entries = []
    for index, info in enumerate(infos):
        if info.is_dir():
            continue  # folders inside archives are normal, not inputs
        mode = info.external_attr >> 16
        # Zips written on Windows carry no Unix mode, some only permission bits: no file type means a file.
        regular = not stat.S_IFMT(mode) or stat.S_ISREG(mode)
        entry = _member_entry(archive, prefix, info.filename, index, info.file_size, regular)
        if entry is not None:
            entries.append(entry)
    return entries


def _tar_entries(archive: Path, prefix: tuple[str, ...]) -> list[Entry]:
    entries = []
    try:
        with tarfile.open(archive, mode="r:*") as handle:
            for index, info in enumerate(handle):
                if info.isdir():
                    continue
                entry = _member_entry(archive, prefix, info.name, index, info.size, info.isreg())
                if entry is not None:
                    entries.append(entry)
    except (tarfile.TarError, OSError, EOFError, ValueError) as err:
        entries.append(_refused(str(archive), "E-ARC-DAMAGED", f"damaged tar archive: {err}", path=archive))
    return entries


def plan_inputs(sources: Sequence[str | Path]) -> list[Entry]:
    """Every input named by ``sources``, each with a unique output name (refusals included).

    Raises ``SourceNotFound`` for an argument that names nothing.  The names
    depend only on the set of sources, so a rerun with the same arguments
    finds the same names (the manifest relies on it).
    """
    entries: list[Entry] = []
    for argument in sources:
        for path in _expand(str(argument)):
            if path.is_dir() and not path.is_symlink():
                entries.extend(_folder_entries(path))
            elif path.is_file():
                entries.extend(_entries_of_file(path, (), explicit=True))
            else:
                entries.append(_refused(str(path), "E-ARC-NOT-FILE", "not a regular file: not read", path=path))
    return assign_names(_unique(entries))


def _unique(entries: list[Entry]) -> list[Entry]:
    """One entry per file or member, the first found (a folder and a glob may both name a file)."""
    seen: set[tuple] = set()
    kept = []
    for entry in entries:
        where = entry.archive if entry.archive is not None else entry.path
        identity = (where.resolve() if where is not None else entry.source, entry.member, entry.index)
        if identity not in seen:
            seen.add(identity)
            kept.append(entry)
    return kept


def _bounded(handle, limit: int) -> bytes | None:
    data = handle.read(limit + 1)  # never more than the limit: a zip bomb stops here
    return None if len(data) > limit else data


def _too_large(entry: Entry, limit: int) -> Loaded:
    error = ArchiveError(f"larger than {limit} bytes: not read", file=entry.source, code="E-ARC-LIMIT")
    return Loaded(entry, None, error)


def _damaged(entry: Entry, err: Exception) -> Loaded:
    return Loaded(entry, None, ArchiveError(f"damaged archive member: {err}", file=entry.source, code="E-ARC-DAMAGED"))


def _lies_about_size(info: zipfile.ZipInfo) -> bool:
    """Deflate never grows data by more than a few bytes per block: a member whose compressed
    data is much larger than its declared size hides a bomb behind a small header."""
    return info.compress_type != zipfile.ZIP_STORED and info.compress_size > info.file_size * 1.01 + 1024


def _read_zip(archive: Path, wanted: list[Entry], limit: int) -> Iterator[Loaded]:
    try:
        handle = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        yield from (_damaged(entry, err) for entry in wanted)
        return
    with handle:
        infos = handle.infolist()
        for entry in wanted:
            info = infos[entry.index]
            if info.file_size > limit:
                yield _too_large(entry, limit)
                continue
            if _lies_about_size(info):
                reason = f"declares {info.file_size} bytes but holds {info.compress_size} compressed (a zip bomb): not read"
                yield Loaded(entry, None, ArchiveError(reason, file=entry.source, code="E-ARC-LIMIT"))
                continue
            try:
                with handle.open(info) as member:
                    data = _bounded(member, limit)
            except RuntimeError as err:  # an encrypted member: zipfile wants a password
                yield Loaded(entry, None, ArchiveError(f"encrypted archive member: {err}", file=entry.source, code="E-ARC-DAMAGED"))
                continue
            except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as err:
                yield _damaged(entry, err)
                continue
            yield _too_large(entry, limit) if data is None else Loaded(entry, data)


def _read_tar(archive: Path, wanted: list[Entry], limit: int) -> Iterator[Loaded]:
    by_index = {entry.index: entry for entry in wanted}
    done: set[int] = set()
    try:
        with tarfile.open(archive, mode="r:*") as handle:
            for index, info in enumerate(handle):
                entry = by_index.get(index)
                if entry is None:
                    continue
                done.add(index)
                if info.size > limit:
                    yield _too_large(entry, limit)
                    continue
                member = handle.extractfile(info)  # a stream over the member: nothing is written to disk
                data = _bounded(member, limit) if member is not None else None
                yield _too_large(entry, limit) if data is None else Loaded(entry, data)
    except (tarfile.TarError, OSError, EOFError, ValueError, zipfile.BadZipFile) as err:
        yield from (_damaged(entry, err) for entry in wanted if entry.index not in done)


def read_inputs(entries: Sequence[Entry], limit: int) -> Iterator[Loaded]:
    """Yield each entry with its bytes, in plan order per archive (refused entries without bytes)."""
    pending: list[Entry] = []

    def flush() -> Iterator[Loaded]:
        if not pending:
            return
        archive = pending[0].archive
        assert archive is not None
        reader = _read_zip if _archive_kind(archive) == "zip" else _read_tar
        yield from reader(archive, list(pending), limit)
        pending.clear()

    for entry in entries:
        if entry.refusal is not None:
            yield Loaded(entry, None, entry.refusal)
            continue
        if entry.archive is not None:
            if pending and pending[0].archive != entry.archive:
                yield from flush()
            pending.append(entry)
            continue
        yield from flush()
        yield _read_file(entry, limit)
    yield from flush()


def _read_file(entry: Entry, limit: int) -> Loaded:
    assert entry.path is not None
    try:
        with entry.path.open("rb") as handle:
            data = _bounded(handle, limit)
    except OSError as err:
        return Loaded(entry, None, ArchiveError(f"cannot read file: {err.strerror}", file=entry.source, code="E-IO"))
    return _too_large(entry, limit) if data is None else Loaded(entry, data)


__all__ = ["ArchiveError", "BulkUsageError", "Entry", "Loaded", "SourceNotFound", "plan_inputs", "read_inputs"]
