"""Every grade a reader sees travels with its direction, as a generated sentence, on pages, lists and the API."""

from __future__ import annotations

import json

import jsonschema
import pytest

from macros.data.model import level_action
from conftest import FIXTURE_DATA, ROOT, copy_project, edit, run_build, page_soup
from macros.data.kinds import KIND_FOLDERS, PAGE_KINDS


def soup(site, path):
    return page_soup(site, f"{path}/index.html")


def test_no_certainty_badge_stands_without_a_verdict(built_site, built_pages):
    """A badge alone ('Low certainty') reads as 'helps a bit'; each one follows its verdict sentence."""
    for html in sorted(built_site.rglob("index.html")):
        page = built_pages.soup(html.relative_to(built_site).as_posix()).select_one("article")
        if page is None:
            continue
        for badge in page.select("strong.certainty"):
            verdict = badge.find_previous_sibling("span", class_="verdict")
            assert verdict is not None and verdict.get_text(strip=True), f"{html}: a grade without its verdict"


def test_every_finding_shows_its_generated_verdict_on_every_page_it_names(built_site, graph):
    for kind in ("condition", "technique", "benefit"):
        for entity_id in graph.kb[kind]:
            text = " ".join(soup(built_site, f"{KIND_FOLDERS[kind]}/{entity_id}").select_one("article").get_text(" ").split())
            views = graph.findings_on(kind, entity_id) + ([graph.claim_verdict(entity_id)] if kind == "benefit" else [])
            for view in views:
                assert view.verdict in text, f"{kind}/{entity_id}: missing '{view.verdict}'"
                assert f"Evidence checked: {view.record.searched:%B %Y}" in text


def test_a_claim_that_found_no_effect_never_reads_like_one_that_helps(built_site, graph):
    """The reader-facing difference the direction field exists for, on the benefits A to Z."""
    page = soup(built_site, "benefits")
    for benefit_id, benefit in graph.kb["benefit"].items():
        finding = graph.claim_verdict(benefit_id).record
        [item] = [li for li in page.select("article li") if li.find("a", string=benefit.name)]
        icon = item.select_one(".verdict__icon").get_text()
        if finding.direction == "no-difference":
            assert icon != "✓"
            if finding.certainty in ("low", "moderate", "high"):
                assert "little or no difference" in item.select_one(".verdict").get_text()
        if finding.direction in ("benefit", "small-benefit") and finding.certainty in ("low", "moderate", "high"):
            assert icon == "✓"


def test_every_condition_page_has_its_warning_signs_and_every_country_number(built_site, graph):
    for condition_id, condition in graph.kb["condition"].items():
        page = soup(built_site, f"conditions/{condition_id}")
        text = " ".join(page.select_one("article").get_text(" ").split())
        for number in ("911", "999", "112"):
            assert number in text, f"{condition_id}: no {number}"
        levels = {graph.kb["red-flag"][f].level for f in condition.red_flags}
        assert bool(page.select("div.admonition.danger")) == ("emergency" in levels), condition_id
        assert bool(page.select("div.admonition.warning")) == ("urgent" in levels), condition_id
        for flag_id in condition.red_flags:
            for sign in graph.kb["red-flag"][flag_id].signs:
                assert " ".join(sign.split()).replace("**", "") in text, f"{condition_id}: {flag_id} sign missing"
        if not levels:
            assert "No warning signs are specific to" in text, condition_id
        if condition.mental_health:
            assert "988" in text and "116 123" in text, condition_id


def test_a_red_flag_or_page_action_replaces_the_site_wide_one_in_its_box(graph, built_site):
    """The site-wide action fits most places; where a page or a red flag says otherwise, its box says that."""
    for kind in ("condition", "caution"):
        for entity_id, entity in graph.kb[kind].items():
            page = soup(built_site, f"{KIND_FOLDERS[kind]}/{entity_id}")
            boxes = " ".join(" ".join(b.get_text(" ").split()) for b in page.select("div.admonition.danger, "
                                                                                   "div.admonition.warning"))
            for flag_id in entity.red_flags:
                flag = graph.kb["red-flag"][flag_id]
                own = flag.action or level_action(entity, flag.level)
                if own is not None:
                    assert " ".join(own.heading.split()) in boxes and " ".join(own.action.split()) in boxes, \
                        f"{kind}/{entity_id}: {flag_id}'s own action is not in its box"


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


def test_api_v2_carries_the_finding_and_v1_keeps_its_shape(built_site, graph):
    v1 = json.loads((built_site / "api/v1/conditions.json").read_text())["items"]
    v2 = json.loads((built_site / "api/v2/conditions.json").read_text())["items"]
    for old, new in zip(v1, v2):
        for a, b in zip(old["techniques"], new["techniques"]):
            assert set(a) == {"kind", "id", "url", "certainty", "finding", "sources"}
            view = graph.findings[b["finding_id"]]
            assert b["verdict"] == view.verdict and b["direction"] == view.record.direction
            assert b["certainty"] == a["certainty"] == view.record.certainty
            assert (view.record.population, view.record.intervention) == (new["id"], b["id"])


@pytest.mark.parametrize("name", ["findings", "red-flags", "evidence-map"])
def test_api_v2_publishes_findings_red_flags_and_the_map_with_their_schemas(built_site, graph, name):
    schema = json.loads((ROOT / "docs" / "api" / "v2" / "schemas" / f"{name}.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    data = json.loads((built_site / "api" / "v2" / f"{name}.json").read_text())
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(data))
    assert not errors, f"v2/{name}: {errors[0].message}"
    assert (built_site / "api" / "v2" / "schemas" / f"{name}.schema.json").exists(), "schema not published"
    if name == "findings":
        published = {item["id"]: item for item in data["items"]}
        assert set(published) == set(graph.kb["finding"])
        for finding_id, item in published.items():
            record = graph.kb["finding"][finding_id]
            for field in ("comparator", "measured", "studies", "participants"):
                assert item.get(field) == getattr(record, field), (finding_id, field)
            assert item.get("effect") == (record.effect.model_dump(exclude_none=True) if record.effect else None)
            assert item["verdict"] == graph.findings[finding_id].verdict


def test_one_finding_changed_changes_every_page_map_and_record_that_shows_it(tmp_path):
    """The promise of one record per body of evidence: change the finding once, and the condition,
    technique and claim pages, the evidence map, the finder and both API versions all say the new thing."""
    project = copy_project(tmp_path / "project", FIXTURE_DATA)
    finding = project / "data" / "findings" / "sore-back-gentle-rub-less-pain.yml"
    edit(finding, "finding: Small trials found short-term relief.",
         "finding: Three small trials found relief that faded by six months.")
    edit(finding, "measured: at 10 weeks", "measured: at 26 weeks")
    edit(finding, "comparator: usual-care", "comparator: sham")
    result = run_build(project)
    assert result.returncode == 0, result.stderr[-3000:]
    site = project / "site"
    for path in ("conditions/sore-back", "techniques/gentle-rub", "benefits/less-pain"):
        text = " ".join(soup(site, path).select_one("article").get_text(" ").split())
        assert "Three small trials found relief that faded by six months." in text, path
        assert "Compared with a pretend (sham) treatment or light touch, measured at 26 weeks." in text, path
        assert "Small trials found short-term relief." not in text, path
    # The bottom line on the condition page (and so its printed handout) names the new comparison and time.
    rows = soup(site, "conditions/sore-back").select("li.bottom-line__row")
    assert any("measured at 26 weeks" in row.get_text() for row in rows)
    sof = " ".join(soup(site, "conditions/sore-back").select_one("details.findings-table").get_text(" ").split())
    assert "Sham (pretend) treatment" in sof and "at 26 weeks" in sof
    v2 = json.loads((site / "api/v2/findings.json").read_text())["items"]
    [item] = [i for i in v2 if i["id"] == "sore-back-gentle-rub-less-pain"]
    assert (item["comparator"], item["measured"]) == ("sham", "at 26 weeks")
    v1 = json.loads((site / "api/v1/techniques.json").read_text())["items"][0]
    assert v1["conditions"][0]["finding"] == "Three small trials found relief that faded by six months."
    cells = json.loads((site / "api/v2/evidence-map.json").read_text())["cells"]
    assert [c["finding"] for c in cells] == ["sore-back-gentle-rub-less-pain"]
