"""The verdict readers see is generated from a finding's direction and certainty, and every form
is the one the table in CONTRIBUTING.md ("Verdict sentences") gives (content standards, section 6)."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from macros.data.evidence_rules import verdict_problems
from macros.data.model import CERTAINTY_WORDS, DIRECTIONS
from macros.data.verdicts import Outcome, in_sentence, shown_direction, subject, third_person, verdict

SUBJECTS = {"massage in general": subject(), "a technique": subject("Swedish massage", "Swedish massage"),
            "a technique written lower-case mid-sentence": subject("Myofascial release")}
# Each outcome with its verbs conjugated by hand (not by the code under test).
OUTCOMES = {
    "pain during labor": (Outcome("ease", "pain during labor"), "ease", "eases", "worsen", "worsens"),
    "blood pressure": (Outcome("lower", "blood pressure", worse="raise"), "lower", "lowers", "raise", "raises"),
}


def the_table() -> dict[tuple[str, str], str]:
    """(certainty, direction) -> the form CONTRIBUTING.md gives, or None where make check refuses it."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8").split("<!-- verdict-table", 1)[1]
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("| certainty"))
    rows = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        rows.append(line)
    header = [cell.strip() for cell in rows[0].strip("|").split("|")]
    table = {}
    for row in rows[2:]:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        for direction, form in zip(header[1:], cells[1:]):
            table[(cells[0], direction)] = None if form == "—" else form
    return table


TABLE = the_table()


def test_the_table_covers_every_certainty_and_direction():
    assert set(TABLE) == {(c, d) for c in CERTAINTY_WORDS for d in DIRECTIONS}


def expected(form: str, who, outcome) -> str:
    _o, verb, verbs, worse, worsens = OUTCOMES[outcome]
    words = {"Who": who.start, "who": who.mid, "verb": verb, "verbs": verbs, "what": outcome,
             "worse": worse, "worsens": worsens}
    return re.sub(r"\{(\w+)\}", lambda m: words[m.group(1)], form)


@pytest.mark.parametrize("outcome", OUTCOMES)
@pytest.mark.parametrize("who", SUBJECTS)
@pytest.mark.parametrize("certainty, direction", sorted(k for k, v in TABLE.items() if v))
def test_every_form_is_the_tables(certainty, direction, who, outcome):
    sentence = verdict(SUBJECTS[who], OUTCOMES[outcome][0], certainty, direction)
    assert sentence == expected(TABLE[(certainty, direction)], SUBJECTS[who], outcome)


@pytest.mark.parametrize("certainty, direction", sorted(k for k, v in TABLE.items() if v is None))
def test_every_dash_in_the_table_is_refused(certainty, direction):
    class Graded:
        evidence, indirect, comparator = "direct", [], "usual-care"
    graded = Graded()
    graded.certainty, graded.direction = certainty, direction
    assert verdict_problems(graded), f"{certainty}, {direction} is a dash in the table but passes the check"


def test_every_sentence_names_its_outcome_harm_and_no_difference_included():
    for certainty in ("high", "moderate", "low", "very low"):
        for direction in ("no-difference", "harm"):
            assert "blood pressure" in verdict(subject(), OUTCOMES["blood pressure"][0], certainty, direction)


def test_a_low_grade_that_found_no_effect_does_not_read_like_one_that_helps():
    """The reason for the field: 'low certainty' alone read the same for both."""
    helps = verdict(subject(), Outcome("reduce", "swelling"), "low", "benefit")
    no_effect = verdict(subject(), Outcome("reduce", "swelling"), "low", "no-difference")
    assert helps != no_effect
    assert "little or no difference" in no_effect and "little or no difference" not in helps


def test_very_low_evidence_of_harm_is_shown_as_harm_and_other_very_low_evidence_as_not_known():
    assert shown_direction("very low", "harm") == "harm"
    assert shown_direction("very low", "benefit") == "not-known"
    assert shown_direction("insufficient", "not-known") == "not-known"
    assert shown_direction("low", "no-difference") == "no-difference"


@pytest.mark.parametrize("phrase, expected", [
    ("ease pain", "eases pain"), ("reduce swelling", "reduces swelling"), ("help you sleep", "helps you sleep"),
    ("soften scars", "softens scars"), ("relax", "relaxes"), ("flush toxins", "flushes toxins"),
    ("carry weight", "carries weight"), ("stay", "stays"),
])
def test_verb_phrases_are_conjugated(phrase, expected):
    assert third_person(phrase) == expected


def test_names_mid_sentence_keep_acronyms_and_chosen_capitals():
    assert in_sentence("Deep tissue massage") == "deep tissue massage"
    assert in_sentence("TMJ dysfunction") == "TMJ dysfunction"
    assert subject("Swedish massage", "Swedish massage").mid == "Swedish massage"
    assert subject().start == "Massage" and subject().mid == "massage"


def test_an_unknown_direction_is_an_error_not_a_silent_sentence():
    with pytest.raises(ValueError):
        verdict(subject(), Outcome("ease", "pain"), "low", "sideways")


# Words a verdict may repeat without reading badly: its own frame and small words.
_FRAME = {"massage", "whether", "very", "unsure", "little", "difference", "make", "makes", "probably",
          "slightly", "trials", "know", "good", "with", "from", "your", "that", "this"}


def repeated_words(sentence: str) -> list[str]:
    """The content words a sentence says twice ("Massage may ease stress in people with stress.")."""
    words = [w for w in re.findall(r"[a-z]+", sentence.lower()) if len(w) >= 4 and w not in _FRAME]
    return sorted({w for w in words if words.count(w) > 1})


def test_the_repetition_check_itself():
    assert repeated_words("Massage may ease stress in people with stress.") == ["stress"]
    assert repeated_words("Massage may ease labor pain.") == []


def test_no_verdict_in_the_guide_says_a_word_twice(graph):
    """The issue's "Massage may ease stress in people with stress": each condition names its people with
    a phrase of its own, and a finding its outcome where the two would repeat."""
    bad = {v.id: v.verdict for v in graph.findings.values() if repeated_words(v.verdict)}
    assert not bad, bad
