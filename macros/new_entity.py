"""`make new kind=condition name="Plantar fasciitis"`: start a data file with every field.

The file lists every field of the kind, each with its help from the model,
and starts as a draft (status: draft): checked by `make check`, which lists what
it still lacks, but not published. Sources have no draft state: a new source
file fails `make check`, at each blank line, until it is filled in, because a
page may only cite a source that has been confirmed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import unicodedata
from pathlib import Path

from .data_errors import did_you_mean
from .field_guide import FieldGuide, block_title, fields_of, yaml_block, yaml_inline
from .json_schemas import schema_line
from .model import ID_PATTERN, _check_plain
from .kinds import KIND_FOLDERS, KIND_MODELS, PAGE_KINDS


ROOT = Path(__file__).resolve().parent.parent
# Filled in for the editor; every other field starts blank or empty.
_PREFILLED = {"status": "draft", "mental_health": False}
# Shown first, in this order; then the kind's own fields; then the page's record-keeping.
_FIRST = ("name", "also_called", "summary")
_LAST = ("sections", "sources", "last_reviewed", "next_review", "status", "changes")


class NewFileRefused(Exception):
    """Why no file was written, in words the editor can act on."""


def id_from_name(name: str) -> str:
    """'Plantar fasciitis' -> 'plantar-fasciitis'; accents dropped, other marks become hyphens."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def new_entity_file(kind: str, name: str, data_dir: Path, entity_id: str | None = None,
                    today: dt.date | None = None) -> Path:
    """Write data/<folder>/<id>.yml for a new entity and return its path; refuse with a reason."""
    kind = _known_kind(kind)
    name = (name or "").strip()
    if not name:
        raise NewFileRefused('give the new file a name, e.g. make new kind=condition name="Plantar fasciitis"')
    if kind != "source":
        try:
            name = _check_plain(name)
        except ValueError as exc:
            raise NewFileRefused(f"the name '{name}' cannot be used: {exc}") from None
    chosen = (entity_id or "").strip()
    entity_id = chosen or id_from_name(name)
    if not entity_id:
        raise NewFileRefused(f"the name '{name}' gives no usable id (an id, the file name and page address, "
                             "uses the letters a-z, digits and hyphens): choose one with id=..., e.g. id=heel-pain")
    if not re.match(ID_PATTERN, entity_id):
        suggestion = id_from_name(entity_id)
        raise NewFileRefused(
            f"'{entity_id}' cannot be an id (the file name and page address): use lowercase letters, digits "
            f"and single hyphens" + (f", e.g. id={suggestion}" if suggestion else ""))
    path = data_dir / KIND_FOLDERS[kind] / f"{entity_id}.yml"
    if path.exists():
        raise NewFileRefused(f"{_shown(path, data_dir)} already exists: edit that file, or choose another "
                             "name (or id=...)")
    if kind in PAGE_KINDS:
        for other in PAGE_KINDS:
            taken = data_dir / KIND_FOLDERS[other] / f"{entity_id}.yml"
            if taken.exists():
                raise NewFileRefused(f"the id '{entity_id}' is already used by {_shown(taken, data_dir)}: every "
                                     "page needs its own address; choose another name, or give id=...")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(template(kind, name, entity_id, today or dt.date.today()), encoding="utf-8")
    return path


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
    else:
        lines += [
            f"# New {kind}: {name or 'write its name below'} (data/{folder}/{entity_id}.yml).",
            "# It is a draft (status: draft): `make check` checks it and lists what it still lacks,",
            "# but the site is built without it. When every field is written and checked, change",
            "# status: draft to status: published.",
        ]
    lines += ["# Each field is explained above it; CONTRIBUTING.md and the data reference page say more.", ""]
    values = {"last_reviewed": today, "next_review": _a_year_after(today), **_PREFILLED}
    if name:
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
    elif guide.is_list:
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


def _known_kind(kind: str) -> str:
    kind = (kind or "").strip().lower()
    plural = {folder: k for k, folder in KIND_FOLDERS.items()}
    kind = plural.get(kind, kind)
    if kind not in KIND_MODELS:
        choices = list(KIND_MODELS)
        hint = did_you_mean(kind, choices) if kind else ""
        raise NewFileRefused(f"unknown kind '{kind}'{hint}: use kind= one of {', '.join(choices)}")
    return kind


def _shown(path: Path, data_dir: Path) -> str:
    return (Path(data_dir.name) / path.relative_to(data_dir)).as_posix()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make new", description=__doc__.splitlines()[0])
    parser.add_argument("kind", help="condition, technique, benefit, caution or source")
    parser.add_argument("name", help="the page's name, e.g. 'Plantar fasciitis' (for a source: its id)")
    parser.add_argument("--id", default="", help="the file name without .yml, if not made from the name")
    parser.add_argument("--data-dir", type=Path, default=ROOT / "data")
    args = parser.parse_args(argv)
    try:
        path = new_entity_file(args.kind, args.name, args.data_dir, args.id)
    except NewFileRefused as exc:
        print(f"make new: no file written: {exc}", file=sys.stderr)
        return 1
    shown = _shown(path, args.data_dir)
    if path.parent.name == "sources":
        print(f"created {shown}: fill in every field from the source's own text, then run `make check`")
    else:
        print(f"created {shown} as a draft (checked, not published)")
        print("next: write the fields, then run `make check` to see what it still lacks")
    return 0


if __name__ == "__main__":
    sys.exit(main())
