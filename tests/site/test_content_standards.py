"""The content standards, enforced on the real knowledge base and the built pages."""

from __future__ import annotations

import copy

import re
import statistics
from pathlib import Path

import pytest
import textstat
from bs4 import BeautifulSoup

from conftest import ROOT, edit, errors_for
from macros.data.content_standards import MAX_SUMMARY_GRADE, plain, promises_in, reading_grade
from macros.data.model import warning_levels
from macros.data.kinds import PAGE_KINDS




def all_entities(kb):
    return [(kind, entity_id, e) for kind in PAGE_KINDS for entity_id, e in kb[kind].items()]


# Every topic the brief's seed article names has a home.
REQUIRED = {
    "condition": """low-back-pain neck-pain sciatica herniated-disc scoliosis whiplash posture-problems
        shoulder-impingement carpal-tunnel-syndrome tmj-dysfunction sports-injuries muscle-spasms-and-cramps
        chronic-muscle-tightness scar-tissue-and-adhesions tension-type-headache migraine fibromyalgia
        osteoarthritis rheumatoid-arthritis asthma stress anxiety depression insomnia fatigue
        high-blood-pressure""".split(),
    "technique": "myofascial-release deep-tissue-massage swedish-massage trigger-point-therapy manual-lymphatic-drainage".split(),
    "benefit": """less-muscle-tension pain-relief better-range-of-motion better-circulation lymph-flow-and-swelling
        less-inflammation softer-scars lower-blood-pressure stress-relief better-mood better-sleep better-posture
        immune-function lower-stress-hormones serotonin-and-dopamine""".split(),
    "caution": """blood-clots bleeding-risk wounds-and-fragile-skin fractures-and-osteoporosis cancer-and-tumors
        pregnancy fever-and-infection recent-surgery""".split(),
}
PROSE_PAGES = ["medical-massage.md", "what-to-expect.md", "choosing-a-therapist.md", "is-massage-safe.md",
               "myths.md", "about.md", "glossary.md"]
@pytest.mark.parametrize("text, flagged", [
    ("Massage cures back pain.", True),
    ("Deep tissue massage will fix your posture.", True),
    ("A cut is a wound until it heals.", False),
    ("A detox massage.", True),
    ("Massage flushes out toxins.", True),
    ("This therapy heals scars.", True),
    ("Massage is not a cure.", False),
    ("Ask them to avoid healing bones.", False),
    ("Your body needs time to heal.", False),
    ('Be wary of a therapist who says massage "flushes toxins".', False),
])
def test_the_promise_check_itself(text, flagged):
    assert bool(promises_in(text)) is flagged


@pytest.mark.parametrize("kind", REQUIRED)
def test_every_topic_of_the_brief_has_a_page(kb, kind):
    missing = set(REQUIRED[kind]) - set(kb[kind])
    assert not missing, f"no {kind} page for: {sorted(missing)}"


@pytest.mark.parametrize("page", PROSE_PAGES)
def test_every_prose_topic_has_a_page(page):
    assert (ROOT / "docs" / page).exists(), f"docs/{page} is missing"


def test_every_graded_relationship_and_page_cites_a_source(fixture_data):
    """Every page is loaded through the model, so the model must refuse a page or a graded link without one."""
    f = fixture_data / "conditions" / "sore-back.yml"
    edit(f, "sources: [agency-page]\nlast_reviewed", "sources: []\nlast_reviewed")
    edit(f, "    sources: [review-one]\n    direction: benefit\n    evidence: direct\n    searched: 2026-11-27\nbenefits",
         "    sources: []\n    direction: benefit\n    evidence: direct\n    searched: 2026-11-27\nbenefits")
    lines = f.read_text().splitlines()
    link_line, page_line = (lines.index(text) + 1 for text in ("    sources: []", "sources: []"))
    assert sorted(errors_for(fixture_data)) == [
        f"data/conditions/sore-back.yml:{link_line}: techniques[0].sources: must list at least one item",
        f"data/conditions/sore-back.yml:{page_line}: sources: must list at least one item",
    ]


def test_no_source_is_defined_and_never_cited(kb, graph):
    prose = "\n".join(p.read_text() for p in (ROOT / "docs").rglob("*.md"))
    unused = [sid for sid, s in kb["source"].items() if sid not in graph.cited_by and s.url not in prose]
    assert not unused, f"sources never cited by any page: {unused}"


def test_every_source_records_how_it_was_checked(kb):
    for source_id, s in kb["source"].items():
        assert s.checked and len(s.checked_how) > 15, f"data/sources/{source_id}.yml: say how it was checked"


def test_summary_reads_at_grade_8_or_below(kb):
    too_hard = []
    for kind, entity_id, e in all_entities(kb):
        grade = reading_grade(e.summary)
        if grade > MAX_SUMMARY_GRADE:
            too_hard.append(f"data/{kind}s/{entity_id}.yml: summary reads at grade {grade}")
    assert not too_hard, "\n".join(too_hard) + "\nUse shorter sentences and words."


def test_body_text_median_grade_is_9_or_below(kb):
    grades = []
    for kind, entity_id, e in all_entities(kb):
        for section in e.sections:
            text = plain(section.body)
            if len(text.split()) >= 30:
                grades.append(textstat.flesch_kincaid_grade(text))
    assert grades, "no body text found"
    assert statistics.median(grades) <= 9, f"median body grade {statistics.median(grades)}"


URGENT = ["sciatica", "herniated-disc", "low-back-pain", "tension-type-headache", "migraine"]


@pytest.mark.parametrize("condition_id", URGENT)
def test_conditions_with_red_flags_show_an_urgent_callout(built_site, condition_id):
    soup = BeautifulSoup((built_site / "conditions" / condition_id / "index.html").read_text(), "lxml")
    callout = soup.select_one("div.admonition.danger")
    assert callout and "Emergency" in callout.get_text(), f"{condition_id}: no emergency callout"
    assert len(callout.select("li")) >= 2
    # One voice for readers anywhere: never only one country's number.
    assert all(number in callout.get_text() for number in ("911", "999", "112")), condition_id


def signs_of(kb, condition_id: str) -> list[str]:
    """Every warning sign of a condition, at both levels."""
    return [sign for _level, block in warning_levels(kb["condition"][condition_id]) for sign in block.signs]


# Each red flag a condition's warning signs must name, as alternative wordings of it.
HEADACHE_RED_FLAGS = [["sudden"], ["stiff neck"], ["head injury", "hit your head"]]
CAUDA_EQUINA_RED_FLAGS = [["both legs"], ["bladder", "pee"]]


def red_flags_missing(signs: list[str], red_flags: list[list[str]]) -> list[list[str]]:
    """The red flags that no sign names in any of its wordings."""
    text = " ".join(signs).lower()
    return [wordings for wordings in red_flags if not any(words in text for words in wordings)]


@pytest.mark.parametrize("signs, missing", [
    (["Pain in both legs", "Trouble controlling your bladder"], []),
    (["Pain in both legs", "You cannot pee"], []),
    (["You cannot pee"], [["both legs"]]),
    (["Pain in both legs"], [["bladder", "pee"]]),
])
def test_the_red_flag_check_itself(signs, missing):
    assert red_flags_missing(signs, CAUDA_EQUINA_RED_FLAGS) == missing


def test_headache_red_flags_cover_the_worst_headache_signs(kb):
    signs = signs_of(kb, "tension-type-headache") + signs_of(kb, "migraine")
    missing = red_flags_missing(signs, HEADACHE_RED_FLAGS)
    assert not missing, f"headache warning signs lack {missing}"


def test_sciatica_red_flags_cover_cauda_equina(kb):
    missing = red_flags_missing(signs_of(kb, "sciatica"), CAUDA_EQUINA_RED_FLAGS)
    assert not missing, f"sciatica warning signs lack {missing}"


def article_bodies(site: Path, built_pages):
    for html in sorted(site.rglob("index.html")):
        soup = built_pages.soup(html.relative_to(site).as_posix())
        body = soup.select_one("article.md-content__inner")
        if body is not None:
            yield html.relative_to(site).parent.as_posix(), body


def test_no_page_promises_a_cure(built_site, built_pages):
    offenders = []
    for where, shared in article_bodies(built_site, built_pages):
        body = copy.copy(shared)  # a copy: the parsed pages are shared by every test
        for quoted in body.select(".claim, .admonition.quote, blockquote, q"):
            quoted.decompose()
        offenders += [f"/{where}/: {sentence[:160]}" for sentence in promises_in(body.get_text(" "))]
    assert not offenders, "promise words outside a quoted claim:\n" + "\n".join(offenders)


def test_certainty_is_shown_in_words_on_every_graded_line(built_site, built_pages):
    """Beside the badge, or (in the compact bottom-line box) in the box's legend, once per word."""
    for where, body in article_bodies(built_site, built_pages):
        for badge in body.select("strong.certainty"):
            box = badge.find_parent("section", class_="bottom-line")
            if box is not None:
                legend = box.select_one(".bottom-line__legend")
                meaning = legend and [m for m in legend.find_all("strong") if m.get_text() == badge.get_text()]
                assert meaning and len(legend.get_text()) > 10, f"/{where}/: {badge.get_text()} not in the legend"
                continue
            meaning = badge.find_next_sibling("span", class_="certainty-meaning")
            assert meaning and len(meaning.get_text()) > 10, f"/{where}/: certainty without its meaning"


def test_a_reader_can_answer_the_four_questions_about_sciatica(built_site):
    """Will massage help my sciatica, how sure is that, is it safe with blood thinners, what to ask?"""
    soup = BeautifulSoup((built_site / "conditions/sciatica/index.html").read_text(), "lxml")
    text = soup.select_one("article").get_text(" ")
    assert "Can massage help?" in text
    assert soup.select("strong.certainty"), "no certainty shown"
    assert "../../cautions/bleeding-risk/" in {a["href"] for a in soup.select("article a[href]")}
    assert "What to ask your therapist" in text
