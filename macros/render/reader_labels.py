"""The words readers see for the data's fixed vocabularies, read from the one table of reader words
(macros/data/words/<language>.yml): the names the code uses for them."""

from ..data.reader_words import vocabulary, words

CERTAINTY = {word: tuple(label) for word, label in vocabulary("certainty").items()}
CAUTION_ACTION = vocabulary("caution_action")
BODY_AREA = vocabulary("body_area")
KIND_TITLE = vocabulary("kind_title")
SOURCE_TYPE = vocabulary("source_type")
# Which way the evidence points: an icon and words, never colour alone.
DIRECTION = {direction: tuple(shown) for direction, shown in vocabulary("direction").items()}
# What massage was compared with, completing "compared with ..."; and as a table's column.
COMPARATOR = vocabulary("comparator")
COMPARATOR_SHORT = vocabulary("comparator_short")
EVIDENCE = vocabulary("evidence")
INDIRECT = vocabulary("indirect")
# The heading and action of each level's box, unless a red flag or a page sets its own:
# one voice for readers anywhere (content standards, section 7).
LEVEL_HEADING = vocabulary("level_heading")
LEVEL_ACTION = vocabulary("level_action")
EMERGENCY_ACTION = LEVEL_ACTION["emergency"]
URGENT_ACTION = LEVEL_ACTION["urgent"]
CRISIS_LINES = vocabulary("crisis_lines")
# The words of the pages themselves: headings, phrases, buttons (templates read them as `words`).
PAGE = words().get("page", {})
