"""Rules a graded relationship must keep so that its verdict cannot mislead.

Content standards, section 6: a grade travels with its direction; `insufficient`
means no usable trials; one body of evidence gets one grade; an expired guideline
or a retracted paper backs no finding. Each problem is reported at the line of
the field to change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from .data_errors import DataError, field_path
from .kinds import RELATIONS
from .yaml_source import line_of

GENERAL_MASSAGE = "massage in general"


@dataclass(frozen=True)
class GradedPlace:
    """One graded relationship and where it is written."""

    kind: str
    entity_id: str
    loc: tuple
    graded: object  # GradedEvidence or GradedLink
    technique: str  # the technique tested, or GENERAL_MASSAGE
    outcome: str  # what it would change: a condition or a benefit id


def graded_places(kb) -> Iterator[GradedPlace]:
    """Every graded relationship in the published data, with the technique and outcome it is about."""
    for relation in RELATIONS:
        for source_id, source in kb[relation.source].items():
            for i, link in enumerate(getattr(source, relation.field) if relation.graded else []):
                # The technique tested is one end (or massage in general); the outcome is the other end.
                technique, outcome = {"source": (source_id, link.id), "target": (link.id, source_id)}.get(
                    relation.tested, (GENERAL_MASSAGE, link.id))
                yield GradedPlace(relation.source, source_id, (relation.field, i), link, technique, outcome)
    for benefit_id, benefit in kb["benefit"].items():
        yield GradedPlace("benefit", benefit_id, ("evidence",), benefit.evidence, GENERAL_MASSAGE, benefit_id)


def verdict_problems(graded) -> list[tuple[str, str]]:
    """(field, problem) for each combination that would mislead a reader."""
    problems = []
    if graded.evidence == "none" and graded.certainty != "insufficient":
        problems.append(("certainty", "with no trials (evidence: none) the certainty must be insufficient"))
    if graded.certainty == "insufficient" and graded.direction != "not-known":
        problems.append(("direction", "insufficient evidence points nowhere: write direction: not-known"))
    if graded.direction == "not-known" and graded.certainty != "insufficient":
        problems.append(("certainty", "direction not-known means no usable trials: write certainty: insufficient"))
    if graded.certainty == "not supported" and graded.direction not in ("no-difference", "harm"):
        problems.append(("direction", "'not supported' needs direction no-difference or harm"))
    if graded.evidence == "indirect" and not graded.indirect:
        problems.append(("evidence", "indirect evidence must say why: add indirect: [healthy-volunteers], "
                                     "for example"))
    if graded.evidence != "indirect" and graded.indirect:
        problems.append(("indirect", "'indirect' is only for evidence: indirect; remove it"))
    return problems


def check_evidence(kb, today: dt.date) -> list[DataError]:
    """Every rule above, over the whole knowledge base, in one pass."""
    errors: list[DataError] = []
    first_grade: dict[tuple, GradedPlace] = {}

    def error(place: GradedPlace, loc: tuple, message: str) -> None:
        file = kb.files[(place.kind, place.entity_id)]
        errors.append(DataError(file, line_of(kb.lines[(place.kind, place.entity_id)], loc), field_path(loc),
                                message))

    for place in graded_places(kb):
        graded = place.graded
        for field_name, problem in verdict_problems(graded):
            error(place, place.loc + (field_name,), problem)
        if graded.searched > today:
            error(place, place.loc + ("searched",), f"the search date {graded.searched} is in the future")
        for j, source_id in enumerate(graded.sources):
            source = kb["source"].get(source_id)
            if source is None:
                continue  # reported as an unknown source already
            if source.retracted:
                error(place, place.loc + ("sources", j),
                      f"'{source_id}' was retracted ({source.retracted}): it cannot back a finding")
            elif source.current_until and source.current_until < today:
                error(place, place.loc + ("sources", j),
                      f"'{source_id}' expired on {source.current_until} by its publisher's own rule: cite it "
                      "as history in a section, not as current evidence for a finding")
        key = (place.technique, place.outcome, frozenset(graded.sources))
        earlier = first_grade.setdefault(key, place)
        if earlier is not place and (earlier.graded.certainty, earlier.graded.direction) != (
                graded.certainty, graded.direction):
            other = f"{kb.files[(earlier.kind, earlier.entity_id)]} ({field_path(earlier.loc)})"
            error(place, place.loc + ("certainty",),
                  f"the same evidence ({', '.join(sorted(graded.sources))}) on {place.technique} and "
                  f"{place.outcome} is graded "
                  f"'{earlier.graded.certainty}, {earlier.graded.direction}' in {other}: "
                  "one body of evidence gets one grade")
    return errors


def stale_searches(kb, today: dt.date, older_than_days: int = 365) -> list[tuple[GradedPlace, dt.date]]:
    """Graded relationships whose last search for newer evidence is over a year old."""
    cutoff = today - dt.timedelta(days=older_than_days)
    return [(place, place.graded.searched) for place in graded_places(kb) if place.graded.searched < cutoff]
