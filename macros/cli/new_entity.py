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

from ..data.data_errors import did_you_mean
from ..editors.data_file_template import template
from ..data.model import ID_PATTERN, _check_plain
from ..data.kinds import KIND_FOLDERS, KIND_MODELS, PAGE_KINDS


ROOT = Path(__file__).resolve().parents[2]

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
    elif "status" not in KIND_MODELS[_known_kind(args.kind)].model_fields:
        print(f"created {shown}: fill in every field, then run `make check`")
    else:
        print(f"created {shown} as a draft (checked, not published)")
        print("next: write the fields, then run `make check` to see what it still lacks")
    return 0


if __name__ == "__main__":
    sys.exit(main())
