"""The one YAML loader the data is read with: libyaml's, with dates left as text.

libyaml's parser gives the same nodes and line marks ten times faster than the
pure-Python one; the build reads every data file, so this sets its floor. Dates stay
strings so that the model, not the YAML parser, judges them and can say which field
holds an impossible date.
"""

from __future__ import annotations

import yaml


def without_timestamps(cls):
    """A loader or dumper class that reads and writes dates as plain strings (YAML's timestamp tag off).

    On loading, the model judges dates and names the field of an impossible one;
    on dumping, an example date is written bare, as an editor writes it."""
    cls.yaml_implicit_resolvers = {
        first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in cls.yaml_implicit_resolvers.items()
    }
    return cls


@without_timestamps
class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    pass
