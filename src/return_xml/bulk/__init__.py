"""Bulk conversion: folders, globs and archives of filings, in parallel, resumable, with a report.

>>> from return_xml.bulk import BulkOptions, run_bulk
>>> result = run_bulk(["downloads/", "batch.zip"], "out", BulkOptions(jobs=2))   # doctest: +SKIP
>>> result.exit_code, result.summary()["converted"]                              # doctest: +SKIP
(0, 120)

See docs/bulk.md for the output folder, the manifest, resume and the tables.
"""

from return_xml.bulk.run import EXIT_INTERRUPTED, EXIT_OK, EXIT_REJECTED, BulkOptions, BulkResult, run_bulk
from return_xml.bulk.sources import BulkUsageError, SourceNotFound

__all__ = ["EXIT_INTERRUPTED", "EXIT_OK", "EXIT_REJECTED", "BulkOptions", "BulkResult", "BulkUsageError", "SourceNotFound", "run_bulk"]
