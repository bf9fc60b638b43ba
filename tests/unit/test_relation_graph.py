"""Relationships written on one side are readable from both."""

from macros.data.knowledge_base import load_knowledge_base
from macros.data.relation_graph import build_relation_graph, page_path
from conftest import FIXTURE_DATA


def graph():
    return build_relation_graph(load_knowledge_base(FIXTURE_DATA))


def test_a_finding_is_shown_by_each_page_it_names():
    g = graph()
    finding = "sore-back-gentle-rub-less-pain"
    assert finding in [v.id for v in g.findings_on("condition", "sore-back")]
    assert finding in [v.id for v in g.findings_on("technique", "gentle-rub")]
    assert finding in [v.id for v in g.findings_on("benefit", "less-pain")]
    # One record, one sentence, wherever it is shown.
    [on_condition] = [v for v in g.findings_on("condition", "sore-back") if v.id == finding]
    [on_technique] = [v for v in g.findings_on("technique", "gentle-rub") if v.id == finding]
    assert on_condition is on_technique and on_condition.verdict == "Gentle rub may ease back pain."


def test_findings_about_adults_in_general_are_not_on_a_condition_page_unless_related():
    g = graph()
    assert [v.id for v in g.findings_on("condition", "sore-back")] == ["sore-back-gentle-rub-less-pain"]
    assert g.claim_verdict("less-pain").id == "adults-massage-less-pain"


def test_the_verdict_names_the_people_with_the_conditions_phrase():
    from macros.data.relation_graph import finding_view
    kb = load_knowledge_base(FIXTURE_DATA)
    kb["finding"]["sore-back-gentle-rub-less-pain"] = kb["finding"]["sore-back-gentle-rub-less-pain"].model_copy(
        update={"outcome_phrase": None})
    assert finding_view(kb, "sore-back-gentle-rub-less-pain").verdict == "Gentle rub may ease pain in a sore back."


def test_red_flags_are_read_from_the_page_that_names_them():
    g = graph()
    assert g.red_flags_of("condition", "sore-back") == ["numb-bottom"]
    assert g.ids("red-flag", "numb-bottom", "conditions") == ["sore-back"]


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
    assert ("technique", "gentle-rub") in g.cited_by["review-one"]


def test_page_paths_follow_the_id():
    assert page_path("condition", "sore-back") == "conditions/sore-back.md"
    assert page_path("caution", "blood-clot") == "cautions/blood-clot.md"
