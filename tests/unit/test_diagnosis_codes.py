"""Codes are compared in one form: no dot, no spaces, capitals.

The look-up by longest listed prefix runs in the browser (docs/assets/connect.js);
tests/browser/test_code_lookup.py tests it there.
"""

from macros.data.diagnosis_codes import normalize


def test_normalize():
    assert normalize(" s13.4xxA") == "S134XXA"


def test_radiculopathy_codes_that_record_systems_send_reach_their_page(kb):
    """M54.16 (lumbar radiculopathy) used to end on "We don't have a page"; connect.js takes the
    longest listed prefix of a code (tests/browser), so each must be listed for its condition."""
    from macros.data.diagnosis_codes import code_table

    table = code_table(kb)
    for code, condition in [("M54.16", "sciatica"), ("M54.17", "sciatica"), ("M51.16", "herniated-disc")]:
        assert table[normalize(code)]["condition"] == condition, code
