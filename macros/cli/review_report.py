"""`make review-report`: pages overdue for review or due soon, and grades whose evidence was not searched for in a year."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from ..data.data_errors import DataErrors
from ..data.knowledge_base import load_knowledge_base
from ..data.review_schedule import DUE_SOON_DAYS, report, reviews_due, stale_search_report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make review-report", description="Pages overdue for review or due soon.")
    parser.add_argument("data_dir", nargs="?", type=Path, default=Path(__file__).resolve().parents[2] / "data")
    parser.add_argument("--days", type=int, default=DUE_SOON_DAYS, help="how far ahead to look (default 30)")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None, help="pretend today is this date")
    args = parser.parse_args(argv)
    try:
        kb = load_knowledge_base(args.data_dir)
    except DataErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    print(report(reviews_due(kb, args.today, args.days), args.days))
    print(stale_search_report(kb, args.today))
    return 0


if __name__ == "__main__":
    sys.exit(main())
