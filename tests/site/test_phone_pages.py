"""Pages a reader in pain can use on a phone (built HTML): the bottom line first, one heading per
question, the cautions that apply, and citations that do not shout."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, page_soup
from macros.data.kinds import KIND_FOLDERS
from macros.render.reader_labels import CERTAINTY, DIRECTION

# A bottom-line box for each kind, from these relations (in this order).
BOTTOM_LINE = ("condition", "technique")  # the page kinds that open with the bottom-line box


def soup_of(site, kind, entity_id) -> BeautifulSoup:
    return page_soup(site, f"{KIND_FOLDERS[kind]}/{entity_id}/index.html").select_one("article.md-content__inner")


def entity_pages():
    """From the file names, so that collecting the tests never reads the data."""
    return [(kind, p.stem) for kind in BOTTOM_LINE for p in sorted((ROOT / "data" / KIND_FOLDERS[kind]).glob("*.yml"))]


def expected_rows(graph, kind, entity_id):
    """A condition's own findings, then the related ones; a technique's findings about conditions, then
    the rest: read from the data, in the order the page lists them further down."""
    views = graph.findings_on(kind, entity_id)
    if kind == "condition":
        return [v for v in views if v.record.population == entity_id] + \
            [v for v in views if v.record.population != entity_id]
    return [v for v in views if not v.general_population] + [v for v in views if v.general_population]


@pytest.mark.parametrize("kind, entity_id", entity_pages())
def test_the_bottom_line_comes_first_with_one_row_per_finding(built_site, kind, entity_id, graph):
    page = soup_of(built_site, kind, entity_id)
    box = page.select_one("section.bottom-line")
    assert box is not None, f"{kind} {entity_id}: no bottom-line box"
    assert box.find("h2").get_text(strip=True) == "What the research says"
    # Nothing but the title and the summary comes before it.
    before = [el.name for el in box.find_previous_siblings() if el.name and "md-content__button" not in el.get("class", [])]
    assert set(before) <= {"h1", "div", "p"}, before
    assert [el for el in box.find_previous_siblings() if el.name == "div"] == page.select(".page-summary")
    views = expected_rows(graph, kind, entity_id)
    rows = box.select("li.bottom-line__row")
    assert len(rows) == len(views)
    for row, view in zip(rows, views):
        link = row.find("a")
        assert link.get_text(" ", strip=True).endswith(view.verdict), (link.get_text(), view.verdict)
        icon = link.select_one(".verdict__icon").get_text()
        assert icon in {i for i, _ in DIRECTION.values()}
        assert row.select_one(".certainty").get_text() == CERTAINTY[view.record.certainty][0]
        # What it was compared with and when, where the finding says (the issue's "compared with usual care,
        # at the end of treatment").
        context = row.select_one(".bottom-line__context")
        if view.record.measured:
            assert context is not None and view.record.measured in context.get_text()
        target = page.find(id=link["href"].removeprefix("#"))
        assert target is not None and not box in target.parents, f"{link['href']} leads nowhere on the page"
    legend = box.select_one(".bottom-line__legend").get_text(" ")
    for view in views:
        assert CERTAINTY[view.record.certainty][1] in legend


def test_a_page_with_no_graded_edge_says_so_in_the_box(built_site, graph):
    bare = [(k, i) for k, i in entity_pages() if not graph.findings_on(k, i)]
    for kind, entity_id in bare:
        box = soup_of(built_site, kind, entity_id).select_one("section.bottom-line")
        assert "No " in box.get_text() and not box.select("li")


def heading_key(text: str) -> str:
    """Headings that differ only in case, spacing or punctuation ask the same question."""
    return re.sub(r"[^a-z0-9 ]", "", " ".join(text.lower().split()))


def test_no_heading_repeats_on_any_page(built_site, built_pages):
    repeats = []
    pages = sorted(built_site.rglob("index.html"))
    assert len(pages) > 100
    for html in pages:
        body = built_pages.soup(html.relative_to(built_site).as_posix()).select_one("article")
        if body is None:
            continue
        seen: dict[str, str] = {}
        for heading in body.find_all(re.compile(r"^h[1-6]$")):
            text = heading.get_text(" ", strip=True)
            key = heading_key(text)
            if key in seen:
                repeats.append(f"/{html.parent.relative_to(built_site)}/: {text!r} repeats {seen[key]!r}")
            seen.setdefault(key, text)
    assert not repeats, "headings that repeat on a page:\n" + "\n".join(repeats)


def test_heading_key_treats_case_and_punctuation_as_the_same():
    assert heading_key("Is it safe for me?") == heading_key("is it  safe for me")
    assert heading_key("Can massage help?") != heading_key("Can it help?")


@pytest.mark.parametrize("condition_id", [p.stem for p in sorted((ROOT / "data" / "conditions").glob("*.yml"))])
def test_a_condition_shows_its_own_cautions_in_full_and_the_general_checks_folded(built_site, condition_id, kb, graph):
    page = soup_of(built_site, "condition", condition_id)
    own = graph.ids("condition", condition_id, "cautions")
    general = [c for c in graph.cautions_for_condition(condition_id) if c not in own]
    folded = page.select_one("details.other-checks")
    for caution_id in own:
        link = page.find("a", href=f"../../cautions/{caution_id}/")
        assert link is not None and folded not in link.parents, f"{caution_id} is not shown openly"
        words = " ".join(kb["caution"][caution_id].what_to_do.split())
        assert words[:60] in " ".join(link.find_parent("li").get_text(" ").split())
    if general:
        assert folded.find("summary").get_text(strip=True) == "Other checks before any massage"
        assert not folded.has_attr("open")
        shown = [a["href"].split("/")[-2] for a in folded.select("li > strong > a")]
        assert shown == general
    else:
        assert folded is None
    # The emergency and urgent boxes come straight after the bottom line, before any other heading.
    box = page.select_one("section.bottom-line")
    for callout in page.select(".admonition.danger, .admonition.warning"):
        assert box in callout.find_all_previous("section")
        heading = callout.find_previous(re.compile("^h[2-6]$"))
        assert heading.get_text(strip=True) == "What the research says"


@pytest.mark.parametrize("technique_id", [p.stem for p in sorted((ROOT / "data" / "techniques").glob("*.yml"))])
def test_a_technique_lists_each_caution_on_one_line_with_what_to_do(built_site, technique_id, kb, graph):
    page = soup_of(built_site, "technique", technique_id)
    box = page.select_one(".admonition.warning")
    items = box.select("li")
    assert [li.find("a")["href"].split("/")[-2] for li in items] == graph.ids("technique", technique_id, "cautions")
    for li in items:
        caution = kb["caution"][li.find("a")["href"].split("/")[-2]]
        text = " ".join(li.get_text(" ").split())
        assert text.startswith(caution.name) and len(text) < len(caution.name) + 50, text
        assert not li.select(".handout-detail")


def test_a_cite_mark_shows_at_most_three_numbers_in_ascending_order(kb, graph):
    from macros.render.page_render import MAX_NUMBERS_PER_CITE, Citations

    ids = sorted(kb["source"])[:6]
    citations = Citations(graph)
    citations.cite([ids[4], ids[5]])  # numbered 1 and 2
    mark = str(citations.cite([ids[0], ids[5], ids[1], ids[4], ids[2]]))  # Markdown links in a span
    shown = re.findall(r"\[(\d+)\]\(#ref-([^)]+)\)", mark)
    assert MAX_NUMBERS_PER_CITE == 3
    assert shown == [("1", ids[4]), ("2", ids[5]), ("3", ids[0])]
    # The ones not shown still have their number in the References list.
    listed = {source_id: n for n, source_id, _ in citations.listed()}
    assert listed == {ids[4]: 1, ids[5]: 2, ids[0]: 3, ids[1]: 4, ids[2]: 5}
    assert str(citations.cite([])) == ""


def test_every_cite_mark_on_every_page_is_short_and_ascending_and_summaries_carry_none(built_site, built_pages):
    wrong = []
    for html in sorted(built_site.rglob("index.html")):
        body = built_pages.soup(html.relative_to(built_site).as_posix()).select_one("article")
        if body is None:
            continue
        where = f"/{html.parent.relative_to(built_site)}/"
        for mark in body.select("span.cite"):
            numbers = [int(a.get_text()) for a in mark.find_all("a")]
            if len(numbers) > 3 or numbers != sorted(numbers) or not numbers:
                wrong.append(f"{where}: {mark.get_text()}")
        for summary in body.select(".page-summary"):
            if summary.select('a[href^="#ref-"]'):
                wrong.append(f"{where}: reference numbers in the summary")
    assert not wrong, "\n".join(wrong[:40])


def test_the_header_shows_the_short_name_and_no_edit_pencil_and_each_page_ends_with_a_correction_link(built_site, built_pages):
    import yaml

    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text().split("\nnav:")[0])
    short, full = config["extra"]["short_name"], config["site_name"]
    assert len(short) < len(full) and "content.action.edit" not in config["theme"]["features"]
    missing = []
    for html in sorted(built_site.rglob("index.html")):
        soup = built_pages.soup(html.relative_to(built_site).as_posix())
        if soup.select_one("article") is None:
            continue
        where = f"/{html.parent.relative_to(built_site)}/"
        assert soup.select_one(".md-header__topic .md-ellipsis").get_text(strip=True) == short, where
        assert soup.title.get_text().endswith(full), where
        assert not soup.select(".md-content__button"), f"{where}: an edit pencil"
        # Pages made from one file: every entity page and every prose page.
        prose = (ROOT / "docs" / f"{html.parent.relative_to(built_site)}.md").exists() or where == "/"
        entity = where.count("/") == 3 and where.split("/")[1] in ("conditions", "techniques", "benefits", "cautions")
        if not (prose or entity):
            continue
        link = soup.select_one("p.suggest-correction a[rel~=edit]")
        if link is None or link.get_text() != "Suggest a correction" or not link["href"].startswith("https://github.com/"):
            missing.append(where)
    assert not missing, f"pages without a 'Suggest a correction' link: {missing}"
    sciatica = page_soup(built_site, "conditions/sciatica/index.html")
    assert sciatica.select_one("p.suggest-correction a")["href"].endswith("/data/conditions/sciatica.yml")


def test_a_caution_with_red_flags_shows_them_in_the_boxes_straight_after_its_summary(built_site, kb):
    with_signs = [cid for cid, c in kb["caution"].items() if c.red_flags]
    assert "blood-clots" in with_signs
    for caution_id in with_signs:
        page = soup_of(built_site, "caution", caution_id)
        summary = page.select_one(".page-summary")
        for flag_id in kb["caution"][caution_id].red_flags:
            flag = kb["red-flag"][flag_id]
            css = "danger" if flag.level == "emergency" else "warning"
            boxes = [b for b in page.select(f".admonition.{css}")
                     if all(" ".join(sign.split()) in " ".join(b.get_text(" ").split()) for sign in flag.signs)]
            assert boxes, f"{caution_id}: {flag_id}'s signs are not in one {flag.level} box"
            assert summary in boxes[0].find_all_previous("div") and boxes[0].find_previous("h2") is None


def test_a_red_flag_may_only_cite_known_sources(fixture_data):
    from conftest import edit, errors_for, line_of

    path = fixture_data / "red-flags" / "numb-bottom.yml"
    edit(path, "sources: [agency-page]", "sources: [agency-pag]")
    [error] = errors_for(fixture_data)
    assert error.startswith(f"data/red-flags/numb-bottom.yml:{line_of(path, 'agency-pag')}: sources[0]: "
                            "unknown source 'agency-pag'")
