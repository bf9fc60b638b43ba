"""The "What might help me?" finder (/find/): conditions by where it hurts and by goal.

Where it hurts is each condition's body area (reader_labels.BODY_AREA); goals are the
claimed benefits (better sleep, stress relief, better mood...) that a finding about the
condition measured. Both come from the data: the page lists each group on its own (it works without
JavaScript) and assets/finder.js filters the condition cards in place.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..data.model import BODY_AREAS
from .reader_labels import BODY_AREA
from ..data.relation_graph import RelationGraph


def card_id(condition_id: str) -> str:
    """The id of a condition's card on the finder page."""
    return f"for-{condition_id}"


@dataclass(frozen=True)
class Group:
    key: str  # a body area or a benefit id: the value the page's filter uses
    label: str
    conditions: tuple[str, ...]  # condition ids, A to Z by name


@dataclass(frozen=True)
class Card:
    condition: str
    areas: tuple[str, ...]
    goals: tuple[str, ...]


@dataclass
class Finder:
    areas: list[Group]  # in the model's body-area order; only areas with a condition
    goals: list[Group]  # A to Z by name; only benefits some condition grades
    cards: list[Card]  # every condition, A to Z by name


def build_finder(graph: RelationGraph) -> Finder:
    kb = graph.kb
    names = sorted(kb["condition"], key=lambda cid: kb["condition"][cid].name.lower())
    goals_of = {cid: tuple(dict.fromkeys(view.record.outcome for view in graph.own_findings(cid))) for cid in names}
    areas = [Group(area, BODY_AREA[area], tuple(c for c in names if kb["condition"][c].body_area == area))
             for area in BODY_AREAS]
    goal_ids = sorted({g for goals in goals_of.values() for g in goals}, key=lambda b: kb["benefit"][b].name.lower())
    goals = [Group(b, kb["benefit"][b].name, tuple(c for c in names if b in goals_of[c])) for b in goal_ids]
    cards = [Card(cid, (kb["condition"][cid].body_area,), goals_of[cid]) for cid in names]
    return Finder([a for a in areas if a.conditions], goals, cards)
