"""The content standards, enforced on the real knowledge base and the built pages."""

from __future__ import annotations

import re
import statistics
from pathlib import Path

import pytest
import textstat
from bs4 import BeautifulSoup

from conftest import ROOT
from macros.content_standards import MAX_SUMMARY_GRADE, plain, promises_in, reading_grade
from macros.knowledge_base import load_knowledge_base
from macros.model import PAGE_KINDS, warning_levels
from macros.relation_graph import build_relation_graph

KB = load_knowledge_base(ROOT / "data")
GRAPH = build_relation_graph(KB)
ALL_ENTITIES = [(kind, entity_id, e) for kind in PAGE_KINDS for entity_id, e in KB[kind].items()]

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
def test_every_topic_of_the_brief_has_a_page(kind):
    missing = set(REQUIRED[kind]) - set(KB[kind])
    assert not missing, f"no {kind} page for: {sorted(missing)}"


@pytest.mark.parametrize("page", PROSE_PAGES)
def test_every_prose_topic_has_a_page(page):
    assert (ROOT / "docs" / page).exists(), f"docs/{page} is missing"


def test_every_graded_relationship_and_page_cites_a_source():
    for kind, entity_id, e in ALL_ENTITIES:
        assert e.sources, f"{kind} {entity_id} cites no source"
        for relation in ("techniques", "benefits"):
            for link in getattr(e, relation, []):
                assert link.sources, f"{kind} {entity_id}: {relation} {link.id} has no source"


def test_no_source_is_defined_and_never_cited():
    prose = "\n".join(p.read_text() for p in (ROOT / "docs").rglob("*.md"))
    unused = [sid for sid, s in KB["source"].items() if sid not in GRAPH.cited_by and s.url not in prose]
    assert not unused, f"sources never cited by any page: {unused}"


def test_every_source_records_how_it_was_checked():
    for source_id, s in KB["source"].items():
        assert s.checked and len(s.checked_how) > 15, f"data/sources/{source_id}.yml: say how it was checked"


@pytest.mark.parametrize("kind, entity_id, e", ALL_ENTITIES, ids=[f"{k}/{i}" for k, i, _ in ALL_ENTITIES])
def test_summary_reads_at_grade_8_or_below(kind, entity_id, e):
    grade = reading_grade(e.summary)
    assert grade <= MAX_SUMMARY_GRADE, f"data/{kind}s/{entity_id}.yml: summary reads at grade {grade}; use shorter sentences and words"


def test_body_text_median_grade_is_9_or_below():
    grades = []
    for kind, entity_id, e in ALL_ENTITIES:
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


def signs_of(condition_id: str) -> str:
    """Every warning sign of a condition, both levels, in lower case."""
    condition = KB["condition"][condition_id]
    return " ".join(sign for _level, block in warning_levels(condition) for sign in block.signs).lower()


def test_headache_red_flags_cover_the_worst_headache_signs():
    signs = signs_of("tension-type-headache") + " " + signs_of("migraine")
    for alternatives in (["sudden"], ["stiff neck"], ["head injury", "hit your head"]):
        assert any(words in signs for words in alternatives), f"headache warning signs lack {alternatives}"


def test_sciatica_red_flags_cover_cauda_equina():
    signs = signs_of("sciatica")
    assert "both legs" in signs and ("bladder" in signs or "pee" in signs)


def built_pages(site: Path):
    for html in sorted(site.rglob("index.html")):
        soup = BeautifulSoup(html.read_text(), "lxml")
        body = soup.select_one("article.md-content__inner")
        if body is not None:
            yield html.relative_to(site).parent.as_posix(), body


def test_no_page_promises_a_cure(built_site):
    offenders = []
    for where, body in built_pages(built_site):
        for quoted in body.select(".claim, .admonition.quote, blockquote, q"):
            quoted.decompose()
        offenders += [f"/{where}/: {sentence[:160]}" for sentence in promises_in(body.get_text(" "))]
    assert not offenders, "promise words outside a quoted claim:\n" + "\n".join(offenders)


def test_certainty_is_shown_in_words_on_every_graded_line(built_site):
    """Beside the badge, or (in the compact bottom-line box) in the box's legend, once per word."""
    for where, body in built_pages(built_site):
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
