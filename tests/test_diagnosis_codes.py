"""Codes are compared in one form: no dot, no spaces, capitals.

The look-up by longest listed prefix runs in the browser (docs/assets/connect.js);
tests/browser/test_code_lookup.py tests it there.
"""

from macros.diagnosis_codes import normalize


def test_normalize():
    assert normalize(" s13.4xxA") == "S134XXA"
