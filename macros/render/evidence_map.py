"""The evidence map: every condition by every kind of massage, each graded link one cell.

One grid, built from the relation graph, feeds the page (/evidence-map/), the compact
counts on Conditions A to Z, the SVG for slides and posters (evidence-map.svg) and
/api/v1/evidence-map.json. A cell is empty where the data grades no link. Each cell
shows its direction as an icon and words and its certainty in words, never colour alone.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

from ..data.model import CERTAINTY_WORDS
from .reader_labels import CERTAINTY, DIRECTION
from ..data.relation_graph import RelationGraph
from ..data.verdicts import shown_direction

SVG_FILE = "evidence-map.svg"
JSON_FILE = "api/v1/evidence-map.json"


def finding_anchor(kind: str, entity_id: str) -> str:
    """The id of a graded finding on the page at the other end (see _parts.md.j2, graded_list)."""
    return f"finding-{kind}-{entity_id}"


@dataclass(frozen=True)
class Cell:
    condition: str
    technique: str
    certainty: str
    direction: str  # as the data grades it
    shown: str  # as readers are shown it (not known, when the evidence is very weak)
    verdict: str

    @property
    def icon(self) -> str:
        return DIRECTION[self.shown][0]

    @property
    def direction_words(self) -> str:
        return DIRECTION[self.shown][1]

    @property
    def certainty_words(self) -> str:
        return CERTAINTY[self.certainty][0]

    @property
    def path(self) -> str:
        """Site-relative address of the finding on the condition's page."""
        return f"conditions/{self.condition}/#{finding_anchor('technique', self.technique)}"


@dataclass
class EvidenceMap:
    conditions: list[tuple[str, str]]  # (id, name), A to Z
    techniques: list[tuple[str, str]]
    cells: dict[tuple[str, str], Cell]

    def cell(self, condition_id: str, technique_id: str) -> Cell | None:
        return self.cells.get((condition_id, technique_id))

    def counts(self) -> list[tuple[str, int]]:
        """(certainty word, number of verdicts), for every certainty word, highest first."""
        return [(word, sum(1 for c in self.cells.values() if c.certainty == word)) for word in CERTAINTY_WORDS]


def build_evidence_map(graph: RelationGraph) -> EvidenceMap:
    kb = graph.kb

    def by_name(kind):
        return sorted(((i, e.name) for i, e in kb[kind].items()), key=lambda item: item[1].lower())

    cells = {}
    for condition_id, _name in by_name("condition"):
        for edge in graph.edges("condition", condition_id, "techniques"):
            link = edge.link
            cells[(condition_id, edge.other)] = Cell(
                condition_id, edge.other, link.certainty, link.direction,
                shown_direction(link.certainty, link.direction), edge.verdict)
    return EvidenceMap(by_name("condition"), by_name("technique"), cells)


def html_table(grid: EvidenceMap, base: str = "../") -> Markup:
    """The grid as an HTML table; `base` leads from the page to the site root."""
    head = "".join(f'<th scope="col"><a href="{escape(base)}techniques/{escape(tid)}/">{escape(name)}</a></th>'
                   for tid, name in grid.techniques)
    rows = []
    for cid, name in grid.conditions:
        tds = []
        for tid, _tname in grid.techniques:
            cell = grid.cell(cid, tid)
            if cell is None:
                tds.append("<td></td>")
                continue
            tds.append(
                f'<td class="evidence-map__cell evidence-map__cell--{escape(cell.shown)}" '
                f'data-certainty="{escape(cell.certainty)}" data-direction="{escape(cell.direction)}">'
                f'<a href="{escape(base)}{escape(cell.path)}" title="{escape(cell.verdict)}">'
                f'<span class="evidence-map__icon" aria-hidden="true">{escape(cell.icon)}</span> '
                f'<span class="evidence-map__direction">{escape(cell.direction_words)}</span>'
                f'<span class="evidence-map__sep">, </span>'
                f'<span class="evidence-map__certainty">{escape(cell.certainty_words)}</span></a></td>')
        rows.append(f'<tr><th scope="row"><a href="{escape(base)}conditions/{escape(cid)}/">{escape(name)}</a></th>'
                    + "".join(tds) + "</tr>")
    return Markup(
        '<table class="evidence-map__grid">'
        "<caption>What research says about each kind of massage for each condition. "
        "An empty cell means no study of it is listed.</caption>"
        f'<thead><tr><th scope="col">Condition</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>")


def json_value(grid: EvidenceMap, site_url: str) -> dict:
    root = site_url.rstrip("/") + "/"
    return {
        "counts": {word: n for word, n in grid.counts()},
        "conditions": [{"id": i, "name": n, "url": f"{root}conditions/{i}/"} for i, n in grid.conditions],
        "techniques": [{"id": i, "name": n, "url": f"{root}techniques/{i}/"} for i, n in grid.techniques],
        "cells": [
            {"condition": c.condition, "technique": c.technique, "certainty": c.certainty,
             "direction": c.direction, "shown_direction": c.shown, "verdict": c.verdict, "url": root + c.path}
            for c in (grid.cell(ci, ti) for ci, _ in grid.conditions for ti, _ in grid.techniques) if c
        ],
    }


# The SVG's layout, in pixels.
_NAME_WIDTH, _CELL_WIDTH, _ROW_HEIGHT, _HEAD_HEIGHT, _TOP = 250, 170, 34, 56, 64
# A fill per shown direction: a second cue beside the icon and words, never the only one.
_FILL = {"benefit": "#d7f0e4", "small-benefit": "#e8f5ee", "no-difference": "#eeeeee", "harm": "#fbe0dc",
         "not-known": "#ffffff"}


def svg(grid: EvidenceMap, site_url: str) -> str:
    """The grid as a standalone SVG for slides and posters; each cell links to its finding."""
    root = site_url.rstrip("/") + "/"
    width = _NAME_WIDTH + _CELL_WIDTH * len(grid.techniques)
    height = _TOP + _HEAD_HEIGHT + _ROW_HEIGHT * len(grid.conditions) + 40
    counts = ", ".join(f"{CERTAINTY[w][0]}: {n}" for w, n in grid.counts())
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="map-title map-desc" font-family="Arial, Helvetica, sans-serif" font-size="12">',
        '<title id="map-title">Evidence map: massage for each condition</title>',
        f'<desc id="map-desc">{escape(counts)}. An empty cell means no study of it is listed.</desc>',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        '<text x="8" y="24" font-size="18" font-weight="bold" fill="#000000">'
        "Evidence map: massage for each condition</text>",
        f'<text x="8" y="48" fill="#000000">Verdicts by certainty: {escape(counts)}.</text>',
    ]
    y = _TOP
    out.append(f'<text x="8" y="{y + _HEAD_HEIGHT - 12}" font-weight="bold" fill="#000000">Condition</text>')
    for n, (tid, name) in enumerate(grid.techniques):
        x = _NAME_WIDTH + n * _CELL_WIDTH
        lines = textwrap.wrap(name, 22)  # a long name takes two lines, not the next column
        spans = "".join(f'<tspan x="{x + 6}" dy="{0 if i == 0 else 15}">{escape(line)}</tspan>'
                        for i, line in enumerate(lines))
        out.append(f'<a href="{escape(root)}techniques/{escape(tid)}/"><text y="{y + _HEAD_HEIGHT - 12 - 15 * (len(lines) - 1)}" '
                   f'font-weight="bold" fill="#000000">{spans}</text></a>')
    y += _HEAD_HEIGHT
    for row, (cid, name) in enumerate(grid.conditions):
        top = y + row * _ROW_HEIGHT
        out.append(f'<line x1="0" y1="{top}" x2="{width}" y2="{top}" stroke="#999999" stroke-width="0.5"/>')
        out.append(f'<a href="{escape(root)}conditions/{escape(cid)}/"><text x="8" y="{top + 21}" '
                   f'fill="#000000">{escape(name)}</text></a>')
        for col, (tid, _tname) in enumerate(grid.techniques):
            cell = grid.cell(cid, tid)
            if cell is None:
                continue
            x = _NAME_WIDTH + col * _CELL_WIDTH
            out.append(
                f'<a href="{escape(root + cell.path)}" data-condition="{escape(cid)}" data-technique="{escape(tid)}" '
                f'data-certainty="{escape(cell.certainty)}" data-direction="{escape(cell.direction)}">'
                f'<title>{escape(cell.verdict)}</title>'
                f'<rect x="{x + 2}" y="{top + 2}" width="{_CELL_WIDTH - 4}" height="{_ROW_HEIGHT - 4}" '
                f'fill="{_FILL[cell.shown]}" stroke="#666666" stroke-width="0.5"/>'
                f'<text x="{x + 6}" y="{top + 15}" fill="#000000"><tspan font-weight="bold">{escape(cell.icon)}</tspan> '
                f'{escape(cell.direction_words)}</text>'
                f'<text x="{x + 6}" y="{top + 28}" font-size="10" fill="#333333">{escape(cell.certainty_words)}</text>'
                "</a>")
    bottom = y + _ROW_HEIGHT * len(grid.conditions)
    out.append(f'<text x="8" y="{bottom + 24}" font-size="11" fill="#333333">'
               f'{escape(root)}evidence-map/ (an empty cell means no study of it is listed)</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"
