"""A file name or message can never start a second workflow command: the `file=`
property and the message are escaped the way GitHub documents."""

from __future__ import annotations

import json
import re

import pytest

from macros.cli import check
from macros.data.data_errors import DataError


@pytest.mark.parametrize("name, escaped", [
    ("data/a,b.yml", "data/a%2Cb.yml"),
    ("data/a:b.yml", "data/a%3Ab.yml"),
    ("data/50%.yml", "data/50%25.yml"),
    ("data/x.yml\n::error file=evil.yml", "data/x.yml%0A%3A%3Aerror file=evil.yml"),
    ("data/x\r.yml", "data/x%0D.yml"),
])
def test_the_file_property_is_escaped(name, escaped):
    annotation = DataError(name, 3, "name", "msg").github_annotation()
    assert annotation == f"::error file={escaped},line=3::name: msg"
    assert "\n" not in annotation and "\r" not in annotation


def test_the_message_keeps_colons_and_commas_but_escapes_line_breaks():
    annotation = DataError("data/x.yml", 1, "summary", "a: b, c\r\n::warning::x 5%").github_annotation("warning")
    assert annotation == "::warning file=data/x.yml,line=1::summary: a: b, c%0D%0A::warning::x 5%25"


def test_a_file_name_with_a_comma_reaches_the_annotation_escaped(fixture_data, capsys, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    (fixture_data / "conditions" / "sore-back.yml").rename(fixture_data / "conditions" / "sore,line=1::x.yml")
    assert check.main([str(fixture_data)]) == 1
    out = capsys.readouterr().out
    [line] = [l for l in out.splitlines() if l.startswith("::error file=data/conditions/sore")]
    assert line.startswith("::error file=data/conditions/sore%2Cline=1%3A%3Ax.yml,line=1::")
    assert re.fullmatch(r"::error file=[^,:]+,line=\d+::.*", line)


@pytest.mark.parametrize("forged", ["\n::error file=data/x.yml,line=1::forged", "\n::stop-commands::token",
                                    "\n\n::warning::forged"])
def test_the_plain_report_escapes_what_the_annotations_escape(fixture_data, capsys, monkeypatch, forged):
    """A value with a line break then a workflow command is printed on one line, in the plain
    report as in the annotation: no line of the log starts a command the check did not write."""
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    f = fixture_data / "conditions" / "sore-back.yml"
    text = f.read_text()
    assert "body_area: back\n" in text
    f.write_text(text.replace("body_area: back\n", f"body_area: {json.dumps('back' + forged)}\n"))
    assert check.main([str(fixture_data)]) == 1
    captured = capsys.readouterr()
    lines = (captured.out + captured.err).replace("\r", "\n").splitlines()
    [report] = [l for l in lines if l.startswith("  data/conditions/sore-back.yml:")]
    assert "body_area: 'back%0" in report and "::" in report
    commands = [l for l in lines if l.startswith("::")]
    assert len(commands) == 1 and commands[0].startswith("::error file=data/conditions/sore-back.yml,line="), lines


def test_the_plain_report_escapes_a_file_name_and_a_percent_sign():
    error = DataError("data/x\n::error::y.yml", 2, "name", "50% off\r\n::warning::z")
    assert str(error) == "data/x%0A::error::y.yml:2: name: 50% off%0D%0A::warning::z"
    # A '%' that would read as an escape is escaped itself, so the report cannot be misread.
    assert str(DataError("data/x.yml", 1, "name", "say %0A here")) == "data/x.yml:1: name: say %250A here"
