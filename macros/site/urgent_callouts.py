"""Make urgent callouts (`!!! danger`) named regions that screen readers announce.

Python-Markdown writes an admonition as a plain <div>: a screen reader reads it as
ordinary text and cannot jump to it. Given role="region" and the callout's own
title as its name, it is announced ("Emergency: get help now, region") and listed with the
page's landmarks. Applied to every page's content, so a `!!! danger` in the data
templates and one in prose are treated alike.
"""

from __future__ import annotations

import html
import re

_DANGER = re.compile(
    r'<div class="admonition danger">(\s*<p class="admonition-title">(?P<title>.*?)</p>)', re.DOTALL
)
_TAG = re.compile(r"<[^>]+>")


def _named(match: re.Match) -> str:
    title = html.unescape(_TAG.sub("", match.group("title"))).strip() or "Urgent advice"
    label = html.escape(title, quote=True)
    return f'<div class="admonition danger" role="region" aria-label="{label}">' + match.group(1)


def announce_urgent_callouts(page_html: str) -> str:
    return _DANGER.sub(_named, page_html)
