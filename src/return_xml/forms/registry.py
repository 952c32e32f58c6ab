"""Which form is this PDF, and which reader reads it.

Detection looks, in order, at the PDF's ``ReleaseVersion`` metadata (written
by the HKEX e-form software), at the version printed in the page footers
(``v1.2.0``), and at the headings; the result records which rule decided.
A form edition that no registered reader accepts is refused by name, never
read by guess.

On pages recognised by OCR the footer is read on every page and the version
is the one the pages agree on (``footer_votes.py``): OCR misreads a footer now
and then (``v1.1.1`` as ``v1.4.4``).  When they do not agree, or no page reads
a known version, the detection says so (``Detection.doubt``), and a reader may
choose its edition from the structure of the pages; the reading is then never
vouched for (rule RX-R-005).
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from typing import Protocol

from return_xml.errors import UnsupportedFormError
from return_xml.forms.footer_votes import footer_vote
from return_xml.model import Family, Language, MonthlyReturn
from return_xml.pdf.document import PdfDocument


@dataclass(frozen=True)
class Detection:
    """What the detector found: family, version, language and the deciding rule."""

    family: Family
    version: str | None
    language: Language
    rule: str
    # Pages recognised by OCR whose footers did not agree on a known version: what they read, for the
    # reading note (``None`` when the version was read cleanly, or from a text layer).
    doubt: str | None = None


class FormReader(Protocol):
    """A reader for one form family and a set of its editions."""

    name: str

    def accepts(self, detection: Detection) -> bool: ...

    def known_versions(self) -> str: ...

    def read(self, document: PdfDocument, detection: Detection) -> MonthlyReturn: ...


_READERS: list[FormReader] = []


def register(reader: FormReader) -> FormReader:
    """Add a reader to the registry (readers register themselves on import)."""
    _READERS.append(reader)
    return reader


# The built-in reader of each family, imported when a document of that family is read: a process
# converting legacy returns never imports the FF301 reader, nor the other way round (some 25 ms of
# imports each: issue 18).  Their registration order stays FF301 first, as the list says.
_BUILTIN_READERS = {Family.FF301: "return_xml.forms.ff301", Family.LEGACY: "return_xml.forms.legacy"}


def readers() -> tuple[FormReader, ...]:
    """Every registered reader, the built-in ones included."""
    _load_builtin_readers(tuple(_BUILTIN_READERS))
    return _in_order(_READERS)


def _load_builtin_readers(families: tuple[Family, ...]) -> None:
    for family in families:
        importlib.import_module(_BUILTIN_READERS[family])  # (they register themselves)


def _readers_for(family: Family) -> tuple[FormReader, ...]:
    """The registered readers once ``family``'s built-in reader is loaded (readers of other families may be missing)."""
    _load_builtin_readers((family,))
    return _in_order(_READERS)


def _in_order(found: list[FormReader]) -> tuple[FormReader, ...]:
    """The built-in readers in ``_BUILTIN_READERS`` order, then the others as registered: whichever was imported first."""
    builtin = tuple(_BUILTIN_READERS.values())

    def rank(reader: FormReader) -> int:
        module = type(reader).__module__
        return next((k for k, name in enumerate(builtin) if module == name or module.startswith(name + ".")), len(builtin))

    return tuple(sorted(found, key=rank))


_RELEASE = re.compile(r"^(\d+\.\d+\.\d+)")
_FOOTER_VERSION = re.compile(r"\bv\s?(\d+\.\d+\.\d+)\b")
_FF301_TITLE = re.compile(
    r"Monthly Return for Equity Issuer|股份發行人及.*證券變動月報表|Monthly Return of Equity Issuer", re.IGNORECASE
)


def _one_misread(literal: str) -> str:
    """``literal`` as a pattern that also matches it with any one character misread.

    Why: OCR of a Chinese title often gets one character wrong ("證分" for "證券"); a
    title of seven characters with six in place and in order is still the title.
    """
    return "|".join(re.escape(literal[:k]) + "." + re.escape(literal[k + 1:]) for k in range(len(literal)))


# The legacy template's title, and the one Hong Kong Depositary Receipt issuers printed over the same
# sections in 2018-2020 (the FF301 title names "Equity Issuer and" HDRs, and FF301 is told apart first).
_LEGACY_TITLE = re.compile(
    r"Monthly Return of Equity Issuer on Movements in Securities"
    r"|Monthly\s+Return\s+for\s+Hong\s+Kong\s+Depositary\s+Receipts|" + _one_misread("證券變動月報表"), re.IGNORECASE
)
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _language(document: PdfDocument) -> Language:
    first = " ".join(p.text for p in document.pages[0].phrases) if document.pages else ""
    letters = [ch for ch in first if ch.isalpha()]
    cjk = len(_CJK.findall(first))
    return Language.ZH if letters and cjk / len(letters) > 0.2 else Language.EN


def _footer_version(document: PdfDocument) -> str | None:
    for page in document.pages[:3]:
        footer = page.text_in((0, page.height * 0.85, page.width, page.height))
        if footer and (m := _FOOTER_VERSION.search(footer.text.replace("\n", " "))):
            return m.group(1)
    return None


def _known_ff301(version: str) -> bool:
    from return_xml.forms.ff301.editions import edition_of

    return edition_of(version) is not None


def detect(document: PdfDocument) -> Detection:
    """Decide the form family, version and language of ``document``."""
    if not document.pages or not any(page.chars for page in document.pages):
        raise UnsupportedFormError(
            "the PDF has no text layer (scanned or empty), so it cannot be read", file=document.path, code="E-PDF-NO-TEXT"
        )
    language = _language(document)
    head = " ".join(p.text for page in document.pages[:2] for p in page.phrases)
    is_ff301 = "FF301" in head
    release = document.metadata.get("ReleaseVersion", "")
    if is_ff301 and (m := _RELEASE.match(release)):
        return Detection(Family.FF301, m.group(1), language, "metadata")
    if is_ff301 and document.pages[0].recognised:
        vote = footer_vote(document, _FOOTER_VERSION, _known_ff301)
        if vote.version is not None or vote.doubt is not None:
            return Detection(Family.FF301, vote.version, language, "footer" if vote.doubt is None else "footers", vote.doubt)
    if is_ff301 and (version := _footer_version(document)):
        return Detection(Family.FF301, version, language, "footer")
    if is_ff301 and _FF301_TITLE.search(head):
        return Detection(Family.FF301, None, language, "heading")
    if _LEGACY_TITLE.search(head):
        return Detection(Family.LEGACY, None, language, "heading")
    raise UnsupportedFormError("not a monthly return (no FF301 or monthly-return heading found)", file=document.path)


def read_document(document: PdfDocument) -> MonthlyReturn:
    """Detect the form of ``document``, read it with the reader that accepts it, and audit its figures.

    The returned model's ``audit`` lists every printed figure no value accounts
    for (``forms/audit.py``); a reader may name its template's own figures in
    ``template_figures`` (compiled patterns).  The verdict is given later, with the rules.
    """
    from return_xml.forms.audit import audited
    from return_xml.forms.confidence import with_ocr_confidence

    detection = detect(document)
    for reader in _readers_for(detection.family):
        if reader.accepts(detection):
            monthly_return = with_ocr_confidence(document, reader.read(document, detection))
            return audited(document, monthly_return, getattr(reader, "template_figures", ()))
    known = "; ".join(reader.known_versions() for reader in readers()) or "none"
    edition = f"{detection.family.value} {detection.version or '(version not printed)'}"
    raise UnsupportedFormError(f"form version {edition} not supported (known: {known})", file=document.path, code="E-FORM-VERSION")
