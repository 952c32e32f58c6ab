"""What the review page outlines: one ``Mark`` per value read (or figure left unread), with its status.

A mark is a box on a page with a status that chooses its colour:

- ``ok``: read, and nothing speaks against it (the filing may still need review for other reasons);
- ``finding``: the value is named by a rule finding (``rules.iter_findings``);
- ``differs``: the two PDF decoders read it differently (``api.cross_check``);
- ``low-confidence``: read by OCR with a low confidence (a slot: there is no OCR decoder yet);
- ``unread``: a printed figure that no value accounts for (the figure audit, RX-R-001).

Fact marks carry the facts-view path (``issued[0].close.issued``) of the value,
taken from ``facts.fact_leaves``: the paths are those of ``facts_of`` by construction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from return_xml.facts import fact_leaves, facts_of
from return_xml.model import MonthlyReturn
from return_xml.model.values import Box, Reading
from return_xml.rules import Finding
from return_xml.rules.crosscheck import Difference, leaves
from return_xml.rules.reading import OCR_MIN_CONFIDENCE

OK, FINDING, DIFFERS, LOW_CONFIDENCE, UNREAD = "ok", "finding", "differs", "low-confidence", "unread"
STATUSES = (OK, FINDING, DIFFERS, LOW_CONFIDENCE, UNREAD)
# A value read by OCR (``Source.confidence``, 0-100) below the verdict's threshold is marked low-confidence.
LOW_CONFIDENCE_BELOW = OCR_MIN_CONFIDENCE


@dataclass
class Mark:
    """One outline: where (page, box), what (path, shown value, printed token) and why (status, notes)."""

    id: str
    page: int
    box: Box
    status: str
    path: str | None = None  # the facts path of a fact mark; None for an unread figure or a finding's own box
    value: str = ""
    printed: str | None = None
    notes: list[str] = field(default_factory=list)  # finding codes and decoder differences, for the tooltip


@dataclass
class Item:
    """One entry of the findings list: a finding or a decoder difference, and the marks it points at."""

    code: str
    severity: str  # error | warning | differs
    message: str
    marks: list[str] = field(default_factory=list)  # ids of the marks it lights
    page: int | None = None


@dataclass
class Review:
    """Everything the page shows, apart from the page images."""

    facts: dict
    marks: list[Mark]
    items: list[Item]
    fact_marks: dict[str, str]  # facts path -> mark id (facts without a printed box are absent)


def _confidence(leaf: Reading) -> float | None:
    return leaf.source.confidence if leaf.source is not None else None


def build(monthly_return: MonthlyReturn, findings: Sequence[Finding], differences: Iterable[Difference] = ()) -> Review:
    """The marks and list items of ``monthly_return``, given its rule findings and decoder differences."""
    facts = facts_of(monthly_return)
    by_leaf = {id(leaf): path for path, leaf in fact_leaves(monthly_return).items()}
    marks: list[Mark] = []
    fact_marks: dict[str, str] = {}
    for path, leaf in fact_leaves(monthly_return).items():
        source = leaf.source
        if source is None or source.box is None:
            continue
        confidence = _confidence(leaf)
        status = LOW_CONFIDENCE if confidence is not None and confidence < LOW_CONFIDENCE_BELOW else OK
        mark = Mark(f"m{len(marks)}", source.page, source.box, status, path, _shown(facts.get(path)), leaf.printed)
        marks.append(mark)
        fact_marks[path] = mark.id
    unread_marks = _unread_marks(monthly_return, marks)
    items = [_finding_item(f, fact_marks, unread_marks, marks) for f in findings]
    model_paths = dict(leaves(monthly_return))
    for difference in differences:
        items.append(_difference_item(difference, model_paths, by_leaf, fact_marks, marks))
    return Review(facts, marks, items, fact_marks)


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else str(value)


def _unread_marks(monthly_return: MonthlyReturn, marks: list[Mark]) -> dict[str, str]:
    """A mark per unread figure of the audit; returns the audit path of each -> its mark id."""
    found: dict[str, str] = {}
    unread = monthly_return.audit.unread if monthly_return.audit is not None else ()
    for k, item in enumerate(unread):
        figure = item.figure
        if figure is None or figure.source is None or figure.source.box is None:
            continue
        mark = Mark(f"m{len(marks)}", figure.source.page, figure.source.box, UNREAD, None, "", figure.printed,
                    [f"unread figure {figure.printed!r}" + (f" (section {item.section})" if item.section else "")])
        marks.append(mark)
        found[f"audit.unread[{k}].figure"] = mark.id
    return found


def _finding_item(finding: Finding, fact_marks: dict[str, str], unread_marks: dict[str, str], marks: list[Mark]) -> Item:
    item = Item(finding.code, finding.severity.value, finding.message, page=finding.page)
    target = fact_marks.get(finding.path or "") or unread_marks.get(finding.path or "")
    if target is None and finding.page is not None and finding.box is not None:
        # A value the facts view does not list (a section mark, a blank box): outline the finding's own box.
        mark = Mark(f"m{len(marks)}", finding.page, finding.box, FINDING, None, "", finding.printed)
        marks.append(mark)
        target = mark.id
    if target is not None:
        mark = next(m for m in marks if m.id == target)
        if mark.status != UNREAD:
            mark.status = FINDING
        mark.notes.append(f"{finding.code}: {finding.message}")
        item.marks.append(target)
    return item


def _difference_item(difference: Difference, model_paths: dict, by_leaf: dict[int, str], fact_marks: dict[str, str],
                     marks: list[Mark]) -> Item:
    leaf = model_paths.get(difference.path)
    path = by_leaf.get(id(leaf)) if leaf is not None else None  # the model path -> the facts path of the same value
    message = "; ".join(r.describe() for r in difference.readings)
    item = Item("decoders differ", "differs", f"{path or difference.path}: {message}")
    target = fact_marks.get(path or "")
    if target is None:
        placed = next((r for r in difference.readings if r.page is not None and r.box is not None), None)
        if placed is not None:
            mark = Mark(f"m{len(marks)}", placed.page, placed.box, DIFFERS, None, "", placed.printed)  # type: ignore[arg-type]  # page and box: see next()
            marks.append(mark)
            target = mark.id
    if target is not None:
        mark = next(m for m in marks if m.id == target)
        if mark.status in (OK, LOW_CONFIDENCE):
            mark.status = DIFFERS
        mark.notes.append(f"decoders differ: {message}")
        item.marks.append(target)
        item.page = mark.page
    return item
