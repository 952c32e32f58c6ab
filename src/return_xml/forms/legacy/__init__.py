"""The legacy template reader (registers itself in the form registry on import)."""

from return_xml.forms.legacy.reader import LegacyReader

__all__ = ["LegacyReader"]
