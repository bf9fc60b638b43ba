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

CERTAINTY_WORDS = ("high", "moderate", "low", "very low", "insufficient", "not supported")
Certainty = Literal[CERTAINTY_WORDS]
# Which way the evidence points (content standards, section 6).
DIRECTIONS = ("benefit", "small-benefit", "no-difference", "harm", "not-known")
Direction = Literal[DIRECTIONS]
# What kind of evidence it is; indirect evidence says why it is indirect.
EVIDENCE_KINDS = ("direct", "indirect", "none")
EvidenceKind = Literal[EVIDENCE_KINDS]
INDIRECT_REASONS = ("other-technique", "other-population", "other-condition", "healthy-volunteers",
                    "lab-markers-only")
IndirectReason = Literal[INDIRECT_REASONS]

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


class GradedEvidence(StrictModel):
    """How sure research is about one claim, in one sentence, with its sources."""

    certainty: Certainty = Field(
        description="How sure the research is; when in doubt, grade lower.", examples=["low"])
    finding: MarkdownText = Field(
        description="One plain sentence on what the research found, and how long the effect lasts if known.",
        examples=["Small trials found short-term relief that lasted weeks, not months."])
    sources: list[EntityId] = Field(
        min_length=1, description="Ids of the sources behind the finding.", examples=[["furlan-2015"]])
    direction: Direction = Field(
        description="Which way the evidence points: benefit, small-benefit, no-difference, harm, or "
        "not-known (no usable trials).", examples=["benefit"])
    evidence: EvidenceKind = Field(
        description="direct: trials of this massage for this condition or outcome; indirect: say why in "
        "'indirect'; none: no trials at all.", examples=["direct"])
    indirect: list[IndirectReason] = Field(
        default=[], description="Only with evidence: indirect. Why the evidence is indirect.",
        examples=[["healthy-volunteers"]])
    measured: PlainText | None = Field(
        default=None, description='How long after treatment the effect was measured, completing '
        '"Measured ...", e.g. "right after the course" or "at 6 months".', examples=["at 10 weeks"])
    searched: dt.date = Field(
        description="The day an editor last searched for newer evidence on this (YYYY-MM-DD).",
        examples=["2026-11-30"])


class GradedLink(GradedEvidence):
    """A graded relationship to another entity, written once on one side."""

    id: EntityId = Field(description="The id of the linked entity (its file name without .yml).",
                         examples=["swedish-massage"])


class Section(StrictModel):
    """A part of the page under its own heading."""

    heading: PlainText = Field(description="The section's heading, as a reader's question or topic.",
                               examples=["What is sciatica?"])
    body: MarkdownText = Field(description="Paragraphs or a list; Markdown bold, lists and links allowed.",
                               examples=["Sciatica is pain that runs from your lower back down one leg."])


class WarningLevel(StrictModel):
    """Signs at one level of urgency, with the sources that list them."""

    signs: list[MarkdownText] = Field(min_length=1, description="The signs, one per item.",
                                      examples=[["Pain in both legs", "Numbness around your genitals or bottom"]])
    sources: list[EntityId] = Field(min_length=1, description="Ids of the sources that list these signs.",
                                    examples=[["nhs-cauda-equina"]])


NO_SIGNS = "none"
WARNING_LEVELS = ("emergency", "urgent")


def _none_or_signs(value):
    """`none` says no sign at this level is specific to the condition; a blank is a mistake."""
    if value is None:
        raise ValueError("this field is blank: list the signs under it, or write none")
    return None if value == NO_SIGNS else value


def _written_as_none(schema: dict) -> None:
    """In the JSON Schema editors see, the level is its signs or the word none (never a blank)."""
    schema["anyOf"] = [{"const": NO_SIGNS} if option == {"type": "null"} else option for option in schema["anyOf"]]


# Written as signs, or as the word none (kept as None): one type, so errors name the field itself.
SignsOrNone = Annotated[WarningLevel | None, BeforeValidator(_none_or_signs),
                        Field(json_schema_extra=_written_as_none)]


class WarningSigns(StrictModel):
    """Two levels, as NHS care cards separate them. What to do is said site-wide, in one voice."""

    emergency: SignsOrNone = Field(
        description="Signs that need an ambulance or the emergency department now; "
        "write none if no sign is specific to this condition.",
        examples=[{"signs": ["Sciatica in both legs"], "sources": ["nhs-cauda-equina"]}])
    urgent: SignsOrNone = Field(
        description="Signs that need a doctor today; write none if no sign is specific to this condition.",
        examples=[{"signs": ["Your pain is getting worse quickly"], "sources": ["nhs-sciatica"]}])


def warning_levels(entity) -> list[tuple[str, WarningLevel]]:
    """(level, signs) for each level of a condition's warning signs that lists any."""
    signs = getattr(entity, "warning_signs", None)
    if signs is None:
        return []
    return [(level, getattr(signs, level)) for level in WARNING_LEVELS
            if isinstance(getattr(signs, level), WarningLevel)]


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
    techniques: list[GradedLink] = Field(
        default=[], description="Kinds of massage that may help, each graded. Written only here: "
        "technique pages show the reverse.", examples=[[{"id": "swedish-massage", "certainty": "low", "direction": "small-benefit",
        "evidence": "direct", "measured": "at 10 weeks", "searched": "2026-11-30",
        "finding": "Small trials found short-term relief.", "sources": ["furlan-2015"]}]])
    benefits: list[GradedLink] = Field(
        default=[], description="Claimed benefits that apply to this condition, graded the same way.",
        examples=[[{"id": "pain-relief", "certainty": "low", "direction": "small-benefit",
                    "evidence": "direct", "searched": "2026-11-30",
                    "finding": "Pain eased in the short term in low-quality trials.", "sources": ["furlan-2015"]}]])
    cautions: list[EntityId] = Field(default=[], description="Ids of the cautions that matter most here.",
                                     examples=[["fractures-and-osteoporosis"]])
    outcome: PlainText | None = Field(
        default=None, description='What massage would do, completing "Massage may ..."; '
        'the default is "help with" and the name.', examples=["ease low back pain"])
    mental_health: bool = Field(default=False, description="true adds crisis lines to the emergency advice.",
                                examples=[True])
    warning_signs: WarningSigns = Field(
        description="Signs that need emergency care now, and signs that need a doctor today.",
        examples=[{"emergency": {"signs": ["Pain in both legs"], "sources": ["nhs-cauda-equina"]},
                   "urgent": "none"}])
    see_a_doctor: list[MarkdownText] = Field(default=[], description="Non-urgent reasons to see a doctor.",
                                             examples=[["Your pain lasts more than a few weeks."]])
    questions: list[MarkdownText] = Field(default=[], description="Questions to ask your therapist.",
                                          examples=[["Have you treated people with sciatica before?"]])
    icd10: list[DiagnosisCode] = Field(default=[], description="ICD-10-CM codes, each confirmed against a listing.",
                                       examples=[[{"code": "M26.6", "title": "Temporomandibular joint disorders",
                                                   "confirmed_at": "https://icdlist.com/icd-10/m266"}]])


class Technique(Entity):
    name_in_sentence: PlainText | None = Field(
        default=None, description="The name as written mid-sentence, only when it keeps a capital.",
        examples=["Swedish massage"])
    cautions: list[EntityId] = Field(min_length=1, description="Ids of the cautions that apply.",
                                     examples=[["blood-clots", "bleeding-risk"]])
    benefits: list[GradedLink] = Field(
        default=[], description="Claimed benefits of this kind of massage, each graded.",
        examples=[[{"id": "pain-relief", "certainty": "low", "direction": "small-benefit",
                    "evidence": "direct", "searched": "2026-11-30",
                    "finding": "Pain eased in the short term in low-quality trials.", "sources": ["furlan-2015"]}]])


class Benefit(Entity):
    claim: PlainText = Field(description="The claim as people commonly make it.",
                             examples=["Massage lowers stress hormones."])
    outcome: PlainText = Field(description='What massage would do, completing "Massage may ...".',
                               examples=["lower stress hormones"])
    evidence: GradedEvidence = Field(description="Our verdict on the claim overall.",
                                     examples=[{"certainty": "not supported", "direction": "no-difference",
                                                "evidence": "direct", "searched": "2026-11-30",
                                                "finding": "Massage barely changed cortisol, a stress hormone.",
                                                "sources": ["moyer-2011"]}])


class Caution(Entity):
    action: CautionAction = Field(description="What the reader should do.", examples=["ask-your-doctor-first"])
    what_to_do: MarkdownText = Field(description="Exactly what the reader should do, in plain sentences.",
                                     examples=["Ask your doctor before you book a massage."])
    checklist: PlainText = Field(description='Completes the sentence "Tell your therapist if ...".',
                                 examples=["you have had a blood clot or deep vein thrombosis (DVT)"])
    warning_signs: WarningSigns | None = Field(
        default=None, description="Optional: signs linked to this caution that need emergency care now, and "
        "signs that need a doctor today, shown in the same boxes as a condition's, first after the summary.",
        examples=[{"emergency": {"signs": ["Sharp chest pain that is worse when you breathe in"],
                                 "sources": ["glos-nhs-dvt"]}, "urgent": "none"}])


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

