"""The evidence map's page, SVG and JSON agree with the data: every finding about a condition is one
cell in each, in the column of the technique it tested or of massage in general, with the same
certainty and direction, and the counts add up to the cells; the page's list for narrow screens
holds the same cells by condition."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup
from lxml import etree

from conftest import ROOT, FIXTURE_DATA, page_soup
from macros.render.evidence_map import build_evidence_map, svg
from macros.data.knowledge_base import load_knowledge_base
from macros.data.model import CERTAINTY_WORDS
from macros.render.reader_labels import CERTAINTY, DIRECTION
from macros.data.relation_graph import build_relation_graph

SITE_URL = "https://medical-massage-guide.github.io/guide/"
SVG_NS = "{http://www.w3.org/2000/svg}"


def shown(certainty: str, direction: str) -> str:
    """What readers are told (content standards, section 6): with no usable or very weak evidence, not
    which way, unless very weak evidence points to harm."""
    if certainty == "insufficient" or (certainty == "very low" and direction != "harm"):
        return "not-known"
    return direction


@pytest.fixture(scope="module")
def expected(kb):
    """Straight from the data files' models, not from the code that builds the map:
    finding id -> (condition, column, certainty, direction), for every finding about a condition."""
    return {fid: (f.population, f.intervention, f.certainty, f.direction)
            for fid, f in kb["finding"].items() if f.population in kb["condition"]}


def words(certainty: str, direction: str) -> tuple[str, str]:
    return DIRECTION[shown(certainty, direction)][1], CERTAINTY[certainty][0]


def page(site: Path, path: str) -> BeautifulSoup:
    return page_soup(site, f"{path}/index.html")


def test_the_data_has_findings_to_map_in_both_kinds_of_column(expected):
    assert len(expected) >= 20, "too few findings for the comparison to mean anything"
    assert {column == "massage" for _c, column, _ce, _d in expected.values()} == {True, False}


def test_the_page_shows_every_finding_once_with_its_words(built_site, kb, expected):
    table = page(built_site, "evidence-map").select_one("table.evidence-map__grid")
    heads = table.select("thead th")[1:]
    assert heads[0].get_text(strip=True) == "Massage in general" and not heads[0].find("a")
    columns = ["massage"] + [th.a["href"].split("/")[-2] for th in heads[1:]]
    assert sorted(columns[1:]) == sorted(kb["technique"]), "a column per technique"
    rows = table.select("tbody tr")
    assert [r.th.a["href"].split("/")[-2] for r in rows] == \
        sorted(kb["condition"], key=lambda c: kb["condition"][c].name.lower()), "a row per condition, A to Z"
    found = {}
    for row in rows:
        cid = row.th.a["href"].split("/")[-2]
        cells = row.find_all("td")
        assert len(cells) == len(columns)
        for column, td in zip(columns, cells):
            for li in td.select("li.evidence-map__cell"):
                fid = li.a["href"].split("#finding-")[1]
                assert li.a["href"] == f"../conditions/{cid}/#finding-{fid}"
                assert fid not in found, f"{fid} shown twice"
                found[fid] = (cid, column, li["data-certainty"], li["data-direction"])
                text = " ".join(li.get_text(" ").split())
                direction_words, certainty_words = words(li["data-certainty"], li["data-direction"])
                assert direction_words in text and certainty_words in text, f"{fid}: {text!r}"
                assert kb["benefit"][kb["finding"][fid].outcome].name in text, f"{fid}: outcome not named"
                assert li.select_one(".evidence-map__icon").get_text() == \
                    DIRECTION[shown(li["data-certainty"], li["data-direction"])][0]
            if not td.select("li"):
                assert not td.get_text(strip=True) and not td.find("a"), f"{cid} x {column}: an empty cell with text"
    assert found == expected


def test_each_cell_leads_to_its_finding_on_the_conditions_page(built_site, expected):
    for fid, (cid, column, _c, _d) in expected.items():
        target = page(built_site, f"conditions/{cid}").find(id=f"finding-{fid}")
        assert target is not None, f"conditions/{cid}/ has no finding-{fid}"
        assert target.name == "details" and "finding-fold" in target["class"], f"{fid}: not a finding's fold"
        if column == "massage":
            assert target.summary.get_text(" ", strip=True).startswith("Massage in general:")
        else:
            assert target.find("a", href=f"../../techniques/{column}/"), f"{cid}: the anchor is not on {column}'s finding"


def test_the_list_for_narrow_screens_shows_the_same_cells_by_condition(built_site, kb, expected):
    """The list a phone shows instead of the table: a heading per condition, A to Z, and under it the
    same findings as the table's row, each with the technique (or massage in general), the outcome,
    the direction in an icon and words, and the certainty in words, linking to the finding."""
    article = page(built_site, "evidence-map").select_one("article")
    listing = article.select_one("div.evidence-map__list")
    headings = listing.find_all("h2", class_="evidence-map__condition")
    assert [h.a["href"].split("/")[-2] for h in headings] == \
        sorted(kb["condition"], key=lambda c: kb["condition"][c].name.lower()), "a heading per condition, A to Z"
    names = {"massage": "Massage in general", **{tid: t.name for tid, t in kb["technique"].items()}}
    found = {}
    for heading in headings:
        cid = heading.a["href"].split("/")[-2]
        after = heading.find_next_sibling()
        if after.name == "p":
            assert not any(c == cid for c, *_ in expected.values()), f"{cid}: findings, but the list says none"
            assert "No study" in after.get_text()
            continue
        assert after.name == "ul", f"{cid}: its findings are not a list"
        for li in after.find_all("li", recursive=False):
            fid = li.a["href"].split("#finding-")[1]
            assert li.a["href"] == f"../conditions/{cid}/#finding-{fid}"
            assert fid not in found, f"{fid} listed twice"
            found[fid] = (cid, li["data-technique"], li["data-certainty"], li["data-direction"])
            text = " ".join(li.get_text(" ").split())
            direction_words, certainty_words = words(li["data-certainty"], li["data-direction"])
            assert direction_words in text and certainty_words in text, f"{fid}: {text!r}"
            assert names[li["data-technique"]] in text, f"{fid}: what was tested is not named"
            assert kb["benefit"][kb["finding"][fid].outcome].name in text, f"{fid}: outcome not named"
            assert li.select_one(".evidence-map__icon").get_text() == \
                DIRECTION[shown(li["data-certainty"], li["data-direction"])][0]
    assert found == expected
    # The counts above the map add up to the list's items as they do to the table's cells.
    listed = Counter(certainty for _c, _t, certainty, _d in found.values())
    text = " ".join(article.get_text(" ").split())
    for word in CERTAINTY_WORDS:
        assert f"{CERTAINTY[word][0]}: {listed[word]}" in text, word


def certainty_counts(expected) -> Counter:
    return Counter(certainty for _c, _t, certainty, _d in expected.values())


def test_the_page_counts_findings_at_each_certainty_and_they_add_up_to_the_cells(built_site, expected):
    text = " ".join(page(built_site, "evidence-map").select_one("article").get_text(" ").split())
    for word in CERTAINTY_WORDS:
        assert f"{CERTAINTY[word][0]}: {certainty_counts(expected)[word]}" in text, word
    assert sum(certainty_counts(expected).values()) == len(expected)


def test_conditions_a_to_z_carries_the_compact_counts(built_site, kb, expected):
    summary = page(built_site, "conditions").select_one(".evidence-map-summary")
    text = " ".join(summary.get_text(" ").split())
    assert f"{len(expected)} findings on {len(kb['condition'])} conditions" in text
    for word in CERTAINTY_WORDS:
        assert f"{CERTAINTY[word][0].lower()}: {certainty_counts(expected)[word]}" in text
    assert summary.find("a", href="../evidence-map/")


def svg_cells(tree) -> dict:
    cells = {}
    for a in tree.iter(f"{SVG_NS}a"):
        if a.get("data-finding"):
            fid = a.get("data-finding")
            assert fid not in cells, f"{fid} drawn twice"
            text = " ".join(" ".join(t.itertext()) for t in a.iter(f"{SVG_NS}text"))
            direction_words, certainty_words = words(a.get("data-certainty"), a.get("data-direction"))
            assert direction_words in text and certainty_words in text, f"{fid}: {text!r}"
            assert a.get("href") == f"{SITE_URL}conditions/{a.get('data-condition')}/#finding-{fid}"
            cells[fid] = (a.get("data-condition"), a.get("data-technique"), a.get("data-certainty"),
                          a.get("data-direction"))
    return cells


def test_the_svg_shows_every_finding_once_with_its_words(built_site, expected):
    tree = etree.parse(str(built_site / "evidence-map.svg"))  # a real XML parser: well-formed or it fails
    assert tree.getroot().tag == f"{SVG_NS}svg"
    assert tree.getroot().find(f"{SVG_NS}title").text
    assert svg_cells(tree) == expected
    assert not tree.getroot().xpath("//*[local-name()='script' or local-name()='foreignObject']")


def test_the_svg_escapes_names(fixture_data):
    """A name with XML's special characters stays text (the data forbids '<', not '&' or quotes)."""
    path = fixture_data / "techniques" / "gentle-rub.yml"
    path.write_text(re.sub(r"(?m)^name: .*$", 'name: Rub & "press"', path.read_text(), count=1))
    grid = build_evidence_map(build_relation_graph(load_knowledge_base(fixture_data)))
    tree = etree.fromstring(svg(grid, SITE_URL).encode())
    assert any("".join(t.itertext()) == 'Rub & "press"' for t in tree.iter(f"{SVG_NS}text"))


@pytest.mark.parametrize("version", ["v1", "v2"])
def test_the_json_matches_its_schema_and_the_data(built_site, kb, expected, version):
    data = json.loads((built_site / "api" / version / "evidence-map.json").read_text())
    schema = json.loads((ROOT / "docs" / "api" / version / "schemas" / "evidence-map.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(data))
    assert not errors, errors[0].message
    assert (built_site / "api" / version / "schemas" / "evidence-map.schema.json").exists()
    cells = [(c["condition"], c["technique"], c["certainty"], c["direction"]) for c in data["cells"]]
    assert Counter(cells) == Counter(expected.values())
    for c in data["cells"]:
        assert c["shown_direction"] == shown(c["certainty"], c["direction"])
        if version == "v1":  # the address it was published with: the first line about that technique
            assert c["url"] == f"{SITE_URL}conditions/{c['condition']}/#finding-technique-{c['technique']}"
        else:
            assert expected[c["finding"]][:2] == (c["condition"], c["technique"])
            assert c["url"] == f"{SITE_URL}conditions/{c['condition']}/#finding-{c['finding']}"
    counts = {word: certainty_counts(expected)[word] for word in CERTAINTY_WORDS}
    assert data["counts"] == (counts | {"not supported": 0} if version == "v1" else counts)
    assert sum(data["counts"].values()) == len(data["cells"])
    assert {c["id"] for c in data["conditions"]} == set(kb["condition"])
    assert {t["id"] for t in data["techniques"]} == set(kb["technique"]) | {"massage"}


def test_every_old_map_address_still_lands_on_a_finding(built_site):
    data = json.loads((built_site / "api" / "v1" / "evidence-map.json").read_text())
    for c in data["cells"]:
        path, anchor = c["url"].removeprefix(SITE_URL).split("#")
        assert page(built_site, path.rstrip("/")).find(id=anchor) is not None, c["url"]


def test_the_schema_rejects_a_bad_cell(built_site):
    data = json.loads((built_site / "api" / "v1" / "evidence-map.json").read_text())
    schema = json.loads((ROOT / "docs" / "api" / "v1" / "schemas" / "evidence-map.schema.json").read_text())
    data["cells"][0]["certainty"] = "sure"
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(data))


def test_a_finding_the_data_drops_leaves_all_three(fixture_data):
    """The fixture has one finding about a condition: one cell in each; without it, none."""
    from macros.render.evidence_map import html_table, json_value

    def three(data):
        grid = build_evidence_map(build_relation_graph(load_knowledge_base(data)))
        return (str(html_table(grid)).count("evidence-map__cell "), svg(grid, SITE_URL).count("data-finding="),
                len(json_value(grid, SITE_URL)["cells"]), len(json_value(grid, SITE_URL, "v2")["cells"]))

    assert three(FIXTURE_DATA) == (1, 1, 1, 1)
    (fixture_data / "findings" / "sore-back-gentle-rub-less-pain.yml").unlink()
    assert three(fixture_data) == (0, 0, 0, 0)


@pytest.mark.parametrize("path", ["evidence-map/index.html", "find/index.html"])
def test_the_new_pages_are_in_the_sitemap(built_site, path):
    assert f"{SITE_URL}{path.removesuffix('index.html')}" in (built_site / "sitemap.xml").read_text()
