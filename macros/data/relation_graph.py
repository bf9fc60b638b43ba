"""Every relationship indexed both ways, once per build.

The data writes each relationship on one side only (a condition names its
techniques); templates read both directions from here and never search the data.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .knowledge_base import KnowledgeBase
from .model import GradedLink, warning_levels
from .kinds import KIND_FOLDERS, PAGE_KINDS, RELATIONS, relations_from
from .verdicts import Subject, subject, verdict


@dataclass(frozen=True)
class Edge:
    """A graded link seen from either end: `other` is the entity at the far end."""

    kind: str
    other: str
    link: GradedLink
    verdict: str  # the same sentence from either end


@dataclass
class RelationGraph:
    kb: KnowledgeBase
    # (kind, id) -> {relation name -> [Edge]}
    graded: dict = field(default_factory=lambda: defaultdict(lambda: defaultdict(list)))
    # (kind, id) -> {relation name -> [id]}
    plain: dict = field(default_factory=lambda: defaultdict(lambda: defaultdict(list)))
    # source id -> [(kind, id)] of the pages that cite it
    cited_by: dict = field(default_factory=lambda: defaultdict(list))
    # (kind, id) -> every source the page cites, in order of first mention
    page_sources: dict = field(default_factory=dict)
    # benefit id -> the verdict on the claim overall
    claim_verdicts: dict = field(default_factory=dict)

    def entity(self, kind: str, entity_id: str):
        return self.kb[kind][entity_id]

    def edges(self, kind: str, entity_id: str, relation: str) -> list[Edge]:
        return self.graded[(kind, entity_id)][relation]

    def ids(self, kind: str, entity_id: str, relation: str) -> list[str]:
        return self.plain[(kind, entity_id)][relation]

    def sources_of(self, kind: str, entity_id: str) -> list[str]:
        """Every source a page cites, in order of first mention, without repeats."""
        return self.page_sources[(kind, entity_id)]

    def cautions_for_condition(self, condition_id: str) -> list[str]:
        """The condition's own cautions, then those of the techniques that may help it."""
        ordered = list(self.ids("condition", condition_id, "cautions"))
        for edge in self.edges("condition", condition_id, "techniques"):
            ordered += self.ids("technique", edge.other, "cautions")
        return list(dict.fromkeys(ordered))


def build_relation_graph(kb: KnowledgeBase) -> RelationGraph:
    graph = RelationGraph(kb)
    massage = subject()
    for relation in RELATIONS:
        for source_id, source in kb[relation.source].items():
            for link in getattr(source, relation.field):
                here, there = (relation.source, source_id), (relation.target, getattr(link, "id", link))
                if not relation.graded:
                    graph.plain[here][relation.field].append(there[1])
                    graph.plain[there][relation.reverse].append(source_id)
                    continue
                tested = {"source": here, "target": there}.get(relation.tested)
                said = _verdict(_technique(kb, tested[1]) if tested else massage,
                                relation.outcome(source, kb[relation.target][link.id]), link)
                _connect(graph, here, relation.field, there, relation.reverse, link, said)
    for benefit_id, benefit in kb["benefit"].items():
        graph.claim_verdicts[benefit_id] = _verdict(massage, benefit.outcome, benefit.evidence)
    for kind in PAGE_KINDS:
        for entity_id, entity in kb[kind].items():
            cited = list(dict.fromkeys(_cited_sources(kind, entity)))
            graph.page_sources[(kind, entity_id)] = cited
            for source_id in cited:
                graph.cited_by[source_id].append((kind, entity_id))
    return graph


def _technique(kb, technique_id: str) -> Subject:
    technique = kb["technique"][technique_id]
    return subject(technique.name, technique.name_in_sentence)


def _verdict(who: Subject, outcome: str, graded) -> str:
    return verdict(who, outcome, graded.certainty, graded.direction)


def _connect(graph, here, relation, there, reverse_relation, link, said):
    graph.graded[here][relation].append(Edge(there[0], there[1], link, said))
    graph.graded[there][reverse_relation].append(Edge(here[0], here[1], link, said))


def _cited_sources(kind, entity):
    for relation in relations_from(kind):
        for link in getattr(entity, relation.field) if relation.graded else []:
            yield from link.sources
    evidence = getattr(entity, "evidence", None)
    if evidence is not None:
        yield from evidence.sources
    for _level, block in warning_levels(entity):
        yield from block.sources
    yield from entity.sources


def page_path(kind: str, entity_id: str) -> str:
    """The docs path of an entity's page; the URL is /<folder>/<id>/."""
    return f"{KIND_FOLDERS[kind]}/{entity_id}.md"
