"""Characters a reader cannot see, found by Unicode's own properties, not by a hand-written list.

A character is hidden when it is
- a control (general category Cc: C0 and C1), except a tab and a line feed;
- a format character (Cf: zero-width spaces and joiners, bidi embeddings, overrides and
  isolates, the soft hyphen, tag characters...);
- a line or paragraph separator (Zl, Zp);
- or a Default_Ignorable_Code_Point: what a font draws as nothing (the combining grapheme
  joiner, the Hangul fillers, variation selectors, U+206A-206F...), Cf or not.

Python's unicodedata has the general category but not Default_Ignorable_Code_Point, so the
property's ranges are kept below, in one table, as Unicode's DerivedCoreProperties.txt lists
them (Unicode 15.1 and 16.0 list the same ranges); tests/unit/test_hidden_characters.py
compares the table with the regex module's copy of the property, code point by code point.
"""

from __future__ import annotations

import bisect
import re
import unicodedata

# Default_Ignorable_Code_Point, from DerivedCoreProperties.txt: (first, last) code points.
DEFAULT_IGNORABLE = (
    (0x00AD, 0x00AD),    # SOFT HYPHEN
    (0x034F, 0x034F),    # COMBINING GRAPHEME JOINER
    (0x061C, 0x061C),    # ARABIC LETTER MARK
    (0x115F, 0x1160),    # HANGUL CHOSEONG FILLER..HANGUL JUNGSEONG FILLER
    (0x17B4, 0x17B5),    # KHMER VOWEL INHERENT AQ..KHMER VOWEL INHERENT AA
    (0x180B, 0x180F),    # MONGOLIAN FREE VARIATION SELECTORS and VOWEL SEPARATOR
    (0x200B, 0x200F),    # ZERO WIDTH SPACE..RIGHT-TO-LEFT MARK
    (0x202A, 0x202E),    # LEFT-TO-RIGHT EMBEDDING..RIGHT-TO-LEFT OVERRIDE
    (0x2060, 0x206F),    # WORD JOINER..NOMINAL DIGIT SHAPES (2065 reserved)
    (0x3164, 0x3164),    # HANGUL FILLER
    (0xFE00, 0xFE0F),    # VARIATION SELECTOR-1..VARIATION SELECTOR-16
    (0xFEFF, 0xFEFF),    # ZERO WIDTH NO-BREAK SPACE (byte order mark)
    (0xFFA0, 0xFFA0),    # HALFWIDTH HANGUL FILLER
    (0xFFF0, 0xFFF8),    # reserved
    (0x1BCA0, 0x1BCA3),  # SHORTHAND FORMAT LETTER OVERLAP..SHORTHAND FORMAT UP STEP
    (0x1D173, 0x1D17A),  # MUSICAL SYMBOL BEGIN BEAM..MUSICAL SYMBOL END PHRASE
    (0xE0000, 0xE0FFF),  # LANGUAGE TAG, TAG SPACE..CANCEL TAG, VARIATION SELECTOR-17..256, reserved
)
_STARTS = [first for first, _ in DEFAULT_IGNORABLE]
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp"})
# Every character that is not printable ASCII, a tab or a line feed: the only ones to look at.
_CANDIDATE = re.compile(r"[^\t\n\x20-\x7e]")


def is_default_ignorable(char: str) -> bool:
    code = ord(char)
    at = bisect.bisect_right(_STARTS, code) - 1
    return at >= 0 and code <= DEFAULT_IGNORABLE[at][1]


def is_hidden(char: str) -> bool:
    """Whether a reader cannot see this character (see above); a tab and a line feed are text."""
    if char in "\t\n":
        return False
    return unicodedata.category(char) in _HIDDEN_CATEGORIES or is_default_ignorable(char)


def hidden_characters(text: str, line_ends: bool = False):
    """Yield (index, character) for each hidden character, in one pass.

    With line_ends, a carriage return just before a line feed is a Windows line end, not text."""
    for match in _CANDIDATE.finditer(text):
        char = match.group()
        if line_ends and char == "\r" and text.startswith("\n", match.end()):
            continue
        if is_hidden(char):
            yield match.start(), char


def first_hidden(text: str) -> str | None:
    """The first hidden character in a value, or None."""
    return next((char for _, char in hidden_characters(text)), None)


def describe_character(char: str) -> str:
    name = unicodedata.name(char, "") or {"\r": "CARRIAGE RETURN", "\x1b": "ESCAPE", "\x00": "NULL"}.get(
        char, "a control character" if unicodedata.category(char) == "Cc" else "an invisible character")
    return f"U+{ord(char):04X} ({name})"


def hidden_character_message(char: str) -> str:
    return (f"the invisible or control character {describe_character(char)} is not allowed: "
            "delete it (retype the words around it)")


def find_hidden_characters(text: str, limit: int = 20) -> list[tuple[int, str]]:
    """(line, character) of the first hidden characters in a file's text, in one pass."""
    found, line, last = [], 1, 0
    for index, char in hidden_characters(text, line_ends=True):
        line += text.count("\n", last, index)
        last = index
        found.append((line, char))
        if len(found) == limit:
            break
    return found


def blank_out_hidden_characters(text: str) -> str:
    """The text with each hidden character (but a Windows line end) replaced by a space."""
    parts, last = [], 0
    for index, _ in hidden_characters(text, line_ends=True):
        parts += [text[last:index], " "]
        last = index + 1
    return "".join(parts) + text[last:]
