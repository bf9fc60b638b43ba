"""The one registry of kinds and the one table of relations.

Everything that needs to know what kinds exist or how they link reads it here:
loading and its checks (knowledge_base), the relation graph, the evidence rules,
drafts, open data, JSON Schemas, the data reference page, JSON-LD and the pages.
Adding a relation is one `Relation` entry (plus its field in the model and the
lines of the template that show it); adding a kind is one `Kind` entry plus its
model (and its template, if it has pages).

The one graded relation is the finding: a finding names the technique tested (or
massage in general), the people studied (a condition, or a named group) and the
outcome (a claimed benefit), and each of those pages reads it back as `findings`.
"""

from __future__ import annotations

from dataclasses import dataclass

from .reader_words import vocabulary
from .model import (GENERAL_MASSAGE, POPULATION_GROUPS, Benefit, Caution, Condition, Finding, RedFlag, Source,
                    StrictModel, Technique)


@dataclass(frozen=True)
class Kind:
    name: str
    model: type[StrictModel]
    folder: str  # data/<folder>/<id>.yml, the URL folder /<folder>/<id>/ and the API file <folder>.json
    heading: str  # its table's heading on the data reference page
    has_pages: bool = False  # one page per entity (readers' name for the kind is in the words table)
    schema_org: str | None = None  # the JSON-LD type the page is about (page kinds only)

    @property
    def title(self) -> str | None:
        """Readers' name for the kind, on its A to Z (page kinds only), from the table of reader words."""
        return vocabulary("kind_title").get(self.name) if self.has_pages else None

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
    Kind("condition", Condition, "conditions", "Condition", True, "MedicalCondition"),
    Kind("technique", Technique, "techniques", "Technique", True, "MedicalTherapy"),
    Kind("benefit", Benefit, "benefits", "Benefit (a claim about massage)", True, "MedicalEntity"),
    Kind("caution", Caution, "cautions", "Caution", True, "MedicalContraindication"),
    Kind("finding", Finding, "findings", "Finding (one body of evidence, graded)"),
    Kind("red-flag", RedFlag, "red-flags", "Red flag (warning signs at one level of urgency)"),
    Kind("source", Source, "sources", "Source"),
)}


@dataclass(frozen=True)
class Relation:
    """A field on one kind naming entities of another (one id, or a list), read from both ends.

    From the source entity it is `field`; from the target entity it is `reverse`.
    `general` lists the values that name no entity (massage in general, a named group).
    """

    field: str
    source: str
    target: str
    reverse: str
    graded: bool = False
    general: tuple[str, ...] = ()
    when_empty: str | None = None  # what a draft target with none of these still lacks


# In the order their fields appear in the API.
RELATIONS: list[Relation] = [
    Relation("intervention", "finding", "technique", reverse="findings", graded=True, general=(GENERAL_MASSAGE,)),
    Relation("population", "finding", "condition", reverse="findings", graded=True, general=POPULATION_GROUPS,
             when_empty="no finding names it yet: the page would say no kind of massage has been studied for it"),
    Relation("outcome", "finding", "benefit", reverse="findings", graded=True),
    Relation("claim_finding", "benefit", "finding", reverse="claim_of"),
    Relation("related_findings", "condition", "finding", reverse="related_to"),
    Relation("cautions", "technique", "caution", reverse="techniques"),
    Relation("cautions", "condition", "caution", reverse="conditions"),
    Relation("red_flags", "condition", "red-flag", reverse="conditions"),
    Relation("red_flags", "caution", "red-flag", reverse="cautions"),
]


def page_kinds() -> tuple[str, ...]:
    return tuple(name for name, kind in KINDS.items() if kind.has_pages)


def relations_from(kind: str) -> list[Relation]:
    """The relations written on this kind's files."""
    return [r for r in RELATIONS if r.source == kind]


def targets(relation: Relation, value) -> list[tuple[int | None, str]]:
    """(index in the list or None, id) for each entity a relation's field names; general words name none."""
    if isinstance(value, str):
        return [] if value in relation.general else [(None, value)]
    if isinstance(value, list):
        return [(i, v) for i, v in enumerate(value) if isinstance(v, str) and v not in relation.general]
    return []


def reference_fields(kind: str) -> dict[str, str]:
    """Every field of a kind that names another entity, and the kind it names: the relations
    written on it, its sources, and the clinical reviewer of a page. The one place references
    are listed: loading, drafts, the graph and the data reference walk this."""
    fields = {r.field: r.target for r in relations_from(kind)}
    if "sources" in KINDS[kind].model.model_fields:
        fields["sources"] = "source"
    if "reviewed_by" in KINDS[kind].model.model_fields:
        fields["reviewed_by"] = "reviewer"
    return fields


# The registry read as plain tables, for the many places that need only one column.
KIND_MODELS = {name: kind.model for name, kind in KINDS.items()}
KIND_FOLDERS = {name: kind.folder for name, kind in KINDS.items()}
PAGE_KINDS = page_kinds()
GRADED_RELATIONS = [r for r in RELATIONS if r.graded]
