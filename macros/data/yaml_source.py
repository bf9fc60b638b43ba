"""Read one YAML data file and remember the line of every field.

Dates stay strings here so that the model, not the YAML parser, judges them and
can say which field holds an impossible date.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from . import hidden_characters, input_limits, yaml_safety
from .data_errors import DataError, field_path
from .yaml_loader import Loader




def read_yaml_file(path: Path, shown_as: str, max_bytes: int = input_limits.MAX_FILE_BYTES,
                   max_fields: int = input_limits.MAX_FIELDS) -> tuple[object, dict[tuple, int], list[DataError]]:
    """Return (data, line of each field path, errors). data is None when unreadable."""
    size = path.stat().st_size
    if size > max_bytes:
        return None, {}, [DataError(shown_as, 1, "", f"the file is {size // 1024} KB; this file may be at most "
                                    f"{max_bytes // 1024} KB: shorten the text")]
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")  # a byte order mark, as some editors save
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, {}, [DataError(shown_as, line, "", "the file is not UTF-8 text: save it as UTF-8")]
    if not text.strip() or all(l.strip().startswith("#") or not l.strip() for l in text.splitlines()):
        return None, {}, [DataError(shown_as, 1, "", "the file is empty: fill in the fields or delete it")]
    if text.count("[") > input_limits.MAX_BRACKETS_PER_FILE:
        return None, {}, [DataError(shown_as, 1, "", f"the file has {text.count('[')} '[' characters; at most "
                                    f"{input_limits.MAX_BRACKETS_PER_FILE} are allowed: remove the ones "
                                    "that are not links or lists")]
    return read_yaml_text(text, shown_as, max_fields=max_fields)


def read_yaml_text(text: str, shown_as: str, first_line: int = 1, max_fields: int = input_limits.MAX_FIELDS
                   ) -> tuple[object, dict[tuple, int], list[DataError]]:
    """YAML text read as plain data (yaml_safety.py): (data, line of each field path, errors).

    first_line is the line of the file the text starts on (a page's front matter starts on 2)."""
    hidden = hidden_characters.find_hidden_characters(text)
    if hidden:
        text = hidden_characters.blank_out_hidden_characters(text)
    loader = Loader(text)
    try:
        node, lines, errors = yaml_safety.compose_plain_data(loader, shown_as, max_fields)
        errors += [DataError(shown_as, line, field_path(yaml_safety.field_at_line(lines, line)),
                             hidden_characters.hidden_character_message(char)) for line, char in hidden]
        data = None if errors or node is None else loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problem = exc.problem or "invalid YAML"
        data, lines, errors = None, {}, [DataError(shown_as, line, "", f"YAML syntax: {problem} "
                                                   "(check indentation and quotes)")]
    except (yaml.YAMLError, ValueError) as exc:
        data, lines, errors = None, {}, [DataError(shown_as, 1, "", f"YAML syntax: {exc}")]
    finally:
        loader.dispose()
    if first_line != 1:
        shift = first_line - 1
        lines = {path: line + shift for path, line in lines.items()}
        errors = [DataError(e.file, e.line + shift, e.field, e.message) for e in errors]
    return data, lines, errors


def read_optional_file(data_dir: Path, name: str, *limits: int) -> tuple[str, object, dict, list[DataError]]:
    """data/<name>, a file that may be absent: (name as shown, data, lines, errors).

    data is None when the file is absent, empty, a symlink or a folder (refused, by name,
    with every other file data/ must not hold: data_files.py)."""
    path = Path(data_dir) / name
    shown_as = path.relative_to(Path(data_dir).parent).as_posix()
    if path.is_symlink() or not path.is_file():
        return shown_as, None, {}, []  # a folder of this name is refused with the rest (data_files.py)
    data, lines, errors = read_yaml_file(path, shown_as, *limits)
    return shown_as, data, lines, [e for e in errors if "the file is empty" not in e.message]


def line_of(lines: dict[tuple, int], loc: tuple) -> int:
    """The line of the deepest known part of a field path (a missing field points at its parent)."""
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return 1
