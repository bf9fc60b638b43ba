"""Build a project the way `mkdocs serve --dirty` (`make serve`) does: several
builds in one process into one folder, with an edit to the data before each.

`python tests/dirty_rebuilds.py PROJECT SITE STEPS.json` prints, for each step,
whether the build passed, what it logged about rebuilt pages, and copies the
site to the step's snapshot folder if it names one. A step is
{"file": path in PROJECT or null, "old": text, "new": text, "snapshot": folder or null};
the first step is usually the initial build, with no edit.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sys
from pathlib import Path


class _Messages(logging.Handler):
    def __init__(self):
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(f"{record.levelname}: {record.getMessage()}")


def main(project: Path, site: Path, steps: list[dict]) -> list[dict]:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.chdir(project)
    messages = _Messages()
    logging.getLogger("mkdocs").addHandler(messages)
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    results = []
    for step in steps:
        if step.get("file"):
            path = project / step["file"]
            text = path.read_text(encoding="utf-8")
            assert step["old"] in text, f"{step['old']!r} is not in {step['file']}"
            path.write_text(text.replace(step["old"], step["new"], 1), encoding="utf-8")
        messages.lines.clear()
        config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
        config.plugins.on_startup(command="serve", dirty=True)
        try:
            build(config, dirty=True)
            passed = True
        except BaseException as exc:  # noqa: BLE001 - MkDocs stops a failed build with SystemExit-like Abort
            passed = False
            messages.lines.append(f"ERROR: {exc}")
        if step.get("snapshot"):
            shutil.copytree(site, step["snapshot"])
        results.append({"passed": passed, "messages": list(messages.lines)})
    return results


if __name__ == "__main__":
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")
    project_dir, site_dir, steps_file = map(Path, sys.argv[1:4])
    sys.path.insert(0, str(project_dir))
    print(json.dumps(main(project_dir.resolve(), site_dir.resolve(), json.loads(steps_file.read_text()))))
