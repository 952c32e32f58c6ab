"""Run Arelle offline on XBRL / Inline XBRL documents; print, as JSON, each document's facts and Arelle's problems.

Used by tests/xbrl/test_inline_xbrl.py as one subprocess for all documents (Arelle's
start-up is paid once):

    python tests/arelle_facts.py PACKAGE.zip OUT.json [--validate] DOC...

Each fact is written as Arelle reads it: concept (Clark name), entity, period,
dimensions (typed members as the (element, text) pairs of their content), unit
measures, decimals, and value (numbers as plain decimals without trailing
zeros, so that ``607500.00`` and ``607500`` compare equal).
"""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path

from arelle.api.Session import Session
from arelle.RuntimeOptions import RuntimeOptions
from lxml import etree


def _value(fact) -> str:
    if fact.isNumeric:
        if fact.isNil:
            return "nil"
        try:
            return format(Decimal(str(fact.xValue)).normalize(), "f")
        except ArithmeticError:  # a value its transformation could not read (Arelle logs the error)
            return f"invalid: {fact.value}"
    return str(fact.xValue)


def _dimensions(context) -> list:
    out = []
    for dimension, member in sorted(context.qnameDims.items(), key=lambda item: str(item[0])):
        if member.isTyped:
            content = [(etree.QName(e).localname, (e.text or "").strip()) for e in member.typedMember.iter()]
        else:
            content = [str(member.memberQname)]
        out.append([str(dimension), content])
    return out


def _fact(fact) -> dict:
    context = fact.context
    if context.isInstantPeriod:
        period = ["instant", str(context.instantDatetime)]
    else:
        period = ["duration", str(context.startDatetime), str(context.endDatetime)]
    unit = None
    if fact.unit is not None:
        numerators, denominators = fact.unit.measures
        unit = [sorted(str(m) for m in numerators), sorted(str(m) for m in denominators)]
    return {"concept": fact.qname.clarkNotation, "entity": list(context.entityIdentifier), "period": period,
            "dimensions": _dimensions(context), "unit": unit, "decimals": fact.decimals, "value": _value(fact)}


def main(argv: list[str]) -> int:
    package, out = argv[0], Path(argv[1])
    validate = "--validate" in argv
    documents = [a for a in argv[2:] if a != "--validate"]
    log = out.with_suffix(".log")
    options = RuntimeOptions(entrypointFile=json.dumps([{"file": d} for d in documents]), internetConnectivity="offline",
                             packages=[package], validate=validate, keepOpen=True, logFile=str(log),
                             formulaAction="none",  # the assertions are tests/xbrl/test_xbrl_formula.py's: here, the documents
                             logFormat="[%(levelname)s] [%(messageCode)s] %(message)s - %(file)s")
    with Session() as session:
        session.run(options)
        result = {}
        for model in session.get_models():
            name = Path(model.modelDocument.uri).name if model.modelDocument is not None else "?"
            result[name] = [_fact(f) for f in model.facts]
    problems = [line for line in log.read_text(encoding="utf-8").splitlines() if not line.startswith(("[INFO]", "[DEBUG]"))]
    validated = [line for line in log.read_text(encoding="utf-8").splitlines() if "validated in" in line]
    out.write_text(json.dumps({"facts": result, "problems": problems, "validated": validated}, ensure_ascii=False),
                   encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
