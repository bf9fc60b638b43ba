"""Which published pages are due for review, or overdue.

Used by `make review-report`, by the build (a notice, never a failure) and by
the editors' status page.

    python -m macros.cli.review_report [--days 30] [--today YYYY-MM-DD] [data/]
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from .evidence_rules import stale_searches
from .knowledge_base import KnowledgeBase
from .kinds import PAGE_KINDS

DUE_SOON_DAYS = 30
# An INFO record under "mkdocs." is printed by `mkdocs build` but, unlike a
# warning, is not counted by strict mode: an overdue review must not stop the site.
log = logging.getLogger("mkdocs.plugins.review_schedule")


@dataclass(frozen=True, order=True)
class ReviewDue:
    next_review: dt.date
    file: str
    kind: str
    id: str
    name: str
    days_left: int

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    def __str__(self) -> str:
        if self.overdue:
            days = -self.days_left
            when = f"overdue by {days} day{'s' if days != 1 else ''} (due {self.next_review})"
        elif self.days_left == 0:
            when = f"due today ({self.next_review})"
        else:
            when = f"due in {self.days_left} day{'s' if self.days_left != 1 else ''} ({self.next_review})"
        return f"{self.file}: {self.name}: {when}"


def reviews_due(kb: KnowledgeBase, today: dt.date | None = None,
                within_days: int = DUE_SOON_DAYS) -> list[ReviewDue]:
    """Published pages whose next review is within `within_days` of today, or past; soonest first."""
    today = today or dt.date.today()
    due = []
    for kind in PAGE_KINDS:
        for entity_id, entity in kb[kind].items():
            days_left = (entity.next_review - today).days
            if days_left <= within_days:
                due.append(ReviewDue(entity.next_review, kb.files[(kind, entity_id)], kind, entity_id,
                                     entity.name, days_left))
    return sorted(due)


def log_overdue(kb: KnowledgeBase, today: dt.date | None = None) -> list[ReviewDue]:
    """Tell the build's log about overdue pages, at INFO level (strict mode counts warnings only)."""
    overdue = reviews_due(kb, today, within_days=-1)
    if overdue:
        count = len(overdue)
        log.info(f"{count} page{'s are' if count != 1 else ' is'} overdue for review "
                 "(the site is built anyway; `make review-report` lists them):\n  "
                 + "\n  ".join(str(item) for item in overdue))
    return overdue


def report(due: list[ReviewDue], within_days: int = DUE_SOON_DAYS) -> str:
    if not due:
        return f"No page is overdue for review or due in the next {within_days} days."
    overdue = sum(item.overdue for item in due)
    head = (f"{len(due)} page{'s' if len(due) != 1 else ''} to review "
            f"({overdue} overdue, {len(due) - overdue} due in the next {within_days} days):")
    return "\n".join([head, *(f"  {item}" for item in due)])


def stale_search_report(kb: KnowledgeBase, today: dt.date | None = None) -> str:
    """Graded relationships whose last search for newer evidence is more than a year old."""
    stale = stale_searches(kb, today or dt.date.today())
    if not stale:
        return "Every finding's evidence was searched for within the last year."
    head = (f"{len(stale)} finding{'s' if len(stale) != 1 else ''} not searched for newer evidence in over a year "
            "(search again, then update searched:):")
    rows = [f"  {kb.files[('finding', finding_id)]}: searched: last searched {searched}"
            for finding_id, searched in sorted(stale, key=lambda item: (item[1], item[0]))]
    return "\n".join([head, *rows])
