"""JSON Schemas of the data files, generated from the model, for editors' tools.

With the schema named on a data file's first line, VS Code (YAML extension) and
other editors that use yaml-language-server complete field names and underline
mistakes while you type. The validator (model.py) stays the judge: the schema
cannot express every rule, such as review dates in order or known ids.

    python -m macros.cli.schemas write           # regenerate docs/schemas/*.schema.json
    python -m macros.cli.schemas link [data/]    # add or fix each data file's schema line
"""

from __future__ import annotations

import json
from pathlib import Path

from ..data.kinds import KIND_FOLDERS, KIND_MODELS, KINDS

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_DIR = ROOT / "docs" / "schemas"
SCHEMA_LINE_START = "# yaml-language-server:"


def schema_file_name(kind: str) -> str:
    return KINDS[kind].schema_file


def schema_for(kind: str) -> dict:
    model = KIND_MODELS[kind]
    schema = model.model_json_schema()
    # Draft 7 is what editors' YAML tools understand best; everything pydantic
    # writes here ($defs, $ref, anyOf, enum, format: date, if/then/else) reads the same in it.
    head = {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": f"A {kind} file: data/{KIND_FOLDERS[kind]}/<id>.yml",
    }
    if "status" not in schema.get("properties", {}):
        return {**head, **{key: value for key, value in schema.items() if key != "title"}}
    return {**head, **_with_draft_branch(schema)}


_RULES = ("properties", "required", "additionalProperties", "type")
_CONSTRAINTS_A_DRAFT_MAY_LACK = ("required", "minItems", "minLength")
_TEXT = ("description", "examples", "default", "title")


def _with_draft_branch(schema: dict) -> dict:
    """The page's rules, and a draft's: a draft (status: draft) may leave any field blank or
    empty, as `make new` writes it; a value that is written must still be right."""
    defs = schema.get("$defs", {})
    strict = {key: schema[key] for key in _RULES if key in schema}
    out = {key: value for key, value in schema.items() if key not in (*_RULES, "title", "$defs")}
    out["$defs"] = {**defs, **{f"Draft{name}": _relaxed(value) for name, value in defs.items()}}
    out["type"] = "object"
    # Names and help at the top, for completion and hover; the rules are in the branches.
    out["properties"] = {name: {key: value for key, value in field.items() if key in _TEXT}
                         for name, field in strict["properties"].items()}
    out["additionalProperties"] = False
    out["if"] = {"properties": {"status": {"const": "draft"}}, "required": ["status"]}
    out["then"] = _relaxed(strict)
    out["else"] = strict
    return out


def _relaxed(node):
    if isinstance(node, list):
        return [_relaxed(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key in _CONSTRAINTS_A_DRAFT_MAY_LACK:
            continue
        if key in _TEXT:
            out[key] = value
        elif key == "$ref":
            out[key] = value.replace("#/$defs/", "#/$defs/Draft")
        elif key == "properties":
            out[key] = {name: {"anyOf": [_relaxed(field), {"type": "null"}]} for name, field in value.items()}
        else:
            out[key] = _relaxed(value)
    return out


def schema_text(kind: str) -> str:
    return json.dumps(schema_for(kind), indent=2, ensure_ascii=False) + "\n"


def write_schemas(schema_dir: Path = SCHEMA_DIR) -> list[Path]:
    schema_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in KIND_MODELS:
        path = schema_dir / schema_file_name(kind)
        path.write_text(schema_text(kind), encoding="utf-8")
        written.append(path)
    return written


def schema_line(kind: str) -> str:
    """The first line of a data file: its schema, relative to data/<folder>/<id>.yml."""
    return f"{SCHEMA_LINE_START} $schema=../../docs/schemas/{schema_file_name(kind)}"


def with_schema_line(text: str, kind: str) -> str:
    """The file's text with its schema line first; the same text if it is already right."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.split(newline)
    if lines and lines[0].startswith(SCHEMA_LINE_START):
        lines = lines[1:]
    return newline.join([schema_line(kind), *lines])


def link_data_files(data_dir: Path) -> list[Path]:
    """Put the right schema line first in every data file; return the files changed."""
    changed = []
    for kind, folder in KIND_FOLDERS.items():
        for path in sorted((data_dir / folder).glob("*.yml")):
            if path.is_symlink() or not path.is_file():
                continue  # refused by make check (data_files.py); never written through
            text = path.read_text(encoding="utf-8")
            fixed = with_schema_line(text, kind)
            if fixed != text:
                path.write_text(fixed, encoding="utf-8", newline="")
                changed.append(path)
    return changed
