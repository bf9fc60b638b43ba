"""How long the data check takes to refuse hostile files: a measurement, not a test.

    .venv/bin/python tests/benchmark/hostile_input.py

Each case copies the test fixture, puts one hostile file in it, and times
load_knowledge_base (what `make check` and the build run first) until it
refuses the file. The 1 MB cases are refused by their size; the others stay just
under the file-size limit, so every later check must be linear in them (one,
blank lines in bodies, is valid and only timed). It prints one line per case and
exits 1 if a hostile case is accepted or any case takes 2 s or more.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

from macros.data.data_errors import DataErrors  # noqa: E402
from macros.data.input_limits import MAX_FILE_BYTES  # noqa: E402
from macros.data.knowledge_base import load_knowledge_base  # noqa: E402

FIXTURE = ROOT / "tests" / "fixtures" / "kb" / "data"
# A complete, valid page: each case adds one hostile part, so that part is what is refused.
VALID = (FIXTURE / "conditions" / "sore-back.yml").read_text()
MB = 1024 * 1024
BODY_CHARS = 7_900  # just under the longest body allowed
BOMB = "bomb: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
    f"bomb{i}: &a{i} [" + ",".join(["*a" if i == 1 else f"*a{i - 1}"] * 9) + "]\n" for i in range(1, 9))


def with_body(text: str, copies: int = 1) -> str:
    block = "".join(f"      {line}\n" if line else "\n" for line in text.split("\n"))
    return VALID + "".join(f"  - heading: More {i}\n    body: |\n{block}" for i in range(copies))


def with_sections(text: str, copies: int) -> str:
    return VALID.replace("sections:\n", "sections:\n" + "".join(
        f"  - heading: More {i}\n    body: |\n" + "".join(f"      {line}\n" if line else "\n"
                                                          for line in text.split("\n"))
        for i in range(copies)), 1)


# (label, file text, must it be refused?)
CASES = [
    ("1 MB: 1,000,000 blank lines and 20,000 '[' in a body",
     with_sections("x" + "\n" * 1_000_000 + "[" * 20_000, 1)[:MB] + "\n", True),
    ("1 MB: one 1 MB name", VALID.replace("Sore back", "a" * MB), True),
    ("1 MB: alias bomb and 1 MB of comment", BOMB + "#" * MB + "\n" + VALID, True),
    ("60 KB: 7 bodies of blank lines", with_sections("x" + "\n" * BODY_CHARS + "y", 7), False),
    ("60 KB: 7 bodies of '['", with_sections("[" * BODY_CHARS, 7), True),
    ("60 KB: 7 bodies of nested '- ' lists", with_sections("- " * (BODY_CHARS // 2) + "x", 7), True),
    ("60 KB: 7 bodies of nested '> ' quotes", with_sections("> " * (BODY_CHARS // 2) + "x", 7), True),
    ("60 KB: 7 bodies of '[a](' ", with_sections("[a](" * 190 + "x" * (BODY_CHARS - 760), 7), True),
    ("20 KB: 2 bodies of 95 '[a](' (allowed)", with_sections("[a](" * 95 + "x" * (BODY_CHARS - 380), 2), False),
    ("60 KB: nested flow mappings", VALID.replace("also_called: [Backache]", "also_called: " +
                                                   "{a: " * 12_000 + "b" + "}" * 12_000), True),
    ("60 KB: nested flow lists", VALID.replace("also_called: [Backache]", "also_called: " +
                                                "[" * 30_000 + "]" * 30_000), True),
    ("1 KB: alias bomb", BOMB + VALID, True),
    ("40 KB: 10,000 list items", VALID.replace("[Backache]", "[" + ",".join(["x"] * 10_000) + "]"), True),
    ("60 KB: 6,000 field names", VALID + "".join(f"k{i}: v\n" for i in range(6_000)), True),
    ("60 KB: hidden characters", with_sections(("x\u202e" * 100 + "\n") * 25, 3), True),
]


def main() -> int:
    worst, failures = 0.0, 0
    print(f"file-size limit: {MAX_FILE_BYTES // 1024} KB")
    for label, text, must_refuse in CASES:
        with tempfile.TemporaryDirectory() as tmp:
            data = Path(tmp) / "data"
            shutil.copytree(FIXTURE, data)
            (data / "conditions" / "hostile.yml").write_text(text, encoding="utf-8")
            size = (data / "conditions" / "hostile.yml").stat().st_size
            start = time.perf_counter()
            try:
                load_knowledge_base(data)
                outcome = "ACCEPTED"
            except DataErrors as exc:
                first = next((e for e in exc.errors if e.file.endswith("hostile.yml")), exc.errors[0])
                outcome = f"refused: {first}"[:150]
            seconds = time.perf_counter() - start
        worst = max(worst, seconds)
        failed = (must_refuse and outcome == "ACCEPTED") or seconds >= 2
        failures += failed
        print(f"{seconds:7.3f} s  {size / 1024:8.1f} KB  {label}\n           {outcome}")
    print(f"slowest case: {worst:.3f} s (target: well under 2 s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
