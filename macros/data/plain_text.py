"""Small text helpers every layer uses, written once."""

from __future__ import annotations


def one_line(text: str) -> str:
    """Every run of spaces, tabs and line breaks as one space, without leading or trailing space."""
    return " ".join(text.split())
