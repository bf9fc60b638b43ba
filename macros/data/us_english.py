"""US English in reader text (content standards, section 7): one voice for readers anywhere.

The table below is the list of British spellings and terms the check knows, each with the
word to write instead; it is shown to editors on the data reference page and in
CONTRIBUTING.md, and it is ours to grow. A British word may stay where a reader needs it:
in brackets after the US word ("acetaminophen (paracetamol)"), inside quotation marks (a
quoted title), and in the fields readers search with (also_called, search_terms) or that
name a publication as printed (a source's title, publisher and authors).
"""

from __future__ import annotations

import re

# (pattern, what to write instead). Patterns are whole words, case-insensitive.
UK_TERMS: tuple[tuple[str, str], ...] = (
    (r"caesarean|caesarian|caesareans", "cesarean (C-section)"),
    (r"labour(s|ing|ed)?", "labor"),
    (r"tumour(s)?", "tumor"),
    (r"oedema", "edema"),
    (r"lymphoedema", "lymphedema"),
    (r"(feel|feels|feeling|felt) sick", "nauseated, or nausea"),
    (r"pethidine", "meperidine (pethidine)"),
    (r"antenatal", "prenatal, or childbirth classes"),
    (r"gas and air", "nitrous oxide (gas and air)"),
    (r"GP|GPs", "primary care doctor (GP)"),
    (r"A&E|A and E", "emergency room or emergency department"),
    (r"maternity unit(s)?", "labor and delivery unit (maternity unit)"),
    (r"paracetamol", "acetaminophen (paracetamol)"),
    (r"physiotherap(y|ist|ists)", "physical therapy or physical therapist"),
    (r"colour(s|ed|ful)?", "color"),
    (r"behaviour(s|al)?", "behavior"),
    (r"favour(ite|s|ed|able)?", "favor"),
    (r"centre(s)?", "center"),
    (r"randomis(ed|ation)", "randomized, randomization"),
    (r"organis(ation|ations|e|ed)", "organization, organize"),
    (r"programme(s)?", "program"),
    (r"haemorrhage|haemo\w*", "hemorrhage, hemo-"),
    (r"anaemia|anaesthe\w*", "anemia, anesthe-"),
    (r"paediatric\w*", "pediatric"),
    (r"oesophag\w*", "esophagus"),
    (r"mum|mums", "mom"),
)
_COMPILED = [(re.compile(rf"(?<![\w&])(?:{pattern})(?![\w&])", re.IGNORECASE if pattern not in ("GP|GPs",) else 0),
              instead) for pattern, instead in UK_TERMS]
# A British word is fine in brackets or quotation marks, and in a link's address.
_EXEMPT = re.compile(r"\([^()]*\)|\"[^\"]*\"|\u201c[^\u201d]*\u201d|\]\([^)]*\)|https://\S+")
# Fields whose words are readers' own or a publication's own: never checked.
EXEMPT_FIELDS = frozenset({"also_called", "search_terms", "title", "publisher", "authors", "checked_how", "type",
                           "funding", "conflicts", "url", "confirmed_at", "claim"})


def uk_terms_in(text: str) -> list[tuple[str, str]]:
    """(British word as written, what to write instead) for each one outside brackets and quotes."""
    bare = _EXEMPT.sub(lambda m: " " * len(m.group()), text)
    found = []
    for pattern, instead in _COMPILED:
        for match in pattern.finditer(bare):
            found.append((match.group(), instead))
    return found
