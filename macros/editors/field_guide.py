"""Every field of the model in an editor's words: type, required, allowed values, example.

Read from the pydantic classes in model.py, so the data reference page and the
new-file templates (new_entity.py) can never disagree with the validator.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from dataclasses import dataclass

import yaml
from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from ..data import model
from ..data.kinds import KIND_MODELS, RELATIONS
from ..data.yaml_loader import without_timestamps

# The words for the model's text types, found by their validator or pattern.
_CHECK_WORDS = {
    model._check_plain: "plain text",
    model._check_markdown: "Markdown text",
    model._check_https: "https:// address",
}
_ALIAS_WORDS = {
    "EntityId": ("id", "ids"),
    "Doi": ("DOI", "DOIs"),
    "Pmid": ("PubMed id (digits, in quotes)", "PubMed ids"),
    "Icd10": ("ICD-10-CM code", "ICD-10-CM codes"),
}
# Which id a list of ids names, by field name: the plain relations' targets, and sources.
_ID_KIND = {"sources": "source", **{r.field: r.target for r in RELATIONS if not r.graded}, "id": "entity"}
BLOCK_TITLES = {
    "Effect": "Effect",
    "LevelAction": "Level action",
    "LevelActions": "Level actions",
    "Section": "Section",
    "DiagnosisCode": "Diagnosis code",
    "ChangeNote": "Change note",
}


@dataclass(frozen=True)
class FieldGuide:
    name: str
    type: str                   # in words, e.g. "list of source ids"
    required: bool              # a published page needs it
    allowed: tuple              # the fixed words it accepts, if any
    limits: str                 # e.g. "at least 1", "1900 to 2100"
    description: str
    example: object             # a Python value, as YAML would give it
    default: object             # None when there is none
    block: type[BaseModel] | None  # the nested block this field holds (or a list of)
    is_list: bool


def fields_of(cls: type[BaseModel]) -> list[FieldGuide]:
    return [_guide(name, info) for name, info in cls.model_fields.items()]


def blocks_of(cls: type[BaseModel]) -> list[type[BaseModel]]:
    """The nested blocks a model uses, in the order its fields name them, each once."""
    found: list[type[BaseModel]] = []
    for guide in fields_of(cls):
        if guide.block is not None and guide.block not in found:
            found.append(guide.block)
            found += [b for b in blocks_of(guide.block) if b not in found]
    return found


def all_blocks() -> list[type[BaseModel]]:
    found: list[type[BaseModel]] = []
    for cls in KIND_MODELS.values():
        found += [b for b in blocks_of(cls) if b not in found]
    return found


def block_title(cls: type[BaseModel]) -> str:
    return BLOCK_TITLES.get(cls.__name__, cls.__name__)


def block_anchor(cls: type[BaseModel]) -> str:
    return "block-" + block_title(cls).lower().replace(" ", "-")


def _guide(name: str, info) -> FieldGuide:
    annotation, is_list, optional = info.annotation, False, False
    annotation, optional = _without_none(annotation)
    inner_meta: list = []
    if typing.get_origin(annotation) is list:
        is_list = True
        annotation = typing.get_args(annotation)[0]
        if typing.get_origin(annotation) is typing.Annotated:
            annotation, *inner_meta = typing.get_args(annotation)
    meta = list(info.metadata) + inner_meta
    block = annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None
    allowed = typing.get_args(annotation) if typing.get_origin(annotation) is typing.Literal else ()
    word, words = _type_words(annotation, meta, name, block, allowed)
    default = None if info.default is PydanticUndefined else info.default
    return FieldGuide(
        name=name,
        type=f"list of {words}" if is_list else word,
        required=info.is_required(),
        allowed=allowed,
        limits=_limits(meta, is_list),
        description=info.description or "",
        example=(info.examples or [None])[0],
        default=default,
        block=block,
        is_list=is_list,
    )


def _without_none(annotation):
    """`X | None` -> (X, True); anything else -> (it, False)."""
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType) and type(None) in args:
        return next(a for a in args if a is not type(None)), True
    return annotation, False


def _type_words(annotation, meta, name, block, allowed) -> tuple[str, str]:
    if typing.get_origin(annotation) is typing.Annotated:
        annotation, *more = typing.get_args(annotation)
        meta = meta + more
    if block is not None:
        title = block_title(block).lower()
        return f"{title} block", f"{title} blocks"
    if allowed:
        return "one word from the list", "words from the list"
    if annotation is dt.date:
        return "date (YYYY-MM-DD)", "dates"
    if annotation is int:
        return "whole number", "whole numbers"
    for item in meta:
        func = getattr(item, "func", None)
        if func in _CHECK_WORDS:
            word = _CHECK_WORDS[func]
            return word, f"{word} items"
    pattern = _pattern(meta)
    for alias, (word, words) in _ALIAS_WORDS.items():
        alias_type = getattr(model, alias, None)
        if alias_type is not None and pattern and pattern == _pattern(typing.get_args(alias_type)[1:]):
            if word == "id":
                kind = _ID_KIND.get(name, "entity")
                return f"{kind} id", f"{kind} ids"
            return word, words
    return ("text", "text items") if not pattern else (f"text matching {pattern}", f"texts matching {pattern}")


def _pattern(meta) -> str | None:
    for item in meta:
        if getattr(item, "pattern", None):
            return item.pattern
        found = _pattern(getattr(item, "metadata", []) or [])
        if found:
            return found
    return None


def _limits(meta, is_list) -> str:
    parts = []
    for item in meta:
        if getattr(item, "min_length", None):
            n = item.min_length
            parts.append(f"at least {n} item{'s' if n != 1 else ''}" if is_list else "not empty")
        if getattr(item, "ge", None) is not None:
            parts.append(f"from {item.ge}")
        if getattr(item, "le", None) is not None:
            parts.append(f"to {item.le}")
    return " ".join(parts)


class _ExampleDumper(yaml.SafeDumper):
    """Writes examples the way editors write them: dates bare, short lists in [brackets]."""


without_timestamps(_ExampleDumper)
_ExampleDumper.add_representer(
    list, lambda dumper, items: dumper.represent_sequence(
        "tag:yaml.org,2002:seq", items, flow_style=not any(isinstance(i, (dict, list)) for i in items)))


def yaml_block(value, width: int = 88) -> str:
    """An example as it would be written in a data file."""
    return yaml.dump(value, Dumper=_ExampleDumper, sort_keys=False, allow_unicode=True, width=width)


def yaml_inline(value) -> str:
    """A short example on one line, e.g. [blood-clots, bleeding-risk]."""
    text = yaml.dump(value, Dumper=_ExampleDumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=True, width=10_000).strip()
    return text.removesuffix("...").strip()
