"""The knowledge base as JSON under /api/v1/ and /api/v2/, from the same graph as the pages.

The files' shapes are a published contract: docs/api/<version>/schemas/*.schema.json,
written by hand, and the tests validate every generated file against them. v1 keeps
the shape it was published with: its graded lists (a condition's techniques and
benefits, a technique's conditions and benefits, a claim's conditions, techniques and
evidence) are read from the findings. v2 adds to each graded item its finding's id,
direction, comparator, timing, studies, participants, effect and verdict sentence, the
two levels of warning signs and the red flags behind them, and publishes every finding
(findings.json) and every red flag (red-flags.json).
"""

from __future__ import annotations

from ..data.diagnosis_codes import code_table
from ..data.plain_text import one_line as _one_line
from ..data.model import NO_SIGNS, WARNING_LEVELS, Source
from ..data.kinds import KINDS, PAGE_KINDS, RELATIONS
from .reader_labels import EMERGENCY_ACTION
from ..data.relation_graph import RelationGraph
from ..data.reviewers import review_line

API_VERSIONS = ("v1", "v2")
# Fields each version publishes beyond v1's; v1 never gains a field.
V2_GRADED = ("direction", "evidence", "indirect", "measured", "searched", "comparator", "studies", "participants",
             "effect")
# The graded lists v1 published for each kind, in its order, and which finding end each lists.
V1_GRADED = {
    "condition": {"techniques": "intervention", "benefits": "outcome"},
    "technique": {"conditions": "population", "benefits": "outcome"},
    "benefit": {"conditions": "population", "techniques": "intervention"},
    "caution": {},
}
V1_PLAIN = {"condition": ["cautions"], "technique": ["cautions"], "benefit": [], "caution": ["techniques", "conditions"]}
_END_KIND = {"intervention": "technique", "population": "condition", "outcome": "benefit"}
V2_SOURCE = ("funding", "conflicts", "correction", "retracted", "current_until")
V1_REVIEWER = "Guide editors"  # what v1 always said: the editors checked the page against its sources


class Addresses:
    """Page addresses: `path` relative to the site root, `url` absolute on site_url."""

    def __init__(self, site_url: str):
        self.site_url = site_url.rstrip("/") + "/"

    def path(self, kind: str, entity_id: str) -> str:
        return f"{KINDS[kind].folder}/{entity_id}/"

    def url(self, kind: str, entity_id: str) -> str:
        return self.site_url + self.path(kind, entity_id)


def api_files(graph: RelationGraph, site_url: str) -> dict[str, object]:
    """File path under the site -> the JSON value to write there, for every API version."""
    at = Addresses(site_url)
    files = {}
    for version in API_VERSIONS:
        api = f"api/{version}"
        files[f"{api}/index.json"] = _index(graph, at)
        files[f"{api}/icd10.json"] = _icd10(graph, at)
        for kind in PAGE_KINDS:
            files[f"{api}/{KINDS[kind].api_file}"] = {
                "kind": kind,
                "items": [_entity(graph, at, kind, entity_id, version) for entity_id in sorted(graph.kb[kind])],
            }
        files[f"{api}/{KINDS['source'].api_file}"] = {
            "kind": "source",
            "items": [_source(source_id, s, version) for source_id, s in sorted(graph.kb["source"].items())],
        }
    files[f"api/v2/{KINDS['finding'].api_file}"] = {
        "kind": "finding", "items": [_finding(graph, at, view) for view in graph.findings.values()]}
    files[f"api/v2/{KINDS['red-flag'].api_file}"] = {
        "kind": "red-flag",
        "items": [{"id": flag_id, **flag.model_dump(mode="json", exclude_none=True),
                   "pages": [at.url(kind, i) for kind in ("condition", "caution")
                             for i in graph.ids("red-flag", flag_id, KINDS_REVERSE[kind])]}
                  for flag_id, flag in sorted(graph.kb["red-flag"].items())]}
    return files


FINDING_ENDS = {r.target for r in RELATIONS if r.graded}  # the kinds whose pages show findings
KINDS_REVERSE = {"condition": "conditions", "caution": "cautions"}  # how a red flag reads back its pages


def _index(graph, at):
    return {
        "items": [
            {"kind": kind, "id": entity_id, "name": e.name, "url": at.url(kind, entity_id),
             "path": at.path(kind, entity_id), "summary": _one_line(e.summary),
             "last_reviewed": e.last_reviewed.isoformat()}
            for kind in PAGE_KINDS for entity_id, e in sorted(graph.kb[kind].items())
        ]
    }


def _icd10(graph, at):
    table = code_table(graph.kb)
    return {
        "system": "ICD-10-CM",
        "match": "Remove the dot, use capitals, then take the longest listed prefix of the code.",
        "prefixes": {
            prefix: {**entry, "url": at.url("condition", entry["condition"]),
                     "path": at.path("condition", entry["condition"])}
            for prefix, entry in sorted(table.items())
        },
    }


def _grade(view, version: str) -> dict:
    record = view.record
    item = {"certainty": record.certainty, "finding": _one_line(record.finding), "sources": list(record.sources)}
    if version != "v1":
        item.update(record.model_dump(mode="json", include=set(V2_GRADED), exclude_none=True))
        item["verdict"] = view.verdict
        item["finding_id"] = view.id
    return item


def _graded(graph, at, kind, entity_id, version) -> dict[str, list]:
    """A page's graded lists, in the shape v1 published, each item read from one finding."""
    if kind == "benefit":
        views = [v for v in graph.findings_on(kind, entity_id) if v.id != graph.kb["benefit"][entity_id].claim_finding]
    else:
        views = [v for v in graph.findings_on(kind, entity_id)
                 if kind != "condition" or v.record.population == entity_id]
    lists = {}
    for name, end in V1_GRADED[kind].items():
        lists[name] = []
        for view in views:
            other = getattr(view.record, end)
            if other not in graph.kb[_END_KIND[end]]:
                continue  # massage in general, or a named group: no page to list
            if kind == "technique" and end == "outcome" and not view.general_population:
                continue  # a technique's claims are its findings in adults in general
            if kind == "benefit" and end == "intervention" and not view.general_population:
                continue  # a claim's techniques likewise; findings about a condition are under conditions
            lists[name].append({"kind": _END_KIND[end], "id": other, "url": at.url(_END_KIND[end], other),
                                **_grade(view, version)})
    return lists


def _other_relations(graph, kind, entity_id, entity, present: set) -> dict:
    """v2: every other relation written on the kind or naming it (the registry's table), by its
    field or reverse name: one id for a one-id field, else a list."""
    out = {}
    for relation in RELATIONS:
        if relation.graded:
            continue
        if relation.source == kind and relation.field not in present:
            value = getattr(entity, relation.field)
            out[relation.field] = value if isinstance(value, str) else list(graph.ids(kind, entity_id, relation.field))
        if relation.target == kind and relation.reverse not in present:
            out[relation.reverse] = list(graph.ids(kind, entity_id, relation.reverse))
    return out


def _finding(graph, at, view) -> dict:
    """/api/v2/findings.json: one finding, whole, with its verdict and the pages that show it."""
    record = view.record
    return {"id": view.id, **record.model_dump(mode="json", exclude_none=True, exclude={"changes"}),
            "verdict": view.verdict, "shown_direction": view.shown_direction,
            "pages": [at.url(kind, i) for kind, i in _pages_showing(graph, view)]}


def _pages_showing(graph, view):
    r = view.record
    ends = [("technique", r.intervention), ("condition", r.population), ("benefit", r.outcome)]
    shown = [(kind, i) for kind, i in ends if i in graph.kb[kind]]
    shown += [("condition", c) for c in graph.ids("finding", view.id, "related_to")]
    return list(dict.fromkeys(shown))


def _warning_signs(graph, kind, entity_id, version):
    flags = [graph.kb["red-flag"][f] for f in graph.red_flags_of(kind, entity_id)]
    if version == "v1":
        if not flags:
            return None
        return {"action": EMERGENCY_ACTION,
                "signs": [sign for flag in flags for sign in flag.signs],
                "sources": list(dict.fromkeys(s for flag in flags for s in flag.sources))}
    levels = {}
    for level in WARNING_LEVELS:
        at_level = [flag for flag in flags if flag.level == level]
        levels[level] = NO_SIGNS if not at_level else {
            "signs": [sign for flag in at_level for sign in flag.signs],
            "sources": list(dict.fromkeys(s for flag in at_level for s in flag.sources))}
    return levels


def _entity(graph, at, kind, entity_id, version):
    e = graph.entity(kind, entity_id)
    item = {
        "id": entity_id, "name": e.name, "url": at.url(kind, entity_id), "summary": _one_line(e.summary),
        "also_called": list(e.also_called), "sources": graph.sources_of(kind, entity_id),
        "last_reviewed": e.last_reviewed.isoformat(), "next_review": e.next_review.isoformat(),
    }
    reviewer = graph.kb.reviewers.get(e.reviewed_by) if e.reviewed_by else None
    if version == "v1":
        item["reviewed_by"] = reviewer.name if reviewer else V1_REVIEWER
    else:
        item["reviewed_by"] = e.reviewed_by
        item["review"] = review_line(e, graph.kb.reviewers)
    # Every list is always present so every item has the same shape.
    item.update(_graded(graph, at, kind, entity_id, version))
    for relation in V1_PLAIN[kind]:
        item[relation] = list(graph.ids(kind, entity_id, relation))
    if version != "v1":
        if kind in FINDING_ENDS:
            item["findings"] = [view.id for view in graph.findings_on(kind, entity_id)]
        item.update(_other_relations(graph, kind, entity_id, e, set(item)))
    if kind == "condition":
        item["body_area"] = e.body_area
        item["icd10"] = [{"code": c.code, "title": c.title} for c in e.icd10]
        item["warning_signs"] = _warning_signs(graph, kind, entity_id, version)
    if kind == "benefit":
        item["claim"] = e.claim
        item["evidence"] = _grade(graph.claim_verdict(entity_id), version)
    if kind == "caution":
        item["action"] = e.action
        item["what_to_do"] = _one_line(e.what_to_do)
        item["checklist"] = e.checklist
    return item


def _source(source_id, s: Source, version: str):
    exclude = set(V2_SOURCE) if version == "v1" else set()
    item = {"id": source_id, **s.model_dump(mode="json", exclude_none=True, exclude=exclude)}
    item["finding"] = _one_line(s.finding)
    return item
