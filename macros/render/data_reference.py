"""The data reference page's content: one table per kind and per block, read from the model.

Only the helpers here emit markup, and they escape what they insert.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from ..editors.field_guide import FieldGuide, all_blocks, block_anchor, block_title, fields_of, yaml_block, yaml_inline
from ..data.kinds import KINDS
from ..data.plain_text import one_line



@dataclass(frozen=True)
class Table:
    title: str
    anchor: str
    about: str
    fields: list[FieldGuide]
    file: str = ""          # data/<folder>/<id>.yml, for kinds
    schema: str = ""        # /schemas/<kind>.schema.json, for kinds
    example: str = ""       # a whole example file, for kinds


def kind_tables() -> list[Table]:
    tables = []
    for kind in KINDS.values():
        cls = kind.model
        guides = fields_of(cls)
        tables.append(Table(
            title=kind.heading,
            anchor=kind.name,
            about=one_line(cls.__doc__ or ""),
            fields=guides,
            file=f"data/{kind.folder}/<id>.yml",
            schema=f"/schemas/{kind.schema_file}",
            example=example_file(cls),
        ))
    return tables


def block_tables() -> list[Table]:
    return [Table(title=block_title(cls), anchor=block_anchor(cls), about=one_line(cls.__doc__ or ""),
                  fields=sorted(fields_of(cls), key=lambda g: g.name != "id"))
            for cls in all_blocks()]


def example_file(cls) -> str:
    """A whole file made of the fields' examples (published, so without status)."""
    values = {g.name: g.example for g in fields_of(cls) if g.example is not None and g.name != "status"}
    return yaml_block(values, width=100)


def type_cell(guide: FieldGuide) -> Markup:
    if guide.block is None:
        return escape(guide.type)
    return Markup("[{}](#{})").format(guide.type, block_anchor(guide.block))


def example_cell(guide: FieldGuide) -> Markup:
    example = guide.example
    if example is None:
        return Markup("")
    if guide.block is not None:
        return Markup("see [{}](#{})").format(block_title(guide.block).lower(), block_anchor(guide.block))
    return code(yaml_inline(example))


def allowed_cell(guide: FieldGuide) -> Markup:
    cells = [code(word) for word in guide.allowed]
    if guide.limits:
        cells.append(escape(guide.limits))
    if guide.default not in (None, [], ""):
        cells.append(Markup("default {}").format(code(guide.default)))
    return Markup(", ").join(cells)


def code(text) -> Markup:
    """Inline code; a | cannot start a Markdown table in it."""
    return Markup("<code>{}</code>").format(Markup(str(escape(str(text))).replace("|", "&#124;")))


def code_block(text: str) -> Markup:
    return Markup('<pre><code class="language-yaml">{}</code></pre>').format(text.rstrip("\n"))


@dataclass(frozen=True)
class MacroGroup:
    title: str
    anchor: str
    about: str
    entries: list  # page_macros.Entry, in the table's order


def macro_groups(table) -> list[MacroGroup]:
    """The table of macros (page_macros.TABLE), grouped as a page uses it."""
    def of(category, makes_page=False):
        return [e for e in table if e.category == category and e.makes_page == makes_page]

    return [
        MacroGroup("Macros", "macros-list", "Each shows data from the guide's files where the call is.", of("macro")),
        MacroGroup("Variables", "variables", "Each is a value, written by its name alone.", of("variable")),
        MacroGroup("Filters", "filters", "Each changes the value written before its | sign.", of("filter")),
        MacroGroup("Whole pages", "whole-pages", "Each page the guide makes from the data is one of these calls, "
                   "alone on its page; a prose page does not need them.", of("macro", makes_page=True)),
    ]


def arguments_cell(entry) -> Markup:
    """'Arguments: ... ' for a macro or a filter; nothing for a variable, which has none."""
    if entry.category == "variable":
        return Markup("")
    listed = Markup("; ").join(Markup("{}: {}").format(code(a.name), a.about) for a in entry.arguments)
    return Markup("Arguments: {}. ").format(listed or "none")


def call_code(text: str) -> Markup:
    """A call as a page writes it, in inline code; its braces as character references, so that the
    built page holds no {{ (a page that still holds one fails the build: site/build_hooks.py)."""
    return Markup(str(code(text)).replace("{", "&#123;").replace("}", "&#125;"))
