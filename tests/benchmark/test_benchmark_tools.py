"""The benchmark's own tools (tests/benchmark/), checked by `make bench` before it measures.

Marked `bench`, so `make test` leaves them out (pytest.ini); `pytest -m bench` runs them.
They make sure the benchmark's synthetic data is data the real model accepts, and that the
engine reads each data file once and compiles each template once per build,
however many pages use them.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from benchmark.synthetic_kb import entity_counts, ids_linked_from, write_synthetic_data
from conftest import ROOT
from macros.data.knowledge_base import load_knowledge_base
from macros.data.kinds import KIND_FOLDERS, PAGE_KINDS
from macros.data.relation_graph import build_relation_graph

pytestmark = pytest.mark.bench


def test_entity_counts_follow_the_real_mix():
    counts = entity_counts(1000)
    assert sum(counts[k] for k in PAGE_KINDS) == 1000
    assert counts["condition"] > counts["benefit"] > counts["caution"] > counts["technique"] > 0
    assert counts["source"] == 2400


def test_synthetic_data_validates_with_the_real_model(tmp_path):
    keep = {"condition": ["sciatica"], "caution": ["pregnancy"]}
    counts = write_synthetic_data(tmp_path / "data", 60, keep_ids=keep)
    kb = load_knowledge_base(tmp_path / "data")  # raises DataErrors, naming each file, if anything is invalid
    for kind, count in counts.items():
        assert len(kb[kind]) == count, kind
    assert "sciatica" in kb["condition"] and "pregnancy" in kb["caution"]
    graph = build_relation_graph(kb)
    some_condition = next(iter(kb["condition"]))
    assert graph.own_findings(some_condition), "a condition page with findings to show"
    assert any(not v.general_intervention for v in graph.own_findings(some_condition))
    assert any(graph.findings_on("technique", t) for t in kb["technique"])
    assert all(graph.claim_verdict(b) for b in kb["benefit"])
    assert all(kb["condition"][c].red_flags for c in kb["condition"])


def test_synthetic_data_is_the_same_every_time(tmp_path):
    write_synthetic_data(tmp_path / "a", 20)
    write_synthetic_data(tmp_path / "b", 20)
    for path in sorted((tmp_path / "a").rglob("*.yml")):
        assert path.read_bytes() == (tmp_path / "b" / path.relative_to(tmp_path / "a")).read_bytes()


def test_ids_the_prose_links_to_are_found(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "page.md").write_text("See [sciatica](/conditions/sciatica.md), [A to Z](/conditions/index.md)"
                                  " and [a review](/sources.md#furlan-2015).\n")
    found = ids_linked_from(docs)
    assert found["condition"] == ["sciatica"] and found["source"] == ["furlan-2015"]
    assert not found["technique"]


def probe(tmp_path, pages: int) -> dict:
    from conftest import copy_project

    project = tmp_path / f"project-{pages}"
    copy_project(project, data=ROOT / "tests" / "fixtures" / "kb" / "data")
    import shutil
    shutil.rmtree(project / "data")
    write_synthetic_data(project / "data", pages, keep_ids=ids_linked_from(project / "docs"))
    out = tmp_path / f"probe-{pages}.json"
    result = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "benchmark" / "build_probe.py"), str(project),
         str(tmp_path / f"floor-{pages}"), str(out)],
        cwd=project, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-4000:]
    return json.loads(out.read_text())


@pytest.fixture(scope="module")
def probes(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("probe")
    return probe(tmp, 12), probe(tmp, 36)


def test_each_data_file_is_read_once_per_build(probes):
    for report in probes:
        assert report["data_files_read"] == report["data_files"] > 0
        assert report["max_reads_of_one_data_file"] == 1, report["most_read"]


def test_templates_are_compiled_once_whatever_the_number_of_pages(probes):
    small, large = probes
    assert large["data_files"] > 2 * small["data_files"]
    assert small["compiles"] == large["compiles"], "a template is compiled again for more pages"
    ours = {name: n for name, n in small["compiles"].items() if name.endswith(".j2")}
    assert ours and set(ours.values()) == {1}, ours


def test_floor_site_is_plain_markdown(probes, tmp_path_factory):
    floor = next(tmp_path_factory.getbasetemp().glob("probe*/floor-12"))
    config = (floor / "mkdocs.floor.yml").read_text()
    assert "hooks: []" in config and "macros" not in config
    page = next((floor / "docs" / KIND_FOLDERS["condition"]).glob("condition-*.md")).read_text()
    assert "{{" not in page and "render_macros" not in page
    assert "## " in page  # the rendered template, not the stub


def test_the_serve_timing_runs_mkdocs_as_make_serve_does():
    from benchmark.run_benchmark import SERVE_ARGS

    recipe = (ROOT / "Makefile").read_text().split("\nserve:", 1)[1].split("\n\n", 1)[0]
    assert "mkdocs " + " ".join(SERVE_ARGS) in recipe
