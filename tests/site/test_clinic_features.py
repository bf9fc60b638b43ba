"""What clinics rely on: open data that matches its schemas, diagnosis-code pages,
structured data, the safety checklist and canonical addresses."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, page_soup
from macros.data.diagnosis_codes import code_table, normalize
from macros.data.kinds import KIND_FOLDERS, PAGE_KINDS

SCHEMAS = ROOT / "docs" / "api" / "v1" / "schemas"
API_FILES = ["index", "icd10", "conditions", "techniques", "benefits", "cautions", "sources"]
SITE_URL = "https://medical-massage-guide.github.io/guide/"


def api(site: Path, name: str):
    return json.loads((site / "api" / "v1" / f"{name}.json").read_text())


def validator(name: str):
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("name", API_FILES)
def test_open_data_matches_its_published_schema(built_site, name):
    errors = sorted(validator(name).iter_errors(api(built_site, name)), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])
    assert (built_site / "api" / "v1" / "schemas" / f"{name}.schema.json").exists(), "schema not published"


def test_the_schemas_reject_what_they_should(built_site):
    """The schema check above can fail: a bad certainty word or a missing field is caught."""
    data = api(built_site, "conditions")
    bad = copy.deepcopy(data)
    next(item for item in bad["items"] if item["techniques"])["techniques"][0]["certainty"] = "sure"
    assert list(validator("conditions").iter_errors(bad))
    bad = copy.deepcopy(data)
    del bad["items"][0]["summary"]
    assert list(validator("conditions").iter_errors(bad))


def test_open_data_lists_every_published_page(built_site, kb):
    listed = {(item["kind"], item["id"]) for item in api(built_site, "index")["items"]}
    assert listed == {(kind, entity_id) for kind in PAGE_KINDS for entity_id in kb[kind]}
    for item in api(built_site, "index")["items"]:
        assert item["url"] == SITE_URL + item["path"]
        assert (built_site / item["path"] / "index.html").exists()


def test_the_code_table_is_the_data(built_site, kb):
    table = api(built_site, "icd10")["prefixes"]
    expected = {normalize(c.code): (c.code, c.title, cid) for cid, cond in kb["condition"].items() for c in cond.icd10}
    assert {k: (v["code"], v["title"], v["condition"]) for k, v in table.items()} == expected
    assert table["M543"]["condition"] == "sciatica"


def test_every_listed_code_has_a_page_that_leads_to_its_condition(built_site, kb):
    index = page_soup(built_site, "icd10/index.html").select_one("article")
    for prefix, entry in code_table(kb).items():
        page = page_soup(built_site, f"icd10/{entry['code']}/index.html")
        refresh = page.find("meta", attrs={"http-equiv": "refresh"})
        assert refresh["content"] == f"0; url=../../conditions/{entry['condition']}/"
        assert page.select_one(f"article a[href='../../conditions/{entry['condition']}/']"), "no link for readers"
        assert entry["code"] in index.get_text()


def test_connect_page_works_without_javascript_too(built_site, kb):
    page = page_soup(built_site, "connect/index.html")
    assert page.select_one("#connect-result[data-table='../api/v1/icd10.json']")
    assert page.select_one("noscript a[href='../icd10/']")
    condition_links = {a["href"] for a in page.select("article a[href^='../conditions/']")}
    assert condition_links == {f"../conditions/{cid}/" for cid in kb["condition"]}
    assert page.find("script", src="../assets/connect.js")


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_entity_pages_carry_medical_web_page_data(built_site, kb, kind):
    about = {"condition": "MedicalCondition", "technique": "MedicalTherapy"}
    for entity_id, entity in kb[kind].items():
        html = (built_site / KIND_FOLDERS[kind] / entity_id / "index.html").read_text()
        [block] = BeautifulSoup(html, "lxml").find_all("script", type="application/ld+json")
        data = json.loads(block.string)
        assert data["@type"] == "MedicalWebPage"
        assert data["url"] == f"{SITE_URL}{KIND_FOLDERS[kind]}/{entity_id}/"
        assert data["lastReviewed"] == entity.last_reviewed.isoformat()
        assert data["medicalAudience"]["audienceType"] == "Patient"
        # No clinician has reviewed a page yet, and JSON-LD must not claim one did.
        assert ("reviewedBy" in data) == (entity.reviewed_by is not None)
        if kind in about:
            assert data["about"]["@type"] == about[kind]
        if kind == "condition":
            assert [c["codeValue"] for c in data["about"].get("code", [])] == [c.code for c in entity.icd10]


def test_structured_data_cannot_break_out_of_its_script(tmp_path, fixture_data):
    """A '</script>' in the data could end the JSON-LD block early; tojson escapes it."""
    from conftest import copy_project, run_build
    f = fixture_data / "conditions" / "sore-back.yml"
    f.write_text(f.read_text().replace("also_called: [Backache]", "also_called: ['Back/script ache &']"))
    project = copy_project(tmp_path / "p", data=fixture_data)
    assert run_build(project).returncode == 0
    html = (project / "site/conditions/sore-back/index.html").read_text()
    block = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "\\u0026" in block and json.loads(block)["about"]["alternateName"] == ["Back/script ache &"]


def test_checklist_lists_every_caution(built_site, kb):
    page = page_soup(built_site, "checklist/index.html").select_one("article")
    text = " ".join(page.get_text(" ").split())
    for caution_id, caution in kb["caution"].items():
        assert " ".join(caution.checklist.split()) in text
        assert page.select_one(f"a[href='../cautions/{caution_id}/']")
    assert len(page.select("input[type=checkbox]")) == len(kb["caution"])


def test_every_page_has_canonical_address_and_description(built_site, kb):
    sitemap = (built_site / "sitemap.xml").read_text()
    for kind in PAGE_KINDS:
        for entity_id, entity in kb[kind].items():
            url = f"{SITE_URL}{KIND_FOLDERS[kind]}/{entity_id}/"
            soup = page_soup(built_site, f"{KIND_FOLDERS[kind]}/{entity_id}/index.html")
            assert soup.find("link", rel="canonical")["href"] == url
            assert soup.find("meta", attrs={"name": "description"})["content"] == " ".join(entity.summary.split())
            assert f"<loc>{url}</loc>" in sitemap


def test_condition_pages_offer_print_and_share(built_site, kb):
    for condition_id in kb["condition"]:
        soup = page_soup(built_site, f"conditions/{condition_id}/index.html")
        box = soup.select_one(".share-box")
        assert box.select_one("button[data-print]") and box.select_one("button[data-copy='#page-address']")
        assert box.select_one("input#page-address")["value"] == f"{SITE_URL}conditions/{condition_id}/"
        assert box.select_one("svg.qr-code title")
