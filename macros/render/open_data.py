"""The knowledge base as JSON under /api/v1/ and /api/v2/, from the same graph as the pages.

The files' shapes are a published contract: docs/api/<version>/schemas/*.schema.json,
written by hand, and the tests validate every generated file against them. v1 keeps
the shape it was published with; v2 adds each verdict's direction, the kind of
evidence, the generated verdict sentence and the two levels of warning signs.
"""

from __future__ import annotations

from ..data.diagnosis_codes import code_table
from ..data.plain_text import one_line as _one_line
from ..data.model import NO_SIGNS, WARNING_LEVELS, Source, warning_levels
from ..data.kinds import KINDS, PAGE_KINDS, relation_names
from .reader_labels import EMERGENCY_ACTION
from ..data.relation_graph import RelationGraph
from ..data.reviewers import review_line

API_VERSIONS = ("v1", "v2")
# Fields each version publishes beyond v1's; v1 never gains a field.
V2_GRADED = ("direction", "evidence", "indirect", "measured", "searched")
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
    return files


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


def _grade(graded, verdict: str, version: str) -> dict:
    item = {"certainty": graded.certainty, "finding": _one_line(graded.finding), "sources": list(graded.sources)}
    if version != "v1":
        item.update(graded.model_dump(mode="json", include=set(V2_GRADED)))
        item["verdict"] = verdict
    return item


def _graded(edges, at, version):
    return [
        {"kind": edge.kind, "id": edge.other, "url": at.url(edge.kind, edge.other),
         **_grade(edge.link, edge.verdict, version)}
        for edge in edges
    ]


def _warning_signs(condition, version):
    levels = warning_levels(condition)
    if version == "v1":
        if not levels:
            return None
        return {"action": EMERGENCY_ACTION,
                "signs": [sign for _level, block in levels for sign in block.signs],
                "sources": list(dict.fromkeys(s for _level, block in levels for s in block.sources))}
    signs = condition.warning_signs
    return {level: NO_SIGNS if getattr(signs, level) is None else
            {"signs": list(getattr(signs, level).signs), "sources": list(getattr(signs, level).sources)}
            for level in WARNING_LEVELS}


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
    # Every relation, written or reversed, is always present so every item has the same shape.
    for relation in relation_names(kind, graded=True):
        item[relation] = _graded(graph.edges(kind, entity_id, relation), at, version)
    for relation in relation_names(kind, graded=False):
        item[relation] = list(graph.ids(kind, entity_id, relation))
    if kind == "condition":
        item["body_area"] = e.body_area
        item["icd10"] = [{"code": c.code, "title": c.title} for c in e.icd10]
        item["warning_signs"] = _warning_signs(e, version)
    if kind == "benefit":
        item["claim"] = e.claim
        item["evidence"] = _grade(e.evidence, graph.claim_verdicts[entity_id], version)
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
