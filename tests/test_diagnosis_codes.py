"""Any code a record system sends finds the right condition, by longest prefix."""

import pytest

from macros.diagnosis_codes import find_condition, normalize

TABLE = {
    "M54": {"code": "M54", "title": "Dorsalgia", "condition": "back-pain"},
    "M543": {"code": "M54.3", "title": "Sciatica", "condition": "sciatica"},
    "M544": {"code": "M54.4", "title": "Lumbago with sciatica", "condition": "sciatica"},
    "S134": {"code": "S13.4", "title": "Sprain of ligaments of cervical spine", "condition": "whiplash"},
}


@pytest.mark.parametrize("raw, expected", [
    ("M54.3", "sciatica"),
    ("M543", "sciatica"),
    ("m54.30", "sciatica"),
    (" M54.31 ", "sciatica"),
    ("M54.41", "sciatica"),
    ("M54.5", "back-pain"),
    ("M54", "back-pain"),
    ("S13.4XXA", "whiplash"),
    ("s134xxd", "whiplash"),
])
def test_longest_listed_prefix_wins(raw, expected):
    assert find_condition(TABLE, raw)["condition"] == expected


@pytest.mark.parametrize("raw", ["", "M5", "Z99.9", "S13.5XXA", "not a code", "54.3"])
def test_unknown_codes_find_nothing(raw):
    assert find_condition(TABLE, raw) is None


def test_normalize():
    assert normalize(" s13.4xxA") == "S134XXA"


@pytest.mark.parametrize("sent, condition", [
    ("M54.16", "sciatica"), ("m5416", "sciatica"), ("M54.17", "sciatica"),
    ("M51.16", "herniated-disc"), ("M5116", "herniated-disc"),
])
def test_radiculopathy_codes_that_record_systems_send_reach_their_page(sent, condition):
    """M54.16 (lumbar radiculopathy) used to end on "We don't have a page"."""
    from macros.diagnosis_codes import code_table
    from test_site_build import KB

    assert find_condition(code_table(KB), sent)["condition"] == condition
