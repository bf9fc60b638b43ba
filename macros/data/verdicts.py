"""The verdict a reader sees, generated from a finding's direction and certainty, never typed by hand.

The wording follows GRADE's informative statements (Santesso et al. 2020): high
"results in", moderate "probably", low "may", very low "we are very unsure". Every
sentence names its outcome, including "little or no difference" and harm. The table
of every form is in CONTRIBUTING.md ("Verdict sentences"), and the tests check each
sentence this module writes against that table.
"""

from __future__ import annotations

from dataclasses import dataclass

MASSAGE = ("Massage", "massage")  # the subject when no single technique was tested


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
    if name is None:
        return Subject(*MASSAGE)
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


_MODAL = {"high": "", "moderate": "probably ", "low": "may "}


def verdict(who: Subject, outcome: Outcome, certainty: str, direction: str) -> str:
    """One plain sentence: which way the evidence points, how sure anyone is, and about what."""
    does = f"{third_person(outcome.verb)} {outcome.what}"
    if direction == "not-known" or certainty == "insufficient":
        return f"No good trials: we don't know whether {who.mid} {does}."
    if certainty == "very low":
        if direction == "harm":
            return f"We are very unsure, but {who.mid} may {outcome.worse} {outcome.what}."
        return f"We are very unsure whether {who.mid} {does}."
    modal = _MODAL[certainty]
    # "may ease" (bare verb after may); "eases", "probably eases" (conjugated).
    verb = (lambda v: v) if certainty == "low" else third_person
    if direction == "benefit":
        return f"{who.start} {modal}{verb(outcome.verb)} {outcome.what}."
    if direction == "small-benefit":
        return f"{who.start} {modal}slightly {verb(outcome.verb)} {outcome.what}."
    if direction == "no-difference":
        return f"{who.start} {modal}{verb('make')} little or no difference to {outcome.what}."
    if direction == "harm":
        return f"{who.start} {modal}{verb(outcome.worse)} {outcome.what}."
    raise ValueError(f"unknown direction {direction!r}")


def shown_direction(certainty: str, direction: str) -> str:
    """The direction readers are shown: with no usable evidence, or very weak evidence that does not
    point to harm, nobody knows which way it points; very weak evidence of harm is still shown as harm."""
    if certainty == "insufficient" or (certainty == "very low" and direction != "harm"):
        return "not-known"
    return direction
