"""The words readers see for the data's fixed vocabularies."""

CERTAINTY = {
    "high": ("High certainty", "further research is very unlikely to change this"),
    "moderate": ("Moderate certainty", "good studies, but further research may change this"),
    "low": ("Low certainty", "small or short studies; further research is likely to change this"),
    "very low": ("Very low certainty", "very few or weak studies; we are very unsure"),
    "insufficient": ("Not enough research", "there are no usable studies yet"),
    "not supported": ("Not supported", "studies found no effect, or the claim has no basis"),
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
}

KIND_TITLE = {
    "condition": "Conditions",
    "technique": "Techniques",
    "benefit": "Claimed benefits",
    "caution": "Cautions",
}

SOURCE_TYPE = {
    "systematic-review": "Systematic review",
    "guideline": "Clinical guideline",
    "government": "Government health information",
    "medical-centre": "Academic medical centre",
    "trial": "Single study",
    "review": "Review",
    "other": "Other",
}
