"""QR codes for printed handouts, made offline at build time."""

from __future__ import annotations

from functools import lru_cache

import segno
from markupsafe import Markup

# One of the eight data masks, for every code. Left to choose, segno scores all
# eight and keeps the best (ISO/IEC 18004 7.8.3): 80 % of the 12 ms a code took,
# 5 s of a 1,000-page build. Any mask gives a valid code that any reader decodes;
# the scores only guard against patterns that could slow a scanner. Scored over
# the guide's addresses and 300 made-up ones, mask 6 came within 3 % of the best
# on average (20 % at worst) and was the best more often than any other.
# tests/site/test_qr_codes.py decodes every page's code.
MASK = 6


def qr_code(url: str) -> segno.QRCode:
    """The QR code for url: error correction M (15 % of the code may be damaged)."""
    return segno.make(url, error="m", micro=False, mask=MASK)


# `mkdocs serve` keeps this module loaded, so each rebuild after the first reuses
# the codes, which depend only on the address and title.
@lru_cache(maxsize=None)
def qr_svg(url: str, title: str) -> Markup:
    """An inline SVG QR code for url, with an accessible name."""
    svg = qr_code(url).svg_inline(
        # A viewBox (omitsize) lets CSS size it without cropping; 4 modules of quiet zone for scanners.
        scale=4, border=4, dark="#000", light="#fff", title=title, svgclass="qr-code", omitsize=True
    )
    return Markup(svg.replace("<svg ", '<svg role="img" ', 1))
