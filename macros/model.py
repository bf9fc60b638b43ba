"""The one model of the knowledge base: every field, its type, and its rules.

Validation, the data reference page and the JSON Schemas are all derived from
these classes, so the rules are written once.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

CERTAINTY_WORDS = ("high", "moderate", "low", "very low", "insufficient", "not supported")
Certainty = Literal["high", "moderate", "low", "very low", "insufficient", "not supported"]

BODY_AREAS = (
    "back",
    "neck-and-shoulders",
    "head-and-jaw",
    "arms-and-hands",
    "muscles-and-joints",
    "skin-and-scars",
    "mind-and-sleep",
    "heart-and-lungs",
)
BodyArea = Literal[
    "back",
    "neck-and-shoulders",
    "head-and-jaw",
    "arms-and-hands",
    "muscles-and-joints",
    "skin-and-scars",
    "mind-and-sleep",
    "heart-and-lungs",
]
CautionAction = Literal["do-not-book", "ask-your-doctor-first", "avoid-the-area", "tell-your-therapist"]
SourceType = Literal[
    "systematic-review", "guideline", "government", "medical-centre", "trial", "review", "other"
]
Reuse = Literal["public-domain", "copyrighted", "open-access"]
Status = Literal["published", "draft"]

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

# Text from a pull request is untrusted: MkDocs' templates and Python-Markdown
# escape nothing, so markup must never reach them from the data.
_SCRIPT_SCHEME = re.compile(r"(?i)\b(java|vb)script\s*:")
_MARKDOWN_LINK = re.compile(r"\]\(\s*([^)\s]*)")
_REFERENCE_LINK = re.compile(r"(?m)^\s*\[[^\]]+\]:\s*(\S+)")
_SAFE_LINK = re.compile(r"^(https://[^\s\"'<>{}]+|/[a-z0-9/-]+\.md(#[a-z0-9-]+)?)$")


def _check_no_markup(text: str) -> str:
    if "<" in text:
        raise ValueError("HTML is not allowed here: remove the '<' character (write 'less than' instead)")
    if "{" in text or "}" in text:
        raise ValueError(
            "curly braces '{' and '}' are not allowed: they can run template code or add HTML attributes"
        )
    if _SCRIPT_SCHEME.search(text):
        raise ValueError("'javascript:' is not allowed in text")
    return text


def _check_markdown(text: str) -> str:
    _check_no_markup(text)
    for target in _MARKDOWN_LINK.findall(text) + _REFERENCE_LINK.findall(text):
        if not _SAFE_LINK.match(target):
            raise ValueError(
                f"link target '{target}' is not allowed: link to an https:// address "
                "or to a page of this site such as /conditions/sciatica.md"
            )
    return text.strip()


def _check_plain(text: str) -> str:
    _check_no_markup(text)
    for char in "[]*#`|":
        if char in text:
            raise ValueError(f"the character '{char}' is not allowed in a name or heading")
    text = " ".join(text.split())
    if not text:
        raise ValueError("must not be empty")
    return text


def _check_https(url: str) -> str:
    if not re.match(r"^https://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(/[^\s\"'<>{}\\]*)?$", url):
        raise ValueError(f"'{url}' is not a valid https:// address (only https links are allowed)")
    return url


PlainText = Annotated[str, AfterValidator(_check_plain)]
MarkdownText = Annotated[str, Field(min_length=1), AfterValidator(_check_markdown)]
HttpsUrl = Annotated[str, AfterValidator(_check_https)]
EntityId = Annotated[str, Field(pattern=ID_PATTERN)]
Doi = Annotated[str, Field(pattern=r"^10\.\d{4,9}/\S+$")]
Pmid = Annotated[str, Field(pattern=r"^[1-9]\d{0,8}$")]
# An ICD-10-CM code or code prefix as printed: a letter, two characters, then an optional dot and 1-4 more.
Icd10 = Annotated[str, Field(pattern=r"^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$")]


class StrictModel(BaseModel):
    """Unknown keys are errors: a typo must never pass silently."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class GradedEvidence(StrictModel):
    """How sure research is about one claim, in one sentence, with its sources."""

    certainty: Certainty = Field(description="How sure the research is.")
    finding: MarkdownText = Field(description="One plain sentence on what the research found.")
    sources: list[EntityId] = Field(min_length=1, description="Ids of the sources behind the finding.")


class GradedLink(GradedEvidence):
    """A graded relationship to another entity, written once on one side."""

    id: EntityId = Field(description="The id of the linked entity.")


class Section(StrictModel):
    heading: PlainText
    body: MarkdownText


class WarningSigns(StrictModel):
    """Emergency warning signs, shown as an urgent callout."""

    action: PlainText = Field(description="What to do if any sign is present.")
    signs: list[MarkdownText] = Field(min_length=1)
    sources: list[EntityId] = Field(min_length=1)


class DiagnosisCode(StrictModel):
    """An ICD-10-CM code (or prefix) that leads to a condition page."""

    code: Icd10 = Field(description="As printed, e.g. M54.3; every code under it leads here too.")
    title: PlainText = Field(description="The code's official ICD-10-CM title.")


class Entity(StrictModel):
    """Fields every page-bearing entity has."""

    name: PlainText
    also_called: list[PlainText] = []
    summary: MarkdownText = Field(description="One plain-language paragraph, grade 8 or below.")
    sections: list[Section] = []
    sources: list[EntityId] = Field(min_length=1, description="Sources behind the page's general facts.")
    last_reviewed: dt.date
    next_review: dt.date
    reviewed_by: PlainText
    status: Status = "published"

    @model_validator(mode="after")
    def _review_dates_in_order(self):
        if self.last_reviewed > dt.date.today():
            raise ValueError(f"last_reviewed {self.last_reviewed} is in the future")
        if self.next_review <= self.last_reviewed:
            raise ValueError(
                f"next_review {self.next_review} must come after last_reviewed {self.last_reviewed}"
            )
        return self


class Condition(Entity):
    body_area: BodyArea
    techniques: list[GradedLink] = []
    benefits: list[GradedLink] = []
    cautions: list[EntityId] = []
    warning_signs: WarningSigns | None = None
    see_a_doctor: list[MarkdownText] = []
    questions: list[MarkdownText] = []
    icd10: list[DiagnosisCode] = Field(default=[], description="ICD-10-CM codes, each confirmed against a listing.")


class Technique(Entity):
    cautions: list[EntityId] = Field(min_length=1, description="Ids of the cautions that apply.")
    benefits: list[GradedLink] = []


class Benefit(Entity):
    claim: PlainText = Field(description="The claim as people commonly make it.")
    evidence: GradedEvidence = Field(description="Our verdict on the claim.")


class Caution(Entity):
    action: CautionAction
    what_to_do: MarkdownText
    checklist: PlainText = Field(description='Completes the sentence "Tell your therapist if ...".')


class Source(StrictModel):
    title: PlainText
    publisher: PlainText
    authors: PlainText | None = None
    year: int | None = Field(default=None, ge=1900, le=2100)
    type: SourceType
    url: HttpsUrl
    doi: Doi | None = None
    pmid: Pmid | None = None
    finding: MarkdownText
    reuse: Reuse
    checked: dt.date = Field(description="When the source was confirmed against its own text.")
    checked_how: PlainText = Field(description="How it was confirmed.")


KIND_MODELS: dict[str, type[StrictModel]] = {
    "condition": Condition,
    "technique": Technique,
    "benefit": Benefit,
    "caution": Caution,
    "source": Source,
}
# data/<folder>/<id>.yml for each kind; the folder is also the URL prefix.
KIND_FOLDERS = {
    "condition": "conditions",
    "technique": "techniques",
    "benefit": "benefits",
    "caution": "cautions",
    "source": "sources",
}
PAGE_KINDS = ("condition", "technique", "benefit", "caution")
