"""Time `mkdocs build --strict` of the real site: the median of N builds (3 by default).

    python tests/tools/time_build.py [N]

Prints each build's wall time and the CPU time of the build process (user + system,
steadier than wall time on a shared machine), then the medians. A measurement, not a
test: compare two commits on the same machine, one right after the other.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def one_build(site_dir: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one strict build into site_dir."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([str(ROOT / ".venv" / "bin" / "mkdocs"), "build", "--strict", "--quiet",
                    "--site-dir", str(site_dir)], cwd=ROOT, env=env, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main(argv: list[str]) -> int:
    runs = int(argv[0]) if argv else 3
    walls, cpus = [], []
    with tempfile.TemporaryDirectory() as scratch:
        for number in range(1, runs + 1):
            wall, cpu = one_build(Path(scratch) / f"site-{number}")
            walls.append(wall)
            cpus.append(cpu)
            print(f"build {number}: {wall:.2f} s wall, {cpu:.2f} s CPU")
    print(f"median of {runs}: {statistics.median(walls):.2f} s wall, {statistics.median(cpus):.2f} s CPU"
          f" (load average {os.getloadavg()[0]:.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
