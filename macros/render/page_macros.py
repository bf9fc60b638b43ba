"""The one table of what a page may use between {{ and }}: its macros, filters and variables.

Every page goes through it. A prose page in docs/ calls its macros directly
(`{{ claim_verdict("pain-relief") }}`, with `render_macros: true` in its front matter),
and every page made from the data is one line that calls one of them (docs_tree.py
writes these stubs). The mkdocs-macros plugin registers the table (define_env in
macros/__init__.py); `make markdown` expands it without MkDocs (`PageMacros.expand`,
in Jinja's sandbox); `make check` and the build check every page against it before
anything runs (page_check.py); the data reference page lists it.

Each macro checks its arguments before it runs: a wrong one stops with one sentence
that names the argument and, for an unknown id, the closest match.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import cached_property

from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from . import editor_pages
from ..data.data_errors import did_you_mean
from ..data.diagnosis_codes import normalize
from ..data.kinds import PAGE_KINDS
from ..data.knowledge_base import load_knowledge_base
from ..data.relation_graph import RelationGraph, build_relation_graph
from .page_render import PageRenderer


class MacroError(Exception):
    """A macro, filter or variable used in a way it cannot be: `field` names it, the message is one sentence."""

    def __init__(self, field: str, message: str):
        self.field, self.message = field, message
        super().__init__(f"{field}: {message}")


@dataclass(frozen=True)
class Argument:
    name: str
    noun: str   # what its value names, for messages: "benefit", "kind of page", "number"
    about: str  # what to write, for the data reference page
    # The values it accepts, from this build's table and the arguments before it; None: any value of its type.
    choices: Callable[[PageMacros, dict], Collection] | None = None
    type: type = str


@dataclass(frozen=True)
class Entry:
    name: str
    category: str  # "macro", "filter" or "variable"
    shows: str     # what it shows, in one sentence, for the data reference page
    run: Callable  # (the table of this build, *arguments) -> Markdown, or the variable's value
    arguments: tuple[Argument, ...] = ()
    example: tuple = ()        # the arguments of the example on the data reference page
    makes_page: bool = False   # a whole page: what the site's own pages are each one call of
    usage: str = ""            # the example as a page writes it, where it is not the call of `example`

    def example_text(self) -> str:
        if self.usage:
            return self.usage
        if self.category == "variable":
            return "{{ " + self.name + " }}"
        return call_text(self.name, *self.example)


def _benefits(macros: PageMacros, _given) -> Collection[str]:
    return macros.graph.kb["benefit"]


def _page_kinds(_macros, _given) -> Collection[str]:
    return PAGE_KINDS


def _ids_of_kind(macros: PageMacros, given: dict) -> Collection[str]:
    return macros.graph.kb[given["kind"]]


def _diagnosis_codes(macros: PageMacros, _given) -> Collection[str]:
    return {entry["code"] for entry in macros.renderer.codes.values()}


_KIND = Argument("kind", "kind of page", " or ".join(", ".join(PAGE_KINDS).rsplit(", ", 1)), _page_kinds)

# Numbers up to nine are written as words in running text.
_NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def in_words(number: int) -> str:
    return _NUMBER_WORDS[number] if 0 <= number < len(_NUMBER_WORDS) else str(number)


def _count(kind: str, shows: str) -> Entry:
    return Entry(f"{kind}_count", "variable", shows, lambda macros: len(macros.graph.kb[kind]))


TABLE: tuple[Entry, ...] = (
    # For prose pages.
    Entry("claim_verdict", "macro",
          "A claimed benefit's verdict as its own page shows it: which way the research points and how sure "
          "it is, never one without the other.",
          lambda macros, benefit: macros.renderer.claim_verdict(benefit),
          (Argument("benefit", "benefit", "the id of a claimed benefit, its file name in data/benefits/",
                    _benefits),),
          example=("pain-relief",)),
    Entry("conditions_by_body_area", "macro",
          "Every condition, grouped by where it hurts, each with its verdicts.",
          lambda macros: macros.renderer.by_body_area()),
    Entry("nginx_security_headers", "macro",
          "The site's security headers as nginx add_header lines, with the hashes of the theme's scripts.",
          lambda macros: macros.nginx_headers()),
    _count("condition", "How many conditions the guide has a page on."),
    _count("technique", "How many kinds of massage the guide has a page on."),
    _count("benefit", "How many claimed benefits the guide grades."),
    _count("caution", "How many cautions the guide lists."),
    _count("source", "How many sources the guide cites."),
    _count("finding", "How many findings (bodies of evidence, graded) the guide shows."),
    Entry("in_words", "filter", "A number up to nine in words, a larger one in digits, as running text writes them.",
          lambda macros, number: in_words(number),
          (Argument("number", "number", "a whole number, such as a count", type=int),),
          example=(5,), usage="{{ technique_count | in_words }}"),
    # Whole pages: each page made from the data is one of these calls (docs_tree.py).
    Entry("entity_page", "macro", "The whole page of a condition, technique, claimed benefit or caution.",
          lambda macros, kind, id: macros.renderer.entity_page(kind, id),
          (_KIND, Argument("id", "page", "the page's id, its file name in data/", _ids_of_kind)),
          example=("condition", "sciatica"), makes_page=True),
    Entry("index_page", "macro", "The A to Z page of one kind of page.",
          lambda macros, kind: macros.renderer.index_page(kind), (_KIND,), example=("technique",), makes_page=True),
    Entry("sources_page", "macro", "Every source, with the pages that cite it.",
          lambda macros: macros.renderer.sources_page(), makes_page=True),
    Entry("checklist_page", "macro", "The safety checklist, made from the cautions.",
          lambda macros: macros.renderer.checklist_page(), makes_page=True),
    Entry("connect_page", "macro", "The diagnosis-code look-up for clinics.",
          lambda macros: macros.renderer.connect_page(), makes_page=True),
    Entry("diagnosis_codes_page", "macro", "Every diagnosis code and the page it leads to.",
          lambda macros: macros.renderer.diagnosis_codes_page(), makes_page=True),
    Entry("diagnosis_code_page", "macro", "The page of one diagnosis code, which leads to its condition.",
          lambda macros, code: macros.renderer.diagnosis_code_page(normalize(code)),
          (Argument("code", "diagnosis code", "an ICD-10-CM code that a condition lists", _diagnosis_codes),),
          example=("M54.3",), makes_page=True),
    Entry("find_page", "macro", "The finder: conditions by where it hurts and by goal.",
          lambda macros: macros.renderer.find_page(), makes_page=True),
    Entry("evidence_map_page", "macro", "The grid of conditions by kinds of massage.",
          lambda macros: macros.renderer.evidence_map_page(), makes_page=True),
    Entry("whats_new_page", "macro", "Every change note, newest first.",
          lambda macros: editor_pages.whats_new_page(macros.renderer), makes_page=True),
    Entry("data_reference_page", "macro", "Every field of every data file, and this table.",
          lambda macros: editor_pages.data_reference_page(macros.renderer, TABLE), makes_page=True),
    Entry("editors_status_page", "macro", "Reviews due and what each draft still lacks.",
          lambda macros: editor_pages.editors_status_page(macros.renderer, macros.edit_uri), makes_page=True),
)
ENTRIES = {entry.name: entry for entry in TABLE}
assert len(ENTRIES) == len(TABLE), "two entries of the table share a name"


def call_text(name: str, *arguments) -> str:
    """A macro's call as a page writes it, its arguments written out: {{ entity_page("condition", "sciatica") }}."""
    return "{{ " + name + "(" + ", ".join(json.dumps(a) for a in arguments) + ") }}"


def shown(value) -> str:
    """A value as a page writes it."""
    if isinstance(value, bool) or value is None:
        return {True: "true", False: "false", None: "none"}[value]
    return json.dumps(value) if isinstance(value, str) else repr(value)


class PageMacros:
    """The table bound to one build's data: what define_env registers and `make markdown` expands.

    `settings` are the project's (docs_tree.Settings): its address, where "edit" links go,
    and the nginx headers, which only MkDocs' theme can tell.
    """

    def __init__(self, graph: RelationGraph, renderer: PageRenderer, settings):
        self.graph, self.renderer, self.settings = graph, renderer, settings
        self.nginx_headers, self.edit_uri = settings.nginx_headers, settings.edit_uri

    @cached_property
    def macros(self) -> dict[str, Callable]:
        return {e.name: self._checked(e) for e in TABLE if e.category == "macro"}

    @cached_property
    def filters(self) -> dict[str, Callable]:
        return {e.name: self._checked(e) for e in TABLE if e.category == "filter"}

    @cached_property
    def variables(self) -> dict[str, object]:
        return {e.name: e.run(self) for e in TABLE if e.category == "variable"}

    def _checked(self, entry: Entry) -> Callable:
        def checked(*arguments, **named):
            return entry.run(self, *self.arguments(entry, arguments, named).values())
        checked.__name__ = entry.name
        checked.__doc__ = entry.shows
        return checked

    def arguments(self, entry: Entry, given: tuple | list, named: dict) -> dict:
        """name -> value of each argument, checked; MacroError in one sentence for the first wrong one."""
        wanted = entry.arguments
        names = ", ".join(a.name for a in wanted)
        if len(given) > len(wanted):
            takes = f"{len(wanted)} argument{'s' if len(wanted) != 1 else ''} ({names})" if wanted else "no arguments"
            raise MacroError(entry.name, f"takes {takes}, not {len(given)}")
        values = dict(zip((a.name for a in wanted), given))
        for name, value in named.items():
            if name not in {a.name for a in wanted}:
                raise MacroError(entry.name, f"has no argument '{name}'{did_you_mean(name, [a.name for a in wanted])}"
                                 + (f"; it takes {names}" if wanted else "; it takes none"))
            if name in values:
                raise MacroError(entry.name, f"{name} is given twice")
            values[name] = value
        for argument in wanted:
            if argument.name not in values:
                raise MacroError(entry.name, f"needs its {argument.name}, such as {_example_of(entry, argument)}")
            value = values[argument.name]
            if isinstance(value, bool) or not isinstance(value, argument.type):
                what = "an id in quotes" if argument.type is str else "a number"
                raise MacroError(entry.name, f"{argument.name} must be {what}, such as {_example_of(entry, argument)},"
                                             f" not {shown(value)}")
            if argument.choices is not None:
                choices = argument.choices(self, values)
                if value not in choices:
                    raise MacroError(entry.name, f"unknown {_noun(argument, values)} '{value}'"
                                                 f"{did_you_mean(value, choices)}")
        return {argument.name: values[argument.name] for argument in wanted}

    @cached_property
    def _sandbox(self) -> SandboxedEnvironment:
        # Jinja's sandbox, holding the table and nothing else: no built-in globals, filters or tests.
        env = SandboxedEnvironment(undefined=StrictUndefined)
        env.globals.clear()
        env.filters.clear()
        env.tests.clear()
        env.globals.update(self.macros)
        env.filters.update(self.filters)
        return env

    def expand(self, markdown: str) -> str:
        """A page's Markdown with its calls made, as the macros plugin makes them (page_check.py checks it first)."""
        return self._sandbox.from_string(markdown).render(self.variables)


def bound_to(graph: RelationGraph, settings) -> PageMacros:
    return PageMacros(graph, PageRenderer(graph, settings.site_url), settings)


def load_macros(settings) -> PageMacros:
    """The table bound to the data of the project at settings.root; DataErrors if the data is wrong."""
    return bound_to(build_relation_graph(load_knowledge_base(settings.root / "data")), settings)


def _noun(argument: Argument, values: dict) -> str:
    return values["kind"] if argument.noun == "page" and "kind" in values else argument.noun


def _example_of(entry: Entry, argument: Argument) -> str:
    position = entry.arguments.index(argument)
    return shown(entry.example[position]) if position < len(entry.example) else argument.noun
