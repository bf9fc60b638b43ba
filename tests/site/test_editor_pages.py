"""The pages for editors and returning readers: data reference, editors' status, What's new,
and the review dates on every page. One strict build of the small test data with an
overdue page, a page due soon, a change note and a fresh draft."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil

import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURE_DATA, ROOT, copy_project, run_build, page_soup
from macros.data.data_errors import DataErrors
from macros.editors.field_guide import all_blocks, block_anchor, fields_of
from macros.data.knowledge_base import load_knowledge_base
from macros.data.kinds import KIND_FOLDERS, KIND_MODELS, PAGE_KINDS
from macros.cli.new_entity import new_entity_file
from macros.data.yaml_source import read_yaml_file

TODAY = dt.date.today()


def soup_of(path):
    return BeautifulSoup(path.read_text(), "lxml")


def article(soup):
    return soup.select_one("article.md-content__inner")


@pytest.fixture(scope="module")
def editor_build(tmp_path_factory):
    data = tmp_path_factory.mktemp("data") / "data"
    shutil.copytree(FIXTURE_DATA, data)

    def replace(rel, old, new):
        path = data / rel
        text = path.read_text()
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new))

    replace("cautions/blood-clot.yml", "last_reviewed: 2026-11-01\nnext_review: 2027-11-01",
            "last_reviewed: 2024-01-01\nnext_review: 2025-01-01")
    soon = TODAY + dt.timedelta(days=10)
    replace("benefits/less-pain.yml", "last_reviewed: 2026-11-01\nnext_review: 2027-11-01",
            f"last_reviewed: {TODAY - dt.timedelta(days=300)}\nnext_review: {soon}")
    replace("conditions/sore-back.yml", "next_review: 2027-11-01",
            "next_review: 2027-11-01\nchanges:\n  - date: 2026-11-20\n"
            "    note: Added **what else helps**.\n  - date: 2026-11-01\n    note: First published.")
    new_entity_file("condition", "Plantar fasciitis", data)
    project = copy_project(tmp_path_factory.mktemp("project"), data=data)
    result = run_build(project)
    return project / "site", result


def test_an_overdue_page_does_not_fail_the_strict_build(editor_build):
    site, result = editor_build
    assert result.returncode == 0, result.stderr[-3000:]
    log = result.stdout + result.stderr
    assert "INFO    -  1 page is overdue for review" in log
    assert "data/cautions/blood-clot.yml: Blood clots: overdue by" in log
    assert not re.search(r"(?m)^WARNING\s+-", log), "strict mode would count a warning"


def test_drafts_are_built_without(editor_build):
    site, _ = editor_build
    assert not (site / "conditions" / "plantar-fasciitis").exists()
    assert (site / "conditions" / "sore-back" / "index.html").exists()


def test_status_page_lists_reviews_due_and_drafts(editor_build):
    site, _ = editor_build
    page = article(soup_of(site / "editors" / "status" / "index.html"))
    items = page.find(id="reviews-due").find_next("ul").find_all("li")
    rows = {li.find("strong").get_text(strip=True): li.get_text(" ", strip=True) for li in items}
    assert list(rows) == ["Blood clots", "Less pain"], "overdue first"
    assert "overdue by" in rows["Blood clots"] and "2025-01-01" in rows["Blood clots"]
    assert "due in 10 days" in rows["Less pain"]
    edit = page.find("a", string="data/cautions/blood-clot.yml")
    assert edit["href"] == "https://github.com/medical-massage-guide/guide/edit/main/data/cautions/blood-clot.yml"
    drafts = page.find(id="drafts").find_next("ul").get_text(" ", strip=True)
    assert "data/conditions/plantar-fasciitis.yml" in drafts
    assert "summary: draft: blank" in drafts and "body_area: draft: not chosen yet" in drafts


def test_status_page_is_for_editors_only(editor_build):
    site, _ = editor_build
    html = (site / "editors" / "status" / "index.html").read_text()
    assert '<meta name="robots" content="noindex">' in html
    nav = soup_of(site / "index.html").select_one("nav.md-nav--primary").get_text(" ")
    assert "Editors' status" not in nav
    assert "editors/status/" not in (site / "sitemap.xml").read_text()
    import gzip
    assert "editors/status/" not in gzip.decompress((site / "sitemap.xml.gz").read_bytes()).decode()
    assert "editors/data-reference/" in (site / "sitemap.xml").read_text(), "only the status page is hidden"
    index = json.loads((site / "search" / "reader_index.json").read_text())
    locations = {doc["location"] for doc in index["docs"]}
    assert not any(loc.startswith("editors/status/") for loc in locations)
    assert any(loc.startswith("whats-new/") for loc in locations)


def test_whats_new_lists_change_notes_newest_first(editor_build):
    site, _ = editor_build
    page = article(soup_of(site / "whats-new" / "index.html"))
    headings = [h.get_text(strip=True) for h in page.select("h2")]
    assert headings.index("20 November 2026") < headings.index("1 November 2026")
    day = page.find("h2", string="20 November 2026").find_next("ul")
    assert day.get_text(" ", strip=True) == "Sore back : Added what else helps ."
    assert day.find("a")["href"] == "../conditions/sore-back/"
    reviewed = page.find("h2", string="1 November 2026").find_next("ul").get_text(" ", strip=True)
    assert "First published" in reviewed and "Reviewed: Gentle rub" in reviewed
    assert "Sore back" not in reviewed.split("Reviewed:")[1], "a page with a note that day is not listed twice"


def test_every_model_field_is_on_the_data_reference_page(editor_build):
    site, _ = editor_build
    page = article(soup_of(site / "editors" / "data-reference" / "index.html"))
    for kind, model in KIND_MODELS.items():
        listed = [dt.get_text() for dt in page.find(id=kind).find_next("dl").find_all("dt")]
        assert listed == list(model.model_fields), f"{kind}: the reference does not match the model"
    for block in all_blocks():
        listed = {dt.get_text() for dt in page.find(id=block_anchor(block)).find_next("dl").find_all("dt")}
        assert listed == set(block.model_fields), block.__name__


def test_data_reference_says_type_required_allowed_and_example(editor_build):
    site, _ = editor_build
    page = article(soup_of(site / "editors" / "data-reference" / "index.html"))
    fields = page.find(id="condition").find_next("dl")
    about = {dt.get_text(): " ".join(dt.find_next_sibling("dd").get_text(" ").split()) for dt in fields.find_all("dt")}
    assert about["body_area"].startswith("Where the condition is listed on the body-area page.")
    assert "Required. Type: one word from the list. Allowed: back , neck-and-shoulders ," in about["body_area"]
    assert about["body_area"].endswith("Example: back .")
    assert "Optional. Type: list of plain text items." in about["also_called"]
    assert "Required. Type: list of source ids. Allowed: at least 1 item." in about["sources"]
    link = fields.find("a", string="level actions block")
    assert link["href"] == "#block-level-actions" and page.find(id="block-level-actions")
    finding = page.find(id="finding").find_next("dl")
    about_finding = {dt.get_text(): " ".join(dt.find_next_sibling("dd").get_text(" ").split())
                     for dt in finding.find_all("dt")}
    assert "Allowed: usual-care , sham , active , mixed , not-reported" in about_finding["comparator"]
    assert page.find("a", string="condition.schema.json")["href"] == "../../schemas/condition.schema.json"
    assert (site / "schemas" / "condition.schema.json").exists()
    assert len(page.select("table")) == 1, "fields are listed, not in wide tables that scroll on a phone"


def test_data_reference_lists_every_british_word_the_check_finds(editor_build):
    """The list on the page is the check's own list, each with what to write instead, as a list."""
    from macros.data.us_english import UK_TERMS

    site, _ = editor_build
    page = article(soup_of(site / "editors" / "data-reference" / "index.html"))
    shown = {" ".join(li.get_text(" ").split()) for li in page.select("li") if li.code}
    for pattern, instead in UK_TERMS:
        assert f"{pattern} : {instead}" in shown, pattern


def test_every_field_has_help_and_an_example():
    """The reference page, the schemas' hover help and `make new` all read these."""
    missing = [f"{cls.__name__}.{g.name}" for cls in [*KIND_MODELS.values(), *all_blocks()]
               for g in fields_of(cls) if not g.description or g.example is None]
    assert not missing, f"add description= and examples= to these fields in macros/data/model.py: {missing}"


@pytest.mark.parametrize("kind", list(KIND_MODELS))
def test_the_example_file_on_the_reference_page_is_valid(editor_build, kind, tmp_path):
    site, _ = editor_build
    page = article(soup_of(site / "editors" / "data-reference" / "index.html"))
    example = tmp_path / "example.yml"
    example.write_text(page.find(id=kind).find_next("details").find("code").get_text())
    data, _, errors = read_yaml_file(example, "example.yml")
    assert not errors
    KIND_MODELS[kind].model_validate(data)


def test_pages_show_review_dates_and_reviewer(editor_build):
    site, _ = editor_build
    dates = soup_of(site / "conditions" / "sore-back" / "index.html").select_one("aside.review-dates")
    text = " ".join(dates.get_text(" ").split())
    assert "Page last reviewed: 2026-11-01" in text and "Next review due: 2027-11-01" in text
    assert "Not yet reviewed by a clinician." in text


def test_every_real_page_shows_who_reviewed_it(built_site):
    kb = load_knowledge_base(ROOT / "data")
    for kind in PAGE_KINDS:
        for entity_id, entity in kb[kind].items():
            page = page_soup(built_site, f"{KIND_FOLDERS[kind]}/{entity_id}/index.html")
            text = " ".join(page.select_one("aside.review-dates").get_text(" ").split())
            assert f"Next review due: {entity.next_review.isoformat()}" in text
            # No clinician is listed yet, so every page must say so plainly, not name the editors.
            assert entity.reviewed_by is None and "Not yet reviewed by a clinician." in text, f"{kind} {entity_id}"


def test_real_site_has_whats_new_in_the_menu_and_status_out_of_it(built_site):
    nav = page_soup(built_site, "index.html").select_one("nav.md-nav--primary")
    assert nav.find("a", href=lambda h: h and h.rstrip("/").endswith("whats-new"))
    assert not nav.find("a", href=lambda h: h and "editors/" in h)
    assert (built_site / "editors" / "status" / "index.html").exists()


@pytest.mark.parametrize("kind", list(KIND_MODELS))
def test_web_editors_get_starter_files(editor_build, kind, tmp_path):
    """The starter a web editor copies is what `make new` writes: a draft page passes with warnings."""
    site, _ = editor_build
    starter = (site / "editors" / "starters" / f"{kind}.yml").read_text()
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    (data / KIND_FOLDERS[kind] / "new-page.yml").write_text(starter)
    if "status" not in KIND_MODELS[kind].model_fields:  # sources, findings, red flags: no draft state
        with pytest.raises(DataErrors) as refused:
            load_knowledge_base(data)
        assert all(e.file == f"data/{KIND_FOLDERS[kind]}/new-page.yml" for e in refused.value.errors)
        return
    kb = load_knowledge_base(data)
    assert "new-page" in kb.drafts[kind]
    assert any(w.file == f"data/{KIND_FOLDERS[kind]}/new-page.yml" and w.field == "name" for w in kb.warnings)
