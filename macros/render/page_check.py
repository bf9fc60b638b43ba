"""Every {{ }} and {% %} of a page, checked against the table before anything runs it.

A page may call the table's macros with arguments written out (text in quotes, numbers),
show its variables, and pass those through its filters (page_macros.py). Nothing else:
no attribute or item access (`lipsum.__globals__`, `x['os']`), no names outside the
table (`config`, `self`, `page`), no tags (`{% import %}`, `{% for %}`), no filter
outside the table. Jinja's own parser reads the page, so what is checked is exactly
what would run. `make check` runs this over docs/, and the build runs it on each prose
page before the macros plugin sees it (site/build_hooks.py); the plugin renders only
what passed.

Each problem reads `docs/myths.md:128: claim_verdict: unknown benefit 'pain-releif'
(did you mean 'pain-relief'?)`, at the line of the file the call is on.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from jinja2 import TemplateSyntaxError, nodes
from markupsafe import Markup
from jinja2.sandbox import SandboxedEnvironment

from ..data.data_errors import DataError, did_you_mean
from .page_macros import ENTRIES, MacroError, PageMacros, shown

# MkDocs' own front matter pattern (mkdocs.utils.meta), so the check splits a page where the build does.
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)
MARKERS = ("{{", "{%")
RENDER_KEY = "render_macros"
_ASKED = "a page may use only what the data reference page lists"
_PARSER = SandboxedEnvironment()  # parses only: nothing is ever rendered with it
_TAG_NAMES = {"Assign": "set", "AssignBlock": "set", "FromImport": "import", "FilterBlock": "filter",
              "CallBlock": "call", "ExprStmt": "do", "ScopedEvalContextModifier": "autoescape"}


def front_matter_match(text: str) -> re.Match | None:
    return _FRONT_MATTER.match(text)


def front_matter(text: str) -> tuple[dict, int]:
    """(the page's front matter, as MkDocs reads it; the line the body starts on, counting from 1)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, 1
    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return {}, 1
    if not isinstance(meta, dict):
        return {}, 1
    rest = text[match.end():]
    skipped = len(rest) - len(rest.lstrip("\n"))  # MkDocs strips the blank lines after it
    return meta, text[: match.end()].count("\n") + skipped + 1


def renders_macros(text: str) -> bool:
    """Whether the macros plugin renders this page: `render_macros` is a YAML true (true, True, yes...)."""
    return front_matter(text)[0].get(RENDER_KEY) is True


def page_problems(where: str, text: str, macros: PageMacros) -> list[DataError]:
    """Every problem of one page (`where` is how messages name it, such as docs/myths.md)."""
    meta, body_line = front_matter(text)
    head_lines = text.splitlines()[: body_line - 1]
    problems = [DataError(where, number, _key_of(line), "no {{ or {% in the front matter: macros run only in the "
                          "page's text") for number, line in enumerate(head_lines, 1) if _has_marker(line)]
    render = meta.get(RENDER_KEY)
    if render is not None and not isinstance(render, bool):
        line = next((n for n, text_line in enumerate(head_lines, 1) if text_line.startswith(RENDER_KEY)), 1)
        problems.append(DataError(where, line, RENDER_KEY, f"write true or false, not {shown(render)}"))
        return problems
    body = "\n" * (body_line - 1) + "\n".join(text.splitlines()[body_line - 1:])
    if render is not True:
        first = next((n for n, line in enumerate(body.splitlines(), 1) if _has_marker(line)), None)
        if first is not None:
            problems.append(DataError(where, first, RENDER_KEY, "the page has {{ or {% but its front matter does not "
                                      "say render_macros: true, so readers would see the braces"))
        return problems
    try:
        template = _PARSER.parse(body)
    except TemplateSyntaxError as exc:
        return problems + [DataError(where, exc.lineno, "syntax", exc.message or "not a macro call")]
    for node in template.body:
        problems += _statement_problems(where, node, macros)
    return problems


def problems_notice(problems: list[DataError]) -> str:
    """What a page that failed the check shows instead of its text (in a build that goes on)."""
    items = Markup("").join(Markup("<li>{}</li>").format(str(p)) for p in problems)
    html = Markup('<div class="admonition failure"><p class="admonition-title">This page was not made: '
                  'its macros have problems</p><ul>{}</ul></div>').format(items)
    return str(html).replace("{", "&#123;").replace("}", "&#125;") + "\n"


def docs_problems(docs_dir: Path, macros: PageMacros) -> list[DataError]:
    """Every problem of every Markdown page in docs/, in one pass."""
    problems = []
    for path in sorted(Path(docs_dir).rglob("*.md")):
        where = f"{Path(docs_dir).name}/{path.relative_to(docs_dir).as_posix()}"
        problems += page_problems(where, path.read_text(encoding="utf-8"), macros)
    return problems


def _has_marker(line: str) -> bool:
    return any(marker in line for marker in MARKERS)


def _key_of(line: str) -> str:
    match = re.match(r"([A-Za-z0-9_-]+)\s*:", line)
    return match.group(1) if match else "front matter"


def _statement_problems(where: str, node: nodes.Node, macros: PageMacros) -> list[DataError]:
    if not isinstance(node, nodes.Output):
        tag = _TAG_NAMES.get(type(node).__name__, type(node).__name__.lower())
        return [DataError(where, node.lineno, f"{tag} tag", f"not allowed: {_ASKED}")]
    problems = []
    for child in node.nodes:
        if isinstance(child, nodes.TemplateData):
            if _has_marker(child.data):
                problems.append(DataError(where, child.lineno, "raw", "braces in a raw block would reach readers "
                                          "as text: write them as &#123; and &#125;"))
            continue
        problem = _expression_problem(child, macros)
        if problem:
            problems.append(DataError(where, child.lineno, *problem))
    return problems


def _expression_problem(node: nodes.Expr, macros: PageMacros) -> tuple[str, str] | None:
    """(field, message) for what is wrong with one {{ }}, or None."""
    if isinstance(node, nodes.Call):
        return _call_problem(node, macros)
    if isinstance(node, nodes.Filter):
        return _filter_problem(node, macros)
    if isinstance(node, nodes.Name):
        return _name_problem(node.name, "variable", macros)
    return _not_allowed(node)


def _call_problem(node: nodes.Call, macros: PageMacros) -> tuple[str, str] | None:
    if not isinstance(node.node, nodes.Name):
        return _not_allowed(node.node)
    name = node.node.name
    entry = ENTRIES.get(name)
    if entry is None:
        return name, f"unknown macro{_suggestion(name, 'macro')}: {_ASKED}"
    if entry.category != "macro":
        return name, f"a {entry.category} is not called: write it as {entry.example_text()}"
    return _arguments_problem(entry, node, node.args, macros)


def _filter_problem(node: nodes.Filter, macros: PageMacros) -> tuple[str, str] | None:
    entry = ENTRIES.get(node.name)
    if entry is None or entry.category != "filter":
        return node.name, f"unknown filter{_suggestion(node.name, 'filter')}: {_ASKED}"
    value = node.node
    if isinstance(value, nodes.Name):
        problem = _name_problem(value.name, "variable", macros)
        if problem:
            return problem
        value = nodes.Const(macros.variables[value.name])
    elif not isinstance(value, nodes.Const):
        return _not_allowed(value)
    return _arguments_problem(entry, node, [value, *node.args], macros)


def _arguments_problem(entry, node, arguments: list, macros: PageMacros) -> tuple[str, str] | None:
    if node.dyn_args is not None or node.dyn_kwargs is not None:
        return entry.name, "write each argument out: no * or **"
    for argument in [*arguments, *(keyword.value for keyword in node.kwargs)]:
        if not isinstance(argument, nodes.Const):
            return entry.name, "write each argument out, as text in quotes or a number: " + (
                _not_allowed(argument)[1])
    try:
        macros.arguments(entry, [a.value for a in arguments], {k.key: k.value.value for k in node.kwargs})
    except MacroError as exc:
        return exc.field, exc.message
    return None


def _name_problem(name: str, what: str, macros: PageMacros) -> tuple[str, str] | None:
    if name in macros.variables:
        return None
    entry = ENTRIES.get(name)
    if entry is not None and entry.category == "macro":
        return name, f"a macro is called with its arguments, such as {entry.example_text()}"
    return name, f"unknown {what}{_suggestion(name, what)}: {_ASKED}"


def _suggestion(name: str, category: str) -> str:
    return did_you_mean(name, [e.name for e in ENTRIES.values() if e.category == category])


def _not_allowed(node: nodes.Node) -> tuple[str, str]:
    """What a node that is none of the allowed forms is, for the message; named by the name it starts from."""
    root = node
    first_access = None
    while isinstance(root, (nodes.Getattr, nodes.Getitem, nodes.Call, nodes.Filter)):
        if isinstance(root, (nodes.Getattr, nodes.Getitem)):
            first_access = root
        root = root.node
    field = root.name if isinstance(root, nodes.Name) else "expression"
    if isinstance(first_access, nodes.Getattr):
        return field, f"attribute access (.{first_access.attr}) is not allowed: {_ASKED}"
    if isinstance(first_access, nodes.Getitem):
        return field, f"item access ([...]) is not allowed: {_ASKED}"
    if isinstance(node, nodes.Const):
        return "text", "a {{ }} shows a macro or a variable: write plain text as it is"
    if isinstance(node, nodes.Name):
        return node.name, f"names are not allowed as arguments: {_ASKED}"
    return field, f"{type(node).__name__.lower()} expressions are not allowed: {_ASKED}"
