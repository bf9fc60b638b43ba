"""Read a data file as plain data, from the YAML event stream, in one linear pass.

Editors never need anchors, aliases, merge keys, explicit tags, field names that
are not words, deep nesting or hidden characters, and each of them has been used
to crash, stall or fool the loader (an 8-line alias bomb expands to a billion
strings). So each is refused by name, at its line, while the events are read:
nothing walks an expanded tree, and a document is only built once it is plain.
The same pass records the line of every field and enforces input_limits.
"""

from __future__ import annotations

import re

import yaml

from . import input_limits
from .data_errors import DataError, field_path
from .hidden_characters import first_hidden, hidden_character_message
from .yaml_loader import Loader

_NO_ANCHORS = "anchors ('&') and aliases ('*') are not allowed: write the value out"
_MAP, _SEQ = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"


def field_at_line(lines: dict[tuple, int], line: int) -> tuple:
    """The field whose text is on a line: the last field that starts at or before it."""
    best, best_line = (), 0
    for path, start in lines.items():
        if start <= line and (start > best_line or start == best_line and len(path) > len(best)):
            best, best_line = path, start
    return best


class _Frame:
    __slots__ = ("node", "path", "is_map", "key", "seen", "count")

    def __init__(self, node, path: tuple):
        self.node, self.path = node, path
        self.is_map = isinstance(node, yaml.MappingNode)
        self.key = None  # the pending key's scalar node, in a mapping
        self.seen: dict[str, int] = {}
        self.count = 0  # keys or items read so far


class NotPlainData(Exception):
    """Reading stopped early: the rest of the document cannot be trusted to be small."""


def compose_plain_data(loader, shown_as: str, max_fields: int = input_limits.MAX_FIELDS
                       ) -> tuple[object, dict[tuple, int], list[DataError]]:
    """Read the loader's events into one node tree, refusing what is not plain data.

    Returns (root node or None, line of each field path, errors)."""
    errors: list[DataError] = []
    lines: dict[tuple, int] = {}
    stack: list[_Frame] = []
    root = None
    documents = 0

    def refuse(line: int, path: tuple, message: str) -> None:
        errors.append(DataError(shown_as, line, field_path(path), message))

    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    refuse(event.start_mark.line + 1, (), "one file holds one page: remove the second '---' "
                           "and what follows, or move it to a file of its own")
                    raise NotPlainData
                continue
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                frame = stack.pop()
                frame.node.end_mark = event.end_mark
                continue
            if not isinstance(event, yaml.NodeEvent):
                continue  # stream and document ends
            line = event.start_mark.line + 1
            parent = stack[-1] if stack else None
            if parent is not None and parent.is_map and parent.key is None:
                parent.count += 1
                if parent.count > max_fields:
                    refuse(line, parent.path, f"at most {max_fields} fields may be written "
                           "in one place: remove the ones the file does not need")
                    raise NotPlainData  # the rest is not read: it could be any size
                _read_key(event, parent, refuse, lines)
                continue
            if parent is None:
                path = ()
            elif parent.is_map:
                path = (*parent.path, parent.key.value)
            else:
                path = (*parent.path, parent.count)
                parent.count += 1
                if parent.count > input_limits.MAX_LIST_ITEMS:
                    refuse(line, parent.path, f"a list may hold at most {input_limits.MAX_LIST_ITEMS} items: "
                           "shorten it")
                    raise NotPlainData
            node = _node_for(event, path, line, refuse)
            if parent is None:
                root = node
                lines[path] = line
            elif parent.is_map:  # its line is its key's, recorded with the key
                parent.node.value.append((parent.key, node))
                parent.key = None
            else:
                lines[path] = line
                parent.node.value.append(node)
            if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
                if len(stack) >= input_limits.MAX_DEPTH:
                    refuse(line, path, f"nested more than {input_limits.MAX_DEPTH} levels deep: "
                           "no field needs this; write the value as the example in the file shows")
                    raise NotPlainData
                stack.append(_Frame(node, path))
    except NotPlainData:
        pass
    return (None if errors else root), lines, errors


def _read_key(event, parent: _Frame, refuse, lines: dict) -> None:
    line = event.start_mark.line + 1
    if not isinstance(event, yaml.ScalarEvent):
        shown = "a list" if isinstance(event, yaml.SequenceStartEvent) else "a set of fields"
        refuse(line, parent.path, f"field names are plain words, not {shown}: "
               "write 'name: value' with a word before the colon")
        raise NotPlainData
    key = event.value
    if event.anchor is not None:
        refuse(line, (*parent.path, key), _NO_ANCHORS)
    if event.tag is not None:
        refuse(line, (*parent.path, key), f"tags such as '{_tag_as_written(event.tag)}' are not allowed: "
               "write the plain value")
    if event.implicit[0] and key == "<<":
        refuse(line, (*parent.path, key), "merge keys ('<<') are not allowed: write each field out")
    elif event.implicit[0] and _plain_tag(key) != "tag:yaml.org,2002:str":
        refuse(line, parent.path, f"field names are plain words: '{key or 'null'}' reads as a value, "
               "not a field name; check the spelling and the indentation")
    if first_hidden(key):
        refuse(line, (*parent.path, key), hidden_character_message(first_hidden(key)))
    if key in parent.seen:
        refuse(line, (*parent.path, key), f"'{key}' appears twice (first on line {parent.seen[key]}): keep one")
    else:
        parent.seen[key] = line
        lines[(*parent.path, key)] = line
    parent.key = yaml.ScalarNode("tag:yaml.org,2002:str", key, event.start_mark, event.end_mark, event.style)


def _node_for(event, path: tuple, line: int, refuse):
    if isinstance(event, yaml.AliasEvent):
        refuse(line, path, _NO_ANCHORS)
        return yaml.ScalarNode("tag:yaml.org,2002:null", "", event.start_mark, event.end_mark)
    if event.anchor is not None:
        refuse(line, path, _NO_ANCHORS)
    if event.tag is not None:
        refuse(line, path, f"tags such as '{_tag_as_written(event.tag)}' are not allowed: write the plain value")
    if isinstance(event, yaml.MappingStartEvent):
        return yaml.MappingNode(_MAP, [], event.start_mark, event.end_mark, event.flow_style)
    if isinstance(event, yaml.SequenceStartEvent):
        return yaml.SequenceNode(_SEQ, [], event.start_mark, event.end_mark, event.flow_style)
    value = event.value
    field = next((p for p in reversed(path) if isinstance(p, str)), None)
    limit = input_limits.text_limit(field)
    if len(value) > limit:
        refuse(line, path, f"{len(value)} characters: this field may hold at most {limit} characters; "
               "shorten it or split it into sections")
    hidden = first_hidden(value)
    if hidden:
        # Only an escape ("\e", "\u202E") gets here: those in the file were found, at their line, before.
        refuse(line, path, hidden_character_message(hidden))
    tag = "tag:yaml.org,2002:str" if not event.implicit[0] else _plain_tag(value)
    if tag == _INT and not _DECIMAL.match(value):
        refuse(line, path, _number_message(value))
    return yaml.ScalarNode(tag, value, event.start_mark, event.end_mark, event.style)


# YAML 1.1 reads 012 as 10 (octal), 0x1A as 26, 1:30 as 90 and 1_000 as 1000: a number is
# written in plain digits, so no value is read as another than the one written.
_INT = "tag:yaml.org,2002:int"
_DECIMAL = re.compile(r"^-?(0|[1-9][0-9]*)$")


def _number_message(written: str) -> str:
    loader = Loader(written)
    try:
        read_as = loader.get_single_data()
    finally:
        loader.dispose()
    digits = written.lstrip("+").replace("_", "")
    plain = digits.lstrip("0") or "0" if digits.isdigit() else None
    fix = f"write {plain}, or put it in quotes" if plain else \
        "write the number in plain digits, or put the value in quotes"
    why = " (a leading 0 makes it octal)" if digits[:1] == "0" and digits.isdigit() else ""
    return f"'{written}' would be read as the number {read_as}{why}: {fix}"


_RESOLVER = None


def _plain_tag(value: str) -> str:
    """What an unquoted scalar reads as (str, int, bool, null...), as the loader resolves it."""
    if value in _TAG_CACHE:
        return _TAG_CACHE[value]
    global _RESOLVER
    if _RESOLVER is None:
        _RESOLVER = Loader("")
    tag = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))
    if len(_TAG_CACHE) < 10_000:
        _TAG_CACHE[value] = tag
    return tag


_TAG_CACHE: dict[str, str] = {}


def _tag_as_written(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag
