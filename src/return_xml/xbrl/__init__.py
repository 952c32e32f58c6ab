"""XBRL output of a monthly return (docs/xbrl.md).

``concepts``: the concept table, keyed by facts-view path pattern; ``taxonomy``:
the taxonomy and its package, generated from that table (``xsd/xbrl/``);
``instance``: the XBRL 2.1 instance writer (``return-xml convert IN OUT.xbrl``);
``oim``: the xBRL-JSON report (``--format xbrl-json``); ``reader``: both read back
to facts and model (``return-xml facts X.xbrl``, ``api.read``).
"""

from return_xml.xbrl.instance import render_xbrl
from return_xml.xbrl.oim import render_xbrl_json
from return_xml.xbrl.taxonomy import ENTRY_POINT, package_path

__all__ = ["ENTRY_POINT", "package_path", "render_xbrl", "render_xbrl_json"]
