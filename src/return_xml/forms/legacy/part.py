"""The base class of each part of the legacy reading (``forms.legacy.reader._Reading``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any


class ReadingPart:
    """One part of ``forms.legacy.reader._Reading`` (header, capital, options ...): a mixin of its methods."""

    if TYPE_CHECKING:
        # Why: each part uses the other parts' methods and the reading's state (labels, section(), money(), ...),
        # which come from _Reading; mypy checks each part alone.
        def __getattr__(self, name: str) -> Any: ...
