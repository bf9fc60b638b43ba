"""In GitHub Actions every data error is also printed as `::error file=...,line=...::`,
which GitHub shows at that line of the pull request's diff: from `make check` and
from the MkDocs build alike."""

from __future__ import annotations

import re

from conftest import copy_project, run_build
from macros.cli import check
from macros.data.data_errors import DataError

ANNOTATION = re.compile(r"^::error file=(?P<file>[^,]+),line=(?P<line>\d+)::(?P<text>.+)$", re.M)


FINDING = "data/findings/sore-back-gentle-rub-less-pain.yml"


def break_a_link(fixture_data):
    f = fixture_data / "findings" / "sore-back-gentle-rub-less-pain.yml"
    text = f.read_text()
    f.write_text(text.replace("intervention: gentle-rub", "intervention: gentel-rub", 1))
    line = next(i for i, l in enumerate(f.read_text().splitlines(), 1) if "gentel-rub" in l)
    return line


def test_annotation_format_escapes_newlines_and_percent():
    error = DataError("data/conditions/x.yml", 14, "summary", "50% of\nit")
    assert error.github_annotation() == "::error file=data/conditions/x.yml,line=14::summary: 50%25 of%0Ait"
    assert error.github_annotation("warning").startswith("::warning file=data/conditions/x.yml,line=14::")


def test_make_check_annotates_each_error_at_its_line(fixture_data, capsys, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    line = break_a_link(fixture_data)
    source = fixture_data / "sources" / "review-one.yml"
    source.write_text(source.read_text().replace("year: 2020", "year: twenty"))
    year_line = source.read_text().splitlines().index("year: twenty") + 1
    assert check.main([str(fixture_data)]) == 1
    found = {(m["file"], int(m["line"])) for m in ANNOTATION.finditer(capsys.readouterr().out)}
    assert (FINDING, line) in found
    assert ("data/sources/review-one.yml", year_line) in found
    assert len(found) == 2


def test_no_annotations_outside_github_actions(fixture_data, capsys, monkeypatch):
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    break_a_link(fixture_data)
    assert check.main([str(fixture_data)]) == 1
    captured = capsys.readouterr()
    assert "::error" not in captured.out + captured.err
    assert f"{FINDING}:" in captured.err


def test_the_mkdocs_build_annotates_too(tmp_path, fixture_data, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    line = break_a_link(fixture_data)
    project = copy_project(tmp_path / "project", data=fixture_data)
    result = run_build(project)
    assert result.returncode != 0
    [annotation] = ANNOTATION.findall(result.stdout)
    assert annotation == (FINDING, str(line), "intervention: unknown technique 'gentel-rub' (did you mean "
                          "'gentle-rub'?): write a technique id, or one of massage")
    assert "Traceback" not in result.stdout + result.stderr
