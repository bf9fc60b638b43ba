"""Clinical reviewers: data/reviewers.yml, the only names a page's reviewed_by may use.

A page that names no reviewer says plainly that no clinician has reviewed it yet.
"""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import ValidationError

from .data_errors import DataError, field_path
from .model import ID_PATTERN, Reviewer
from .yaml_source import line_of, read_optional_file

FILE_NAME = "reviewers.yml"
NOT_REVIEWED = "Written by the guide's editors from published research. Not yet reviewed by a clinician."


def load_reviewers(data_dir: Path, kb) -> list[DataError]:
    """Read data/reviewers.yml (id: {name, credentials, registration, conflicts}) into kb.reviewers."""
    shown_as, data, lines, errors = read_optional_file(data_dir, FILE_NAME)
    if errors or data is None:
        return errors
    if not isinstance(data, dict):
        return [DataError(shown_as, 1, "", "write one reviewer per id: 'jane-doe:' then their fields")]
    for reviewer_id, fields in data.items():
        if not re.match(ID_PATTERN, str(reviewer_id)):
            errors.append(DataError(shown_as, line_of(lines, (reviewer_id,)), str(reviewer_id),
                                    "a reviewer id uses lowercase letters, digits and hyphens"))
            continue
        try:
            kb.reviewers[reviewer_id] = Reviewer.model_validate(fields)
        except ValidationError as exc:
            for err in exc.errors():
                loc = (reviewer_id, *err["loc"])
                errors.append(DataError(shown_as, line_of(lines, loc), field_path(loc),
                                        err["msg"].removeprefix("Value error, ")))
    return errors


def review_line(entity, reviewers: dict) -> str:
    """Who reviewed a page, in the words the page shows."""
    reviewer = reviewers.get(entity.reviewed_by) if entity.reviewed_by else None
    if reviewer is None:
        return NOT_REVIEWED
    return f"Reviewed by {reviewer.name}, {reviewer.credentials}."
