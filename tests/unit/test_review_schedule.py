"""Which pages are due for review: `make review-report` and the build's notice."""

from __future__ import annotations

import datetime as dt
import logging

from macros.data.knowledge_base import load_knowledge_base
from macros.cli.review_report import main
from macros.data.review_schedule import log_overdue, report, reviews_due

# Every fixture page: last_reviewed 2026-11-01, next_review 2027-11-01.
NEXT = dt.date(2027, 11, 1)


def set_dates(path, last: str, next_: str):
    text = path.read_text().replace("last_reviewed: 2026-11-01", f"last_reviewed: {last}")
    path.write_text(text.replace("next_review: 2027-11-01", f"next_review: {next_}"))


def test_due_within_30_days_is_listed_and_31_is_not(fixture_data):
    kb = load_knowledge_base(fixture_data)
    assert reviews_due(kb, NEXT - dt.timedelta(days=31)) == []
    due = reviews_due(kb, NEXT - dt.timedelta(days=30))
    assert {(d.kind, d.id) for d in due} == {("condition", "sore-back"), ("technique", "gentle-rub"),
                                            ("benefit", "less-pain"), ("caution", "blood-clot")}
    assert all(d.days_left == 30 and not d.overdue for d in due)


def test_overdue_pages_come_first_and_say_by_how_much(fixture_data):
    set_dates(fixture_data / "cautions" / "blood-clot.yml", "2024-01-01", "2025-01-01")
    kb = load_knowledge_base(fixture_data)
    due = reviews_due(kb, dt.date(2027, 10, 20))
    assert due[0].id == "blood-clot" and due[0].overdue
    assert str(due[0]) == "data/cautions/blood-clot.yml: Blood clots: overdue by 1022 days (due 2025-01-01)"
    assert str(due[1]).endswith(": due in 12 days (2027-11-01)")
    text = report(due)
    assert text.startswith("4 pages to review (1 overdue, 3 due in the next 30 days):")


def test_drafts_are_not_listed(fixture_data):
    f = fixture_data / "cautions" / "blood-clot.yml"
    set_dates(f, "2024-01-01", "2025-01-01")
    f.write_text(f.read_text() + "status: draft\n")
    for linking in ("conditions/sore-back.yml", "techniques/gentle-rub.yml"):  # nothing may link to a draft
        p = fixture_data / linking
        p.write_text(p.read_text().replace("cautions: [blood-clot]", "cautions: []"))
    p = fixture_data / "techniques" / "gentle-rub.yml"
    p.write_text(p.read_text().replace("cautions: []", "cautions: [other-caution]"))
    (fixture_data / "cautions" / "other-caution.yml").write_text(
        (fixture_data / "cautions" / "blood-clot.yml").read_text().replace("status: draft\n", "")
        .replace("last_reviewed: 2024-01-01", "last_reviewed: 2026-11-01")
        .replace("next_review: 2025-01-01", "next_review: 2028-11-01"))
    kb = load_knowledge_base(fixture_data)
    assert "blood-clot" in kb.drafts["caution"]
    assert [d.id for d in reviews_due(kb, dt.date(2027, 10, 20))] == ["less-pain", "sore-back", "gentle-rub"]


def test_report_command(fixture_data, capsys):
    set_dates(fixture_data / "benefits" / "less-pain.yml", "2024-01-01", "2025-01-01")
    assert main([str(fixture_data), "--today", "2026-11-27"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines() == [
        "1 page to review (1 overdue, 0 due in the next 30 days):",
        "  data/benefits/less-pain.yml: Less pain: overdue by 695 days (due 2025-01-01)",
        "Every finding's evidence was searched for within the last year.",
    ]


def test_report_when_nothing_is_due(fixture_data, capsys):
    assert main([str(fixture_data), "--today", "2026-11-27"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "No page is overdue for review or due in the next 30 days.",
        "Every finding's evidence was searched for within the last year."]


def test_the_report_lists_searches_for_newer_evidence_older_than_a_year(fixture_data, capsys):
    """The fixture's findings were last searched on 2026-11-27: a year and a day later, each is listed."""
    assert main([str(fixture_data), "--today", "2027-11-28"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "3 findings not searched for newer evidence in over a year (search again, then update searched:):" in out
    assert "  data/findings/sore-back-gentle-rub-less-pain.yml: searched: last searched 2026-11-27" in out
    assert "  data/findings/adults-massage-less-pain.yml: searched: last searched 2026-11-27" in out


def test_the_build_notice_is_info_not_a_warning(fixture_data, caplog):
    """Strict mode fails the build on any warning; an overdue review must only be noted."""
    set_dates(fixture_data / "benefits" / "less-pain.yml", "2024-01-01", "2025-01-01")
    kb = load_knowledge_base(fixture_data)
    with caplog.at_level(logging.DEBUG, logger="mkdocs"):
        overdue = log_overdue(kb, dt.date(2026, 11, 27))
    assert [d.id for d in overdue] == ["less-pain"]
    [record] = [r for r in caplog.records if "overdue for review" in r.getMessage()]
    assert record.levelno == logging.INFO and record.name.startswith("mkdocs.")
    assert "data/benefits/less-pain.yml: Less pain: overdue by 695 days" in record.getMessage()
