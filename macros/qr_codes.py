"""QR codes for printed handouts, made offline at build time."""

from __future__ import annotations

from functools import lru_cache

import segno
from markupsafe import Markup


# Encoding one code takes about 12 ms (most of it choosing the mask), a third of a
# condition page's build; `mkdocs serve` keeps this module loaded, so each rebuild
# after the first reuses the codes, which depend only on the address and title.
@lru_cache(maxsize=None)
def qr_svg(url: str, title: str) -> Markup:
    """An inline SVG QR code for url, with an accessible name."""
    svg = segno.make(url, error="m", micro=False).svg_inline(
        # A viewBox (omitsize) lets CSS size it without cropping; 4 modules of quiet zone for scanners.
        scale=4, border=4, dark="#000", light="#fff", title=title, svgclass="qr-code", omitsize=True
    )
    return Markup(svg.replace("<svg ", '<svg role="img" ', 1))
