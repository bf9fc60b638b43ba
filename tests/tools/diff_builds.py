"""Build the site into a folder, or list every difference between two built sites.

    python tests/tools/diff_builds.py build build/site-before   # before a change
    python tests/tools/diff_builds.py build build/site-after    # after it
    python tests/tools/diff_builds.py diff build/site-before build/site-after

`diff` prints each file only one side has and each file whose bytes differ (with the
first differing line), and exits 1 if there is any difference.
"""

from __future__ import annotations

import difflib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def build(site_dir: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    mkdocs = ROOT / ".venv" / "bin" / "mkdocs"
    subprocess.run([str(mkdocs), "build", "--strict", "--quiet", "--site-dir", str(site_dir.resolve())],
                   cwd=ROOT, env=env, check=True)


def differences(before: Path, after: Path) -> list[str]:
    def files(root: Path) -> set[str]:
        return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}

    old, new = files(before), files(after)
    found = [f"only in {before}: {name}" for name in sorted(old - new)]
    found += [f"only in {after}: {name}" for name in sorted(new - old)]
    for name in sorted(old & new):
        a, b = (before / name).read_bytes(), (after / name).read_bytes()
        if a != b:
            found.append(f"differs: {name}{_first_difference(a, b)}")
    return found


def _first_difference(a: bytes, b: bytes) -> str:
    try:
        lines = difflib.unified_diff(a.decode().splitlines(), b.decode().splitlines(), lineterm="", n=0)
        changed = [line for line in lines if line[:1] in "+-" and line[:3] not in ("+++", "---")]
        return "\n    " + "\n    ".join(line[:200] for line in changed[:4])
    except UnicodeDecodeError:
        return " (binary)"


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "build":
        build(Path(argv[1]))
        return 0
    if len(argv) == 3 and argv[0] == "diff":
        found = differences(Path(argv[1]), Path(argv[2]))
        print("\n".join(found) if found else "the two sites are byte-for-byte identical")
        return 1 if found else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
