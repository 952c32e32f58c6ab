"""The architecture, executable: no module imports across a forbidden arrow (docs/architecture.md).

Every module under ``src/return_xml`` is parsed and all of its imports are
read, including those inside functions and under ``TYPE_CHECKING``: a lazy
import is still a dependency.  Each rule names the modules it governs and the
imports they must not make; a violation names the module, the line and the
import.  The last tests feed the checker synthetic modules, so a checker that
reports nothing is caught too.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import PROJECT

PACKAGE = "return_xml"
SRC = PROJECT / "src" / PACKAGE

PDF_LIBRARIES = ("pypdfium2", "pdfplumber", "pdfminer")
XML_LIBRARIES = ("lxml", "xmlschema", "defusedxml")
SCREEN_LIBRARIES = ("reportlab", "PIL", "tesserocr", "pytesseract", "fontTools")
# The parts that use the model (and the facts view): neither may import any of them.
FACES = ("api", "cli", "commands", "plain_cli", "bulk")
STAGES = ("pdf", "xmlio", "xbrl", "forms", "render", "rules", "review", "bulk", "api", "cli")


@dataclass(frozen=True)
class Rule:
    """Modules named ``governs`` (a dotted prefix) import nothing named by ``forbids`` (dotted prefixes)."""

    name: str
    governs: str
    forbids: tuple[str, ...]
    exempt: tuple[str, ...] = ()  # parts under ``governs`` that the rule does not govern (with their submodules)
    exempt_modules: tuple[str, ...] = ()  # single modules it does not govern

    def applies_to(self, module: str) -> bool:
        exempt = module in self.exempt_modules or any(_within(module, e) for e in self.exempt)
        return _within(module, self.governs) and not exempt


RULES = (
    Rule(
        "the model imports no PDF, XML or screen library, and no stage that uses it",
        f"{PACKAGE}.model",
        PDF_LIBRARIES + XML_LIBRARIES + SCREEN_LIBRARIES
        + tuple(f"{PACKAGE}.{part}" for part in STAGES),
    ),
    # The facts view and the facts-JSON input are the model seen as paths: model-side, no library of a stage.
    Rule("the facts view imports no PDF, XML or screen library, and no stage", f"{PACKAGE}.facts",
         PDF_LIBRARIES + XML_LIBRARIES + SCREEN_LIBRARIES + tuple(f"{PACKAGE}.{part}" for part in STAGES)),
    Rule("the facts input re-export is model-side too", f"{PACKAGE}.facts_input",
         PDF_LIBRARIES + XML_LIBRARIES + SCREEN_LIBRARIES + tuple(f"{PACKAGE}.{part}" for part in STAGES)),
    Rule("readers import no XML", f"{PACKAGE}.forms", XML_LIBRARIES + (f"{PACKAGE}.xmlio",)),
    Rule("the PDF layer imports no form and no XML", f"{PACKAGE}.pdf", XML_LIBRARIES + (f"{PACKAGE}.forms", f"{PACKAGE}.xmlio")),
    Rule("rules import no PDF layer", f"{PACKAGE}.rules", PDF_LIBRARIES + (f"{PACKAGE}.pdf", f"{PACKAGE}.forms")),
    # The arrows docs/architecture.md draws besides those four:
    Rule("the XML layer knows no PDF, form or page", f"{PACKAGE}.xmlio",
         PDF_LIBRARIES + SCREEN_LIBRARIES + (f"{PACKAGE}.pdf", f"{PACKAGE}.forms", f"{PACKAGE}.render")),
    Rule("rules work on the model alone, no XML", f"{PACKAGE}.rules", XML_LIBRARIES + (f"{PACKAGE}.xmlio", f"{PACKAGE}.render")),
    Rule("the XBRL writer knows no PDF, form or page", f"{PACKAGE}.xbrl",
         PDF_LIBRARIES + SCREEN_LIBRARIES + tuple(f"{PACKAGE}.{part}" for part in ("pdf", "forms", "render", "review")),
         exempt_modules=(f"{PACKAGE}.xbrl.inline",)),
    # Inline XBRL is the HTML page with its facts tagged: it alone takes the page from render.html.
    Rule("Inline XBRL knows no PDF or form", f"{PACKAGE}.xbrl.inline",
         PDF_LIBRARIES + SCREEN_LIBRARIES + tuple(f"{PACKAGE}.{part}" for part in ("pdf", "forms", "review"))),
    Rule("the renderer reads no PDF and no XML", f"{PACKAGE}.render",
         PDF_LIBRARIES + XML_LIBRARIES + (f"{PACKAGE}.pdf", f"{PACKAGE}.forms", f"{PACKAGE}.xmlio")),
    Rule("bulk converts through the entrance (api.converted), not with stages of its own", f"{PACKAGE}.bulk.convert",
         XML_LIBRARIES + tuple(f"{PACKAGE}.{part}" for part in ("xmlio", "xbrl", "facts", "forms", "rules", "render"))),
    # The command line is cli.py with commands.py (what its commands share) and plain_cli.py (the fast path of convert).
    Rule("no part imports a face", PACKAGE, tuple(f"{PACKAGE}.{face}" for face in FACES),
         exempt=tuple(f"{PACKAGE}.{face}" for face in (*FACES, "__main__")),
         exempt_modules=(PACKAGE,)),  # the package re-exports api's names (imported on first use)
)


@dataclass(frozen=True)
class Violation:
    module: str
    line: int
    imported: str
    rule: str

    def __str__(self) -> str:
        return f"{self.module}:{self.line} imports {self.imported} ({self.rule})"


def module_name(path: Path, root: Path = SRC) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(module: str, source: str, *, is_package: bool = False) -> Iterator[tuple[int, str]]:
    """(line, dotted name) of every import in ``source``, anywhere in the module.

    ``from a.b import c`` yields both ``a.b`` and ``a.b.c`` (``c`` may be a
    submodule); relative imports are resolved against ``module``.
    """
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                origin = ".".join(base + ([node.module] if node.module else []))
            else:
                origin = node.module or ""
            yield node.lineno, origin
            for alias in node.names:
                yield node.lineno, f"{origin}.{alias.name}"


def _within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def violations(sources: Mapping[str, tuple[str, bool]], rules: tuple[Rule, ...] = RULES) -> list[Violation]:
    """Every forbidden import in ``sources`` (module name -> (source text, is a package))."""
    found = []
    for module, (source, is_package) in sorted(sources.items()):
        governing = [r for r in rules if r.applies_to(module)]
        if not governing:
            continue
        for line, name in imports_of(module, source, is_package=is_package):
            for rule in governing:
                for prefix in rule.forbids:
                    if _within(name, prefix):
                        found.append(Violation(module, line, name, rule.name))
    return sorted(set(found), key=lambda v: (v.module, v.line, v.imported))


def package_sources(root: Path = SRC) -> dict[str, tuple[str, bool]]:
    return {module_name(p, root): (p.read_text(encoding="utf-8"), p.name == "__init__.py") for p in sorted(root.rglob("*.py"))}


def module_level_imports(module: str, source: str, *, is_package: bool, known: set[str]) -> set[str]:
    """The modules of ``known`` that ``module`` imports when it is first imported (not in functions, not in ``if``)."""
    package = module if is_package else module.rpartition(".")[0]
    found = set()
    for node in ast.parse(source).body:
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            origin = node.module or ""
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                origin = ".".join(base + ([node.module] if node.module else []))
            # ``from package import submodule`` runs the package (partly initialised, if in a cycle) and the submodule
            found.add(origin)
            found.update(f"{origin}.{a.name}" for a in node.names)
    return {name for name in found if name in known and name != module}


def import_cycles(sources: Mapping[str, tuple[str, bool]]) -> list[list[str]]:
    """Groups of modules that import each other at module level, directly or through others.

    A package's own ``__init__`` is not counted as imported by its submodules
    (Python runs it first, whatever they import): only the imports written.
    """
    known = set(sources)
    graph = {m: module_level_imports(m, text, is_package=pkg, known=known) for m, (text, pkg) in sources.items()}
    cycles, index, low, stack, counter = [], {}, {}, [], [0]

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(cycles)


def test_no_modules_import_each_other_at_module_level():
    assert import_cycles(package_sources()) == []


def test_a_synthetic_import_cycle_is_reported():
    sources = {
        "return_xml.render": ("from return_xml.render.html import render_html\n", True),
        "return_xml.render.html": ("from return_xml.render import format as f\n", False),
        "return_xml.render.format": ("import decimal\n", False),
    }
    assert import_cycles(sources) == [["return_xml.render", "return_xml.render.html"]]
    sources["return_xml.render.html"] = ("import return_xml.render.format as f\n", False)
    assert import_cycles(sources) == []


def test_no_module_imports_across_a_forbidden_arrow():
    found = violations(package_sources())
    assert not found, "forbidden imports:\n" + "\n".join(map(str, found))


def test_every_rule_governs_modules_that_exist():
    modules = package_sources()
    for rule in RULES:
        assert any(rule.applies_to(m) for m in modules), rule


def test_the_checker_reads_imports_inside_functions_and_type_checking_blocks():
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from lxml import etree\n"
        "def f():\n"
        "    import pdfplumber\n"
        "    from ..xmlio import writer\n"
    )
    names = {name for _, name in imports_of("return_xml.model.values", source)}
    assert {"lxml", "lxml.etree", "pdfplumber", "return_xml.xmlio", "return_xml.xmlio.writer"} <= names


@pytest.mark.parametrize(
    ("module", "source", "imported"),
    [
        ("return_xml.model.values", "import lxml\n", "lxml"),
        ("return_xml.model.values", "def f():\n    from return_xml.pdf import open_pdf\n", "return_xml.pdf"),
        ("return_xml.model", "from . import render\n", "return_xml.render"),
        ("return_xml.forms.ff301.reader", "from lxml import etree\n", "lxml"),
        ("return_xml.forms.legacy.reader", "from ...xmlio.writer import render_xml\n", "return_xml.xmlio.writer"),
        ("return_xml.pdf.layout", "from return_xml import forms\n", "return_xml.forms"),
        ("return_xml.pdf.document", "import return_xml.xmlio.reader\n", "return_xml.xmlio.reader"),
        ("return_xml.rules.series", "from return_xml.pdf.values import amount\n", "return_xml.pdf.values"),
        ("return_xml.rules.series", "import pypdfium2 as pdfium\n", "pypdfium2"),
        ("return_xml.xmlio.reader", "from return_xml.forms import read_document\n", "return_xml.forms"),
        ("return_xml.render.html", "from lxml import etree\n", "lxml"),
        ("return_xml.facts.view", "from lxml import etree\n", "lxml"),
        ("return_xml.facts.build", "from return_xml.xmlio.reader import parse_document\n", "return_xml.xmlio.reader"),
        ("return_xml.facts_input", "import pdfplumber\n", "pdfplumber"),
        ("return_xml.model.values", "from return_xml.xbrl import render_xbrl\n", "return_xml.xbrl"),
        ("return_xml.xbrl.instance", "from return_xml.pdf import open_pdf\n", "return_xml.pdf"),
        ("return_xml.xbrl.instance", "def f():\n    from return_xml.forms import read_document\n", "return_xml.forms"),
        ("return_xml.xbrl.taxonomy", "import pypdfium2\n", "pypdfium2"),
        ("return_xml.bulk.convert", "from return_xml.xmlio import render_xml\n", "return_xml.xmlio"),
        ("return_xml.bulk.convert", "from return_xml.facts import facts_of\n", "return_xml.facts"),
        ("return_xml.rules.reporting", "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from return_xml.api import Validation\n",
         "return_xml.api"),
    ],
)
def test_a_synthetic_forbidden_import_is_reported(module, source, imported):
    found = violations({module: (source, False)})
    assert imported in {v.imported for v in found}, found


def test_allowed_imports_are_not_reported():
    sources = {
        "return_xml.model.values": ("import decimal\nfrom return_xml.model.shape import shape_of\n", False),
        "return_xml.forms.registry": ("from return_xml.pdf import PdfDocument\nfrom return_xml.model import MonthlyReturn\n", False),
        "return_xml.xmlio.reader": ("from lxml import etree\n", False),  # the XML layer governs itself
        "return_xml.rules.document": ("from return_xml.model import MonthlyReturn\n", False),
        "return_xml.facts.view": ("from return_xml.model import MonthlyReturn\n", False),
        "return_xml.xbrl.instance": ("from lxml import etree\nfrom return_xml.facts import facts_of\n", False),  # an XML writer
        "return_xml.pdfs_elsewhere": ("import lxml\n", False),  # a prefix is a whole dotted name
        "return_xml": ("from return_xml.api import read\n", True),  # exempt: the package's lazy re-exports
        "return_xml.bulk.convert": ("from return_xml import api\n", False),  # a face uses the entrance
    }
    assert violations(sources) == []
