"""One build of a project, watched: what it reads, what it compiles, what it writes.

`python tests/benchmark/build_probe.py PROJECT FLOOR [REPORT.json]` builds PROJECT
once, in this process, and

- counts how often each data file is opened and each template is compiled
  (the engine should read every data file once and compile every template once,
  however many pages use it);
- writes FLOOR: the same site as plain Markdown, with every page exactly as the
  macros rendered it, the same navigation, and no macros plugin or hook. Built
  beside the real project, FLOOR shows what MkDocs and the theme cost on their own.
"""

from __future__ import annotations

import builtins
import collections
import io
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

import yaml

FLOOR_CONFIG = "mkdocs.floor.yml"


class _Counters:
    def __init__(self, data_dir: Path):
        self.data_dir = str(data_dir.resolve()) + os.sep
        self.reads: collections.Counter = collections.Counter()
        self.compiles: collections.Counter = collections.Counter()

    def opened(self, path) -> None:
        try:
            full = os.path.realpath(os.fspath(path))
        except TypeError:  # a file descriptor
            return
        if full.startswith(self.data_dir):
            self.reads[full[len(self.data_dir):]] += 1


def _watch(counters: _Counters) -> None:
    """Count opens of data files (every way Python opens a file ends in io.open) and template compiles."""
    import jinja2

    real_open = io.open

    def counting_open(file, *args, **kwargs):
        counters.opened(file)
        return real_open(file, *args, **kwargs)

    builtins.open = io.open = counting_open
    real_compile = jinja2.Environment.compile

    def counting_compile(self, source, name=None, filename=None, raw=False, defer_init=False):
        if name is not None:  # named templates; pages rendered from a string have no name
            counters.compiles[name] += 1
        return real_compile(self, source, name, filename, raw, defer_init)

    jinja2.Environment.compile = counting_compile


def _plugins_without_macros(config_text: str) -> list:
    class Tolerant(yaml.SafeLoader):
        pass

    Tolerant.add_multi_constructor("", lambda loader, suffix, node: None)
    plugins = yaml.load(config_text, Loader=Tolerant).get("plugins", [])
    name = lambda p: p if isinstance(p, str) else next(iter(p))  # noqa: E731
    return [p for p in plugins if name(p) != "macros"]


def probe(project: Path, floor: Path) -> dict:
    """Build `project` once, watched; write the plain-Markdown floor site; return the counts."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.plugins import BasePlugin, event_priority

    project, floor = project.resolve(), floor.resolve()
    counters = _Counters(project / "data")
    shutil.rmtree(floor, ignore_errors=True)
    shutil.copytree(project / "docs", floor / "docs")
    shutil.copytree(project / "overrides", floor / "overrides")
    shutil.copy(project / "mkdocs.yml", floor / "mkdocs.yml")
    config_text = (project / "mkdocs.yml").read_text()
    floor_config = {"INHERIT": "mkdocs.yml", "hooks": [], "watch": [], "plugins": _plugins_without_macros(config_text)}
    (floor / FLOOR_CONFIG).write_text(yaml.safe_dump(floor_config, sort_keys=False))

    class Capture(BasePlugin):
        """Write every generated file, then every page as the macros left it, into the floor."""

        @event_priority(-1000)
        def on_files(self, files, config):
            for file in files:
                if file.generated_by:
                    target = floor / "docs" / file.src_uri
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(file.content_bytes)
            return files

        @event_priority(-1000)
        def on_page_markdown(self, markdown, page, config, files):
            meta = {k: v for k, v in page.meta.items() if k != "render_macros"}
            if page.file.generated_by or page.meta.get("render_macros"):
                head = "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True) + "---\n\n" if meta else ""
                (floor / "docs" / page.file.src_uri).write_text(head + markdown, encoding="utf-8")
            return markdown

    os.chdir(project)
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=tempfile.mkdtemp(prefix="probe-site-"))
    config.plugins["benchmark-floor-capture"] = Capture()
    _watch(counters)
    build(config)
    shutil.rmtree(config.site_dir, ignore_errors=True)
    data_files = sorted(p.relative_to(project / "data").as_posix() for p in (project / "data").rglob("*.yml"))
    return {
        "data_files": len(data_files),
        "data_files_read": len(counters.reads),
        "max_reads_of_one_data_file": max(counters.reads.values(), default=0),
        "templates_compiled": len(counters.compiles),
        "max_compiles_of_one_template": max(counters.compiles.values(), default=0),
        "most_read": counters.reads.most_common(3),
        "compiles": dict(sorted(counters.compiles.items())),
    }


def main(argv: list[str]) -> int:
    import logging

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    report = probe(Path(argv[0]), Path(argv[1]))
    text = json.dumps(report, indent=2)
    if len(argv) > 2:
        Path(argv[2]).write_text(text)
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
