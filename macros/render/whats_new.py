"""The What's new page's entries: each page's change notes, and the day it was last reviewed.

A change note (`changes:` on a page) says what changed; a review without a note
on the same day is listed as "reviewed", so readers see that pages are kept current.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from ..data.knowledge_base import KnowledgeBase
from ..data.reader_words import day_month_year
from ..data.relation_graph import change_notes
from ..data.kinds import PAGE_KINDS


@dataclass
class NewsDay:
    date: dt.date
    changes: list[tuple[str, str, str]] = field(default_factory=list)   # (kind, id, note)
    reviewed: list[tuple[str, str]] = field(default_factory=list)       # (kind, id)

    @property
    def title(self) -> str:
        return day_month_year(self.date)


def change_log(kb: KnowledgeBase, since: dt.date | None = None) -> list[NewsDay]:
    """Days with news, newest first; within a day, pages in A-Z order of name."""
    days: dict[dt.date, NewsDay] = defaultdict(lambda: NewsDay(dt.date.min))
    noted = defaultdict(set)
    for kind, entity_id, _anchor, change in change_notes(kb):
        days[change.date].changes.append((kind, entity_id, change.note))
        noted[(kind, entity_id)].add(change.date)
    for kind in PAGE_KINDS:
        for entity_id, entity in kb[kind].items():
            if entity.last_reviewed not in noted[(kind, entity_id)]:
                days[entity.last_reviewed].reviewed.append((kind, entity_id))
    news = []
    for date in sorted(days, reverse=True):
        if since is not None and date < since:
            continue
        day = days[date]
        day.date = date
        day.changes.sort(key=lambda item: (kb[item[0]][item[1]].name.lower(), item[2]))
        day.reviewed.sort(key=lambda item: kb[item[0]][item[1]].name.lower())
        news.append(day)
    return news
