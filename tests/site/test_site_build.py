"""Build the real site strictly and read the HTML a reader gets."""

from __future__ import annotations

import dataclasses
import shutil
from functools import lru_cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros.data.kinds import KIND_FOLDERS, PAGE_KINDS
from macros.data.relation_graph import build_relation_graph
from conftest import FIXTURE_DATA, ROOT, copy_project, run_build, page_soup


@lru_cache(maxsize=None)  # parsed once for the module's tests, which only read it
def page(site: Path, kind: str, entity_id: str) -> BeautifulSoup:
    path = site / KIND_FOLDERS[kind] / entity_id / "index.html"
    assert path.exists(), f"no page for {kind} {entity_id}"
    return page_soup(site, path.relative_to(site).as_posix())


def article(soup):
    return soup.select_one("article.md-content__inner")


def links_in(soup) -> set[str]:
    return {a["href"] for a in article(soup).find_all("a", href=True)}


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_one_page_per_data_file_and_an_index(built_site, kb, kind):
    folder = KIND_FOLDERS[kind]
    data_ids = {p.stem for p in (ROOT / "data" / folder).glob("*.yml")} - set(kb.drafts[kind])
    page_ids = {p.parent.name for p in (built_site / folder).glob("*/index.html")}
    renamed = {old.split("/")[1] for old in kb.redirects if old.startswith(f"{folder}/")}
    assert page_ids == data_ids | renamed
    index = page_soup(built_site, f"{folder}/index.html")
    assert {h.rsplit("/", 2)[-2] for h in links_in(index) if h.startswith("./") or "/" in h} >= data_ids


# On whose page a finding is shown, and to which of its other ends that page links:
# a condition's page names the technique tested; a technique's page, the condition; a claim's page, both.
LINKS_FROM = {"condition": ("technique",), "technique": ("condition",), "benefit": ("condition", "technique")}
END_OF = {"condition": "population", "technique": "intervention", "benefit": "outcome"}


def links_missing_between_related_pages(site: Path, kb, graph) -> list[str]:
    """Each finding links, from every page that shows it, to the pages of its other ends."""
    problems, checked = [], 0
    for kind in ("condition", "technique", "benefit"):
        for entity_id in kb[kind]:
            here = links_in(page(site, kind, entity_id))
            shown = graph.findings_on(kind, entity_id)
            if kind == "benefit":
                shown = [graph.claim_verdict(entity_id)] + [v for v in shown if v.id != graph.claim_verdict(entity_id).id]
            for view in shown:
                if getattr(view.record, END_OF[kind]) != entity_id:
                    continue  # a related finding, shown on a page it does not name
                for other in LINKS_FROM[kind]:
                    target = getattr(view.record, END_OF[other])
                    if target not in kb[other]:
                        continue  # massage in general, or a named group: no page
                    if f"../../{KIND_FOLDERS[other]}/{target}/" not in here:
                        problems.append(f"{kind} {entity_id} does not link to {other} {target}")
                    checked += 1
    # Counted from the data, not from the graph.
    written = sum(1 for f in kb["finding"].values() for kind in LINKS_FROM for other in LINKS_FROM[kind]
                  if getattr(f, END_OF[kind]) in kb[kind] and getattr(f, END_OF[other]) in kb[other])
    if checked != written:
        problems.append(f"checked {checked} links for the findings written in the data; expected {written}")
    return problems


def test_every_finding_links_its_pages_both_ways(built_site, kb, graph):
    problems = links_missing_between_related_pages(built_site, kb, graph)
    assert not problems, "\n".join(problems)


def test_the_both_ways_check_can_fail(built_site, kb):
    """A finding indexed on one of its pages only, or a page without its link, is reported."""
    finding_id, finding = next((fid, f) for fid, f in kb["finding"].items()
                               if f.population in kb["condition"] and f.intervention in kb["technique"])
    one_way = build_relation_graph(kb)
    one_way.links[("technique", finding.intervention)]["findings"].remove(finding_id)
    assert any("expected" in p for p in links_missing_between_related_pages(built_site, kb, one_way))

    unlinked = build_relation_graph(kb)
    other = next(c for c in kb["condition"] if c != finding.population)
    moved = finding.model_copy(update={"population": other})
    unlinked.findings[finding_id] = dataclasses.replace(unlinked.findings[finding_id], record=moved)
    assert f"technique {finding.intervention} does not link to condition {other}" in \
        links_missing_between_related_pages(built_site, kb, unlinked)


def test_technique_pages_show_their_cautions_before_the_evidence(built_site, kb):
    for technique_id in kb["technique"]:
        text = article(page(built_site, "technique", technique_id)).get_text(" ")
        for caution_id in kb["technique"][technique_id].cautions:
            assert kb["caution"][caution_id].name in text
        assert text.index("Is it safe for me?") < text.index("What is it used for?")


def test_every_entity_page_ends_with_numbered_references(built_site, kb, graph):
    for kind in PAGE_KINDS:
        for entity_id in kb[kind]:
            soup = page(built_site, kind, entity_id)
            refs = soup.select("ol.references > li")
            expected = graph.sources_of(kind, entity_id)
            assert {li["id"] for li in refs} >= {f"ref-{s}" for s in expected}
            for li in refs:
                source = kb["source"][li["id"].removeprefix("ref-")]
                assert li.find("a", href=source.url), f"{kind} {entity_id}: reference lacks its link"
            for mark in soup.select("span.cite a"):
                assert soup.find(id=mark["href"][1:]), f"{kind} {entity_id}: citation {mark['href']} has no reference"


def test_edit_link_opens_the_yaml_file(built_site, kb):
    for kind in PAGE_KINDS:
        for entity_id in kb[kind]:
            edit = page(built_site, kind, entity_id).select_one("a[rel~=edit]")
            assert edit["href"].endswith(f"/data/{KIND_FOLDERS[kind]}/{entity_id}.yml")


def test_every_page_has_disclaimer_and_review_dates(built_site, built_pages, kb):
    for html in built_site.rglob("index.html"):
        soup = built_pages.soup(html.relative_to(built_site).as_posix())
        if soup.select_one("article") is None:
            continue
        assert soup.select_one("aside.disclaimer"), f"{html} has no disclaimer"
    for kind in PAGE_KINDS:
        for entity_id, entity in kb[kind].items():
            dates = page(built_site, kind, entity_id).select_one("aside.review-dates").get_text(" ")
            assert entity.last_reviewed.isoformat() in dates and entity.next_review.isoformat() in dates


def test_sources_page_lists_every_source_with_the_pages_citing_it(built_site, kb, graph):
    soup = page_soup(built_site, "sources/index.html")
    headings = {h["id"]: h for h in soup.select("h2[id]")}
    for source_id in kb["source"]:
        assert source_id in headings, f"source {source_id} missing from the sources page"
    for source_id, citing in graph.cited_by.items():
        block = headings[source_id].find_next("ul").get_text(" ")
        for kind, entity_id in citing:
            assert kb[kind][entity_id].name in block


def test_no_third_party_requests_configured(built_site):
    home = (built_site / "index.html").read_text()
    assert "fonts.googleapis" not in home and "api.github.com" not in home
    assert '<meta name="referrer" content="same-origin">' in home


def test_fixture_site_renders_relationships(tmp_path):
    """The same engine on the small fixture, where every expected word is known."""
    project = copy_project(tmp_path / "p", data=FIXTURE_DATA)
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    soup = BeautifulSoup((project / "site/conditions/sore-back/index.html").read_text(), "lxml")
    text = article(soup).get_text(" ")
    assert "Emergency: get help now" in text and "Numbness around your bottom" in text
    assert "Low certainty" in text and "small or short studies" in text
    assert soup.select_one("div.admonition.danger")
    technique = BeautifulSoup((project / "site/techniques/gentle-rub/index.html").read_text(), "lxml")
    assert "../../conditions/sore-back/" in links_in(technique)
    caution = BeautifulSoup((project / "site/cautions/blood-clot/index.html").read_text(), "lxml")
    assert {"../../techniques/gentle-rub/", "../../conditions/sore-back/"} <= links_in(caution)


def test_text_from_data_reaches_html_escaped(tmp_path):
    data = tmp_path / "data"
    import shutil
    shutil.copytree(FIXTURE_DATA, data)
    f = data / "conditions" / "sore-back.yml"
    f.write_text(f.read_text().replace("It often gets better", 'It "often" gets & better'))
    project = copy_project(tmp_path / "p", data=data)
    assert run_build(project).returncode == 0
    html = (project / "site/conditions/sore-back/index.html").read_text()
    soup = BeautifulSoup(html, "lxml")
    assert soup.find("meta", attrs={"name": "description"})["content"].startswith(
        'A sore back is common. It "often" gets & better')
    assert 'It "often"' not in html, "a quote in the data must not reach an attribute raw"


def test_a_failed_make_build_leaves_no_partial_site(tmp_path):
    """`make build` builds into site.partial/ and removes it when the build fails: nothing
    half-built is left beside the project, and the last good site/ stays as it was."""
    import subprocess
    import sys

    project = copy_project(tmp_path / "p", data=FIXTURE_DATA)
    # A failure at the end of the build, once pages are written: the policy check (as in
    # test_page_safety_modules.py, the theme's scope left unset).
    config = (project / "mkdocs.yml").read_text()
    (project / "mkdocs.yml").write_text(config.replace("\n  scope: /\n", "\n  scope_unset: /\n"))
    shutil.copy(ROOT / "Makefile", project / "Makefile")
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("the last good build")
    venv = Path(sys.executable).parent.parent
    result = subprocess.run(["make", "--no-print-directory", "-o", f"{venv}/.installed-check", "build",
                             f"VENV={venv}"], cwd=project, capture_output=True, text=True, timeout=300)
    assert result.returncode != 0
    assert "inline script not allowed by the Content-Security-Policy" in result.stdout + result.stderr
    assert not (project / "site.partial").exists(), "a failed build left site.partial/ behind"
    assert (project / "site" / "index.html").read_text() == "the last good build"
