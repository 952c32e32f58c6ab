"""The verdict on a reading: ``verified`` when nothing is unread and every rule that matters holds.

A conversion is *verified* when the figure audit left no figure unread and no
finding of a rule that blocks the verdict (every error, and the warnings
marked so in the catalogue: ``Rule.blocks_verdict``) stands.  Otherwise it
*needs review*, and the reasons name the rule, the value and the printed
figures.  Facts that are exact and verified are the product; anything else is
loud.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from return_xml.model import Audit, MonthlyReturn, ReviewReason, Verdict
from return_xml.rules.catalogue import RULES
from return_xml.rules.findings import Finding


def blocking(findings: Iterable[Finding]) -> list[Finding]:
    """The findings that stop a reading from being verified, in the order given."""
    return [f for f in findings if f.code in RULES and RULES[f.code].blocks_verdict]


def judged(monthly_return: MonthlyReturn, findings: Iterable[Finding], *, figures: int | None = None) -> MonthlyReturn:
    """``monthly_return`` with its ``audit`` verdict and reasons set from ``findings``.

    The unread figures already in ``monthly_return.audit`` stay (``findings``
    should hold their RX-R-001 findings too: ``rules.iter_findings`` gives
    them).  ``figures`` sets the count of printed figures checked.
    """
    reasons = tuple(
        ReviewReason(code=f.code, message=f.message, path=f.path, page=f.page) for f in blocking(findings)
    )
    audit = monthly_return.audit or Audit()
    audit = dataclasses.replace(
        audit,
        verdict=Verdict.NEEDS_REVIEW if reasons else Verdict.VERIFIED,
        reasons=reasons,
        figures=audit.figures if figures is None else figures,
    )
    return dataclasses.replace(monthly_return, audit=audit)
