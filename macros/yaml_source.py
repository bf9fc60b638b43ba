"""Read one YAML data file and remember the line of every field.

Dates stay strings here so that the model, not the YAML parser, judges them and
can say which field holds an impossible date.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .data_errors import DataError


# libyaml's parser gives the same nodes and line marks ten times faster than the
# pure-Python one; the build reads every data file, so this sets its floor.
class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    pass


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_yaml_file(path: Path, shown_as: str) -> tuple[object, dict[tuple, int], list[DataError]]:
    """Return (data, line of each field path, errors). data is None when unreadable."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, {}, [DataError(shown_as, line, "", "the file is not UTF-8 text: save it as UTF-8")]
    if not text.strip() or all(l.strip().startswith("#") or not l.strip() for l in text.splitlines()):
        return None, {}, [DataError(shown_as, 1, "", "the file is empty: fill in the fields or delete it")]
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        lines: dict[tuple, int] = {}
        errors: list[DataError] = []
        _record_lines(node, (), lines, errors, shown_as)
        if errors:
            return None, lines, errors
        return loader.construct_document(node), lines, []
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problem = exc.problem or "invalid YAML"
        return None, {}, [DataError(shown_as, line, "", f"YAML syntax: {problem} (check indentation and quotes)")]
    except yaml.YAMLError as exc:
        return None, {}, [DataError(shown_as, 1, "", f"YAML syntax: {exc}")]
    finally:
        loader.dispose()


def _record_lines(node, path: tuple, lines: dict, errors: list, shown_as: str) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key in seen:
                field = ".".join(str(p) for p in (*path, key))
                errors.append(
                    DataError(shown_as, line, field, f"'{key}' appears twice (first on line {seen[key]}): keep one")
                )
                continue
            seen[key] = line
            _record_lines(value_node, (*path, key), lines, errors, shown_as)
            lines[(*path, key)] = line
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, (*path, index), lines, errors, shown_as)


def line_of(lines: dict[tuple, int], loc: tuple) -> int:
    """The line of the deepest known part of a field path (a missing field points at its parent)."""
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return 1
