"""The verdict a reader sees, generated from a finding's direction and certainty, never typed by hand.

The wording follows GRADE's informative statements (Santesso et al. 2020): high
"results in", moderate "probably", low "may", very low "we are very unsure". Every
sentence names its outcome, including "little or no difference" and harm. The forms
are in the table of reader words (words/<language>.yml, `verdict`); CONTRIBUTING.md
("Verdict sentences") shows them, and the tests check each sentence against it.
"""

from __future__ import annotations

from dataclasses import dataclass

from .reader_words import words


def _forms() -> dict:
    return words()["verdict"]


@dataclass(frozen=True)
class Subject:
    """What was tested, as written at the start of a sentence and in the middle of one."""

    start: str
    mid: str


@dataclass(frozen=True)
class Outcome:
    """What would change: "ease" + "pain during labor"; `worse` is the verb for harm."""

    verb: str
    what: str
    worse: str = "worsen"


def in_sentence(name: str) -> str:
    """A name as written mid-sentence: lower-case first letter, unless it starts an acronym (TMJ)."""
    if len(name) > 1 and name[1].isupper():
        return name
    return name[:1].lower() + name[1:]


def subject(name: str | None = None, name_in_sentence: str | None = None) -> Subject:
    """What was tested; with no name, massage in general (the trials tested several kinds)."""
    if name is None:
        return Subject(*_forms()["subject_in_general"])
    return Subject(name, name_in_sentence or in_sentence(name))


def third_person(phrase: str) -> str:
    """'ease pain' -> 'eases pain': the first word of a verb phrase, conjugated for it/she/he."""
    verb, _, rest = phrase.partition(" ")
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        verb += "es"
    elif verb.endswith("y") and len(verb) > 1 and verb[-2] not in "aeiou":
        verb = verb[:-1] + "ies"
    else:
        verb += "s"
    return f"{verb} {rest}" if rest else verb


def verdict(who: Subject, outcome: Outcome, certainty: str, direction: str) -> str:
    """One plain sentence: which way the evidence points, how sure anyone is, and about what."""
    forms = _forms()
    if direction == "not-known" or certainty == "insufficient":
        form = forms["not_known"]
    elif certainty == "very low":
        form = forms["very_low_harm" if direction == "harm" else "very_low"]
    elif certainty in forms and direction in forms[certainty]:
        form = forms[certainty][direction]
    else:
        raise ValueError(f"no verdict for certainty {certainty!r} and direction {direction!r}")
    return form.format(Who=who.start, who=who.mid, verb=outcome.verb, verbs=third_person(outcome.verb),
                       what=outcome.what, worse=outcome.worse, worsens=third_person(outcome.worse))


def shown_direction(certainty: str, direction: str) -> str:
    """The direction readers are shown: with no usable evidence, or very weak evidence that does not
    point to harm, nobody knows which way it points; very weak evidence of harm is still shown as harm."""
    if certainty == "insufficient" or (certainty == "very low" and direction != "harm"):
        return "not-known"
    return direction
