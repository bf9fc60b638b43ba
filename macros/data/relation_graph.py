"""Every relationship indexed both ways, once per build, and every finding with its verdict.

The data writes each relationship on one side only (a finding names its technique,
its population and its outcome; a condition names its cautions and red flags);
templates read both directions from here and never search the data. A finding's
verdict sentence is made here, once, so every page, list, map, handout and API record
that shows the finding shows the same sentence.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .knowledge_base import KnowledgeBase
from .model import GENERAL_MASSAGE, Finding, red_flag_ids
from .kinds import KIND_FOLDERS, PAGE_KINDS, RELATIONS, targets
from .reader_words import vocabulary
from .verdicts import Outcome, Subject, shown_direction, subject, verdict

# Each named group's name, and how a verdict names it after the outcome ("... in healthy adults."),
# from the table of reader words.
GROUP_NAMES = {group: shown[0] for group, shown in vocabulary("population_group").items()}
GROUP_PHRASES = {group: shown[1] for group, shown in vocabulary("population_group").items()}


@dataclass(frozen=True)
class FindingView:
    """A finding with what every page shows of it: its verdict, and the names of its three ends."""

    id: str
    record: Finding
    verdict: str
    subject: Subject
    outcome: Outcome

    @property
    def anchor(self) -> str:
        """The id of the finding's line on a page, which bottom-line rows and the evidence map link to."""
        return f"finding-{self.id}"

    @property
    def shown_direction(self) -> str:
        return shown_direction(self.record.certainty, self.record.direction)

    @property
    def general_intervention(self) -> bool:
        return self.record.intervention == GENERAL_MASSAGE

    @property
    def general_population(self) -> bool:
        return self.record.population in GROUP_PHRASES


@dataclass
class RelationGraph:
    kb: KnowledgeBase
    findings: dict = field(default_factory=dict)  # finding id -> FindingView
    # (kind, id) -> {relation or reverse name -> [id]}
    links: dict = field(default_factory=lambda: defaultdict(lambda: defaultdict(list)))
    # source id -> [(kind, id)] of the pages that cite it
    cited_by: dict = field(default_factory=lambda: defaultdict(list))
    # (kind, id) -> every source the page cites, in order of first mention
    page_sources: dict = field(default_factory=dict)

    def entity(self, kind: str, entity_id: str):
        return self.kb[kind][entity_id]

    def ids(self, kind: str, entity_id: str, relation: str) -> list[str]:
        """The ids an entity names in a relation field, or that name it (by the relation's reverse name)."""
        return self.links[(kind, entity_id)][relation]

    def findings_on(self, kind: str, entity_id: str) -> list[FindingView]:
        """The findings a page shows: a condition's (its own, then related ones), a technique's, a claim's."""
        shown = self.ids(kind, entity_id, "findings")
        if kind == "condition":
            shown = shown + self.ids(kind, entity_id, "related_findings")
        return [self.findings[f] for f in shown]

    def own_findings(self, condition_id: str) -> list[FindingView]:
        """The findings about a condition's own people (its page also shows related ones)."""
        return [self.findings[f] for f in self.ids("condition", condition_id, "findings")]

    def related_findings(self, condition_id: str) -> list[FindingView]:
        """Findings about other people that a condition's page also shows."""
        return [self.findings[f] for f in self.ids("condition", condition_id, "related_findings")]

    def claim_verdict(self, benefit_id: str) -> FindingView:
        """The finding that answers a claim overall."""
        return self.findings[self.kb["benefit"][benefit_id].claim_finding]

    def red_flags_of(self, kind: str, entity_id: str) -> list[str]:
        return self.ids(kind, entity_id, "red_flags")

    def sources_of(self, kind: str, entity_id: str) -> list[str]:
        """Every source a page cites, in order of first mention, without repeats."""
        return self.page_sources[(kind, entity_id)]

    def cautions_for_condition(self, condition_id: str) -> list[str]:
        """The condition's own cautions, then those of the techniques its findings tested."""
        ordered = list(self.ids("condition", condition_id, "cautions"))
        for view in self.findings_on("condition", condition_id):
            if not view.general_intervention and view.record.intervention in self.kb["technique"]:
                ordered += self.ids("technique", view.record.intervention, "cautions")
        return list(dict.fromkeys(ordered))

    def intervention_name(self, view: FindingView) -> str:
        return vocabulary("massage_in_general") if view.general_intervention else \
            self.kb["technique"][view.record.intervention].name

    def population_name(self, view: FindingView) -> str:
        return GROUP_NAMES[view.record.population] if view.general_population else \
            self.kb["condition"][view.record.population].name


def build_relation_graph(kb: KnowledgeBase) -> RelationGraph:
    graph = RelationGraph(kb)
    for relation in RELATIONS:
        for source_id, source in kb[relation.source].items():
            for _index, target in targets(relation, getattr(source, relation.field)):
                graph.links[(relation.source, source_id)][relation.field].append(target)
                graph.links[(relation.target, target)][relation.reverse].append(source_id)
    for finding_id in _in_reading_order(kb):
        graph.findings[finding_id] = finding_view(kb, finding_id)
    rank = {finding_id: n for n, finding_id in enumerate(graph.findings)}
    for relations in graph.links.values():  # each page lists its findings in reading order
        if "findings" in relations:
            relations["findings"].sort(key=rank.__getitem__)
    for kind in PAGE_KINDS:
        for entity_id, entity in kb[kind].items():
            cited = list(dict.fromkeys(_cited_sources(graph, kind, entity_id, entity)))
            graph.page_sources[(kind, entity_id)] = cited
            for source_id in cited:
                graph.cited_by[source_id].append((kind, entity_id))
    return graph


def _in_reading_order(kb) -> list[str]:
    """Massage in general first, then each technique by name; within each, outcomes by name."""
    def key(finding_id):
        f = kb["finding"][finding_id]
        technique = "" if f.intervention == GENERAL_MASSAGE else kb["technique"][f.intervention].name.lower()
        return (technique, kb["benefit"][f.outcome].name.lower(), f.population, finding_id)
    return sorted(kb["finding"], key=key)


def finding_view(kb, finding_id: str) -> FindingView:
    f = kb["finding"][finding_id]
    who = subject() if f.intervention == GENERAL_MASSAGE else subject(
        kb["technique"][f.intervention].name, kb["technique"][f.intervention].name_in_sentence)
    benefit = kb["benefit"][f.outcome]
    if f.outcome_phrase:
        what = f.outcome_phrase
    elif f.population in GROUP_PHRASES:
        what = " ".join(p for p in (benefit.outcome, GROUP_PHRASES[f.population]) if p)
    else:
        what = f"{benefit.outcome} {kb['condition'][f.population].population_phrase}"
    outcome = Outcome(benefit.verb, what, benefit.worse)
    return FindingView(finding_id, f, verdict(who, outcome, f.certainty, f.direction), who, outcome)


def _cited_sources(graph, kind, entity_id, entity):
    for view in graph.findings_on(kind, entity_id) if kind != "benefit" else \
            [graph.claim_verdict(entity_id), *graph.findings_on(kind, entity_id)]:
        yield from view.record.sources
    for flag_id in red_flag_ids(entity):
        yield from graph.kb["red-flag"][flag_id].sources
    yield from entity.sources


def finding_home(kb, finding_id: str) -> tuple[str, str]:
    """The page a finding's change notes are filed under: its condition's, or else its claim's."""
    f = kb["finding"][finding_id]
    return ("condition", f.population) if f.population in kb["condition"] else ("benefit", f.outcome)


def change_notes(kb):
    """Every change note readers see, as (kind, id of the page it is filed under, anchor or "", note):
    each page's own, then each finding's, filed under its home page at the finding's line."""
    for kind in PAGE_KINDS:
        for entity_id, entity in kb[kind].items():
            for change in entity.changes:
                yield kind, entity_id, "", change
    for finding_id, finding in kb["finding"].items():
        kind, entity_id = finding_home(kb, finding_id)
        for change in finding.changes:
            yield kind, entity_id, f"finding-{finding_id}", change


def page_path(kind: str, entity_id: str) -> str:
    """The docs path of an entity's page; the URL is /<folder>/<id>/."""
    return f"{KIND_FOLDERS[kind]}/{entity_id}.md"
