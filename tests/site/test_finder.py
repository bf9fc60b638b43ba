"""/find/ without JavaScript: grouped lists by body area and by goal, each folded under its name,
that lead to a compact card per condition (its name, a link to its page, with its verdicts and
the cautions to check first folded under it); the filter script is a file, loaded on this page only."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT
from macros.render.finder import build_finder
from macros.data.knowledge_base import load_knowledge_base
from macros.render.reader_labels import BODY_AREA
from macros.data.relation_graph import build_relation_graph



def soup(site, path):
    return BeautifulSoup((site / path / "index.html").read_text(), "lxml")


@pytest.fixture(scope="module")
def finder_page(built_site):
    return soup(built_site, "find").select_one("article")


def goals_of(kb, cid):
    """The claimed benefits the findings about a condition measured: read from the finding files."""
    return {f.outcome for f in kb["finding"].values() if f.population == cid}


def findings_about(kb, cid):
    return [f for f in kb["finding"].values() if f.population == cid]


def test_every_condition_has_one_card_with_its_area_and_goals(finder_page, kb):
    cards = finder_page.select("section.finder-card")
    assert sorted(c["id"] for c in cards) == sorted(f"for-{cid}" for cid in kb["condition"])
    for card in cards:
        cid = card["id"].removeprefix("for-")
        assert card["data-areas"].split() == [kb["condition"][cid].body_area]
        assert set(card["data-goals"].split()) == goals_of(kb, cid)
        assert card.h3.get_text(strip=True) == kb["condition"][cid].name
        assert card.h3.a["href"] == f"../conditions/{cid}/", "the name leads to the condition's page"
        fold = card.select_one("details.finder-card__detail")
        assert fold is not None and fold.summary.get_text(strip=True) and not fold.has_attr("open"), \
            f"{cid}: the verdicts are not folded under a labelled summary"
        assert not card.select("span.verdict") or all(fold in v.parents for v in card.select("span.verdict"))


def test_each_card_shows_every_verdict_and_the_cautions(finder_page, kb):
    for card in finder_page.select("section.finder-card"):
        cid = card["id"].removeprefix("for-")
        findings = findings_about(kb, cid)
        verdicts = card.select("span.verdict")
        assert len(verdicts) == len(findings), cid
        tested = sorted(f.intervention for f in findings if f.intervention != "massage")
        linked = sorted(a["href"].split("/")[-2] for item in card.select("li") for a in item.find_all("a")
                        if "/techniques/" in a["href"])
        assert linked == tested, cid
        assert sum("Massage in general" in item.get_text() for item in card.select("li")) == \
            sum(f.intervention == "massage" for f in findings), cid
        for item in card.select("li:has(span.verdict)"):
            assert item.select_one("strong.certainty"), f"{cid}: a verdict without its certainty"
        cautions = kb["condition"][cid].cautions
        shown = [a["href"].split("/")[-2] for a in card.find_all("a") if "/cautions/" in a["href"]]
        assert shown or card.find("a", href="../checklist/"), f"{cid}: nothing to check first"
        if cautions:
            assert shown == list(cautions), cid
        assert card.find("a", href=f"../conditions/{cid}/")


def group_members(groups, label) -> set[str] | None:
    """The conditions a group's disclosure lists, or None where there is no such group."""
    summary = groups.find("summary", string=label)
    if summary is None:
        return None
    assert summary.parent.name == "details" and "finder-group" in summary.parent["class"]
    return {a["href"].removeprefix("#for-") for a in summary.parent.select("ul a")}


def test_the_grouped_lists_work_without_javascript(finder_page, kb):
    groups = finder_page.select_one("#finder-groups")
    assert not groups.has_attr("hidden")
    assert finder_page.select_one("#finder-controls").has_attr("hidden"), "checkboxes need the script"
    assert [h.get_text(strip=True) for h in groups.find_all("h2")] == ["Where it hurts", "What you want help with"]
    for area, label in BODY_AREA.items():
        members = {cid for cid, c in kb["condition"].items() if c.body_area == area}
        assert group_members(groups, label) == (members or None), area
    for benefit_id, benefit in kb["benefit"].items():
        members = {cid for cid in kb["condition"] if benefit_id in goals_of(kb, cid)}
        assert group_members(groups, benefit.name) == (members or None), benefit_id
    assert group_members(groups, "Better sleep"), "sleep is a goal readers look for"


def test_the_checkboxes_are_labelled_and_grouped(finder_page):
    controls = finder_page.select_one("#finder-controls")
    legends = [f.legend.get_text(strip=True) for f in controls.select("fieldset")]
    assert legends == ["Where it hurts", "What you want help with"]
    for box in controls.select("input[type=checkbox]"):
        assert box.find_parent("label").get_text(strip=True), box
    live = controls.select_one("#finder-count")
    assert live["aria-live"] == "polite"


def test_the_script_is_a_file_on_this_page_only(built_site):
    find = (built_site / "find" / "index.html").read_text()
    assert '<script src="../assets/finder.js"></script>' in find
    assert (built_site / "assets" / "finder.js").is_file()
    assert "finder.js" not in (built_site / "conditions" / "sciatica" / "index.html").read_text()
    script = (built_site / "assets" / "finder.js").read_text()
    for forbidden in ("localStorage", "sessionStorage", "cookie", "fetch(", "XMLHttpRequest", "sendBeacon"):
        assert forbidden not in script, f"the finder must store and send nothing: {forbidden}"


def test_goals_and_areas_come_from_the_data(fixture_data):
    finder = build_finder(build_relation_graph(load_knowledge_base(fixture_data)))
    assert [(g.key, g.conditions) for g in finder.areas] == [("back", ("sore-back",))]
    assert [(g.key, g.label, g.conditions) for g in finder.goals] == [("less-pain", "Less pain", ("sore-back",))]
