"""The evidence map: every condition by every kind of massage, each graded link one cell.

One grid, built from the relation graph, feeds the page (/evidence-map/: a table on wide
screens, the same cells as a list by condition on narrow ones), the compact counts on
Conditions A to Z, the SVG for slides and posters (evidence-map.svg) and
/api/v1/evidence-map.json. A cell is empty where the data grades no link. Each cell
shows its direction as an icon and words and its certainty in words, never colour alone.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

from ..data.model import CERTAINTY_WORDS, GENERAL_MASSAGE
from .reader_labels import CERTAINTY, DIRECTION, PAGE

MAP_WORDS = PAGE["evidence_map"]
from ..data.relation_graph import FindingView, RelationGraph

SVG_FILE = "evidence-map.svg"
JSON_FILE = "api/v1/evidence-map.json"  # the shape it was first published with
JSON_FILE_V2 = "api/v2/evidence-map.json"  # each cell also names its finding and outcome
GENERAL_COLUMN = (GENERAL_MASSAGE, "Massage in general")  # findings where no single technique was tested


@dataclass(frozen=True)
class Cell:
    """One finding in the grid: a condition's row, the column of the technique tested (or massage in general)."""

    condition: str
    technique: str
    view: FindingView
    outcome_name: str  # the claimed benefit's name, e.g. Pain relief

    @property
    def certainty(self) -> str:
        return self.view.record.certainty

    @property
    def direction(self) -> str:  # as the data grades it
        return self.view.record.direction

    @property
    def shown(self) -> str:  # as readers are shown it (not known, when the evidence is very weak)
        return self.view.shown_direction

    @property
    def verdict(self) -> str:
        return self.view.verdict

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
        return f"conditions/{self.condition}/#{self.view.anchor}"

    @property
    def old_path(self) -> str:
        """The address v1 published: the first line about this technique on the condition's page."""
        return f"conditions/{self.condition}/#finding-technique-{self.technique}"


@dataclass
class EvidenceMap:
    conditions: list[tuple[str, str]]  # (id, name), A to Z
    techniques: list[tuple[str, str]]  # the columns: massage in general, then each technique A to Z
    cells: dict[tuple[str, str], list[Cell]]

    def cell(self, condition_id: str, technique_id: str) -> list[Cell]:
        return self.cells.get((condition_id, technique_id), [])

    @property
    def count(self) -> int:
        """How many findings the map shows: the number its counts add up to."""
        return sum(len(found) for found in self.cells.values())

    def all_cells(self) -> list[Cell]:
        return [c for ci, _ in self.conditions for ti, _ in self.techniques for c in self.cell(ci, ti)]

    def counts(self) -> list[tuple[str, int]]:
        """(certainty word, number of findings), for every certainty word, highest first."""
        found = self.all_cells()
        return [(word, sum(1 for c in found if c.certainty == word)) for word in CERTAINTY_WORDS]


def build_evidence_map(graph: RelationGraph) -> EvidenceMap:
    """Every finding about a condition, in its row and its technique's column (findings about
    adults in general or healthy adults are on the claims' pages, not in this grid)."""
    kb = graph.kb

    def by_name(kind):
        return sorted(((i, e.name) for i, e in kb[kind].items()), key=lambda item: item[1].lower())

    cells: dict[tuple[str, str], list[Cell]] = {}
    for condition_id, _name in by_name("condition"):
        for view in graph.own_findings(condition_id):  # not related findings: other people's evidence
            cells.setdefault((condition_id, view.record.intervention), []).append(
                Cell(condition_id, view.record.intervention, view, kb["benefit"][view.record.outcome].name))
    return EvidenceMap(by_name("condition"), [GENERAL_COLUMN, *by_name("technique")], cells)


_TABLE_SEPARATOR = '<span class="evidence-map__sep">, </span>'  # hidden on screen, read aloud and printed


def _condition_link(base: str, cid: str, name: str) -> str:
    return f'<a href="{escape(base)}conditions/{escape(cid)}/">{escape(name)}</a>'


def _direction_and_certainty(cell: Cell, separator: str) -> str:
    """A cell's direction and certainty in words, as the table and the list both show them."""
    return (f'<span class="evidence-map__direction">{escape(cell.direction_words)}</span>{separator}'
            f'<span class="evidence-map__certainty">{escape(cell.certainty_words)}</span>')


def html_table(grid: EvidenceMap, base: str = "../") -> Markup:
    """The grid as an HTML table; `base` leads from the page to the site root."""
    def column_head(tid, name):
        if tid == GENERAL_MASSAGE:
            return f'<th scope="col">{escape(name)}</th>'
        return f'<th scope="col"><a href="{escape(base)}techniques/{escape(tid)}/">{escape(name)}</a></th>'

    head = "".join(column_head(tid, name) for tid, name in grid.techniques)
    rows = []
    for cid, name in grid.conditions:
        tds = []
        for tid, _tname in grid.techniques:
            found = grid.cell(cid, tid)
            if not found:
                tds.append("<td></td>")
                continue
            items = "".join(
                f'<li class="evidence-map__cell evidence-map__cell--{escape(cell.shown)}" '
                f'data-certainty="{escape(cell.certainty)}" data-direction="{escape(cell.direction)}">'
                f'<a href="{escape(base)}{escape(cell.path)}" title="{escape(cell.verdict)}">'
                f'<span class="evidence-map__icon" aria-hidden="true">{escape(cell.icon)}</span> '
                f'<span class="evidence-map__outcome">{escape(cell.outcome_name)}:</span> '
                f'{_direction_and_certainty(cell, _TABLE_SEPARATOR)}</a></li>'
                for cell in found)
            tds.append(f'<td><ul class="evidence-map__findings">{items}</ul></td>')
        rows.append(f'<tr><th scope="row">{_condition_link(base, cid, name)}</th>' + "".join(tds) + "</tr>")
    return Markup(
        '<table class="evidence-map__grid">'
        f"<caption>{escape(MAP_WORDS['caption'])}</caption>"
        f'<thead><tr><th scope="col">{escape(MAP_WORDS["condition_column"])}</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>")


def html_list(grid: EvidenceMap, base: str = "../") -> Markup:
    """The same grid as a list by condition, for narrow screens: each condition a heading and a list
    of its findings, each naming the technique tested (or massage in general) and the outcome, with
    the direction in words and an icon and the certainty in words, linking to the finding. The page
    shows the table or this list by the width of the screen (assets/finder-map.css)."""
    columns = dict(grid.techniques)
    sections = []
    for cid, name in grid.conditions:
        found = [cell for tid, _tname in grid.techniques for cell in grid.cell(cid, tid)]
        heading = f'<h2 class="evidence-map__condition">{_condition_link(base, cid, name)}</h2>'
        if not found:
            sections.append(f'{heading}<p class="evidence-map__none">{escape(MAP_WORDS["no_findings"])}</p>')
            continue
        items = "".join(
            f'<li class="evidence-map__item evidence-map__cell--{escape(cell.shown)}" '
            f'data-technique="{escape(cell.technique)}" data-certainty="{escape(cell.certainty)}" '
            f'data-direction="{escape(cell.direction)}">'
            f'<a href="{escape(base)}{escape(cell.path)}">'
            f'<span class="evidence-map__tested">{escape(columns[cell.technique])}</span>: '
            f'<span class="evidence-map__outcome">{escape(cell.outcome_name)}</span></a> '
            f'<span class="evidence-map__verdict">'
            f'<span class="evidence-map__icon" aria-hidden="true">{escape(cell.icon)}</span> '
            f'{_direction_and_certainty(cell, ", ")}</span></li>'
            for cell in found)
        sections.append(f'{heading}<ul class="evidence-map__list-findings">{items}</ul>')
    return Markup(f'<div class="evidence-map__list">{"".join(sections)}</div>')


def json_value(grid: EvidenceMap, site_url: str, version: str = "v1") -> dict:
    """The map as data: v1 in the shape it was published with (its counts keep the retired
    'not supported' at 0, its cell addresses the first line about the technique); v2 names each
    cell's finding and outcome and links to the finding's own line."""
    root = site_url.rstrip("/") + "/"
    counts = {word: n for word, n in grid.counts()}
    if version == "v1":
        counts["not supported"] = 0

    def column(i, n):
        return {"id": i, "name": n, "url": f"{root}techniques/{i}/" if i != GENERAL_MASSAGE else f"{root}techniques/"}

    def cell(c: Cell) -> dict:
        item = {"condition": c.condition, "technique": c.technique, "certainty": c.certainty,
                "direction": c.direction, "shown_direction": c.shown, "verdict": c.verdict}
        if version == "v1":
            return {**item, "url": root + c.old_path}
        return {**item, "finding": c.view.id, "outcome": c.view.record.outcome, "url": root + c.path}

    return {
        "counts": counts,
        "conditions": [{"id": i, "name": n, "url": f"{root}conditions/{i}/"} for i, n in grid.conditions],
        "techniques": [column(i, n) for i, n in grid.techniques],
        "cells": [cell(c) for c in grid.all_cells()],
    }


# The SVG's layout, in pixels: a row is as tall as its fullest cell, each finding a block of three lines.
_NAME_WIDTH, _CELL_WIDTH, _FINDING_HEIGHT, _HEAD_HEIGHT, _TOP = 250, 180, 44, 56, 64
# A fill per shown direction: a second cue beside the icon and words, never the only one.
_FILL = {"benefit": "#d7f0e4", "small-benefit": "#e8f5ee", "no-difference": "#eeeeee", "harm": "#fbe0dc",
         "not-known": "#ffffff"}


def _row_height(grid: EvidenceMap, condition_id: str) -> int:
    return 8 + _FINDING_HEIGHT * max([1] + [len(grid.cell(condition_id, t)) for t, _ in grid.techniques])


def svg(grid: EvidenceMap, site_url: str) -> str:
    """The grid as a standalone SVG for slides and posters: the same cells as the page, each finding
    linking to its line on the condition's page."""
    root = site_url.rstrip("/") + "/"
    width = _NAME_WIDTH + _CELL_WIDTH * len(grid.techniques)
    heights = {cid: _row_height(grid, cid) for cid, _ in grid.conditions}
    height = _TOP + _HEAD_HEIGHT + sum(heights.values()) + 40
    counts = ", ".join(f"{CERTAINTY[w][0]}: {n}" for w, n in grid.counts())
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="map-title map-desc" font-family="Arial, Helvetica, sans-serif" font-size="12">',
        '<title id="map-title">Evidence map: massage for each condition</title>',
        f'<desc id="map-desc">{grid.count} findings. {escape(counts)}. An empty cell means no study of it is '
        'listed.</desc>',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        '<text x="8" y="24" font-size="18" font-weight="bold" fill="#000000">'
        "Evidence map: massage for each condition</text>",
        f'<text x="8" y="48" fill="#000000">{grid.count} findings by certainty: {escape(counts)}.</text>',
    ]
    y = _TOP
    out.append(f'<text x="8" y="{y + _HEAD_HEIGHT - 12}" font-weight="bold" fill="#000000">Condition</text>')
    for n, (tid, name) in enumerate(grid.techniques):
        x = _NAME_WIDTH + n * _CELL_WIDTH
        lines = textwrap.wrap(name, 22)  # a long name takes two lines, not the next column
        spans = "".join(f'<tspan x="{x + 6}" dy="{0 if i == 0 else 15}">{escape(line)}</tspan>'
                        for i, line in enumerate(lines))
        text = (f'<text y="{y + _HEAD_HEIGHT - 12 - 15 * (len(lines) - 1)}" font-weight="bold" '
                f'fill="#000000">{spans}</text>')
        out.append(text if tid == GENERAL_MASSAGE else f'<a href="{escape(root)}techniques/{escape(tid)}/">{text}</a>')
    top = y + _HEAD_HEIGHT
    for cid, name in grid.conditions:
        out.append(f'<line x1="0" y1="{top}" x2="{width}" y2="{top}" stroke="#999999" stroke-width="0.5"/>')
        out.append(f'<a href="{escape(root)}conditions/{escape(cid)}/"><text x="8" y="{top + 21}" '
                   f'fill="#000000">{escape(name)}</text></a>')
        for col, (tid, _tname) in enumerate(grid.techniques):
            x = _NAME_WIDTH + col * _CELL_WIDTH
            for n, cell in enumerate(grid.cell(cid, tid)):
                at = top + 4 + n * _FINDING_HEIGHT
                out.append(
                    f'<a href="{escape(root + cell.path)}" data-condition="{escape(cid)}" '
                    f'data-technique="{escape(tid)}" data-finding="{escape(cell.view.id)}" '
                    f'data-certainty="{escape(cell.certainty)}" data-direction="{escape(cell.direction)}">'
                    f'<title>{escape(cell.verdict)}</title>'
                    f'<rect x="{x + 2}" y="{at}" width="{_CELL_WIDTH - 4}" height="{_FINDING_HEIGHT - 4}" '
                    f'fill="{_FILL[cell.shown]}" stroke="#666666" stroke-width="0.5"/>'
                    f'<text x="{x + 6}" y="{at + 13}" fill="#000000"><tspan font-weight="bold">{escape(cell.icon)}'
                    f'</tspan> {escape(cell.direction_words)}</text>'
                    f'<text x="{x + 6}" y="{at + 26}" font-size="10" fill="#333333">{escape(cell.outcome_name)}</text>'
                    f'<text x="{x + 6}" y="{at + 37}" font-size="10" fill="#333333">{escape(cell.certainty_words)}</text>'
                    "</a>")
        top += heights[cid]
    out.append(f'<text x="8" y="{top + 24}" font-size="11" fill="#333333">'
               f'{escape(root)}evidence-map/ (an empty cell means no study of it is listed)</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"
