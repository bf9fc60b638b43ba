"""The one model of the knowledge base: every field, its type, and its rules.

Validation, the data reference page and the JSON Schemas are all derived from
these classes, so the rules are written once.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo,
                      field_validator, model_validator)
from pydantic_core import PydanticCustomError

from . import markdown_links, url_schemes
from .plain_text import one_line

CERTAINTY_WORDS = ("high", "moderate", "low", "very low", "insufficient")
Certainty = Literal[CERTAINTY_WORDS]
# Retired certainty words, and what a finding says instead (the model refuses them with this advice).
RETIRED_CERTAINTY = {
    "not supported": "'not supported' is no longer a certainty: write how sure the studies that found no "
                     "effect are (e.g. certainty: low) with direction: no-difference; a claim with no basis "
                     "at all is certainty: insufficient",
}
# Which way the evidence points (content standards, section 6).
DIRECTIONS = ("benefit", "small-benefit", "no-difference", "harm", "not-known")
Direction = Literal[DIRECTIONS]
# What kind of evidence it is; indirect evidence says why it is indirect.
EVIDENCE_KINDS = ("direct", "indirect", "none")
EvidenceKind = Literal[EVIDENCE_KINDS]
INDIRECT_REASONS = ("other-technique", "other-population", "other-condition", "healthy-volunteers",
                    "lab-markers-only")
IndirectReason = Literal[INDIRECT_REASONS]
# What massage was compared with (content standards, section 6).
COMPARATORS = ("usual-care", "sham", "active", "mixed", "not-reported")
Comparator = Literal[COMPARATORS]
# A finding's intervention is a technique, or massage in general; its population a condition or a named group.
GENERAL_MASSAGE = "massage"
POPULATION_GROUPS = ("adults", "healthy-adults")
# The two levels of a red flag, as NHS care cards separate them.
WARNING_LEVELS = ("emergency", "urgent")
WarningLevelName = Literal[WARNING_LEVELS]

BODY_AREAS = (
    "back",
    "neck-and-shoulders",
    "head-and-jaw",
    "arms-and-hands",
    "muscles-and-joints",
    "skin-and-scars",
    "mind-and-sleep",
    "heart-and-lungs",
    "legs-and-feet",
    "pregnancy-and-birth",
    "whole-body",
)
BodyArea = Literal[BODY_AREAS]
CAUTION_ACTIONS = ("do-not-book", "ask-your-doctor-first", "avoid-the-area", "tell-your-therapist")
CautionAction = Literal[CAUTION_ACTIONS]
SOURCE_TYPES = ("systematic-review", "guideline", "government", "medical-centre", "trial", "review", "other")
SourceType = Literal[SOURCE_TYPES]
REUSE_TERMS = ("public-domain", "copyrighted", "open-access")
Reuse = Literal[REUSE_TERMS]
STATUSES = ("published", "draft")
Status = Literal[STATUSES]

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

# Text from a pull request is untrusted: MkDocs' templates and Python-Markdown
# escape nothing, so markup must never reach them from the data.


def _check_no_markup(text: str) -> str:
    if "<" in text:
        raise ValueError("HTML is not allowed here: remove the '<' character (write 'less than' instead)")
    if "{" in text or "}" in text:
        raise ValueError(
            "curly braces '{' and '}' are not allowed: they can run template code or add HTML attributes"
        )
    scheme = url_schemes.script_scheme_in_text(text)
    if scheme:
        raise ValueError(f"'{scheme}:' is not allowed in text")
    return text


def _check_markdown(text: str) -> str:
    _check_no_markup(text)
    markdown_links.check_markdown(text)  # on the parsed Markdown, so no syntax can hide a link or a heading
    return text.strip()


def _check_plain(text: str) -> str:
    _check_no_markup(text)
    for char in "[]*#`|":
        if char in text:
            raise ValueError(f"the character '{char}' is not allowed in a name or heading")
    text = one_line(text)
    if not text:
        raise ValueError("must not be empty")
    return text


def _check_https(url: str) -> str:
    if not re.match(r"^https://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(/[^\s\"'<>{}\\]*)?$", url):
        raise ValueError(f"'{url}' is not a valid https:// address (only https links are allowed)")
    return url


# "Today" is decided once, by whoever loads the data (knowledge_base passes it as
# validation context), so one run judges every date against the same day and tests
# can fix it. Validating a model alone falls back to the computer's date.
MAX_REVIEW_YEARS = 3


def _today(info: ValidationInfo) -> dt.date:
    return (info.context or {}).get("today") or dt.date.today()


def _impossible(message: str) -> PydanticCustomError:
    """An error that names a date that cannot be true; reported at the field it was raised for."""
    return PydanticCustomError("impossible_date", message.replace("{", "(").replace("}", ")"))


def _years_after(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _not_in_the_future(value: dt.date, info: ValidationInfo, what: str) -> dt.date:
    if value > _today(info):
        raise _impossible(f"{value} is in the future: write {what}")
    return value


def _no_later_than_today(field: str, what: str):
    """A model's validator: the date in `field` is not in the future; the message says to write `what`."""
    def check(cls, value: dt.date, info: ValidationInfo) -> dt.date:
        return _not_in_the_future(value, info, what)

    return field_validator(field)(classmethod(check))


# Dates are written as days, YYYY-MM-DD (the loader keeps them as text), in the years this
# guide can be about: a number is not a date (YAML would read `0` as 1 January 1970), nor is a
# date and time, nor year 1. Each field's own rule (not in the future, a review within three
# years) still applies; this one stops what no field could mean.
EARLIEST_YEAR = 1990
LATEST_YEARS_AHEAD = 10  # a guideline's current_until may be years ahead; nothing is further
_WRITTEN_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _is_date_field(annotation) -> bool:
    return annotation is dt.date or dt.date in getattr(annotation, "__args__", ())


def _written_as_a_day(value, info: ValidationInfo):
    """A date field's value as written: a day, YYYY-MM-DD, in a plausible year; else an impossible_date."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        day = value
    elif isinstance(value, str) and _WRITTEN_DAY.match(value.strip()):
        try:
            day = dt.date.fromisoformat(value.strip())
        except ValueError:
            return value  # 2026-02-30: the date type says it is not a real date
    elif isinstance(value, str) and _WRITTEN_DAY.match(value.strip()[:10]):
        raise _impossible(f"'{value}' is a date and time: write the day alone, as YYYY-MM-DD, e.g. 2026-11-27")
    else:
        shown = value if isinstance(value, str) else repr(value)
        raise _impossible(f"{shown} is not a date: write it as YYYY-MM-DD, e.g. 2026-11-27")
    latest = _years_after(_today(info), LATEST_YEARS_AHEAD)
    if day.year < EARLIEST_YEAR or day > latest:
        raise _impossible(f"{day} is not a plausible date: the dates in this guide fall between {EARLIEST_YEAR} "
                          f"and {latest.year}; check the year")
    return value


PlainText = Annotated[str, AfterValidator(_check_plain)]
MarkdownText = Annotated[str, Field(min_length=1), AfterValidator(_check_markdown)]
HttpsUrl = Annotated[str, AfterValidator(_check_https)]
DOI_PATTERN = r"^10\.\d{4,9}/\S+$"
PMID_PATTERN = r"^[1-9]\d{0,8}$"
# An ICD-10-CM code or code prefix as printed: a letter, two characters, then an optional dot and 1-4 more.
ICD10_PATTERN = r"^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$"
# What a value that does not match each pattern is told, after the value itself.
PATTERN_MEANINGS = {
    ID_PATTERN: "is not an id: use lowercase letters, digits and hyphens",
    DOI_PATTERN: "is not a DOI: a DOI starts with 10. and a slash, e.g. 10.1002/14651858.CD001929.pub3",
    PMID_PATTERN: 'is not a PMID: PMIDs are digits only, e.g. "25994425"',
    ICD10_PATTERN: "is not an ICD-10-CM code: write it as printed in the code list, e.g. M54.3 "
                   "(a capital letter, two characters, then a dot and up to four more)",
}
EntityId = Annotated[str, Field(pattern=ID_PATTERN)]
Doi = Annotated[str, Field(pattern=DOI_PATTERN)]
Pmid = Annotated[str, Field(pattern=PMID_PATTERN)]
Icd10 = Annotated[str, Field(pattern=ICD10_PATTERN)]


class StrictModel(BaseModel):
    """Unknown keys are errors: a typo must never pass silently."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

    @field_validator("*", mode="before")
    @classmethod
    def _dates_are_days(cls, value, info: ValidationInfo):
        # Every date field of every model, present and future, without a type on each.
        if value is None or not _is_date_field(cls.model_fields[info.field_name].annotation):
            return value
        return _written_as_a_day(value, info)


def _certainty_word(value):
    """Read a certainty word, refusing a retired one with what to write instead."""
    if isinstance(value, str) and value in RETIRED_CERTAINTY:
        raise ValueError(RETIRED_CERTAINTY[value])
    return value


class Effect(StrictModel):
    """The effect as the source reports it, with its 95 % confidence interval where given."""

    measure: PlainText = Field(
        description="The measure as the source names it, e.g. SMD (standardized mean difference), "
        "mean difference on a 0-10 pain scale, risk ratio, or % reduction in arm volume.",
        examples=["SMD"])
    value: float = Field(description="The effect, as printed in the source.", examples=[-0.82])
    ci_low: float | None = Field(default=None, description="The lower end of the 95 % confidence interval.",
                                 examples=[-1.17])
    ci_high: float | None = Field(default=None, description="The upper end of the 95 % confidence interval.",
                                  examples=[-0.47])

    @model_validator(mode="after")
    def _interval_around_the_value(self):
        if (self.ci_low is None) != (self.ci_high is None):
            raise PydanticCustomError("effect_interval", "give both ends of the interval (ci_low and ci_high), "
                                      "or neither")
        if self.ci_low is not None and not self.ci_low <= self.value <= self.ci_high:
            raise PydanticCustomError("effect_interval", "the value must lie between ci_low and ci_high: "
                                      "check the numbers against the source")
        return self


class Finding(StrictModel):
    """One body of evidence: what was tested, in whom, on what, against what, and how sure it is.

    It is written once, in data/findings/<id>.yml, and every page, list, map, handout and
    API record that shows a grade shows this record (content standards, section 6)."""

    intervention: EntityId = Field(
        description="The technique tested (a technique id), or massage for massage in general "
        "(the trials used several kinds).", examples=["swedish-massage"])
    population: EntityId = Field(
        description="Who was studied: a condition id, or a named group: " + ", ".join(POPULATION_GROUPS) + ".",
        examples=["low-back-pain"])
    outcome: EntityId = Field(description="What it would change: a claimed benefit's id.", examples=["pain-relief"])
    outcome_phrase: PlainText | None = Field(
        default=None, description="The outcome in the verdict's words, when the benefit's outcome and the "
        "condition's phrase do not read well together, e.g. low back pain, or pain in the first stage of labor.",
        examples=["low back pain"])
    comparator: Comparator | None = Field(
        default=None, description="What massage was compared with: usual-care (no treatment or usual care), "
        "sham (pretend massage or light touch), active (another treatment), mixed, or not-reported. "
        "Needed unless there are no trials (evidence: none).", examples=["usual-care"])
    measured: PlainText | None = Field(
        default=None, description='When the effect was measured, completing "Measured ...", e.g. '
        '"right after the course" or "at 6 months".', examples=["at 10 weeks"])
    studies: int | None = Field(default=None, ge=1, le=10_000, description="How many studies, where the source says.",
                                examples=[4])
    participants: int | None = Field(default=None, ge=1, le=10_000_000,
                                     description="How many people took part, where the source says.", examples=[225])
    effect: Effect | None = Field(default=None, description="The effect as the source reports it, where read.",
                                  examples=[{"measure": "SMD", "value": -0.82, "ci_low": -1.17, "ci_high": -0.47}])
    certainty: Annotated[Certainty, BeforeValidator(_certainty_word)] = Field(
        description="How sure the research is; when in doubt, grade lower.", examples=["low"])
    direction: Direction = Field(
        description="Which way the evidence points: benefit, small-benefit, no-difference, harm, or "
        "not-known (no usable trials).", examples=["benefit"])
    evidence: EvidenceKind = Field(
        description="direct: trials of this massage in these people on this outcome; indirect: say why in "
        "'indirect'; none: no trials at all.", examples=["direct"])
    indirect: list[IndirectReason] = Field(
        default=[], description="Only with evidence: indirect. Why the evidence is indirect.",
        examples=[["healthy-volunteers"]])
    finding: MarkdownText = Field(
        description="One or two plain sentences on what the research found, and how long the effect lasted.",
        examples=["Small trials found short-term relief that lasted weeks, not months."])
    sources: list[EntityId] = Field(
        min_length=1, description="Ids of the sources behind the finding.", examples=[["furlan-2015"]])
    searched: dt.date = Field(
        description="The day an editor last searched for newer evidence on this (YYYY-MM-DD).",
        examples=["2026-11-30"])
    changes: list["ChangeNote"] = Field(default=[], description="Notes for the What's new page, one per change.",
                                        examples=[[{"date": "2026-12-07",
                                                    "note": "Now says what massage was compared with."}]])


class Section(StrictModel):
    """A part of the page under its own heading."""

    heading: PlainText = Field(description="The section's heading, as a reader's question or topic.",
                               examples=["What is sciatica?"])
    body: MarkdownText = Field(description="Paragraphs or a list; Markdown bold, lists and links allowed.",
                               examples=["Sciatica is pain that runs from your lower back down one leg."])


class LevelAction(StrictModel):
    """What to do at one level, where the site-wide advice does not fit the place."""

    heading: PlainText = Field(description="The box's heading.",
                               examples=["Urgent: call your labor and delivery unit now"])
    action: MarkdownText = Field(description="What to do, in one or two sentences.",
                                 examples=["Call your labor and delivery unit now, day or night."])


class RedFlag(StrictModel):
    """A warning sign (or a group of signs of one problem) that needs care at one level of urgency.

    Written once, in data/red-flags/<id>.yml, and named by id on every condition and caution
    page it belongs on (content standards, section 7)."""

    name: PlainText = Field(description="What the signs may mean, in plain words.",
                            examples=["Pressure on the nerves at the bottom of the spine (cauda equina syndrome)"])
    level: WarningLevelName = Field(
        description="emergency: call an ambulance or go to the emergency department now; "
        "urgent: see a doctor today.", examples=["emergency"])
    signs: list[MarkdownText] = Field(min_length=1, description="The signs, one per item.",
                                      examples=[["Pain in both legs", "Numbness around your genitals or bottom"]])
    sources: list[EntityId] = Field(min_length=1, description="Ids of the sources that list these signs at this level.",
                                    examples=[["nhs-cauda-equina"]])
    action: LevelAction | None = Field(
        default=None, description="Only where the site-wide advice for the level does not fit these signs on any "
        "page, e.g. fever during cancer treatment: call your cancer team's 24-hour line now. It comes before a "
        "page's own action for the level.",
        examples=[{"heading": "Emergency: call your cancer team now",
                   "action": "Call your cancer team's 24-hour line now. If you cannot reach them, go to the "
                             "emergency department."}])


class LevelActions(StrictModel):
    """Actions that replace the site-wide advice at a level, for this page only."""

    emergency: LevelAction | None = Field(
        default=None, description="What to do about this page's emergency signs, instead of the site-wide advice.",
        examples=[{"heading": "Emergency: call your cancer team now",
                   "action": "Call your cancer team's 24-hour line now. If you cannot reach them, go to the "
                             "emergency department."}])
    urgent: LevelAction | None = Field(
        default=None, description="What to do about this page's urgent signs, instead of the site-wide advice.",
        examples=[{"heading": "Urgent: call your labor and delivery unit now",
                   "action": "Call your labor and delivery unit now, day or night."}])


NO_SIGNS = "none"


def _none_or_ids(value):
    """`none` says no red flag is specific to the page; a blank or an empty list is a mistake."""
    if value is None or value == []:
        raise ValueError("this field is blank: list the red flags' ids, or write none if no warning sign is "
                         "specific to this page")
    return [] if value == NO_SIGNS else value


def _written_as_none(schema: dict) -> None:
    """In the JSON Schema editors see, the list of ids or the word none."""
    schema.pop("anyOf", None)
    items = schema.pop("items", {"type": "string"})
    schema["anyOf"] = [{"type": "array", "items": items}, {"const": NO_SIGNS}]
    schema.pop("type", None)


# A list of red flag ids, or the word none (kept as []): one type, so errors name the field itself.
RedFlagIds = Annotated[list[EntityId], BeforeValidator(_none_or_ids), Field(json_schema_extra=_written_as_none)]


class DiagnosisCode(StrictModel):
    """An ICD-10-CM code (or prefix) that leads to a condition page."""

    code: Icd10 = Field(description="As printed, e.g. M54.3; every code under it leads here too.",
                        examples=["M54.3"])
    title: PlainText = Field(description="The code's official ICD-10-CM title.", examples=["Sciatica"])
    confirmed_at: HttpsUrl = Field(description="The ICD-10-CM listing where the code and title were read.",
                                   examples=["https://icd.codes/icd10cm/S134"])


class ChangeNote(StrictModel):
    """One line on the What's new page: what changed on the page, and when."""

    date: dt.date = Field(description="The day the change was made (YYYY-MM-DD), not in the future.",
                          examples=["2026-11-27"])
    note: MarkdownText = Field(description="What changed, in one short sentence for readers.",
                               examples=["Added the warning signs that need urgent care."])

    _date_not_in_the_future = _no_later_than_today("date", "the day the change was made")


class Entity(StrictModel):
    """Fields every page-bearing entity has."""

    name: PlainText = Field(description="The page's title, in the words readers use.", examples=["Sciatica"])
    also_called: list[PlainText] = Field(default=[], description="Other names readers may search for.",
                                         examples=[["lumbar radiculopathy"]])
    search_terms: list[PlainText] = Field(
        default=[], description="Symptoms and everyday words readers may type to find this page "
        "(not shown on the page; the site search uses them with also_called).",
        examples=[["pain down my leg", "shooting pain in the buttock"]])
    summary: MarkdownText = Field(description="One plain-language paragraph, grade 8 or below.",
                                  examples=["Sciatica is pain that runs from your lower back down one leg."])
    sections: list[Section] = Field(default=[], description="More sections of the page, in the reader's words.",
                                    examples=[[{"heading": "What is sciatica?",
                                                "body": "Sciatica is pain along the sciatic nerve."}]])
    sources: list[EntityId] = Field(min_length=1, description="Sources behind the page's general facts.",
                                    examples=[["nccih-massage"]])
    last_reviewed: dt.date = Field(description="When an editor last checked the page against its sources; "
                                   "not in the future.", examples=["2026-11-27"])
    next_review: dt.date = Field(description="When the page is due for its next review; after last_reviewed, "
                                 "usually a year later.", examples=["2027-11-27"])
    reviewed_by: EntityId | None = Field(
        default=None, description="The id of a clinical reviewer in data/reviewers.yml who reviewed this page. "
        "Leave it out until a clinician has reviewed the page.", examples=["jane-doe"])
    status: Status = Field(default="published", description="draft keeps the page off the site while you "
                           "work on it; published (the default) puts it on the site.", examples=["draft"])
    changes: list[ChangeNote] = Field(default=[], description="Notes for the What's new page, one per change.",
                                      examples=[[{"date": "2026-11-27",
                                                  "note": "Added the warning signs that need urgent care."}]])

    _last_reviewed_not_in_the_future = _no_later_than_today("last_reviewed", "the day the page was last reviewed")

    @field_validator("next_review")
    @classmethod
    def _next_review_after_last_reviewed(cls, value: dt.date, info: ValidationInfo) -> dt.date:
        # Reported at next_review, the later date: last_reviewed is declared first, so it is in info.data.
        last = info.data.get("last_reviewed")
        if last is not None and value <= last:
            raise _impossible(f"{value} must come after last_reviewed {last}")
        if value > _years_after(_today(info), MAX_REVIEW_YEARS):
            raise _impossible(f"{value} is more than {MAX_REVIEW_YEARS} years from today: review the page "
                              "sooner (a year after last_reviewed is usual)")
        return value


class Condition(Entity):
    body_area: BodyArea = Field(description="Where the condition is listed on the body-area page.",
                                examples=["back"])
    population_phrase: PlainText = Field(
        description='How a verdict names people with this condition after its outcome, e.g. "during labor", '
        '"after surgery", "with cancer", "in fibromyalgia": "Massage may ease pain during labor."',
        examples=["during labor"])
    related_findings: list[EntityId] = Field(
        default=[], description="Findings about other groups of people that readers of this page should see, "
        "e.g. what massage does to stress hormones in adults in general. The page's own findings (population: "
        "this condition) are shown without being listed.", examples=[["adults-massage-lower-stress-hormones"]])
    cautions: list[EntityId] = Field(default=[], description="Ids of the cautions that matter most here.",
                                     examples=[["fractures-and-osteoporosis"]])
    mental_health: bool = Field(default=False, description="true adds crisis lines to the emergency advice.",
                                examples=[True])
    red_flags: RedFlagIds = Field(
        description="Ids of the red flags (data/red-flags/) that belong on this page, or none if no warning sign "
        "is specific to the condition.", examples=[["cauda-equina-syndrome"]])
    actions: LevelActions | None = Field(
        default=None, description="Only where the site-wide advice does not fit the place: what to do "
        "at a level instead, e.g. in labor, call the labor and delivery unit.",
        examples=[{"urgent": {"heading": "Urgent: call your labor and delivery unit now",
                              "action": "Call your labor and delivery unit now, day or night."}}])
    see_a_doctor: list[MarkdownText] = Field(default=[], description="Non-urgent reasons to see a doctor.",
                                             examples=[["Your pain lasts more than a few weeks."]])
    questions: list[MarkdownText] = Field(default=[], description="Questions to ask your therapist.",
                                          examples=[["Have you treated people with sciatica before?"]])
    icd10: list[DiagnosisCode] = Field(default=[], description="ICD-10-CM codes, each confirmed against a listing.",
                                       examples=[[{"code": "M26.6", "title": "Temporomandibular joint disorders",
                                                   "confirmed_at": "https://www.cdc.gov/nchs/icd/icd-10-cm/files.html"}]])


class Technique(Entity):
    name_in_sentence: PlainText | None = Field(
        default=None, description="The name as written mid-sentence, only when it keeps a capital.",
        examples=["Swedish massage"])
    cautions: list[EntityId] = Field(min_length=1, description="Ids of the cautions that apply.",
                                     examples=[["blood-clots", "bleeding-risk"]])


class Benefit(Entity):
    claim: PlainText = Field(description="The claim as people commonly make it.",
                             examples=["Massage lowers stress hormones."])
    verb: PlainText = Field(description='What massage would do to the outcome, as one verb: "ease", "improve", '
                            '"lower".', examples=["lower"])
    outcome: PlainText = Field(description='What would change, completing "Massage may <verb> ...".',
                               examples=["stress hormones such as cortisol"])
    worse: PlainText = Field(default="worsen", description='The verb for harm, completing "Massage may ... '
                             '<outcome>", when "worsen" does not fit.', examples=["raise"])
    claim_finding: EntityId = Field(
        description="The finding (data/findings/) that answers the claim overall: the verdict shown with the claim.",
        examples=["adults-massage-lower-stress-hormones"])


class Caution(Entity):
    action: CautionAction = Field(description="What the reader should do.", examples=["ask-your-doctor-first"])
    what_to_do: MarkdownText = Field(description="Exactly what the reader should do, in plain sentences.",
                                     examples=["Ask your doctor before you book a massage."])
    checklist: PlainText = Field(description='Completes the sentence "Tell your therapist if ...".',
                                 examples=["you have had a blood clot or deep vein thrombosis (DVT)"])
    red_flags: list[EntityId] = Field(
        default=[], description="Optional: ids of red flags linked to this caution, shown in the same boxes as a "
        "condition's, first after the summary.", examples=[["clot-in-the-lung", "clot-in-a-leg-or-arm"]])
    actions: LevelActions | None = Field(default=None, description="As for a condition: a level's own action.",
                                         examples=[{"emergency": {"heading": "Emergency: get help now",
                                                                  "action": "Call 911 now."}}])


class Reviewer(StrictModel):
    """A clinician who reviews pages. Listed only with their consent and real credentials."""

    name: PlainText = Field(description="Full name as registered.", examples=["Jane Doe"])
    credentials: PlainText = Field(description="Qualifications, e.g. MD, PT, LMT.", examples=["PT, DPT"])
    registration: PlainText = Field(description="Licensing body and number, so readers can check it.",
                                    examples=["State board of physical therapy, license 12345"])
    conflicts: PlainText = Field(description="Ties to anyone who sells massage; write none if none.", examples=["none"])


class Source(StrictModel):
    """A publication the pages cite, confirmed against its own text."""

    title: PlainText = Field(description="The exact title as published.",
                             examples=["Effect of massage therapy on sleep quality in critically ill patients: "
                                       "A systematic review and meta-analysis"])
    publisher: PlainText = Field(description="The journal or organisation.", examples=["Journal of Clinical Nursing"])
    authors: PlainText | None = Field(default=None, description="As printed; may end et al. Only if confirmed.",
                                      examples=["Fang CS, Chang SL, Fang CJ, Chou FH"])
    year: int | None = Field(default=None, ge=1900, le=2100, description="Year of publication, only if confirmed.",
                             examples=[2023])
    type: SourceType = Field(description="What kind of source it is.", examples=["systematic-review"])
    url: HttpsUrl = Field(description="The https page you read, or a doi.org link.",
                          examples=["https://pubmed.ncbi.nlm.nih.gov/36823692/"])
    doi: Doi | None = Field(default=None, description="Only if you saw it in the source's own text.",
                            examples=["10.1111/jocn.16660"])
    pmid: Pmid | None = Field(default=None, description="PubMed id in quotes, only if you saw it in the source.",
                              examples=["36823692"])
    finding: MarkdownText = Field(description="What it says or found, in plain words, 1-3 sentences.",
                                  examples=["Massage, mostly foot massage, improved how well people in intensive "
                                            "care said they slept. The certainty was low."])
    reuse: Reuse = Field(description="Whether its text may be adapted (public-domain) or only paraphrased.",
                         examples=["copyrighted"])
    funding: PlainText | None = Field(default=None, description="Who paid for the study, as it says.",
                                      examples=["Funded by the Massage Envy Foundation"])
    conflicts: PlainText | None = Field(
        default=None, description="Authors' ties to a company that sells massage, as the paper states them.",
        examples=["One author owns a massage school"])
    correction: HttpsUrl | None = Field(default=None, description="The address of a published correction.",
                                        examples=["https://doi.org/10.1000/xyz-correction"])
    retracted: HttpsUrl | None = Field(
        default=None, description="The address of the retraction notice; a retracted source backs no finding.",
        examples=["https://doi.org/10.1000/xyz-retraction"])
    current_until: dt.date | None = Field(
        default=None, description="For a guideline: the date its publisher says it expires. After it, "
        "the guideline is history and backs no finding.", examples=["2022-04-04"])
    checked: dt.date = Field(description="When the source was confirmed against its own text.",
                             examples=["2026-11-27"])
    checked_how: PlainText = Field(description="How it was confirmed: what you read, and what you checked.",
                                   examples=["Read the PubMed record at the address above: title, journal, "
                                             "year, DOI and abstract."])

    _checked_not_in_the_future = _no_later_than_today("checked", "the day you checked the source")

    @field_validator("year")
    @classmethod
    def _year_not_after_this_year(cls, value: int | None, info: ValidationInfo) -> int | None:
        if value is not None and value > _today(info).year:
            raise _impossible(f"{value} is after this year: write the year it was published, or leave it out")
        return value


Finding.model_rebuild()  # its change notes are declared further down


def level_action(entity, level: str):
    """A page's own action for a level, if it sets one."""
    actions = getattr(entity, "actions", None)
    return getattr(actions, level) if actions is not None else None


def red_flag_ids(entity) -> list[str]:
    """The red flags a condition or caution names (none for other kinds)."""
    return list(getattr(entity, "red_flags", None) or [])
