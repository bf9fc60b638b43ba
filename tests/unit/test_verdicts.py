"""The verdict readers see is generated from direction and certainty (content standards, section 6)."""

from __future__ import annotations

import pytest

from macros.data.verdicts import in_sentence, subject, third_person, verdict

SWEDISH = subject("Swedish massage", "Swedish massage")
MASSAGE = subject()


@pytest.mark.parametrize("certainty, direction, expected", [
    ("high", "benefit", "Swedish massage eases low back pain."),
    ("moderate", "benefit", "Swedish massage probably eases low back pain."),
    ("low", "benefit", "Swedish massage may ease low back pain."),
    ("very low", "benefit", "We are very unsure whether Swedish massage eases low back pain."),
    ("low", "small-benefit", "Swedish massage may slightly ease low back pain."),
    ("moderate", "no-difference", "Swedish massage probably does little or nothing to ease low back pain."),
    ("low", "no-difference", "Swedish massage may do little or nothing to ease low back pain."),
    ("very low", "no-difference", "We are very unsure whether Swedish massage eases low back pain."),
    ("low", "harm", "Swedish massage may do more harm than good here."),
    ("insufficient", "not-known", "No good trials: we don't know whether Swedish massage eases low back pain."),
    ("not supported", "no-difference",
     "Research does not support this: trials found that Swedish massage does not ease low back pain."),
])
def test_each_grade_and_direction_has_its_plain_statement(certainty, direction, expected):
    assert verdict(SWEDISH, "ease low back pain", certainty, direction) == expected


def test_a_low_grade_that_found_no_effect_does_not_read_like_one_that_helps():
    """The reason for the field: 'low certainty' alone read the same for both."""
    helps = verdict(MASSAGE, "reduce swelling", "low", "benefit")
    no_effect = verdict(MASSAGE, "reduce swelling", "low", "no-difference")
    assert helps != no_effect
    assert "little or nothing" in no_effect and "little or nothing" not in helps


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
    assert MASSAGE.start == "Massage" and MASSAGE.mid == "massage"


def test_an_unknown_direction_is_an_error_not_a_silent_sentence():
    with pytest.raises(ValueError):
        verdict(MASSAGE, "ease pain", "low", "sideways")
