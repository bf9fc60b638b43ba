"""The words readers see for the data's fixed vocabularies."""

from ..data.kinds import KINDS

CERTAINTY = {
    "high": ("High certainty", "further research is very unlikely to change this"),
    "moderate": ("Moderate certainty", "good studies, but further research may change this"),
    "low": ("Low certainty", "small or short studies; further research is likely to change this"),
    "very low": ("Very low certainty", "very few or weak studies; we are very unsure"),
    "insufficient": ("Not enough research", "there are no usable studies yet"),
}

CAUTION_ACTION = {
    "do-not-book": "Don't book a massage",
    "ask-your-doctor-first": "Ask your doctor first",
    "avoid-the-area": "Ask the therapist to avoid the area",
    "tell-your-therapist": "Tell your therapist",
}

BODY_AREA = {
    "back": "Back and spine",
    "neck-and-shoulders": "Neck and shoulders",
    "head-and-jaw": "Head and jaw",
    "arms-and-hands": "Arms and hands",
    "muscles-and-joints": "Muscles and joints",
    "skin-and-scars": "Skin and scars",
    "mind-and-sleep": "Stress, mood and sleep",
    "heart-and-lungs": "Heart and lungs",
    "legs-and-feet": "Legs and feet",
    "pregnancy-and-birth": "Pregnancy and birth",
    "whole-body": "Whole body (cancer care, after surgery)",
}

KIND_TITLE = {name: kind.title for name, kind in KINDS.items() if kind.has_pages}

SOURCE_TYPE = {
    "systematic-review": "Systematic review",
    "guideline": "Clinical guideline",
    "government": "Government health information",
    "medical-centre": "Academic medical center",
    "trial": "Single study",
    "review": "Review",
    "other": "Other",
}

# Which way the evidence points: an icon and words, never colour alone.
DIRECTION = {
    "benefit": ("✓", "Helps"),
    "small-benefit": ("✓", "Helps a little"),
    "no-difference": ("=", "No clear difference"),
    "harm": ("✗", "May do harm"),
    "not-known": ("?", "Not known"),
}

# What massage was compared with, completing "compared with ...".
COMPARATOR = {
    "usual-care": "no treatment or usual care",
    "sham": "a pretend (sham) treatment or light touch",
    "active": "another treatment",
    "mixed": "a mix of other treatments and no treatment",
    "not-reported": "not reported",
}
# The same, as a column of the summary of findings table.
COMPARATOR_SHORT = {
    "usual-care": "No treatment or usual care",
    "sham": "Sham (pretend) treatment",
    "active": "Another treatment",
    "mixed": "Mixed",
    "not-reported": "Not reported",
}

# The finder (/find/): its two groups of choices, and what opens a condition's card.
FINDER_AREAS = "Where it hurts"
FINDER_GOALS = "What you want help with"
FINDER_CARD_SUMMARY = "Research ({count}) and safety"
FINDER_CARD_SUMMARY_NONE = "What to check first"

# The evidence map's list by condition (narrow screens), under a condition with no finding.
MAP_NO_FINDINGS = "No study of massage for this condition is listed yet."

# Before the links from a finding's folded detail to its other pages.
READ_MORE = "Read more"

EVIDENCE = {
    "direct": "Direct evidence",
    "indirect": "Indirect evidence",
    "none": "No trials",
}

INDIRECT = {
    "other-technique": "trials tested other kinds of massage",
    "other-population": "trials were in other groups of people",
    "other-condition": "trials were in people with other conditions",
    "healthy-volunteers": "trials were in healthy volunteers",
    "lab-markers-only": "trials measured lab tests, not how people felt",
}

# One voice for readers anywhere (content standards, section 7).
EMERGENCY_ACTION = ("Call 911 (US), 999 (UK), 112 (EU) or your local emergency number, "
                    "or go to the emergency department now. Do not book a massage.")
URGENT_ACTION = ("Contact your doctor, nurse or midwife today, or a nurse advice line "
                 "(NHS 111 in the UK). If you cannot reach anyone, go to urgent care.")
# The heading and action of each level's box, unless a red flag or a page sets its own.
LEVEL_HEADING = {"emergency": "Emergency: get help now", "urgent": "Urgent: see a doctor today"}
LEVEL_ACTION = {"emergency": EMERGENCY_ACTION, "urgent": URGENT_ACTION}
CRISIS_LINES = ("If you are thinking about harming yourself, call or text 988 in the US, or call "
                "Samaritans on 116 123 in the UK. Elsewhere, call your local crisis line.")
