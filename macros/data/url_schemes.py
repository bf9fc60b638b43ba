"""One check of an address's scheme, used wherever an address is judged: links in the data,
HTML in docs/ pages, SVG images.

A browser reads `&#106;avascript:`, `java&Tab;script:` and ` javascript:` as `javascript:`,
so the address is decoded first, as far as anything on the way could decode it: HTML
entities and percent-encoding (repeatedly, since each layer may decode once), then the
characters a URL parser drops (controls, spaces) and hidden characters. Only then is its
scheme judged, and the message names the scheme found: `vbscript:` is reported as
`vbscript:`. Decoding percent-encoding in the scheme is stricter than a browser, which
errs towards refusing.
"""

from __future__ import annotations

import html
import re
from urllib.parse import unquote

from .hidden_characters import hidden_characters

# Schemes whose address runs script or carries a whole document in the site's origin.
SCRIPT_SCHEMES = ("javascript", "vbscript", "livescript", "mocha")
REFUSED_SCHEMES = (*SCRIPT_SCHEMES, "data")
_DECODE_ROUNDS = 5
_DROPPED = re.compile(r"[\x00-\x20\x7f]+")
_LINE_BREAKS = re.compile(r"[\t\n\r]+")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_SCRIPT_IN_TEXT = re.compile(r"(?i)\b(" + "|".join(SCRIPT_SCHEMES) + r")\s*:")


def _unescaped(text: str) -> str:
    for _ in range(_DECODE_ROUNDS):
        decoded = unquote(html.unescape(text))
        if decoded == text:
            break
        text = decoded
    hidden = {index for index, _ in hidden_characters(text)}
    return "".join(char for index, char in enumerate(text) if index not in hidden) if hidden else text


def decoded_address(address: str) -> str:
    """The address as a browser could read it: decoded, without controls, spaces or hidden characters."""
    return _DROPPED.sub("", _unescaped(address))


def scheme_of(address: str) -> str | None:
    """The scheme of an address, lower case, once decoded; None for a relative address."""
    found = _SCHEME.match(decoded_address(address))
    return found.group(1).lower() if found else None


def refused_scheme(address: str, refused=REFUSED_SCHEMES) -> str | None:
    """The scheme, when it is one of `refused` (by default those that run script or carry data)."""
    scheme = scheme_of(address)
    return scheme if scheme in refused else None


def script_scheme_in_text(text: str) -> str | None:
    """A script scheme (javascript:, vbscript: ...) anywhere in a text, once decoded, or None."""
    found = _SCRIPT_IN_TEXT.search(_LINE_BREAKS.sub("", _unescaped(text)))
    return found.group(1).lower() if found else None


def scheme_message(scheme: str) -> str:
    """What an editor is told about an address with a refused scheme."""
    if scheme == "data":
        return "'data:' addresses are not allowed: they can carry a whole page or a script; link to a file instead"
    return f"'{scheme}:' addresses are not allowed: they run a script"
