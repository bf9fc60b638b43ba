"""Write a synthetic knowledge base of any size that the real model accepts.

The shape copies the real data: the same mix of kinds (per 100 pages about 46
conditions, 9 techniques, 27 benefits and 18 cautions, with 2.4 sources per
page), files of about the same length, and every relationship the data format
has (findings naming a technique or massage in general, a condition or adults in
general, and a claim; cautions; red flags named by conditions; diagnosis codes;
links between pages in the text). Each entity has a bounded number of links,
so page size should not grow with the size of the guide; the benchmark checks
that it does not.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import yaml

from pydantic import BaseModel

from macros.data.knowledge_base import _model_inside
from macros.data.model import BODY_AREAS, CERTAINTY_WORDS, GENERAL_MASSAGE, Condition
from macros.data.kinds import KIND_FOLDERS, KIND_MODELS


SHARE = {"condition": 0.46, "technique": 0.09, "benefit": 0.27, "caution": 0.18}
SOURCES_PER_PAGE = 2.4
ACTIONS = ("do-not-book", "ask-your-doctor-first", "avoid-the-area", "tell-your-therapist")
SOURCE_TYPES = ("systematic-review", "guideline", "government", "medical-centre", "trial", "review")

WORDS = """
ache arm back body calm care chest day doctor ease feel foot gentle good hand head help hip hurt
joint knee leg less light long lower massage mind move muscle neck nerve night pain part people
press rest short side skin sleep slow soft some sore spine stiff stress study stretch tight time
tired touch trial upper warm week well work often may most many few small large first after before
during around under over across through your their this that with from into about studies found
research short-term relief therapist session sessions minutes hours weeks months gentle pressure
""".split()

NAME_WORDS = """
aching burning creaky frozen heavy locked nagging numb pinched pulled restless sharp shaky sore
stiff strained swollen tender tight tired twisted weak worn
""".split()
NAME_PARTS = """
ankle arch back calf chest elbow finger foot heel hip jaw knee neck rib shin shoulder spine thigh
thumb toe wrist
""".split()


def entity_counts(pages: int) -> dict[str, int]:
    """How many entities of each kind a guide of `pages` entity pages has."""
    counts = {kind: max(1, round(pages * share)) for kind, share in SHARE.items()}
    counts["condition"] += pages - sum(counts.values())
    counts["source"] = max(1, round(pages * SOURCES_PER_PAGE))
    # Per condition: a finding on a technique and one on massage in general, and two red flags;
    # per claim, the finding that answers it.
    counts["finding"] = 2 * counts["condition"] + counts["benefit"]
    counts["red-flag"] = 2 * counts["condition"]
    return counts


def ids_linked_from(docs_dir: Path) -> dict[str, list[str]]:
    """Entity ids the prose pages link to, by kind: the synthetic guide must have them too."""
    folders = "|".join(KIND_FOLDERS.values())
    page_link = re.compile(rf"\]\(/({folders})/([a-z0-9-]+)\.md")
    source_anchor = re.compile(r"\]\(/sources\.md#([a-z0-9-]+)")
    kind_of = {folder: kind for kind, folder in KIND_FOLDERS.items()}
    found: dict[str, dict[str, None]] = {kind: {} for kind in KIND_FOLDERS}
    for page in sorted(docs_dir.rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        for folder, entity_id in page_link.findall(text):
            if entity_id != "index":
                found[kind_of[folder]][entity_id] = None
        for source_id in source_anchor.findall(text):
            found["source"][source_id] = None
    return {kind: list(ids) for kind, ids in found.items()}


def write_synthetic_data(data_dir: Path, pages: int, seed: int = 1,
                         keep_ids: dict[str, list[str]] | None = None) -> dict[str, int]:
    """Write data/<folder>/<id>.yml files for a guide of `pages` entity pages; return the counts.

    `keep_ids` (from ids_linked_from) names ids that must exist, so the prose pages' links resolve.
    """
    counts = entity_counts(pages)
    keep_ids = keep_ids or {}
    ids = {}
    for kind, n in counts.items():
        wanted = list(keep_ids.get(kind, []))
        counts[kind] = n = max(n, len(wanted))
        ids[kind] = wanted + [f"{kind}-{i:05d}" for i in range(n - len(wanted))]
    writer = _Writer(random.Random(seed), ids)
    for kind, folder in KIND_FOLDERS.items():
        (data_dir / folder).mkdir(parents=True, exist_ok=True)
        make = getattr(writer, kind.replace("-", "_"))
        for i, entity_id in enumerate(ids[kind]):
            text = yaml.safe_dump(complete(KIND_MODELS[kind], make(i)), sort_keys=False, allow_unicode=True, width=100)
            (data_dir / folder / f"{entity_id}.yml").write_text(text, encoding="utf-8")
    return counts


def complete(model: type[BaseModel], data: dict) -> dict:
    """Fill any required field this generator does not know yet with the model's own example,
    so the benchmark keeps working when the data format gains a field."""
    for name, field in model.model_fields.items():
        if name not in data and field.is_required():
            if not field.examples:
                raise ValueError(f"{model.__name__}.{name} is required and has no example to copy")
            data[name] = field.examples[0]
        inner = _model_inside(field.annotation)
        if inner is not None and name in data:
            value = data[name]
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, dict):
                    complete(inner, item)
    return data


class _Writer:
    def __init__(self, rng: random.Random, ids: dict[str, list[str]]):
        self.rng = rng
        self.ids = ids

    # Text -----------------------------------------------------------------
    def sentence(self, words: int = 12) -> str:
        text = " ".join(self.rng.choice(WORDS) for _ in range(self.rng.randint(words - 4, words + 4)))
        return text[0].upper() + text[1:] + "."

    def paragraph(self, sentences: int) -> str:
        return " ".join(self.sentence() for _ in range(sentences))

    def name(self, i: int) -> str:
        return f"{self.rng.choice(NAME_WORDS).capitalize()} {self.rng.choice(NAME_PARTS)} {i}"

    def link(self, kind: str) -> str:
        target = self.rng.choice(self.ids[kind])
        return f"[{target.replace('-', ' ')}](/{KIND_FOLDERS[kind]}/{target}.md)"

    def sections(self, count: int) -> list[dict]:
        out = []
        for s in range(count):
            body = self.paragraph(4) + "\n\n" + "\n".join(f"- {self.sentence(6)}" for _ in range(3))
            body += f"\n\nSee also {self.link('condition')}.\n"
            out.append({"heading": f"{self.sentence(5)[:-1]} {s + 1}", "body": body})
        return out

    # Shared fields --------------------------------------------------------
    def pick(self, kind: str, count: int) -> list[str]:
        return self.rng.sample(self.ids[kind], min(count, len(self.ids[kind])))

    def grade(self, j: int) -> dict:
        """A random grade that keeps the verdict rules (no trials is insufficient and not-known), on a
        source of its own, so no two findings share their evidence and are held to one grade."""
        certainty = self.rng.choice(CERTAINTY_WORDS)
        direction = "not-known" if certainty == "insufficient" else "benefit"
        grade = {"certainty": certainty, "direction": direction,
                 "evidence": "none" if certainty == "insufficient" else "direct",
                 "searched": "2026-01-15", "finding": self.sentence(18),
                 "sources": [self.ids["source"][j % len(self.ids["source"])]]}
        if certainty != "insufficient":
            grade |= {"comparator": "usual-care", "measured": "at the end of the course"}
        return grade

    def common(self, i: int, sections: int, sources: int) -> dict:
        return {
            "name": self.name(i),
            "also_called": [self.name(i + 1)],
            "summary": self.paragraph(4),
            "sections": self.sections(sections),
            "sources": self.pick("source", sources),
            "last_reviewed": "2026-01-15",
            "next_review": "2027-01-15",
        }

    # One method per kind ----------------------------------------------------
    def condition(self, i: int) -> dict:
        data = self.common(i, sections=4, sources=6)
        data |= {
            "body_area": BODY_AREAS[i % len(BODY_AREAS)],
            "population_phrase": "in this condition",
            "cautions": self.pick("caution", 3),
            "red_flags": self.ids["red-flag"][2 * i: 2 * i + 2],
            "see_a_doctor": [self.sentence(9) for _ in range(3)],
            "questions": [self.sentence(9)[:-1] + "?" for _ in range(4)],
        }
        if "icd10" in Condition.model_fields:
            # One code per condition, unique across the guide: letter, two digits, dot, one digit.
            code = f"{chr(ord('A') + i // 1000)}{i // 10 % 100:02d}.{i % 10}"
            data["icd10"] = [{"code": code, "title": self.sentence(6)[:-1],
                              "confirmed_at": f"https://example.org/icd10/{i}"}]
        return data

    def technique(self, i: int) -> dict:
        data = self.common(i, sections=4, sources=5)
        data |= {"cautions": self.pick("caution", 4)}
        return data

    def benefit(self, i: int) -> dict:
        data = self.common(i, sections=3, sources=3)
        data |= {"claim": self.sentence(8), "verb": "ease", "outcome": "pain",
                 "claim_finding": self.ids["finding"][2 * len(self.ids["condition"]) + i]}
        return data

    def finding(self, j: int) -> dict:
        """Findings 2i and 2i+1 are about condition i (a technique, then massage in general); after them,
        one per claim, about adults in general."""
        conditions, benefits = self.ids["condition"], self.ids["benefit"]
        if j < 2 * len(conditions):
            i = j // 2
            intervention = self.ids["technique"][i % len(self.ids["technique"])] if j % 2 == 0 else GENERAL_MASSAGE
            ends = {"intervention": intervention, "population": conditions[i],
                    "outcome": benefits[i % len(benefits)]}
        else:
            ends = {"intervention": GENERAL_MASSAGE, "population": "adults",
                    "outcome": benefits[j - 2 * len(conditions)]}
        return {**ends, **self.grade(j)}

    def red_flag(self, j: int) -> dict:
        return {"name": self.sentence(5)[:-1], "level": ("emergency", "urgent")[j % 2],
                "signs": [f"{self.sentence(7)[:-1]} {j}-{k}" for k in range(2)], "sources": self.pick("source", 2)}

    def caution(self, i: int) -> dict:
        data = self.common(i, sections=1, sources=2)
        data |= {"action": ACTIONS[i % len(ACTIONS)], "what_to_do": self.sentence(14),
                 "checklist": self.sentence(8)[:-1].lower()}
        return data

    def source(self, i: int) -> dict:
        return {
            "title": self.sentence(10)[:-1],
            "publisher": f"Journal of {self.rng.choice(NAME_PARTS)} care",
            "authors": "Doe J, Roe R, Poe P",
            "year": 2000 + i % 25,
            "type": SOURCE_TYPES[i % len(SOURCE_TYPES)],
            "url": f"https://example.org/sources/{i}",
            "doi": f"10.5555/synthetic.{i}",
            "finding": self.paragraph(3),
            "reuse": "copyrighted",
            "checked": "2026-01-15",
            "checked_how": "Synthetic benchmark data, not a real source. " + self.sentence(14),
        }
