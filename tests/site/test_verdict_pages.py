"""Every grade a reader sees travels with its direction, as a generated sentence, on pages, lists and the API."""

from __future__ import annotations

import json

import jsonschema
import pytest
from bs4 import BeautifulSoup

from conftest import ROOT
from macros.data.model import warning_levels
from macros.data.kinds import KIND_FOLDERS, PAGE_KINDS




def soup(site, path):
    return BeautifulSoup((site / path / "index.html").read_text(), "lxml")


def test_no_certainty_badge_stands_without_a_verdict(built_site, built_pages):
    """A badge alone ('Low certainty') reads as 'helps a bit'; each one follows its verdict sentence."""
    for html in sorted(built_site.rglob("index.html")):
        page = built_pages.soup(html.relative_to(built_site).as_posix()).select_one("article")
        if page is None:
            continue
        for badge in page.select("strong.certainty"):
            verdict = badge.find_previous_sibling("span", class_="verdict")
            assert verdict is not None and verdict.get_text(strip=True), f"{html}: a grade without its verdict"


def test_each_graded_relationship_shows_its_generated_verdict_on_both_pages(built_site, graph):
    for kind in PAGE_KINDS:
        for entity_id in graph.kb[kind]:
            text = " ".join(soup(built_site, f"{KIND_FOLDERS[kind]}/{entity_id}").select_one("article").get_text(" ").split())
            for relation in graph.graded[(kind, entity_id)]:
                for edge in graph.edges(kind, entity_id, relation):
                    assert edge.verdict in text, f"{kind}/{entity_id}: missing '{edge.verdict}'"
                    assert f"Evidence checked: {edge.link.searched:%B %Y}" in text


def test_a_claim_that_found_no_effect_never_reads_like_one_that_helps(built_site, graph):
    """The reader-facing difference the direction field exists for, on the benefits A to Z."""
    page = soup(built_site, "benefits")
    for benefit_id, benefit in graph.kb["benefit"].items():
        [item] = [li for li in page.select("article li") if li.find("a", string=benefit.name)]
        icon = item.select_one(".verdict__icon").get_text()
        if benefit.evidence.direction == "no-difference" or benefit.evidence.certainty == "not supported":
            assert icon != "✓" and "help" not in item.select_one(".verdict").get_text().lower().split()[:3]
        if benefit.evidence.direction in ("benefit", "small-benefit") and benefit.evidence.certainty in ("low", "moderate", "high"):
            assert icon == "✓"


def test_every_condition_page_has_its_warning_signs_and_every_country_number(built_site, graph):
    for condition_id, condition in graph.kb["condition"].items():
        page = soup(built_site, f"conditions/{condition_id}")
        text = " ".join(page.select_one("article").get_text(" ").split())
        for number in ("911", "999", "112"):
            assert number in text, f"{condition_id}: no {number}"
        levels = dict(warning_levels(condition))
        assert bool(page.select("div.admonition.danger")) == ("emergency" in levels), condition_id
        assert bool(page.select("div.admonition.warning")) == ("urgent" in levels), condition_id
        if not levels:
            assert "No warning signs are specific to" in text, condition_id
        if condition.mental_health:
            assert "988" in text and "116 123" in text, condition_id


def test_funding_by_a_massage_company_shows_beside_the_citation(built_site, graph):
    for source_id, source in graph.kb["source"].items():
        if not source.funding:
            continue
        for kind, entity_id in graph.cited_by[source_id]:
            [item] = soup(built_site, f"{KIND_FOLDERS[kind]}/{entity_id}").select(f"li#ref-{source_id}")
            assert "Funding:" in item.get_text(), f"{kind}/{entity_id}: {source_id} funding not shown"


def test_no_page_says_it_was_reviewed_by_a_clinician_who_did_not(built_site):
    for html in sorted(built_site.rglob("index.html")):
        text = html.read_text()
        assert "Reviewed by: Guide editors" not in text, html


@pytest.mark.parametrize("version", ["v1", "v2"])
def test_both_api_versions_match_their_schemas(built_site, version):
    for name in ("conditions", "techniques", "benefits", "cautions", "sources"):
        schema = json.loads((ROOT / "docs" / "api" / version / "schemas" / f"{name}.schema.json").read_text())
        data = json.loads((built_site / "api" / version / f"{name}.json").read_text())
        errors = list(jsonschema.Draft202012Validator(schema).iter_errors(data))
        assert not errors, f"{version}/{name}: {errors[0].message}"


def test_api_v2_carries_the_verdict_and_v1_keeps_its_shape(built_site, graph):
    v1 = json.loads((built_site / "api/v1/conditions.json").read_text())["items"]
    v2 = json.loads((built_site / "api/v2/conditions.json").read_text())["items"]
    for old, new in zip(v1, v2):
        for a, b in zip(old["techniques"], new["techniques"]):
            assert set(a) == {"kind", "id", "url", "certainty", "finding", "sources"}
            edge = next(e for e in graph.edges("condition", new["id"], "techniques") if e.other == b["id"])
            assert b["verdict"] == edge.verdict and b["direction"] == edge.link.direction
            assert b["certainty"] == a["certainty"]
