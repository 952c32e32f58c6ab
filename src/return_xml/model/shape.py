"""The shape of the model: what each dataclass field holds, read from its type hints.

The XML writer and reader, the XSD generator and the test strategies all walk
the model through this one description, so a field added to the model reaches
all of them at once.  Field kinds:

- ``attribute``: a plain scalar (``str``, ``int``, ``bool`` or a ``StrEnum``);
- ``leaf``: a value read from the form (``Count``, ``Amount`` ... in ``values.py``);
- ``node``: a nested dataclass;
- ``list``: a tuple of dataclasses, written inside a wrapper element.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass
from functools import cache

from return_xml.model.values import LEAF_TYPES


@dataclass(frozen=True)
class FieldShape:
    name: str
    xml_name: str
    kind: str
    type: type
    optional: bool
    doc: str
    item_name: str | None = None


def camel(name: str) -> str:
    """``par_value_currency`` -> ``parValueCurrency`` (the XML spelling of a field)."""
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


@cache
def shape_of(cls: type) -> tuple[FieldShape, ...]:
    """Describe every field of the model dataclass ``cls``."""
    hints = typing.get_type_hints(cls)
    shapes = []
    for f in dataclasses.fields(cls):
        if not f.init:
            continue
        hint, optional = _strip_none(hints[f.name])
        item_name = f.metadata.get("item")
        if typing.get_origin(hint) is tuple:
            kind, hint = "list", typing.get_args(hint)[0]
        elif isinstance(hint, type) and issubclass(hint, LEAF_TYPES):
            kind = "leaf"
        elif dataclasses.is_dataclass(hint):
            kind = "node"
        else:
            kind = "attribute"
        shapes.append(FieldShape(f.name, camel(f.name), kind, hint, optional, f.metadata.get("doc", ""), item_name))
    return tuple(shapes)


def _strip_none(hint: object) -> tuple[type, bool]:
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) != 1:  # the model never mixes two types in one field
            raise TypeError(f"unsupported union {hint!r}")
        return args[0], True
    return hint, False  # type: ignore[return-value]  # not a union: the annotation is the class itself
