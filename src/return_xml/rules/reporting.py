"""Validation reports as text, JSON or JUnit XML, and the verdict they end with.

``render(validations, fmt)`` returns the text the ``validate`` command prints;
the exit code is ``exit_code(validations)``: 0 valid, 1 invalid, 2 when a file
could not be used at all.  Warnings count only when ``strict``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from enum import StrEnum
from xml.etree import ElementTree as ET

from return_xml.rules.catalogue import RULES
from return_xml.rules.findings import Finding
from return_xml.rules.validation import Validation

EXIT_VALID, EXIT_INVALID, EXIT_UNUSABLE = 0, 1, 2


class Format(StrEnum):
    TEXT = "text"
    JSON = "json"
    JUNIT = "junit"


def exit_code(validations: Sequence[Validation], *, strict: bool = False) -> int:
    if any(not v.usable for v in validations):
        return EXIT_UNUSABLE
    if any(not v.is_valid(strict=strict) for v in validations):
        return EXIT_INVALID
    return EXIT_VALID


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def verdict(validations: Sequence[Validation], *, strict: bool = False) -> str:
    """One line: VALID, INVALID or UNUSABLE INPUT, with the counts."""
    code = exit_code(validations, strict=strict)
    word = {EXIT_VALID: "VALID", EXIT_INVALID: "INVALID", EXIT_UNUSABLE: "UNUSABLE INPUT"}[code]
    unusable = sum(not v.usable for v in validations)
    invalid = sum(v.usable and not v.is_valid(strict=strict) for v in validations)
    errors = sum(len(v.errors) for v in validations)
    warnings = sum(len(v.warnings) for v in validations)
    parts = [_plural(len(validations), "file"), f"{invalid} invalid"]
    if unusable:
        parts.append(f"{unusable} unusable")
    return (f"{word}: {', '.join(parts)}; {_plural(errors, 'error')}, {_plural(warnings, 'warning')}"
            + (" (strict: warnings count)" if strict else ""))


def _where(f: Finding) -> str:
    parts = []
    if f.printed is not None:
        parts.append(f"printed {f.printed!r}")
    if f.page is not None:
        parts.append(f"page {f.page}" + (f", box {' '.join(f'{v:.2f}' for v in f.box)}" if f.box else ""))
    return "; ".join(parts)


def render_text(validations: Sequence[Validation], *, strict: bool = False) -> str:
    lines = []
    for v in validations:
        if not v.usable:
            lines.append(f"{v.file}: unusable: {v.problem}")
            continue
        for f in v.findings:
            head = f"{v.file}:{f.line}" if f.line is not None else v.file
            lines.append(f"{head}: {f.severity.value} {f.code} {f.message}")
            if f.path or f.xpath:
                lines.append("    at " + "  ".join(part for part in (f.path, f.xpath) if part))
            if _where(f):
                lines.append(f"    {_where(f)}")
    lines.append(verdict(validations, strict=strict))
    return "\n".join(lines) + "\n"


def _finding_json(f: Finding) -> dict:
    return {
        "code": f.code, "severity": f.severity.value, "message": f.message, "path": f.path,
        "xpath": f.xpath, "line": f.line, "page": f.page, "box": list(f.box) if f.box else None, "printed": f.printed,
    }


def render_json(validations: Sequence[Validation], *, strict: bool = False) -> str:
    code = exit_code(validations, strict=strict)
    document = {
        "valid": code == EXIT_VALID,
        "exit_code": code,
        "strict": strict,
        "verdict": verdict(validations, strict=strict),
        "files": [
            {"file": v.file, "usable": v.usable, "valid": v.is_valid(strict=strict), "problem": v.problem,
             "errors": len(v.errors), "warnings": len(v.warnings),
             "findings": [_finding_json(f) for f in v.findings]}
            for v in validations
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _finding_text(f: Finding) -> str:
    return "\n".join(part for part in (
        f"{f.severity.value} {f.code}: {f.message}",
        "at " + "  ".join(p for p in (f.path, f.xpath) if p) + (f" (line {f.line})" if f.line else ""),
        _where(f),
    ) if part)


def render_junit(validations: Sequence[Validation], *, strict: bool = False, series: bool = False) -> str:
    """JUnit XML: one test suite per file, one test case per rule of the catalogue.

    An error (or, when ``strict``, a warning) is a ``failure`` of its rule's
    test case; other warnings go to the case's ``system-out``.  A file that
    could not be used is one test case with an ``error``.
    """
    scopes = {"schema", "return", "series"} if series else {"schema", "return"}
    rules = [rule for rule in RULES.values() if rule.scope in scopes]
    root = ET.Element("testsuites", name="return-xml validate")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for v in validations:
        suite = ET.SubElement(root, "testsuite", name=v.file)
        counts = {"tests": 0, "failures": 0, "errors": 0}
        if not v.usable:
            case = ET.SubElement(suite, "testcase", name="read the file", classname=v.file, time="0")
            ET.SubElement(case, "error", message=v.problem or "", type="unusable input").text = v.problem
            counts.update(tests=1, errors=1)
        else:
            for rule in rules:
                case = ET.SubElement(suite, "testcase", name=f"{rule.code} {rule.meaning}", classname=v.file, time="0")
                counts["tests"] += 1
                mine = [f for f in v.findings if f.code == rule.code]
                failing = [f for f in mine if f.is_error or strict]
                if failing:
                    counts["failures"] += 1
                    failure = ET.SubElement(case, "failure", message=failing[0].message, type=rule.code)
                    failure.text = "\n\n".join(_finding_text(f) for f in failing)
                others = [f for f in mine if f not in failing]
                if others:
                    ET.SubElement(case, "system-out").text = "\n\n".join(_finding_text(f) for f in others)
        for key, n in counts.items():
            suite.set(key, str(n))
            totals[key] += n
        suite.set("skipped", "0")
        suite.set("time", "0")
    for key, n in totals.items():
        root.set(key, str(n))
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def render(validations: Sequence[Validation], fmt: Format | str = Format.TEXT, *, strict: bool = False,
           series: bool = False) -> str:
    """The report in format ``fmt``: ``text`` ends with the verdict line."""
    fmt = Format(fmt)
    if fmt is Format.JSON:
        return render_json(validations, strict=strict)
    if fmt is Format.JUNIT:
        return render_junit(validations, strict=strict, series=series)
    return render_text(validations, strict=strict)
