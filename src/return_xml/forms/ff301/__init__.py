"""The FF301 e-form reader (registers itself in the form registry on import)."""

from return_xml.forms.ff301.reader import Ff301Reader

__all__ = ["Ff301Reader"]
