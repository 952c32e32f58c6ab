"""What the tests of labelled PDFs share: the project's facts scorer, and the outcome of one PDF.

``outcome`` is what a producer-matrix test holds every PDF to: it is refused with a clear error,
or read and ``needs review``, or read exactly and ``verified``, and never ``verified but wrong``.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

from conftest import CORPUS
from return_xml import api
from return_xml.errors import ReturnXmlError
from return_xml.model import Verdict

SCORER = CORPUS.parent / "tools" / "score_facts.py"


def scorer() -> ModuleType:
    """../shared/tools/score_facts.py as a module (its ``compare`` is facts.md's "Comparing")."""
    spec = importlib.util.spec_from_file_location("score_facts", SCORER)
    assert spec and spec.loader, f"scorer not found at {SCORER}"
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def matrix_source(pdf: Path) -> dict:
    """The hand-written facts a matrix PDF was printed from: ``CASE_PRODUCER.pdf`` in ``pdf/`` -> ``CASE.facts.json``."""
    case = pdf.stem.rsplit("_", 1)[0]
    return json.loads((pdf.parent.parent / f"{case}.facts.json").read_text(encoding="utf-8"))


def outcome(pdf: Path, source: dict, *, as_the_corpus: bool = False) -> str:
    """'refused', 'needs review', 'verified' or 'verified but wrong' for ``pdf`` against ``source``.

    ``as_the_corpus``: compare as the corpus is (the scorer: free text without regard to white space
    and punctuation) instead of value for value.
    """
    try:
        read = api.read_pdf(pdf)
    except ReturnXmlError:
        return "refused"
    if read.audit.verdict is not Verdict.VERIFIED:
        return "needs review"
    facts = api.facts(pdf)
    if as_the_corpus:
        _correct, missing, wrong, extra, _unknown = scorer().compare(source, facts)
        exact = (missing, wrong, extra) == ([], [], [])
    else:
        exact = facts == source
    return "verified" if exact else "verified but wrong"
