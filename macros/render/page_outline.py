"""Where a data section goes on a condition page, so the page follows the reader's questions once each:
what is it, can massage help, is it safe for me, what else helps, then anything else. Technique and
claim pages keep their sections in order and fold the research group, as condition pages do."""

from __future__ import annotations

# Checked in this order against the start of the heading, in lower case.
GROUPS = (
    ("about", ("what is ", "what are ")),
    ("research", ("can massage help", "what does the research say", "what do guidelines say",
                  "what does this mean", "what this means", "the studies in detail")),
    ("safety", ("is massage safe", "staying safe", "is it safe")),
    ("else", ("what else helps", "what else can help", "what helps ")),
)


def section_group(heading: str) -> str:
    """'about', 'research', 'safety', 'else' or 'other' for a section heading."""
    text = heading.strip().lower()
    for group, starts in GROUPS:
        if text.startswith(starts):
            return group
    return "other"
