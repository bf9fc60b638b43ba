"""Nothing in macros/ changes another package's internals, and the theme is changed by
block overrides only: a patch breaks silently on the next release of MkDocs or the theme."""

from __future__ import annotations

import ast
import importlib
import inspect
import re
from pathlib import Path

import pytest

from conftest import ROOT

UPSTREAM = ("mkdocs", "material", "mkdocs_macros", "mkdocs_redirects")
# Classes whose objects the hooks are handed, and the plugins the site runs.
UPSTREAM_CLASSES = ("mkdocs.structure.files:File", "mkdocs.structure.files:Files", "mkdocs.structure.pages:Page",
                    "mkdocs.config.defaults:MkDocsConfig", "mkdocs.plugins:BasePlugin",
                    "material.plugins.search.plugin:SearchPlugin", "mkdocs.contrib.search:SearchPlugin",
                    "mkdocs_macros.plugin:MacrosPlugin")
# Attributes MkDocs documents as a plugin's or hook's to set on a file it hands over.
DOCUMENTED = {"edit_uri", "content_string", "content_bytes", "inclusion"}


def _modules():
    return sorted(p for p in (ROOT / "macros").rglob("*.py"))


def _upstream_names(tree: ast.AST) -> set[str]:
    """Names a module binds to something imported from an upstream package."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {(a.asname or a.name).split(".")[0] for a in node.names if a.name.split(".")[0] in UPSTREAM}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in UPSTREAM:
            names |= {a.asname or a.name for a in node.names}
    return names


def _root(node: ast.AST) -> str | None:
    while isinstance(node, (ast.Attribute, ast.Subscript)):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def _upstream_members() -> set[str]:
    """Methods of the upstream classes, and the attributes their plugins keep on themselves."""
    members = set()
    for spec in UPSTREAM_CLASSES:
        module, _, name = spec.partition(":")
        try:
            cls = getattr(importlib.import_module(module), name)
        except (ImportError, AttributeError):
            continue
        members |= {m for m, value in inspect.getmembers(cls) if callable(value) and not m.startswith("__")}
        source = inspect.getsource(cls)
        members |= set(re.findall(r"\bself\.(\w+)\s*=", source)) if "Plugin" in name else set()
    return members - DOCUMENTED


def _assigned_attributes(tree: ast.AST):
    for node in ast.walk(tree):
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = [node.target]
        elif isinstance(node, ast.Delete):
            targets = node.targets
        for target in targets:
            for part in ast.walk(target):
                if isinstance(part, ast.Attribute) and isinstance(part.ctx, (ast.Store, ast.Del)):
                    yield node.lineno, part
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("setattr", "delattr"):
            yield node.lineno, node


def patches(path: Path, members: set[str]) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    upstream = _upstream_names(tree)
    found = []
    where = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.name
    for line, node in _assigned_attributes(tree):
        if isinstance(node, ast.Call):
            if node.args and _root(node.args[0]) in upstream:
                found.append(f"{where}:{line}: {node.func.id}() on {_root(node.args[0])}")
            continue
        if _root(node.value) in upstream:
            found.append(f"{where}:{line}: assigns {ast.unparse(node)} of an imported upstream name")
        elif node.attr in members:
            found.append(f"{where}:{line}: replaces {node.attr}, which an upstream class defines")
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "addFilter":
            found.append(f"{where}:{node.lineno}: filters another package's log messages")
    return found


def test_nothing_in_macros_patches_another_package():
    members = _upstream_members()
    assert {"is_modified", "search_index_prev"} <= members, "the scan no longer knows the upstream classes"
    found = [problem for path in _modules() for problem in patches(path, members)]
    assert found == []


@pytest.mark.parametrize("code", [
    "from mkdocs.structure.files import File\nFile.is_modified = lambda self: False\n",
    "import mkdocs.structure.files\nmkdocs.structure.files.File.is_modified = None\n",
    "def watch(files):\n    for file in files:\n        file.is_modified = lambda: False\n",
    "def start(config):\n    config.plugins['search'].search_index_prev = None\n",
    "import mkdocs_redirects.plugin as plugin\nsetattr(plugin, 'HTML_TEMPLATE', '')\n",
    "import logging\nlogging.getLogger('mkdocs').addFilter(lambda r: True)\n",
])
def test_the_scan_finds_each_kind_of_patch(tmp_path, code):
    path = tmp_path / "patch.py"
    path.write_text(code)
    assert len(patches(path, _upstream_members())) == 1


def test_setting_a_documented_attribute_is_not_a_patch(tmp_path):
    path = tmp_path / "ok.py"
    path.write_text("from mkdocs.structure.files import File\n"
                    "def add(config, files):\n    f = File.generated(config, 'a.md', content='x')\n"
                    "    f.edit_uri = 'data/a.yml'\n    files.append(f)\n")
    assert patches(path, _upstream_members()) == []


def test_main_template_never_edits_block_output_as_text():
    template = (ROOT / "overrides" / "main.html").read_text(encoding="utf-8")
    # A filter on super() or on a block's output, or a {% filter %} around one.
    assert not re.search(r"(super\(\)|self\.\w+\(\))\s*(\||\.replace\()", template)
    assert not re.search(r"{%-?\s*filter\b", template)
