"""Relationships written on one side are readable from both."""

from macros.data.knowledge_base import load_knowledge_base
from macros.data.relation_graph import build_relation_graph, page_path
from conftest import FIXTURE_DATA


def graph():
    return build_relation_graph(load_knowledge_base(FIXTURE_DATA))


def test_condition_to_technique_is_indexed_both_ways():
    g = graph()
    [forward] = g.edges("condition", "sore-back", "techniques")
    [backward] = g.edges("technique", "gentle-rub", "conditions")
    assert (forward.kind, forward.other) == ("technique", "gentle-rub")
    assert (backward.kind, backward.other) == ("condition", "sore-back")
    assert forward.link is backward.link and backward.link.certainty == "low"


def test_benefit_sees_both_the_condition_and_the_technique_that_name_it():
    g = graph()
    others = {(e.kind, e.other) for e in g.edges("benefit", "less-pain", "conditions") + g.edges("benefit", "less-pain", "techniques")}
    assert others == {("condition", "sore-back"), ("technique", "gentle-rub")}


def test_caution_knows_who_names_it():
    g = graph()
    assert g.ids("caution", "blood-clot", "techniques") == ["gentle-rub"]
    assert g.ids("caution", "blood-clot", "conditions") == ["sore-back"]
    assert g.cautions_for_condition("sore-back") == ["blood-clot"]


def test_sources_are_indexed_with_the_pages_that_cite_them():
    g = graph()
    assert g.sources_of("condition", "sore-back") == ["review-one", "agency-page"]
    assert ("condition", "sore-back") in g.cited_by["agency-page"]
    assert ("benefit", "less-pain") in g.cited_by["review-one"]


def test_page_paths_follow_the_id():
    assert page_path("condition", "sore-back") == "conditions/sore-back.md"
    assert page_path("caution", "blood-clot") == "cautions/blood-clot.md"
