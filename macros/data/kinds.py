"""The one registry of kinds and the one table of relations.

Everything that needs to know what kinds exist or how they link reads it here:
loading and its checks (knowledge_base), the relation graph, the evidence rules,
drafts, open data, JSON Schemas, the data reference page, JSON-LD and the pages.
Adding a relation is one `Relation` entry (plus its field in the model and the
lines of the template that show it); adding a kind is one `Kind` entry plus its
model and template.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .model import Benefit, Caution, Condition, Source, StrictModel, Technique
from .verdicts import in_sentence


@dataclass(frozen=True)
class Kind:
    name: str
    model: type[StrictModel]
    folder: str  # data/<folder>/<id>.yml, the URL folder /<folder>/<id>/ and the API file <folder>.json
    heading: str  # its table's heading on the data reference page
    title: str | None = None  # readers' label for the A to Z (page kinds only)
    schema_org: str | None = None  # the JSON-LD type the page is about (page kinds only)

    @property
    def has_pages(self) -> bool:
        return self.title is not None

    @property
    def template(self) -> str:
        return f"{self.name}.md.j2"

    @property
    def schema_file(self) -> str:
        return f"{self.name}.schema.json"

    @property
    def api_file(self) -> str:
        return f"{self.folder}.json"


KINDS: dict[str, Kind] = {kind.name: kind for kind in (
    Kind("condition", Condition, "conditions", "Condition", "Conditions", "MedicalCondition"),
    Kind("technique", Technique, "techniques", "Technique", "Techniques", "MedicalTherapy"),
    Kind("benefit", Benefit, "benefits", "Benefit (a claim about massage, graded)", "Claimed benefits",
         "MedicalEntity"),
    Kind("caution", Caution, "cautions", "Caution", "Cautions", "MedicalContraindication"),
    Kind("source", Source, "sources", "Source"),
)}


@dataclass(frozen=True)
class Relation:
    """A list field on one kind naming entities of another, read from both ends.

    From the source entity it is `field`; from the target entity it is `reverse`.
    A graded relation is a list of GradedLink and reads as a verdict sentence:
    `tested` says which end is the technique tested (None: massage in general),
    `outcome(source, target)` completes "Massage may ...".
    """

    field: str
    source: str
    target: str
    reverse: str
    graded: bool = False
    tested: str | None = None  # "source", "target" or None
    outcome: Callable[[object, object], str] | None = None
    when_empty: str | None = None  # what a draft with none of these still lacks


def _helps_with(condition) -> str:
    return condition.outcome or f"help with {in_sentence(condition.name)}"


# In the order their fields appear on each kind's items in the API.
RELATIONS: list[Relation] = [
    Relation("techniques", "condition", "technique", reverse="conditions", graded=True, tested="target",
             outcome=lambda condition, technique: _helps_with(condition),
             when_empty="no technique graded yet: the page would say no kind of massage has been studied for it"),
    Relation("benefits", "condition", "benefit", reverse="conditions", graded=True, tested=None,
             outcome=lambda condition, benefit: f"{benefit.outcome} in people with {in_sentence(condition.name)}"),
    Relation("benefits", "technique", "benefit", reverse="techniques", graded=True, tested="source",
             outcome=lambda technique, benefit: benefit.outcome),
    Relation("cautions", "technique", "caution", reverse="techniques"),
    Relation("cautions", "condition", "caution", reverse="conditions"),
]


def page_kinds() -> tuple[str, ...]:
    return tuple(name for name, kind in KINDS.items() if kind.has_pages)


def relations_from(kind: str) -> list[Relation]:
    """The relations written on this kind's files."""
    return [r for r in RELATIONS if r.source == kind]


def relation_names(kind: str, graded: bool) -> list[str]:
    """The names under which a kind's entities list their links, written or reversed."""
    names = []
    for r in RELATIONS:
        if r.graded == graded:
            names += [r.field] if r.source == kind else [r.reverse] if r.target == kind else []
    return names


# The registry read as plain tables, for the many places that need only one column.
KIND_MODELS = {name: kind.model for name, kind in KINDS.items()}
KIND_FOLDERS = {name: kind.folder for name, kind in KINDS.items()}
PAGE_KINDS = page_kinds()
