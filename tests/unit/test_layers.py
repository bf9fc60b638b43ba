"""macros/ is grouped by layer, and the folder tree tells the data flow:

data (YAML, model, checks, relation graph) -> editors (what editors are handed besides
pages: the field guide, the JSON Schemas, a new file's text) -> render (pages and files
from the graph) -> site (everything that knows MkDocs); cli holds the editors' commands.
A layer imports only from the layers before it, and only site imports MkDocs.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import ROOT

MACROS = ROOT / "macros"
LAYERS = ("data", "editors", "render", "site", "cli")
# What each layer may import from the project's own layers: itself and the layers before it.
ALLOWED = {layer: set(LAYERS[: LAYERS.index(layer) + 1]) for layer in LAYERS}
MKDOCS_PACKAGES = ("mkdocs", "material", "mkdocs_macros", "mkdocs_redirects")


def imported_modules(source: str, package: str) -> list[str]:
    """Absolute names of everything a module imports; `package` is its own, e.g. macros.data."""
    names = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            names.append(module)
            names += [f"{module}.{alias.name}" for alias in node.names]
    return names


def problems_of(layer: str, name: str, source: str) -> list[str]:
    found = []
    for module in imported_modules(source, f"macros.{layer}"):
        parts = module.split(".")
        if parts[0] in MKDOCS_PACKAGES and layer != "site":
            found.append(f"macros/{layer}/{name} imports {module}: only macros/site may know MkDocs")
        if parts[0] == "macros" and len(parts) > 1 and parts[1] in LAYERS and parts[1] not in ALLOWED[layer]:
            found.append(f"macros/{layer}/{name} imports {module}: {layer} may not use {parts[1]}")
    return found


def test_every_module_sits_in_a_layer():
    loose = [p.name for p in MACROS.glob("*.py") if p.name != "__init__.py"]
    assert not loose, f"modules outside the layers: {loose}"
    assert {p.name for p in MACROS.iterdir() if p.is_dir() and p.name != "__pycache__"} == set(LAYERS)


@pytest.mark.parametrize("layer", LAYERS)
def test_each_layer_imports_only_the_layers_before_it(layer):
    problems = []
    for path in sorted((MACROS / layer).glob("*.py")):
        problems += problems_of(layer, path.name, path.read_text(encoding="utf-8"))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("layer, source", [
    ("data", "from ..render import page_render\n"),
    ("data", "from ..site.build_hooks import on_files\n"),
    ("render", "from ..cli import check\n"),
    ("render", "import mkdocs.config\n"),
    ("data", "from macros.render.open_data import api_files\n"),
    ("data", "from ..editors.field_guide import fields_of\n"),
    ("editors", "from ..render import page_render\n"),
    ("editors", "import mkdocs.config\n"),
])
def test_the_rule_catches_an_import_that_breaks_it(layer, source):
    assert problems_of(layer, "x.py", source)


def test_the_rule_lets_the_flow_through():
    assert not problems_of("site", "x.py", "from mkdocs.structure.files import File\nfrom ..render import docs_tree\n")
    assert not problems_of("render", "x.py", "from ..data.model import Condition\nfrom .qr_codes import qr_svg\n")
    assert not problems_of("render", "x.py", "from ..editors.field_guide import fields_of\n")
    assert not problems_of("editors", "x.py", "from ..data.kinds import KINDS\n")
