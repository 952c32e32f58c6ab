"""Business rules on the pure model: a catalogue of stable codes and the findings they give.

>>> from return_xml import rules
>>> findings = rules.check(monthly_return)                      # doctest: +SKIP
>>> [f.code for f in findings if f.is_error]                    # doctest: +SKIP
['RX-II-001']

This package knows nothing of PDF or XML: ``xmlio.validation`` adds the file,
the XPath and the XML line to each finding (for ``api.validate``).
"""

from return_xml.rules.catalogue import RULES, Rule
from return_xml.rules.document import check, is_valid, iter_findings
from return_xml.rules.findings import Finding, Severity
from return_xml.rules.series import check_series, group_by_issuer, iter_series_findings
from return_xml.rules.verdict import blocking, judged

__all__ = [
    "RULES", "Finding", "Rule", "Severity", "blocking", "check", "judged", "check_series", "group_by_issuer", "is_valid",
    "iter_findings", "iter_series_findings",
]
