"""The verdict a reader sees, generated from direction and certainty, never typed by hand.

The wording follows GRADE's informative statements (Santesso et al. 2020): high
"results in", moderate "probably", low "may", very low "we are very unsure".
The content standards (section 6) give the table this module implements.
"""

from __future__ import annotations

from dataclasses import dataclass

MASSAGE = ("Massage", "massage")  # the subject when no single technique was tested


@dataclass(frozen=True)
class Subject:
    """What was tested, as written at the start of a sentence and in the middle of one."""

    start: str
    mid: str


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


def verdict(who: Subject, outcome: str, certainty: str, direction: str) -> str:
    """One plain sentence: which way the evidence points, and how sure anyone is.

    `outcome` is a verb phrase completing "Massage may ...", such as "ease low back pain".
    """
    does = third_person(outcome)
    if direction == "not-known" or certainty == "insufficient":
        return f"No good trials: we don't know whether {who.mid} {does}."
    if certainty == "not supported":
        if direction == "harm":
            return f"Research does not support this: {who.mid} may do more harm than good."
        return f"Research does not support this: trials found that {who.mid} does not {outcome}."
    if certainty == "very low":
        return f"We are very unsure whether {who.mid} {does}."
    modal = {"high": "", "moderate": "probably ", "low": "may "}[certainty]
    if direction == "benefit":
        verb_phrase = outcome if certainty == "low" else does
        return f"{who.start} {modal}{verb_phrase}."
    if direction == "small-benefit":
        verb_phrase = outcome if certainty == "low" else does
        return f"{who.start} {modal}slightly {verb_phrase}."
    if direction == "no-difference":
        return f"{who.start} {modal}{'do' if certainty == 'low' else 'does'} little or nothing to {outcome}."
    if direction == "harm":
        return f"{who.start} {modal}{'do' if certainty == 'low' else 'does'} more harm than good here."
    raise ValueError(f"unknown direction {direction!r}")


def shown_direction(certainty: str, direction: str) -> str:
    """The direction readers are shown: with very low or no usable evidence, nobody knows which way it points."""
    return "not-known" if certainty in ("very low", "insufficient") else direction
