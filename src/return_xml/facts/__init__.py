"""The facts view of a monthly return, both ways (../shared/spec/facts.md).

- ``vocabulary.py``: the one table of paths, kinds and model attributes;
- ``view.py``: model -> facts (``facts_of``, ``fact_leaves``);
- ``json_input.py``, ``kinds.py``, ``paths.py``, ``check.py``, ``build.py``:
  facts JSON -> model (structured input; ``return_xml.facts_input`` is its face).
"""

from return_xml.facts.view import Facts, fact_leaves, facts_of

__all__ = ["Facts", "fact_leaves", "facts_of"]
