"""What editors are handed besides the pages: every field in their words (the field guide),
the JSON Schemas their text editors read, and the text of a new data file. Reads the data layer only."""
