"""The text of a new data file: every field of its kind, each with its help from the model as comments.

`make new` writes it for an editor; the editors' pages offer the same text to
editors who work in the browser.
"""

from __future__ import annotations

import datetime as dt

from .field_guide import FieldGuide, block_title, fields_of, yaml_block, yaml_inline
from .json_schemas import schema_line
from ..data.kinds import KIND_FOLDERS, KIND_MODELS

# Filled in for the editor; every other field starts blank or empty.
_PREFILLED = {"status": "draft", "mental_health": False}
# Lists written blank, not as []: they take ids or the word none, and an empty list is not an answer.
_IDS_OR_NONE = {"red_flags"}
# Shown first, in this order; then the kind's own fields; then the page's record-keeping.
_FIRST = ("name", "also_called", "summary")
_LAST = ("sections", "sources", "last_reviewed", "next_review", "status", "changes")


def template(kind: str, name: str, entity_id: str, today: dt.date) -> str:
    """The text of a new file: every field of the kind, each with its help as comments."""
    folder = KIND_FOLDERS[kind]
    lines = [schema_line(kind)]
    if kind == "source":
        lines += [
            f"# New source: data/{folder}/{entity_id}.yml. Cite it as {entity_id}.",
            "# A source has no draft state: `make check` reports every blank required field as an",
            "# error until you fill it in from the source's own text. Never guess a DOI, PMID, author",
            "# or year: leave out what you could not confirm, and say in checked_how what you read.",
        ]
    elif "status" not in KIND_MODELS[kind].model_fields:
        lines += [
            f"# New {kind}: data/{folder}/{entity_id}.yml. Pages name it as {entity_id}.",
            f"# A {kind} has no draft state of its own: `make check` reports every blank required",
            "# field as an error until you fill it in. It is published with the pages it belongs to",
            "# (a finding about a draft page waits for that page).",
        ]
    else:
        lines += [
            f"# New {kind}: {name or 'write its name below'} (data/{folder}/{entity_id}.yml).",
            "# It is a draft (status: draft): `make check` checks it and lists what it still lacks,",
            "# but the site is built without it. When every field is written and checked, change",
            "# status: draft to status: published.",
        ]
    lines += ["# Each field is explained above it; CONTRIBUTING.md and the data reference page say more.", ""]
    values = {"last_reviewed": today, "next_review": _a_year_after(today), **_PREFILLED}
    if name and "name" in KIND_MODELS[kind].model_fields:
        values["name"] = name
    for guide in _ordered(fields_of(KIND_MODELS[kind])):
        lines += _field_lines(guide, values, indent="")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _ordered(guides: list[FieldGuide]) -> list[FieldGuide]:
    by_name = {g.name: g for g in guides}
    first = [by_name[n] for n in _FIRST if n in by_name]
    last = [by_name[n] for n in _LAST if n in by_name]
    middle = [g for g in guides if g not in first and g not in last]
    return first + middle + last


def _field_lines(guide: FieldGuide, values: dict, indent: str) -> list[str]:
    out = [f"{indent}# {line}" for line in _help(guide)]
    if guide.block is not None and not guide.is_list and guide.required:
        out.append(f"{indent}{guide.name}:")
        for inner in _ordered_block(guide.block):
            out += _field_lines(inner, {}, indent + "  ")
        return out
    if guide.name in values:
        out.append(f"{indent}{guide.name}: {_scalar(values[guide.name])}")
    elif guide.is_list and guide.name not in _IDS_OR_NONE:
        out.append(f"{indent}{guide.name}: []")
    else:
        out.append(f"{indent}{guide.name}:")
    return out


def _ordered_block(block) -> list[FieldGuide]:
    guides = fields_of(block)
    return sorted(guides, key=lambda g: g.name != "id")  # a link names its target first


def _help(guide: FieldGuide) -> list[str]:
    need = "Required" if guide.required else "Optional"
    if guide.required and guide.name in ("sources", "cautions") and guide.is_list:
        need = "Required: at least one"
    text = f"{guide.description} {need}; {guide.type}."
    lines = _wrap(text)
    if guide.allowed:
        lines += _wrap("One of: " + " | ".join(guide.allowed))
    lines += _example_lines(guide)
    return lines


def _example_lines(guide: FieldGuide) -> list[str]:
    example = guide.example
    if example is None:
        return []
    structured = isinstance(example, dict) or (isinstance(example, list) and any(isinstance(i, dict) for i in example))
    if not structured:
        return [f"Example: {guide.name}: {yaml_inline(example)}"]
    what = block_title(guide.block).lower() if guide.block else "value"
    head = f"Example ({'replace [] with items like this' if guide.is_list else what}):"
    body = yaml_block({guide.name: example})
    return [head, *("  " + line for line in body.rstrip("\n").splitlines())]


def _scalar(value) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return yaml_inline(value)


def _wrap(text: str, width: int = 96) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    return lines + ([current] if current else [])


def _a_year_after(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)
