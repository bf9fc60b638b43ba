"""schema.org JSON-LD for an entity page: a MedicalWebPage about the entity."""

from __future__ import annotations

from ..data.kinds import KINDS
from ..data.plain_text import one_line



def medical_web_page(kind: str, entity, url: str, reviewer=None) -> dict:
    """`reviewer` is the clinician who reviewed the page, if one has."""
    about = {"@type": KINDS[kind].schema_org, "name": entity.name}
    if entity.also_called:
        about["alternateName"] = list(entity.also_called)
    if kind == "condition" and entity.icd10:
        about["code"] = [
            {"@type": "MedicalCode", "codeValue": c.code, "codingSystem": "ICD-10-CM", "name": c.title}
            for c in entity.icd10
        ]
    page = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": entity.name,
        "url": url,
        "description": one_line(entity.summary),
        "lastReviewed": entity.last_reviewed.isoformat(),
        "medicalAudience": {"@type": "MedicalAudience", "audienceType": "Patient"},
        "about": about,
    }
    if reviewer is not None:
        page["reviewedBy"] = {"@type": "Person", "name": reviewer.name, "jobTitle": reviewer.credentials}
    return page
