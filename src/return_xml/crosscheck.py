"""The old home of the cross-check: it lives in ``return_xml.rules.crosscheck`` (kept for old imports)."""

from return_xml.rules.crosscheck import (
    COMPARED,
    Difference,
    Reading,
    differences,
    leaves,
)

__all__ = ["COMPARED", "Difference", "Reading", "differences", "leaves"]
