"""One-off migration (run once, December 2026): graded relationships to findings.

Before, one body of evidence could be written in up to four places: a condition's
techniques, a condition's benefits, a technique's benefits and a benefit's own
evidence. This script writes each as one finding in data/findings/<id>.yml, merges
records that described one body of evidence (same people, same outcome, most sources
shared), notes in each merged finding which grade was kept and why, and rewrites the
condition, technique, benefit and caution files in the new shape (red flags by id).
Kept as the record of what was done; re-running it on migrated data does nothing.

    python tests/tools/migrate_to_findings.py [data/]
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

import yaml

TODAY = dt.date(2026, 12, 7)
CERTAINTY_RANK = ["high", "moderate", "low", "very low", "insufficient", "not supported"]

# Each condition: how a verdict names its people, and the claimed benefit (with its words) that its
# techniques were graded on ("Swedish massage may ease low back pain" is pain relief, in low back pain).
CONDITIONS = {
    "anxiety": ("in people with anxiety", "better-mood", "anxiety"),
    "asthma": ("in asthma", "stress-relief", "asthma symptoms"),
    "cancer-related-pain": ("with cancer", "pain-relief", "cancer-related pain"),
    "carpal-tunnel-syndrome": ("in carpal tunnel syndrome", "pain-relief", "carpal tunnel symptoms"),
    "chronic-muscle-tightness": ("in tight, sore muscles", "less-muscle-tension", "muscle tightness and pain"),
    "depression": ("in depression", "better-mood", "symptoms of depression"),
    "fatigue": ("in long-term tiredness", "stress-relief", "tiredness"),
    "fibromyalgia": ("in fibromyalgia", "pain-relief", "fibromyalgia pain"),
    "herniated-disc": ("from a herniated disc", "pain-relief", "pain from a herniated disc"),
    "high-blood-pressure": ("in high blood pressure", "lower-blood-pressure", "high blood pressure"),
    "insomnia": ("in insomnia", "better-sleep", "sleep problems"),
    "labor-pain": ("during labor", "pain-relief", "labor pain"),
    "low-back-pain": ("in low back pain", "pain-relief", "low back pain"),
    "lymphedema-after-breast-cancer": ("after breast cancer", "lymph-flow-and-swelling", "arm swelling"),
    "migraine": ("in migraine", "pain-relief", "migraine"),
    "muscle-spasms-and-cramps": ("in muscle cramps", "less-muscle-tension", "muscle cramps"),
    "myofascial-pain": ("in myofascial pain", "pain-relief", "myofascial pain"),
    "neck-pain": ("in neck pain", "pain-relief", "neck pain"),
    "osteoarthritis": ("in osteoarthritis", "pain-relief", "osteoarthritis pain and stiffness"),
    "pain-after-surgery": ("after surgery", "pain-relief", "pain after surgery"),
    "plantar-fasciitis": ("in plantar fasciitis", "pain-relief", "heel pain"),
    "posture-problems": ("in posture problems", "better-posture", "posture"),
    "rheumatoid-arthritis": ("in rheumatoid arthritis", "pain-relief", "rheumatoid arthritis symptoms"),
    "scar-tissue-and-adhesions": ("in scars", "softer-scars", "scars"),
    "sciatica": ("in sciatica", "pain-relief", "sciatica"),
    "scoliosis": ("in scoliosis", "pain-relief", "scoliosis symptoms"),
    "shoulder-impingement": ("in shoulder impingement", "pain-relief", "shoulder impingement pain"),
    "sports-injuries": ("after a strain or sprain", "pain-relief", "pain after a strain or sprain"),
    "stress": ("in stress", "stress-relief", "stress"),
    "tension-type-headache": ("in tension-type headache", "pain-relief", "tension-type headaches"),
    "tmj-dysfunction": ("in TMJ disorders", "pain-relief", "jaw pain"),
    "whiplash": ("after whiplash", "pain-relief", "whiplash pain"),
}
# Each claimed benefit: the verb and the outcome ("Massage may <verb> <outcome>"), and the verb for harm.
BENEFITS = {
    "better-circulation": ("improve", "blood flow in your muscles", None),
    "better-mood": ("ease", "anxiety and low mood", None),
    "better-posture": ("improve", "posture", None),
    "better-range-of-motion": ("improve", "range of motion", "reduce"),
    "better-sleep": ("improve", "sleep", None),
    "immune-function": ("strengthen", "your immune system", "weaken"),
    "less-inflammation": ("reduce", "inflammation", "increase"),
    "less-muscle-tension": ("ease", "muscle tightness", None),
    "lower-blood-pressure": ("lower", "blood pressure and heart rate", "raise"),
    "lower-stress-hormones": ("lower", "stress hormones such as cortisol", "raise"),
    "lymph-flow-and-swelling": ("reduce", "swelling", "increase"),
    "pain-relief": ("ease", "pain", None),
    "serotonin-and-dopamine": ("raise", "serotonin and dopamine", "lower"),
    "softer-scars": ("soften", "scars", None),
    "stress-relief": ("ease", "stress", None),
}


class Dumper(yaml.SafeDumper):
    pass


def _str(dumper, value):
    if "\n" in value or len(value) > 90:
        return dumper.represent_scalar("tag:yaml.org,2002:str", " ".join(value.split()) + "\n", style=">")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


Dumper.add_representer(str, _str)
Dumper.add_representer(list, lambda d, items: d.represent_sequence(
    "tag:yaml.org,2002:seq", items, flow_style=all(isinstance(i, str) and len(i) < 40 for i in items) and bool(items)))


def dump(value: dict, schema: str) -> str:
    head = f"# yaml-language-server: $schema=../../docs/schemas/{schema}.schema.json\n"
    return head + yaml.dump(value, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=100)


def shares_most(a: list, b: list) -> bool:
    return len(set(a) & set(b)) * 2 > min(len(set(a)), len(set(b)))


def finding_id(intervention: str, population: str, outcome: str) -> str:
    return f"{population}-{intervention}-{outcome}"


def raw_findings(data: Path):
    """Every graded relationship, as (where it was written, finding fields)."""
    for path in sorted((data / "conditions").glob("*.yml")):
        c, doc = path.stem, yaml.safe_load(path.read_text())
        _phrase, main, words = CONDITIONS[c]
        for link in doc.get("techniques") or []:
            yield f"the {c} page's techniques", dict(intervention=link["id"], population=c, outcome=main,
                                                      outcome_phrase=words, **grade(link))
        for link in doc.get("benefits") or []:
            extra = {"outcome_phrase": words} if link["id"] == main else {}
            yield f"the {c} page's claims", dict(intervention="massage", population=c, outcome=link["id"],
                                                  **extra, **grade(link))
    for path in sorted((data / "techniques").glob("*.yml")):
        t, doc = path.stem, yaml.safe_load(path.read_text())
        for link in doc.get("benefits") or []:
            yield f"the {t} page's claims", dict(intervention=t, population="adults", outcome=link["id"], **grade(link))
    for path in sorted((data / "benefits").glob("*.yml")):
        b, doc = path.stem, yaml.safe_load(path.read_text())
        if "evidence" in doc:
            yield f"the {b} claim page", dict(intervention="massage", population="adults", outcome=b,
                                              **grade(doc["evidence"]))


def grade(link: dict) -> dict:
    return {k: link[k] for k in ("certainty", "direction", "evidence", "indirect", "measured", "finding", "sources",
                                 "searched") if k in link}


def merge(group: list[tuple[str, dict]]) -> tuple[dict, list[str]]:
    """One finding from records of one body of evidence (same people, same outcome, most sources shared).

    The record for massage in general is kept when there is one: a technique's record of the same
    trials was graded lower only because the trials did not test that technique (indirect), which
    no longer applies. Otherwise the lowest grade among records that tested the technique directly
    is kept (when in doubt, the guide grades lower)."""
    general = [(w, f) for w, f in group if f["intervention"] == "massage"]
    direct = [(w, f) for w, f in group if f.get("evidence") == "direct"] or group
    lowest = max(direct, key=lambda item: CERTAINTY_RANK.index(item[1]["certainty"]))
    where, base = general[0] if general else lowest
    kept = dict(base)
    techniques = {f["intervention"] for _w, f in group}
    if len(techniques) > 1:
        kept["intervention"] = "massage"
    kept["sources"] = list(dict.fromkeys(s for _w, f in [(where, base)] + group for s in f["sources"]))
    if kept["intervention"] == "massage" and "other-technique" in kept.get("indirect", []):
        kept["indirect"] = [r for r in kept["indirect"] if r != "other-technique"]
        if not kept["indirect"]:
            kept["evidence"] = "direct"
            kept.pop("indirect")
    others = [w for w, _f in group if w != where]
    why = ("the record for massage in general, since the trials tested several kinds of massage"
           if general else "the lowest grade among the records that tested it directly")
    note = (f"One finding now: this evidence was graded in {where} and in {', '.join(others)}. "
            f"Kept {why} ({kept['certainty']}, {kept['direction']}).")
    return kept, [note]


def migrate(data: Path) -> int:
    if (data / "findings").is_dir():
        print("already migrated: data/findings/ exists")
        return 0
    raw = list(raw_findings(data))
    groups: dict[tuple[str, str], list[list[tuple[str, dict]]]] = {}
    for where, f in raw:
        buckets = groups.setdefault((f["population"], f["outcome"]), [])
        home = next((b for b in buckets if any(shares_most(f["sources"], g["sources"]) for _w, g in b)), None)
        (home.append((where, f)) if home is not None else buckets.append([(where, f)]))
    findings: dict[str, dict] = {}
    claim_of: dict[str, str] = {}
    for (population, outcome), buckets in groups.items():
        for bucket in buckets:
            record, notes = merge(bucket) if len(bucket) > 1 else (dict(bucket[0][1]), [])
            if record["certainty"] == "not supported":
                record["certainty"] = "low"
                notes.append("'Not supported' is no longer a certainty: the studies that found no effect are "
                             "graded low, and the verdict now names the outcome.")
            fid = finding_id(record["intervention"], population, outcome)
            if fid in findings:
                fid = finding_id(record["intervention"] + "-" + str(len(findings)), population, outcome)
            record.setdefault("comparator", "not-reported")
            record["changes"] = [{"date": TODAY, "note": " ".join(["Written once, as a finding."] + notes)}]
            findings[fid] = order(record)
            if population == "adults" and any(w.startswith(f"the {outcome} claim page") for w, _f in bucket):
                claim_of[outcome] = fid
    out = data / "findings"
    out.mkdir()
    for fid, record in sorted(findings.items()):
        (out / f"{fid}.yml").write_text(dump(record, "finding"))
    rewrite_pages(data, claim_of)
    print(f"{len(raw)} graded relationships -> {len(findings)} findings")
    return 0


FIELD_ORDER = ["intervention", "population", "outcome", "outcome_phrase", "comparator", "measured", "studies",
               "participants", "effect", "certainty", "direction", "evidence", "indirect", "finding", "sources",
               "searched", "changes"]


def order(record: dict) -> dict:
    return {k: record[k] for k in FIELD_ORDER if k in record and record[k] not in (None, [])}


def red_flags(data: Path) -> None:
    """Each page's warning signs, one red flag per page and level, named by id on the page.
    (Red flags that several pages share are then written once, by hand.)"""
    out = data / "red-flags"
    out.mkdir()
    for folder in ("conditions", "cautions"):
        for path in sorted((data / folder).glob("*.yml")):
            doc = yaml.safe_load(path.read_text())
            signs = doc.get("warning_signs")
            if signs is None:
                continue
            ids = []
            for level in ("emergency", "urgent"):
                block = signs.get(level)
                if not isinstance(block, dict):
                    continue
                flag_id = f"{path.stem}-{level}"
                ids.append(flag_id)
                flag = {"name": f"{doc['name']}: {level} signs", "level": level,
                        "signs": [" ".join(s.split()) for s in block["signs"]], "sources": block["sources"]}
                (out / f"{flag_id}.yml").write_text(dump(flag, "red-flag"))
            listed = "red_flags: " + ("[" + ", ".join(ids) + "]" if ids else "none") + "\n"
            path.write_text(re.sub(r"(?ms)^warning_signs:.*?(?=^\S|\Z)", listed, path.read_text()))


def rewrite_pages(data: Path, claim_of: dict[str, str]) -> None:
    red_flags(data)
    for path in sorted((data / "conditions").glob("*.yml")):
        text = path.read_text()
        text = drop_block(text, "techniques")
        text = drop_block(text, "benefits")
        text = re.sub(r"(?m)^outcome: .*\n", "", text)
        phrase = CONDITIONS[path.stem][0]
        text = text.replace("\nsummary:", f"\npopulation_phrase: {phrase}\nsummary:", 1)
        path.write_text(text)
    for path in sorted((data / "techniques").glob("*.yml")):
        path.write_text(drop_block(path.read_text(), "benefits"))
    for path in sorted((data / "benefits").glob("*.yml")):
        b = path.stem
        verb, what, worse = BENEFITS[b]
        text = drop_block(path.read_text(), "evidence")
        text = re.sub(r"(?m)^outcome: .*\n", "", text)
        lines = f"verb: {verb}\noutcome: {what}\n" + (f"worse: {worse}\n" if worse else "") + \
            f"claim_finding: {claim_of[b]}\n"
        text = re.sub(r"(?m)^(claim: .*\n)", lambda m: m.group(1) + lines, text, count=1)
        path.write_text(text)


def drop_block(text: str, key: str) -> str:
    """Remove a top-level key and its indented block."""
    return re.sub(rf"(?ms)^{key}:.*?(?=^\S|\Z)", "", text)


if __name__ == "__main__":
    sys.exit(migrate(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "data"))
