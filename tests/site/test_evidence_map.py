"""The evidence map's page, SVG and JSON agree with the data: every graded condition ->
technique link is one cell in each, with the same certainty and direction, and nothing else is."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup
from lxml import etree

from conftest import ROOT, FIXTURE_DATA
from macros.render.evidence_map import build_evidence_map, svg
from macros.data.knowledge_base import load_knowledge_base
from macros.data.model import CERTAINTY_WORDS
from macros.render.reader_labels import CERTAINTY, DIRECTION
from macros.data.relation_graph import build_relation_graph

SITE_URL = "https://medical-massage-guide.github.io/guide/"
SVG_NS = "{http://www.w3.org/2000/svg}"


def shown(certainty: str, direction: str) -> str:
    """What readers are told (content standards, section 6): with very weak evidence, not which way."""
    return "not-known" if certainty in ("very low", "insufficient") else direction


@pytest.fixture(scope="module")
def expected(kb):
    """Straight from the data files' models, not from the code that builds the map."""
    return {(cid, link.id): (link.certainty, link.direction)
            for cid, condition in kb["condition"].items() for link in condition.techniques}


def words(certainty: str, direction: str) -> tuple[str, str]:
    return DIRECTION[shown(certainty, direction)][1], CERTAINTY[certainty][0]


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(), "lxml")


def test_the_data_has_links_to_map(expected):
    assert len(expected) >= 20, "too few graded links for the comparison to mean anything"


def test_the_page_shows_every_link_once_with_its_words(built_site, kb, expected):
    table = page(built_site, "evidence-map").select_one("table.evidence-map__grid")
    columns = [a["href"].split("/")[-2] for a in table.select("thead th a")]
    assert sorted(columns) == sorted(kb["technique"]), "a column per technique"
    rows = table.select("tbody tr")
    assert [r.th.a["href"].split("/")[-2] for r in rows] == \
        sorted(kb["condition"], key=lambda c: kb["condition"][c].name.lower()), "a row per condition, A to Z"
    found = {}
    for row in rows:
        cid = row.th.a["href"].split("/")[-2]
        cells = row.find_all("td")
        assert len(cells) == len(columns)
        for tid, td in zip(columns, cells):
            if not td.get_text(strip=True):
                assert not td.find("a"), f"{cid} x {tid}: an empty cell with a link"
                continue
            found[(cid, tid)] = (td["data-certainty"], td["data-direction"])
            text = " ".join(td.get_text(" ").split())
            direction_words, certainty_words = words(td["data-certainty"], td["data-direction"])
            assert direction_words in text and certainty_words in text, f"{cid} x {tid}: {text!r}"
            icon = DIRECTION[shown(td["data-certainty"], td["data-direction"])][0]
            assert td.select_one(".evidence-map__icon").get_text() == icon
            assert td.a["href"] == f"../conditions/{cid}/#finding-technique-{tid}"
    assert found == expected


def test_each_cell_leads_to_its_finding(built_site, expected):
    for cid, tid in expected:
        target = page(built_site, f"conditions/{cid}").find(id=f"finding-technique-{tid}")
        assert target is not None, f"conditions/{cid}/ has no finding-technique-{tid}"
        item = target.find_parent("li")
        assert item.find("a", href=f"../../techniques/{tid}/"), f"{cid}: the anchor is not on {tid}'s finding"


def certainty_counts(expected) -> Counter:
    return Counter(certainty for certainty, _direction in expected.values())


def test_the_page_counts_verdicts_at_each_certainty(built_site, expected):
    text = " ".join(page(built_site, "evidence-map").select_one("article").get_text(" ").split())
    for word in CERTAINTY_WORDS:
        assert f"{CERTAINTY[word][0]}: {certainty_counts(expected)[word]}" in text, word


def test_conditions_a_to_z_carries_the_compact_counts(built_site, kb, expected):
    summary = page(built_site, "conditions").select_one(".evidence-map-summary")
    text = " ".join(summary.get_text(" ").split())
    assert f"{len(expected)} verdicts on {len(kb['condition'])} conditions" in text
    for word in CERTAINTY_WORDS:
        assert f"{CERTAINTY[word][0].lower()}: {certainty_counts(expected)[word]}" in text
    assert summary.find("a", href="../evidence-map/")


def svg_cells(tree) -> dict:
    cells = {}
    for a in tree.iter(f"{SVG_NS}a"):
        if a.get("data-condition"):
            key = (a.get("data-condition"), a.get("data-technique"))
            assert key not in cells, f"{key} drawn twice"
            text = " ".join(" ".join(t.itertext()) for t in a.iter(f"{SVG_NS}text"))
            direction_words, certainty_words = words(a.get("data-certainty"), a.get("data-direction"))
            assert direction_words in text and certainty_words in text, f"{key}: {text!r}"
            assert a.get("href") == f"{SITE_URL}conditions/{key[0]}/#finding-technique-{key[1]}"
            cells[key] = (a.get("data-certainty"), a.get("data-direction"))
    return cells


def test_the_svg_shows_every_link_once_with_its_words(built_site, expected):
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


def test_the_json_matches_its_schema_and_the_data(built_site, kb, expected):
    data = json.loads((built_site / "api" / "v1" / "evidence-map.json").read_text())
    schema = json.loads((ROOT / "docs" / "api" / "v1" / "schemas" / "evidence-map.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(data))
    assert not errors, errors[0].message
    assert (built_site / "api" / "v1" / "schemas" / "evidence-map.schema.json").exists()
    cells = {(c["condition"], c["technique"]): (c["certainty"], c["direction"]) for c in data["cells"]}
    assert len(cells) == len(data["cells"]), "a cell listed twice"
    assert cells == expected
    for c in data["cells"]:
        assert c["shown_direction"] == shown(c["certainty"], c["direction"])
        assert c["url"] == f"{SITE_URL}conditions/{c['condition']}/#finding-technique-{c['technique']}"
    assert data["counts"] == {word: certainty_counts(expected)[word] for word in CERTAINTY_WORDS}
    assert {c["id"] for c in data["conditions"]} == set(kb["condition"])
    assert {t["id"] for t in data["techniques"]} == set(kb["technique"])


def test_the_schema_rejects_a_bad_cell(built_site):
    data = json.loads((built_site / "api" / "v1" / "evidence-map.json").read_text())
    schema = json.loads((ROOT / "docs" / "api" / "v1" / "schemas" / "evidence-map.schema.json").read_text())
    data["cells"][0]["certainty"] = "sure"
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(data))


def test_a_link_the_data_drops_leaves_all_three(fixture_data):
    """The fixture grades one condition -> technique link: one cell in each; without it, none."""
    from macros.render.evidence_map import html_table, json_value

    def three(data):
        grid = build_evidence_map(build_relation_graph(load_knowledge_base(data)))
        return (str(html_table(grid)).count("evidence-map__cell "), svg(grid, SITE_URL).count("data-condition="),
                len(json_value(grid, SITE_URL)["cells"]))

    assert three(FIXTURE_DATA) == (1, 1, 1)
    path = fixture_data / "conditions" / "sore-back.yml"
    text, n = re.subn(r"(?m)^techniques:\n(  .*\n)+", "techniques: []\n", path.read_text())
    assert n == 1, "fixture changed"
    path.write_text(text)
    assert three(fixture_data) == (0, 0, 0)


@pytest.mark.parametrize("path", ["evidence-map/index.html", "find/index.html"])
def test_the_new_pages_are_in_the_sitemap(built_site, path):
    assert f"{SITE_URL}{path.removesuffix('index.html')}" in (built_site / "sitemap.xml").read_text()
