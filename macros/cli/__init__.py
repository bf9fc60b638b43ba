"""The editors' commands: make check, make new, make review-report, make published-urls."""
