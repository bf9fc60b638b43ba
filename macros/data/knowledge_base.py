"""Load every data file, validate it against the model, and check that every
reference points at something that exists. All errors are collected first."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from .data_errors import DataError, DataErrors, did_you_mean, field_path
from .data_files import RESERVED_IDS, files_never_read, reserved_id_error, symlink_error
from .draft_status import (UnfinishedDraft, draft_warnings, is_draft, is_unwritten, placeholder_errors,
                           unnamed_drafts, unwritten_warning)
from .evidence_rules import check_evidence
from .model import CERTAINTY_WORDS, ID_PATTERN, PATTERN_MEANINGS
from .kinds import KIND_FOLDERS, KIND_MODELS, PAGE_KINDS, Relation, reference_fields, relations_from, targets
from .page_redirects import load_redirects
from .reviewers import load_reviewers
from .yaml_source import line_of, read_yaml_file


@dataclass
class KnowledgeBase:
    """Validated entities of every kind, by id; drafts are kept apart."""

    entities: dict[str, dict[str, object]] = field(default_factory=lambda: {k: {} for k in KIND_MODELS})
    drafts: dict[str, dict[str, object]] = field(default_factory=lambda: {k: {} for k in KIND_MODELS})
    files: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, id) -> data/<folder>/<id>.yml
    lines: dict[tuple[str, str], dict[tuple, int]] = field(default_factory=dict)
    # files that exist but failed validation: references to them are not "unknown"
    invalid: set[tuple[str, str]] = field(default_factory=set)
    # old page address -> new one (data/redirects.yml)
    redirects: dict[str, str] = field(default_factory=dict)
    # clinical reviewers by id (data/reviewers.yml)
    reviewers: dict[str, object] = field(default_factory=dict)
    # what drafts still lack: shown to editors, never fatal
    warnings: list[DataError] = field(default_factory=list)

    def __getitem__(self, kind: str) -> dict[str, object]:
        return self.entities[kind]


def load_knowledge_base(data_dir: Path | str, today: dt.date | None = None) -> KnowledgeBase:
    """Read data/ into a KnowledgeBase, or raise DataErrors listing every problem.

    Every date is judged against one "today" (the computer's date unless given)."""
    data_dir = Path(data_dir)
    today = today or dt.date.today()
    root = data_dir.parent
    kb = KnowledgeBase()
    errors: list[DataError] = []
    owner_of_id: dict[str, str] = {}
    errors += files_never_read(data_dir)
    for kind, folder in KIND_FOLDERS.items():
        for path in sorted((data_dir / folder).glob("*")):
            shown_as = path.relative_to(root).as_posix()
            if path.is_symlink():
                errors.append(symlink_error(path, root))
                continue
            if path.is_dir() or path.name.startswith("."):
                continue
            if path.suffix != ".yml":
                errors.append(DataError(shown_as, 1, "", f"data files end in .yml: rename it to {path.stem}.yml"))
                continue
            entity_id = path.stem
            if not re.match(ID_PATTERN, entity_id):
                fixed = re.sub(r"[^a-z0-9]+", "-", entity_id.lower()).strip("-")
                errors.append(
                    DataError(shown_as, 1, "", f"the file name is the page address: use lowercase letters, "
                              f"digits and hyphens, e.g. {fixed}.yml")
                )
                continue
            if entity_id in RESERVED_IDS:
                errors.append(reserved_id_error(shown_as, entity_id))
                continue
            if kind in PAGE_KINDS:
                if entity_id in owner_of_id:
                    errors.append(DataError(shown_as, 1, "", f"duplicate id '{entity_id}': "
                                            f"{owner_of_id[entity_id]} already uses it; choose another file name"))
                    continue
                owner_of_id[entity_id] = shown_as
            errors.extend(_load_one(kb, kind, entity_id, path, shown_as, today))
    errors.extend(load_reviewers(data_dir, kb))
    _hold_findings_about_drafts(kb)
    errors.extend(_check_references(kb))
    errors.extend(check_evidence(kb, today))
    kb.warnings += unnamed_drafts(kb)
    kb.warnings.sort()
    errors.extend(_check_diagnosis_codes(kb))
    errors.extend(load_redirects(data_dir, kb))
    if errors:
        raise DataErrors(errors)
    return kb


def _load_one(kb: KnowledgeBase, kind: str, entity_id: str, path: Path, shown_as: str,
              today: dt.date) -> list[DataError]:
    data, lines, errors = read_yaml_file(path, shown_as)
    if not errors and not isinstance(data, dict):
        errors = [DataError(shown_as, 1, "", "the file must be a set of 'field: value' lines")]
    if errors:
        kb.invalid.add((kind, entity_id))
        return errors
    model, draft, entity, unwritten = KIND_MODELS[kind], is_draft(data), None, []
    try:
        entity = model.model_validate(data, context={"today": today})
    except ValidationError as exc:
        for err in exc.errors():
            error = _explain(err, model, lines, shown_as)
            if draft and is_unwritten(err):
                unwritten.append(unwritten_warning(err, error))
            else:
                errors.append(error)
    if not draft:
        errors += placeholder_errors(kind, data, lines, shown_as)
    if errors:
        kb.invalid.add((kind, entity_id))
        return errors
    if draft:
        kb.warnings += unwritten + draft_warnings(kind, data, lines, shown_as)
    store = kb.drafts if draft else kb.entities
    store[kind][entity_id] = entity if entity is not None else UnfinishedDraft(kind, entity_id, data)
    kb.files[(kind, entity_id)] = shown_as
    kb.lines[(kind, entity_id)] = lines
    return []


def _explain(err: dict, model, lines: dict, shown_as: str) -> DataError:
    """Turn one pydantic error into words an editor can act on."""
    loc = tuple(err["loc"])
    kind = err["type"]
    where = field_path(loc)
    value = err.get("input")
    if kind == "extra_forbidden":
        known = _allowed_keys(model, loc[:-1])
        message = f"unknown field '{loc[-1]}'{did_you_mean(str(loc[-1]), known)}; allowed: {', '.join(known)}"
    elif kind == "missing":
        message = "this required field is missing"
    elif value is None and "input" in err and kind == "value_error":
        message = err["msg"].removeprefix("Value error, ")  # the model's own words for this blank
    elif value is None and "input" in err:
        choices = err.get("ctx", {}).get("expected")
        message = "this field is blank: fill it in" + (f" with one of {choices}" if choices else "")
    elif kind == "impossible_date":
        message = err["msg"]
    elif kind == "literal_error" and loc and loc[-1] == "certainty":
        message = (f"unknown certainty '{value}'{did_you_mean(str(value), CERTAINTY_WORDS)}; "
                   f"use one of: {', '.join(CERTAINTY_WORDS)}")
    elif kind == "literal_error":
        message = f"'{value}' is not allowed; {err['msg'].replace('Input should be', 'use')}"
    elif kind.startswith("date") or kind == "value_error" and loc and "review" in str(loc[-1]):
        message = f"'{value}' is not a real date; write it as YYYY-MM-DD, e.g. 2026-11-27"
    elif kind == "string_pattern_mismatch":
        pattern = err.get("ctx", {}).get("pattern", "")
        message = f"'{value}' {PATTERN_MEANINGS.get(pattern, f'does not match the pattern {pattern}')}"
    elif kind == "value_error":
        message = err["msg"].removeprefix("Value error, ")
    elif kind == "too_short":
        message = "must list at least one item"
    else:
        message = f"{err['msg']} (found {value!r})" if not isinstance(value, dict) else err["msg"]
    return DataError(shown_as, line_of(lines, loc), where, message)


def _allowed_keys(model, loc: tuple) -> list[str]:
    """The field names allowed at a nested location of a model."""
    current = model
    for part in loc:
        if isinstance(part, int):
            continue
        annotation = current.model_fields[part].annotation
        current = _model_inside(annotation)
        if current is None:
            return []
    return list(current.model_fields)


def _model_inside(annotation):
    from pydantic import BaseModel
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_inside(arg)
        if found is not None:
            return found
    return None


def _check_references(kb: KnowledgeBase) -> list[DataError]:
    """Every id named in the data must exist, in the right kind, and be published."""
    errors = []
    for store in (kb.entities, kb.drafts):
        for kind in KIND_MODELS:
            for entity_id, entity in store[kind].items():
                file = kb.files[(kind, entity_id)]
                lines = kb.lines[(kind, entity_id)]
                for loc, target_kind, target, general in references(kind, entity):
                    if store is kb.drafts and target in kb.drafts.get(target_kind, {}):
                        continue  # a draft may name a draft: neither is on the site yet
                    problem = _reference_problem(kb, target_kind, target, general)
                    if problem:
                        errors.append(DataError(file, line_of(lines, loc), field_path(loc), problem))
                if not isinstance(entity, UnfinishedDraft):
                    errors.extend(_repeated_links(kind, entity, file, lines))
    return errors


def _hold_findings_about_drafts(kb: KnowledgeBase) -> None:
    """A finding about a draft page waits with it: it is kept out of the site (as a draft is) and
    published with the page. An editor is told, as for anything a draft still lacks."""
    for finding_id, finding in list(kb.entities["finding"].items()):
        waiting = [f"{kind} '{target}'" for _loc, kind, target, _general in references("finding", finding)
                   if kind in PAGE_KINDS and target in kb.drafts[kind]]
        if waiting:
            kb.drafts["finding"][finding_id] = kb.entities["finding"].pop(finding_id)
            kb.warnings.append(DataError(kb.files[("finding", finding_id)], 1, "",
                                         f"draft: waits for the draft {', '.join(waiting)}: it is published with it"))


def references(kind: str, entity):
    """Yield (field location, kind, id, the words that may stand instead of an id) for every
    reference an entity makes (kinds.reference_fields).

    An unfinished draft's references are read from its fields as written, so its other
    mistakes still show."""
    data = entity.data if isinstance(entity, UnfinishedDraft) else None
    for field_name, target_kind in reference_fields(kind).items():
        value = data.get(field_name) if data is not None else getattr(entity, field_name)
        relation = next((r for r in relations_from(kind) if r.field == field_name), None)
        relation = relation or _NO_GENERAL
        for index, target in targets(relation, value):
            yield ((field_name,) if index is None else (field_name, index)), target_kind, target, relation.general


_NO_GENERAL = Relation("", "", "", "")


def _reference_problem(kb: KnowledgeBase, kind: str, target: str, general: tuple = ()) -> str | None:
    if kind == "reviewer":
        return None if target in kb.reviewers else (
            f"unknown reviewer '{target}'{did_you_mean(target, list(kb.reviewers))}: "
            "name a clinician listed in data/reviewers.yml, or leave reviewed_by out")
    if target in kb.entities[kind] or (kind, target) in kb.invalid:
        return None
    if target in kb.drafts[kind]:
        return f"{kind} '{target}' is still a draft: publish it first or remove this link"
    known = list(kb.entities[kind]) + list(general)
    hint = did_you_mean(target, known)
    if kind == "source":
        return (f"unknown source '{target}'{hint}: if it is a new source, add it with "
                f"make new kind=source name={target}")
    if general:
        return f"unknown {kind} '{target}'{hint}: write a {kind} id, or one of {', '.join(general)}"
    return f"unknown {kind} '{target}'{hint}"


def _repeated_links(kind: str, entity, file: str, lines: dict) -> list[DataError]:
    errors = []
    for name in (relation.field for relation in relations_from(kind)):
        seen = set()
        value = getattr(entity, name)
        for i, target in enumerate(value if isinstance(value, list) else []):
            if target in seen:
                errors.append(DataError(file, line_of(lines, (name, i)), f"{name}[{i}]",
                                        f"'{target}' is listed twice: keep one"))
            seen.add(target)
    return errors


def _check_diagnosis_codes(kb: KnowledgeBase) -> list[DataError]:
    """A diagnosis code leads to one condition only."""
    errors, owner = [], {}
    for condition_id, condition in sorted(kb.entities["condition"].items()):
        file = kb.files[("condition", condition_id)]
        lines = kb.lines[("condition", condition_id)]
        for i, item in enumerate(condition.icd10):
            if item.code in owner:
                errors.append(DataError(file, line_of(lines, ("icd10", i, "code")), f"icd10[{i}].code",
                                        f"code {item.code} is already claimed by {owner[item.code]}: "
                                        "a code may lead to one condition only"))
            else:
                owner[item.code] = file
    return errors
