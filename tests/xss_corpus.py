"""An XSS corpus, injected into every field of a copy of the fixture knowledge base.

Each payload goes into each scalar field of each fixture file, one at a time, and is
validated as the build validates it. It is either rejected, with a message naming
file, line and field, or accepted; every payload that some field accepts is then
built into a real site (all its accepting fields at once), where the tests look for
it. Shared by tests/unit/test_xss_corpus.py (the HTML) and tests/browser (a real browser),
so the builds happen once per session, and once per `make test` (see SHARED).
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from conftest import FIXTURE_DATA, copy_project, run_build
from macros.data.data_errors import DataErrors
from macros.data.knowledge_base import load_knowledge_base

MARK = "MARK"  # replaced by a code unique to the field, so each field's payload can be found
PAYLOADS = {
    "script element": "<script>alert('MARK')</script>",
    "img onerror": "<img src=x onerror=alert('MARK')>",
    "javascript: URL": "javascript:alert('MARK')",
    "svg onload after a quote": "\"><svg onload=alert('MARK')>",
    "Jinja expression": "{{ config.site_name }}MARK",
    "Jinja statement": "{% include 'MARK' %}",
    "Markdown javascript: link": "[MARK](javascript:alert('MARK'))",
    "attribute breakout without <": "\" onmouseover=\"alert('MARK')\" data-x=\"",
    "HTML entities": "&lt;script&gt;alert('MARK')&lt;/script&gt;",
    "https URL breaking out of href": "https://example.org/MARK\" onmouseover=\"alert(1)",
}


@dataclass(frozen=True)
class Field:
    file: str  # data/<folder>/<name>.yml
    path: tuple
    line: int
    start: int
    end: int
    block: bool

    @property
    def name(self) -> str:
        out = ""
        for part in self.path:
            out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
        return out


@dataclass
class Outcome:
    field: Field
    payload_name: str
    payload: str
    marker: str
    rejected_with: str | None = None  # the editor's message, when validation refused it


@dataclass
class Corpus:
    fields: list[Field]
    outcomes: list[Outcome]
    sites: dict[str, Path] = field(default_factory=dict)  # payload name -> built site
    build_errors: dict[str, str] = field(default_factory=dict)

    def accepted(self, payload_name: str | None = None) -> list[Outcome]:
        return [o for o in self.outcomes if o.rejected_with is None
                and (payload_name is None or o.payload_name == payload_name)]


def scalar_fields(data_dir: Path) -> list[Field]:
    """Every scalar value in every data file, with where it sits in the text."""
    found = []
    for path in sorted(data_dir.rglob("*.yml")):
        shown = "data/" + path.relative_to(data_dir).as_posix()
        root = yaml.compose(path.read_text(encoding="utf-8"))

        def walk(node, at):
            if isinstance(node, yaml.MappingNode):
                for key, value in node.value:
                    walk(value, (*at, key.value))
            elif isinstance(node, yaml.SequenceNode):
                for index, item in enumerate(node.value):
                    walk(item, (*at, index))
            else:
                found.append(Field(shown, at, node.start_mark.line + 1, node.start_mark.index,
                                   node.end_mark.index, node.style in ("|", ">")))

        walk(root, ())
    return found


def inject(text: str, changes: list[tuple[Field, str]]) -> str:
    """Replace each field's value with a YAML double-quoted string holding the payload."""
    for f, value in sorted(changes, key=lambda c: -c[0].start):
        quoted = json.dumps(value) + ("\n" if f.block else "")
        text = text[:f.start] + quoted + text[f.end:]
    return text


def _validate(data: Path, originals: dict[str, str], f: Field, payload: str) -> str | None:
    target = data.parent / f.file
    target.write_text(inject(originals[f.file], [(f, payload)]), encoding="utf-8")
    try:
        load_knowledge_base(data)
        return None
    except DataErrors as exc:
        return "\n".join(str(e) for e in exc.errors)
    finally:
        target.write_text(originals[f.file], encoding="utf-8")


def build_corpus(root: Path) -> Corpus:
    data = root / "data"
    shutil.copytree(FIXTURE_DATA, data)
    fields = scalar_fields(data)
    originals = {f.file: (root / f.file).read_text(encoding="utf-8") for f in fields}
    outcomes = []
    for number, f in enumerate(fields):
        for payload_name, template in PAYLOADS.items():
            marker = f"xss{number}q{list(PAYLOADS).index(payload_name)}z"
            payload = template.replace(MARK, marker)
            outcomes.append(Outcome(f, payload_name, payload, marker, _validate(data, originals, f, payload)))
    corpus = Corpus(fields, outcomes)
    for payload_name in PAYLOADS:
        accepted = corpus.accepted(payload_name)
        if not accepted:
            continue
        injected = root / f"data-{list(PAYLOADS).index(payload_name)}"
        shutil.copytree(data, injected)
        for file in {o.field.file for o in accepted}:
            changes = [(o.field, o.payload) for o in accepted if o.field.file == file]
            (injected.parent / file.replace("data/", injected.name + "/", 1)).write_text(
                inject(originals[file], changes), encoding="utf-8")
        project = copy_project(root / f"project-{list(PAYLOADS).index(payload_name)}", data=injected)
        result = run_build(project)
        if result.returncode == 0:
            corpus.sites[payload_name] = project / "site"
        else:
            corpus.build_errors[payload_name] = (result.stdout + result.stderr)[-3000:]
    return corpus


_cache: dict[int, Corpus] = {}
# `make test` runs two pytest processes at once (the browser tests and the rest) and names
# one empty folder, new for the run, in this variable: the first process to ask builds the
# corpus there, the other waits for it and reads it.
SHARED = "XSS_CORPUS_DIR"


def _shared_corpus(folder: Path) -> Corpus:
    import fcntl
    import pickle

    saved = folder / "corpus.pickle"
    with open(folder / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # held while the first process builds; the second waits here
        if not saved.exists():
            corpus = build_corpus(folder / "corpus")
            saved.write_bytes(pickle.dumps(corpus))
            return corpus
    return pickle.loads(saved.read_bytes())  # our own file, written above by this test run


def corpus_for(tmp_path_factory) -> Corpus:
    """The corpus, built once per test session whichever test asks first (once per `make test`,
    for both its processes, when SHARED names a folder)."""
    key = id(tmp_path_factory)
    if key not in _cache:
        shared = os.environ.get(SHARED)
        _cache[key] = _shared_corpus(Path(shared)) if shared else build_corpus(tmp_path_factory.mktemp("xss"))
    return _cache[key]
