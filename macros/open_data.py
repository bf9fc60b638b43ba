"""The knowledge base as JSON under /api/v1/, from the same graph as the pages.

The files' shapes are a published contract: docs/api/v1/schemas/*.schema.json,
written by hand, and the tests validate every generated file against them.
"""

from __future__ import annotations

from .diagnosis_codes import code_table
from .model import KIND_FOLDERS, PAGE_KINDS
from .relation_graph import RelationGraph

API = "api/v1"
# Each kind's relationships, always present so every item has the same shape.
GRADED_RELATIONS = {"condition": ["techniques", "benefits"], "technique": ["conditions", "benefits"],
                    "benefit": ["conditions", "techniques"], "caution": []}
NAMED_RELATIONS = {"condition": ["cautions"], "technique": ["cautions"], "benefit": [],
                   "caution": ["techniques", "conditions"]}


class Addresses:
    """Page addresses: `path` relative to the site root, `url` absolute on site_url."""

    def __init__(self, site_url: str):
        self.site_url = site_url.rstrip("/") + "/"

    def path(self, kind: str, entity_id: str) -> str:
        return f"{KIND_FOLDERS[kind]}/{entity_id}/"

    def url(self, kind: str, entity_id: str) -> str:
        return self.site_url + self.path(kind, entity_id)


def api_files(graph: RelationGraph, site_url: str) -> dict[str, object]:
    """File path under the site -> the JSON value to write there."""
    at = Addresses(site_url)
    files = {f"{API}/index.json": _index(graph, at), f"{API}/icd10.json": _icd10(graph, at)}
    for kind in PAGE_KINDS:
        files[f"{API}/{KIND_FOLDERS[kind]}.json"] = {
            "kind": kind,
            "items": [_entity(graph, at, kind, entity_id) for entity_id in sorted(graph.kb[kind])],
        }
    files[f"{API}/sources.json"] = {
        "kind": "source",
        "items": [_source(source_id, s) for source_id, s in sorted(graph.kb["source"].items())],
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


def _graded(edges, at):
    return [
        {"kind": edge.kind, "id": edge.other, "url": at.url(edge.kind, edge.other),
         "certainty": edge.link.certainty, "finding": _one_line(edge.link.finding),
         "sources": list(edge.link.sources)}
        for edge in edges
    ]


def _entity(graph, at, kind, entity_id):
    e = graph.entity(kind, entity_id)
    item = {
        "id": entity_id, "name": e.name, "url": at.url(kind, entity_id), "summary": _one_line(e.summary),
        "also_called": list(e.also_called), "sources": graph.sources_of(kind, entity_id),
        "last_reviewed": e.last_reviewed.isoformat(), "next_review": e.next_review.isoformat(),
        "reviewed_by": e.reviewed_by,
    }
    for relation in GRADED_RELATIONS[kind]:
        item[relation] = _graded(graph.edges(kind, entity_id, relation), at)
    for relation in NAMED_RELATIONS[kind]:
        item[relation] = list(graph.ids(kind, entity_id, relation))
    if kind == "condition":
        item["body_area"] = e.body_area
        item["icd10"] = [{"code": c.code, "title": c.title} for c in e.icd10]
        item["warning_signs"] = (
            {"action": e.warning_signs.action, "signs": list(e.warning_signs.signs),
             "sources": list(e.warning_signs.sources)} if e.warning_signs else None
        )
    if kind == "benefit":
        item["claim"] = e.claim
        item["evidence"] = {"certainty": e.evidence.certainty, "finding": _one_line(e.evidence.finding),
                            "sources": list(e.evidence.sources)}
    if kind == "caution":
        item["action"] = e.action
        item["what_to_do"] = _one_line(e.what_to_do)
        item["checklist"] = e.checklist
    return item


def _source(source_id, s):
    item = {"id": source_id, **s.model_dump(mode="json", exclude_none=True)}
    item["finding"] = _one_line(s.finding)
    return item


def _one_line(text: str) -> str:
    return " ".join(text.split())
