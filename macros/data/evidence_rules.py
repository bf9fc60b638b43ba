"""Rules the findings and red flags must keep so that no page can mislead.

Content standards, sections 6 and 7: a grade travels with its direction and what it
was compared with; `insufficient` means no usable trials; one body of evidence is one
finding with one grade; an expired guideline or a retracted paper backs no finding;
a red flag has one level. Each problem is reported at the line of the field to change.
"""

from __future__ import annotations

import datetime as dt
import re
from itertools import combinations

from .data_errors import DataError, field_path
from .model import CERTAINTY_WORDS
from .yaml_source import line_of

# Indirect reasons that explain why a finding about another intervention or population may be graded lower.
_EXPLAINS = {"intervention": {"other-technique"},
             "population": {"other-population", "other-condition", "healthy-volunteers"}}


def verdict_problems(finding) -> list[tuple[str, str]]:
    """(field, problem) for each combination that would mislead a reader."""
    problems = []
    if finding.evidence == "none" and finding.certainty != "insufficient":
        problems.append(("certainty", "with no trials (evidence: none) the certainty must be insufficient"))
    if finding.certainty == "insufficient" and finding.direction != "not-known":
        problems.append(("direction", "insufficient evidence points nowhere: write direction: not-known"))
    if finding.direction == "not-known" and finding.certainty != "insufficient":
        problems.append(("certainty", "direction not-known means no usable trials: write certainty: insufficient"))
    if finding.evidence == "indirect" and not finding.indirect:
        problems.append(("evidence", "indirect evidence must say why: add indirect: [healthy-volunteers], "
                                     "for example"))
    if finding.evidence != "indirect" and finding.indirect:
        problems.append(("indirect", "'indirect' is only for evidence: indirect; remove it"))
    if finding.evidence != "none" and finding.comparator is None:
        problems.append(("comparator", "say what massage was compared with: usual-care, sham, active, mixed "
                                       "or not-reported"))
    return problems


def shares_most_sources(a, b) -> bool:
    """The rule for "one body of evidence": more than half of the shorter source list is in the other."""
    shared = set(a.sources) & set(b.sources)
    return len(shared) * 2 > min(len(set(a.sources)), len(set(b.sources)))


def _rank(certainty: str) -> int:
    return CERTAINTY_WORDS.index(certainty)  # 0 is high


def _lower_for_a_stated_reason(lower, higher) -> bool:
    """A finding about another intervention or population than one that shares its sources may be
    graded lower, in the same direction, when it is marked indirect for that very difference."""
    if lower.direction not in (higher.direction, "not-known") or _rank(lower.certainty) <= _rank(higher.certainty):
        return False
    differs = [end for end in _EXPLAINS if getattr(lower, end) != getattr(higher, end)]
    return bool(differs) and all(set(lower.indirect) & _EXPLAINS[end] for end in differs)


def check_evidence(kb, today: dt.date) -> list[DataError]:
    """Every rule, over the whole knowledge base, in one pass."""
    errors: list[DataError] = []

    def error(kind: str, entity_id: str, loc: tuple, message: str) -> None:
        errors.append(DataError(kb.files[(kind, entity_id)], line_of(kb.lines[(kind, entity_id)], loc),
                                field_path(loc), message))

    findings = kb["finding"]
    first: dict[tuple, str] = {}
    for finding_id, finding in findings.items():
        for field_name, problem in verdict_problems(finding):
            error("finding", finding_id, (field_name,), problem)
        if finding.searched > today:
            error("finding", finding_id, ("searched",), f"the search date {finding.searched} is in the future")
        for j, source_id in enumerate(finding.sources):
            source = kb["source"].get(source_id)
            if source is None:
                continue  # reported as an unknown source already
            if source.retracted:
                error("finding", finding_id, ("sources", j),
                      f"'{source_id}' was retracted ({source.retracted}): it cannot back a finding")
            elif source.current_until and source.current_until < today:
                error("finding", finding_id, ("sources", j),
                      f"'{source_id}' expired on {source.current_until} by its publisher's own rule: cite it "
                      "as history in a section, not as current evidence for a finding")
        key = (finding.intervention, finding.population, finding.outcome)
        if key in first:
            error("finding", finding_id, ("intervention",),
                  f"{kb.files[('finding', first[key])]} already grades {finding.intervention} for "
                  f"{finding.population} on {finding.outcome}: one body of evidence is one finding; "
                  "merge the two files")
        first.setdefault(key, finding_id)
    by_outcome: dict[str, list] = {}
    for finding_id, finding in sorted(findings.items()):
        if finding.evidence != "none":  # a finding of no trials cites what looked and found none
            by_outcome.setdefault(finding.outcome, []).append((finding_id, finding))
    pairs = (pair for group in by_outcome.values() for pair in combinations(group, 2))
    for (a_id, a), (b_id, b) in pairs:
        if not shares_most_sources(a, b):
            continue
        if (a.certainty, a.direction) == (b.certainty, b.direction):
            continue
        if _lower_for_a_stated_reason(a, b) or _lower_for_a_stated_reason(b, a):
            continue
        shared = ", ".join(sorted(set(a.sources) & set(b.sources)))
        error("finding", b_id, ("certainty",),
              f"it shares most of its sources ({shared}) with {kb.files[('finding', a_id)]}, which grades "
              f"'{a.certainty}, {a.direction}' where this says '{b.certainty}, {b.direction}': one body of "
              "evidence gets one grade. Merge them, or mark the one about another technique or group of "
              "people as indirect (other-technique, other-population) and grade it lower")
    _claims_and_related(kb, error)
    errors += red_flag_problems(kb)
    return errors


def _claims_and_related(kb, error) -> None:
    """A claim's finding is about that claim; a page's related findings are about other people."""
    for benefit_id, benefit in kb["benefit"].items():
        finding = kb["finding"].get(benefit.claim_finding)
        if finding is not None and finding.outcome != benefit_id:
            error("benefit", benefit_id, ("claim_finding",),
                  f"'{benefit.claim_finding}' is about {finding.outcome}, not this claim: name a finding "
                  f"whose outcome is {benefit_id}")
    for condition_id, condition in kb["condition"].items():
        for i, finding_id in enumerate(condition.related_findings):
            finding = kb["finding"].get(finding_id)
            if finding is not None and finding.population == condition_id:
                error("condition", condition_id, ("related_findings", i),
                      f"'{finding_id}' is about {condition_id} already and shows on this page by itself: "
                      "remove it from related_findings")


def _sign_key(text: str) -> str:
    return re.sub(r"[^a-z0-9 ]", "", " ".join(text.lower().split()))


def red_flag_problems(kb) -> list[DataError]:
    """A red flag has one level: the same sign may not stand in two red flags, least of all at two levels."""
    errors = []
    seen: dict[str, tuple[str, str]] = {}
    for flag_id, flag in sorted(kb["red-flag"].items()):
        for i, sign in enumerate(flag.signs):
            key = _sign_key(sign)
            if key not in seen:
                seen[key] = (flag_id, flag.level)
                continue
            other_id, other_level = seen[key]
            where = kb.files[("red-flag", other_id)]
            message = (f"one red flag at two levels: '{sign}' is also in {where} at level {other_level}, "
                       f"and this file says {flag.level}; a red flag is written once, at one level"
                       if other_level != flag.level else
                       f"'{sign}' is also in {where}: a red flag is written once; name that file's id instead")
            errors.append(DataError(kb.files[("red-flag", flag_id)], line_of(kb.lines[("red-flag", flag_id)],
                                                                          ("signs", i)), f"signs[{i}]", message))
    return errors


def stale_searches(kb, today: dt.date, older_than_days: int = 365) -> list[tuple[str, dt.date]]:
    """Findings whose last search for newer evidence is over a year old: (finding id, date)."""
    cutoff = today - dt.timedelta(days=older_than_days)
    return [(finding_id, f.searched) for finding_id, f in sorted(kb["finding"].items()) if f.searched < cutoff]

