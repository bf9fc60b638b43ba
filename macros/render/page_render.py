"""Render entity, index and source pages to Markdown: one template per kind.

Templates autoescape, so text from the data reaches the page as text; only the
small helpers here emit markup, and they escape what they insert.
"""

from __future__ import annotations

from functools import cached_property, lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from . import reader_labels
from ..data.reader_words import fill, month_year, phrase, trusted, words
from ..data.diagnosis_codes import code_table
from .evidence_map import EvidenceMap, build_evidence_map, html_list, html_table
from .finder import build_finder, card_id
from ..data.kinds import KINDS, PAGE_KINDS
from ..data.model import WARNING_LEVELS, level_action
from .open_data import Addresses
from .page_outline import section_group
from .qr_codes import qr_svg
from ..data.relation_graph import FindingView, RelationGraph, page_path
from .structured_data import medical_web_page

TEMPLATES = Path(__file__).parent / "templates"


# At most this many reference numbers follow any sentence; the References list has them all.
MAX_NUMBERS_PER_CITE = 3


class Citations:
    """Numbers sources in the order a page first cites them.

    Every source a mark names gets its number (so the References list stays complete),
    but a mark shows at most MAX_NUMBERS_PER_CITE numbers, the lowest, in ascending order.
    """

    def __init__(self, graph: RelationGraph):
        self.graph = graph
        self.numbers: dict[str, int] = {}

    def cite(self, source_ids) -> Markup:
        numbered = {}
        for source_id in source_ids:
            numbered[source_id] = self.numbers.setdefault(source_id, len(self.numbers) + 1)
        shown = sorted(numbered.items(), key=lambda item: item[1])[:MAX_NUMBERS_PER_CITE]
        if not shown:
            return Markup("")
        marks = [f"[{number}](#ref-{escape(source_id)})" for source_id, number in shown]
        # Escaped parts joined directly: Markup.format here was a quarter of page rendering.
        return Markup(f'<span class="cite">[{", ".join(marks)}]</span>')

    def listed(self, also=()):
        """Every cited source, then the page's other sources, numbered."""
        for source_id in also:
            self.numbers.setdefault(source_id, len(self.numbers) + 1)
        return [(n, sid, self.graph.kb["source"][sid]) for sid, n in self.numbers.items()]


class PageRenderer:
    """Compiled once per build; renders any page from the relation graph."""

    def __init__(self, graph: RelationGraph, site_url: str):
        self.graph = graph
        self.addresses = Addresses(site_url)
        self.env = Environment(
            loader=FileSystemLoader(TEMPLATES),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.globals.update(
            graph=graph,
            labels=reader_labels,
            link_to=self.link_to,
            certainty=certainty_badge,
            verdict=verdict_line,
            verdict_row=verdict_row,
            verdict_summary=verdict_summary,
            findings_grouped=self.findings_grouped,
            certainty_legend=certainty_legend,
            section_group=section_group,
            evidence_note=evidence_note,
            compared=compared_and_when,
            effect=effect_text,
            red_flag_boxes=self.red_flag_boxes,
            kinds=PAGE_KINDS,
            page_url=self.addresses.url,
            site_address=lambda path: self.addresses.site_url + path,
            qr_svg=qr_svg,
            qr_code=lambda kind, entity_id: qr_svg(self.addresses.url(kind, entity_id),
                                                   fill(words()["page"]["qr_for"], name=graph.entity(kind, entity_id).name)),
            structured_data=lambda kind, entity_id: medical_web_page(
                kind, graph.entity(kind, entity_id), self.addresses.url(kind, entity_id),
                graph.kb.reviewers.get(graph.entity(kind, entity_id).reviewed_by)),
        )
        self.env.globals["words"] = trusted(words()["page"])
        self.env.filters["source_line"] = source_line
        self.env.filters["fill"] = fill
        self.env.tests["section_in"] = lambda heading, group: section_group(heading) == group

    def link_to(self, kind: str, entity_id: str) -> Markup:
        name = self.graph.entity(kind, entity_id).name
        # Escaped parts joined directly: Markup.format, at 30 links a page, was a tenth of page rendering.
        return Markup(f"[{escape(name)}](/{escape(page_path(kind, entity_id))})")

    def entity_page(self, kind: str, entity_id: str) -> str:
        citations = Citations(self.graph)
        return self.env.get_template(KINDS[kind].template).render(
            kind=kind,
            id=entity_id,
            e=self.graph.entity(kind, entity_id),
            cite=citations.cite,
            references=lambda: citations.listed(self.graph.sources_of(kind, entity_id)),
            old_anchors=OldAnchors(),
        )

    def findings_grouped(self, views: list[FindingView], by: str) -> list[tuple[str, list[FindingView]]]:
        """The findings in groups, by "outcome" (the claim's name) or "intervention" (the kind of
        massage, or massage in general): (name, findings), in the order the findings come."""
        groups: dict[str, list[FindingView]] = {}
        for view in views:
            name = self.graph.intervention_name(view) if by == "intervention" else \
                self.graph.entity("benefit", view.record.outcome).name
            groups.setdefault(name, []).append(view)
        return list(groups.items())

    def claim_verdict(self, benefit_id: str) -> Markup:
        return verdict_line(self.graph.claim_verdict(benefit_id))

    def red_flag_boxes(self, kind: str, entity_id: str) -> list[dict]:
        """The page's warning-sign boxes: one per level and action, emergency first. A red flag's
        own action comes first, then the page's action for the level, then the site-wide one."""
        entity = self.graph.entity(kind, entity_id)
        boxes: dict[tuple, dict] = {}
        for level in WARNING_LEVELS:
            for flag_id in self.graph.red_flags_of(kind, entity_id):
                flag = self.graph.entity("red-flag", flag_id)
                if flag.level != level:
                    continue
                own = flag.action or level_action(entity, level)
                heading = own.heading if own else reader_labels.LEVEL_HEADING[level]
                action = own.action if own else reader_labels.LEVEL_ACTION[level]
                box = boxes.setdefault((level, heading, action), {"level": level, "heading": heading,
                                                                  "action": action, "flags": []})
                box["flags"].append(flag)
        return list(boxes.values())

    def index_page(self, kind: str) -> str:
        return self.env.get_template("index.md.j2").render(kind=kind, grid=self.evidence_map)

    def sources_page(self) -> str:
        return self.env.get_template("sources.md.j2").render()

    def by_body_area(self) -> str:
        return self.env.get_template("by-body-area.md.j2").render()

    def checklist_page(self) -> str:
        return self.env.get_template("checklist.md.j2").render()

    def connect_page(self) -> str:
        return self.env.get_template("connect.md.j2").render()

    @cached_property
    def codes(self) -> dict[str, dict]:
        """The diagnosis-code table, built once per build: every code's page reads it
        (building it per page made the build grow with the square of the conditions)."""
        return code_table(self.graph.kb)

    @cached_property
    def evidence_map(self) -> EvidenceMap:
        """The conditions-by-techniques grid, built once: the map page, A to Z, the SVG and the JSON read it."""
        return build_evidence_map(self.graph)

    def evidence_map_page(self) -> str:
        return self.env.get_template("evidence-map.md.j2").render(grid=self.evidence_map,
                                                                   table=html_table(self.evidence_map),
                                                                   listing=html_list(self.evidence_map))

    def find_page(self) -> str:
        return self.env.get_template("find.md.j2").render(finder=build_finder(self.graph), card_id=card_id)

    def diagnosis_codes_page(self) -> str:
        return self.env.get_template("diagnosis-codes.md.j2").render(codes=self.codes)

    def diagnosis_code_page(self, prefix: str) -> str:
        entry = self.codes[prefix]
        return self.env.get_template("diagnosis-code.md.j2").render(entry=entry)


class OldAnchors:
    """The addresses of graded lines before findings (#finding-technique-swedish-massage on a
    condition's page, #finding-condition-sciatica on a technique's): links that clinics and the
    first evidence map made still land on the line, the first finding about that entity."""

    _OTHER_END = {"intervention": (("technique", "intervention"),),
                  "population": (("condition", "population"), ("benefit", "outcome")),
                  "both": (("condition", "population"), ("technique", "intervention"))}

    def __init__(self):
        self.used: set[str] = set()

    def __call__(self, view: FindingView, about: str) -> list[str]:
        found = []
        for kind, end in self._OTHER_END[about]:
            target = getattr(view.record, end)
            if kind == "benefit" and not view.general_population:
                continue  # a technique's claims were its findings in adults in general
            anchor = f"finding-{kind}-{target}"
            if anchor not in self.used:
                self.used.add(anchor)
                found.append(anchor)
        if about == "intervention" and view.general_intervention:  # a condition's claims: finding-benefit-<id>
            anchor = f"finding-benefit-{view.record.outcome}"
            if anchor not in self.used:
                self.used.add(anchor)
                found.append(anchor)
        return found


@lru_cache(maxsize=None)  # five words, shown on every graded line
def certainty_word(word: str) -> Markup:
    """The certainty in words, on its own."""
    return Markup('<strong class="certainty certainty--{}">{}</strong>').format(
        word.replace(" ", "-"), reader_labels.CERTAINTY[word][0])


@lru_cache(maxsize=None)
def certainty_badge(word: str) -> Markup:
    """The certainty in words, with its plain meaning."""
    return certainty_word(word) + Markup(' <span class="certainty-meaning">({})</span>').format(
        reader_labels.CERTAINTY[word][1])


def _verdict_sentence(view: FindingView) -> Markup:
    """The direction as an icon and the generated sentence."""
    direction = view.shown_direction
    icon, _words = reader_labels.DIRECTION[direction]
    return Markup('<span class="verdict verdict--{}"><span class="verdict__icon" aria-hidden="true">{}</span> '
                  '{}</span>').format(direction, icon, view.verdict)


def verdict_line(view: FindingView) -> Markup:
    """The verdict as readers see it: an icon and a sentence for the direction, then the certainty."""
    return _verdict_sentence(view) + Markup(" ") + certainty_badge(view.record.certainty)


def verdict_summary(view: FindingView) -> Markup:
    """A finding's verdict in one row, for the summary of its folded detail: icon, sentence and the
    certainty word (its meaning opens with the detail)."""
    return _verdict_sentence(view) + Markup(" ") + certainty_word(view.record.certainty)


def compared_and_when(record) -> str:
    """What massage was compared with, and when the effect was measured, as readers read it:
    "Compared with usual care, measured at 10 weeks." (empty when neither is known)."""
    parts = []
    if record.comparator and record.comparator != "not-reported":
        parts.append(phrase("compared_with").format(what=reader_labels.COMPARATOR[record.comparator]))
    if record.measured:
        parts.append(phrase("measured").format(when=record.measured))
    if not parts:
        return ""
    text = ", ".join(parts)
    return text[0].upper() + text[1:] + "."


def verdict_row(view: FindingView) -> Markup:
    """One row of the bottom-line box: icon and verdict (linking to its detail), what it was compared
    with and when, then the certainty word."""
    direction = view.shown_direction
    icon, _words = reader_labels.DIRECTION[direction]
    context = compared_and_when(view.record)
    return Markup('<li class="bottom-line__row"><span class="verdict verdict--{dir}"><a href="#{anchor}">'
                  '<span class="verdict__icon" aria-hidden="true">{icon}</span> {sentence}</a></span> '
                  '{context}{certainty}</li>').format(
        dir=direction, anchor=view.anchor, icon=icon, sentence=view.verdict,
        context=Markup('<span class="bottom-line__context">{}</span> ').format(context) if context else "",
        certainty=certainty_word(view.record.certainty))


def certainty_legend(views) -> Markup:
    """The plain meaning of each certainty word the rows use, once each, in the order they appear."""
    used = list(dict.fromkeys(view.record.certainty for view in views))
    parts = [Markup("<strong>{}</strong>: {}.").format(*reader_labels.CERTAINTY[word]) for word in used]
    return Markup(" ").join(parts)


def _number(value: float) -> str:
    """A number as printed in a review: no trailing .0, and a true minus sign."""
    text = f"{value:g}"
    return text.replace("-", "\u2212")


def effect_text(record) -> str:
    """The effect as the source reports it: "SMD −0.82 (95% CI −1.17 to −0.47)", or "" if not read."""
    effect = record.effect
    if effect is None:
        return ""
    text = f"{effect.measure} {_number(effect.value)}"
    if effect.ci_low is not None:
        text += f" (95% CI {_number(effect.ci_low)} to {_number(effect.ci_high)})"
    return text


def evidence_note(record) -> Markup:
    """What kind of evidence it is, what it was compared with and when, and when we last looked for more."""
    parts = []
    if record.evidence == "indirect":
        parts.append(f"{reader_labels.EVIDENCE['indirect']}: "
                     + "; ".join(reader_labels.INDIRECT[r] for r in record.indirect) + ".")
    context = compared_and_when(record)
    if context:
        parts.append(context)
    parts.append(phrase("evidence_checked").format(month=month_year(record.searched)))
    return Markup('<span class="evidence-note">{}</span>').format(" ".join(parts))


# A source is cited on many pages and its line never changes within a build. Unbounded: a
# bound below the number of sources (7,200 in the 3,000-page benchmark) would evict lines still in use.
@lru_cache(maxsize=None)
def source_line(source) -> Markup:
    """One reference: authors (year). Title. Publisher. Links to the page, DOI and PubMed."""
    parts = []
    if source.authors:
        parts.append(escape(source.authors) + (Markup(" ({})").format(source.year) if source.year else ""))
    elif source.year:
        parts.append(Markup("{} ({})").format(source.publisher, source.year))
    parts.append(Markup('<a href="{}" rel="noopener noreferrer">{}</a>').format(source.url, source.title))
    if source.authors or not source.year:
        parts.append(escape(source.publisher))
    ids = []
    if source.doi:
        ids.append(Markup('doi: <a href="https://doi.org/{0}" rel="noopener noreferrer">{0}</a>').format(source.doi))
    if source.pmid:
        ids.append(Markup('PubMed: <a href="https://pubmed.ncbi.nlm.nih.gov/{0}/" rel="noopener noreferrer">{0}</a>').format(source.pmid))
    line = Markup(". ").join(parts) + Markup(".")
    if ids:
        line += Markup(" ") + Markup("; ").join(ids) + Markup(".")
    return line + source_notes(source)


def source_notes(source) -> Markup:
    """What a reader should weigh beside the citation: who paid, ties to sellers, corrections."""
    notes = []
    if source.funding:
        notes.append(Markup("<strong>{}</strong> {}").format(phrase("funding"), _sentence(source.funding)))
    if source.conflicts:
        notes.append(Markup("<strong>{}</strong> {}").format(phrase("conflicts"), _sentence(source.conflicts)))
    if source.correction:
        notes.append(Markup('<a href="{}" rel="noopener noreferrer">{}</a>.').format(
            source.correction, phrase("correction")))
    if source.retracted:
        notes.append(Markup('<strong><a href="{}" rel="noopener noreferrer">{}</a></strong>: {}').format(
            source.retracted, phrase("retracted"), phrase("do_not_rely")))
    if not notes:
        return Markup("")
    return Markup(' <span class="source-notes">{}</span>').format(Markup(" ").join(notes))


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?")) else text + "."
