"""The site's Content-Security-Policy, with hashes of the theme's inline scripts.

Material puts a few small scripts inline in every page. The policy allows them
by hash, never by 'unsafe-inline'. The hashes are computed from the theme's own
partials before pages are built (so the hosting page can print the policy), then
every built page is checked against them, so the policy can't drift from the
theme: an inline script the policy doesn't cover stops the build, naming the
page. `extra.scope` in mkdocs.yml must be set, or the first script differs with
each page's depth.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from . import page_markup_rules
from ..data import url_schemes
from ..data.plain_text import one_line

# The theme partials that write inline scripts into our pages.
INLINE_SCRIPT_PARTIALS = (
    "partials/javascripts/base.html",
    "partials/javascripts/palette.html",
    "partials/javascripts/content.html",
)

# Everything is served by the site itself: no fonts, CDNs, analytics or APIs.
# data: images are the theme's icons, drawn in CSS.
_DIRECTIVES = (
    ("default-src", "'none'"),
    ("script-src", "'self' {hashes}"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("manifest-src", "'self'"),
    ("form-action", "'self'"),
    ("base-uri", "'none'"),
    ("object-src", "'none'"),
    ("frame-ancestors", "'none'"),
)

# A policy in a <meta> tag may not carry these (browsers ignore them there), so
# only the header sends them: the privacy page says what that adds.
HEADER_ONLY = ("frame-ancestors", "report-uri", "sandbox")

OTHER_HEADERS = {
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}

HEADERS_FILE = "_headers"


class PolicyError(Exception):
    """A built page has an inline script that the policy does not allow."""


def script_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


# Every built page is checked, so this runs over the whole site: regular expressions
# find the scripts, in one pass (page_markup_rules.start_tags), 40 times faster than
# html.parser (the check was the largest cost of the build at 1,000 pages) and linear
# whatever the input. A script's text ends at the first </script, as in a browser.
# Scripts inside comments are checked too (no page has any): the check errs towards
# refusing.
# A browser runs a script of no type and of any JavaScript type (text/javascript,
# application/x-javascript, module...): only these data types are never run. A script
# of any other type is refused by check_site.
_DATA_TYPES = {"application/json", "application/ld+json"}


_SCRIPT_START = re.compile(r"<(script)(?=[\s/>])", re.I)


def _scripts(html: str):
    for name, attrs, _, source in page_markup_rules.start_tags(html, find=_SCRIPT_START):
        if name == "script":
            yield attrs, attrs.get("type", "").strip().lower(), source


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script a browser could run (every one but data)."""
    return [source for attrs, kind, source in _scripts(html) if "src" not in attrs and kind not in _DATA_TYPES]


def unknown_script_types(html: str) -> list[str]:
    """The type of every script that is neither plain (no type) nor one of the site's data types."""
    return [kind for _, kind, _ in _scripts(html) if kind and kind not in _DATA_TYPES]


# A <link> through which a reader's browser contacts a host: resource hints (a DNS lookup or a
# connection made ahead, which no Content-Security-Policy governs) and what it loads.
_LINK_START = re.compile(r"<(link)(?=[\s/>])", re.I)
_CONTACTING_RELS = {"dns-prefetch", "preconnect", "prefetch", "preload", "prerender", "modulepreload",
                    "stylesheet", "icon", "manifest", "apple-touch-icon"}
_OTHER_HOST = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)


def links_to_other_hosts(html: str) -> list[str]:
    """Each <link> whose rel makes the browser contact its href, when the href is on another host."""
    found = []
    for _, attrs, text, _ in page_markup_rules.start_tags(html, find=_LINK_START):
        rels = set(attrs.get("rel", "").lower().split())
        address = url_schemes.decoded_address(attrs.get("href", ""))
        if rels & _CONTACTING_RELS and (_OTHER_HOST.match(address) or address.startswith(("\\", "/\\"))):
            found.append(page_markup_rules.shown_tag(text))
    return found


def theme_script_hashes(config) -> list[str]:
    """Hashes of the inline scripts the theme writes, rendered with this site's config."""
    env = config.theme.get_env()
    context = {"config": config, "base_url": ".", "features": config.theme.get("features") or []}
    hashes = set()
    for partial in INLINE_SCRIPT_PARTIALS:
        rendered = env.get_template(partial).render(**context)
        hashes.update(script_hash(s) for s in inline_scripts(rendered))
    return sorted(hashes)


def policy(hashes) -> str:
    return "; ".join(f"{name} {value.format(hashes=' '.join(hashes))}".strip() for name, value in _DIRECTIVES)


def policy_for(config) -> str:
    return policy(theme_script_hashes(config))


def policy_for_project(root: Path) -> str:
    """The policy for the project at `root`, read through MkDocs from the theme its mkdocs.yml names."""
    from mkdocs.config import load_config

    return policy_for(load_config(config_file=str(Path(root) / "mkdocs.yml")))


def meta_policy(hashes) -> str:
    """The same policy, less what only a header can carry, for every page's <meta http-equiv>."""
    return "; ".join(d for d in policy(hashes).split("; ") if d.split(" ", 1)[0] not in HEADER_ONLY)


# `mkdocs serve` adds its live-reload script inline at the end of every page it
# sends; a policy in the page would block it. So pages built for the preview carry
# no <meta> policy (the built site and its `_headers` file are checked as always).
_serving = False


def started(command: str) -> None:
    """Remember whether this run is `mkdocs serve` (MkDocs' startup event, once per run)."""
    global _serving
    _serving = command == "serve"


def meta_policy_for(config) -> str:
    """The <meta> policy for this build's pages; empty in `mkdocs serve`."""
    return "" if _serving else meta_policy(theme_script_hashes(config))


def check_site(site_dir: Path, hashes) -> None:
    """Raise PolicyError naming every built page whose inline scripts the policy would block, or
    that links a resource hint or a resource on another host (dns-prefetch, preconnect...)."""
    allowed = set(hashes)
    problems = []
    for page in sorted(Path(site_dir).rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        for kind in unknown_script_types(html):
            problems.append(f"  {page.relative_to(site_dir).as_posix()}: <script type=\"{kind[:40]}\"> is not allowed: "
                            f"scripts have no type, or are data ({', '.join(sorted(_DATA_TYPES))})")
        for tag in links_to_other_hosts(html):
            problems.append(f"  {page.relative_to(site_dir).as_posix()}: {tag} is not allowed: a reader's browser "
                            "would contact another site (the site links only to its own files)")
        for source in inline_scripts(html):
            if script_hash(source) not in allowed:
                shown = one_line(source)[:80]
                problems.append(f"  {page.relative_to(site_dir).as_posix()}: inline script not allowed "
                                f"by the Content-Security-Policy: <script>{shown}...")
    if problems:
        raise PolicyError(
            "Scripts the site does not allow: inline scripts the Content-Security-Policy would block\n"
            "(readers' browsers would not run them), and scripts of an unknown type.\n"
            "Move the script to a file under docs/assets/, or, if it is the theme's and the same on every\n"
            "page, add its partial to INLINE_SCRIPT_PARTIALS in macros/site/content_security_policy.py:\n"
            + "\n".join(problems[:20]) + (f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else "")
        )


def headers_file(policy_text: str) -> str:
    """The policy in the `_headers` format that static hosts read (Netlify, Cloudflare Pages)."""
    lines = ["/*", f"  Content-Security-Policy: {policy_text}"]
    lines += [f"  {name}: {value}" for name, value in OTHER_HEADERS.items()]
    return "\n".join(lines) + "\n"


def nginx_headers(policy_text: str) -> str:
    """The same headers as nginx `add_header` lines, for the hosting page."""
    lines = [f'add_header Content-Security-Policy "{policy_text}" always;']
    lines += [f'add_header {name} "{value}" always;' for name, value in OTHER_HEADERS.items()]
    return "\n".join(lines)


def write_headers(config) -> str:
    """Check the built site against the policy and write `_headers` into it; return the policy."""
    hashes = theme_script_hashes(config)
    site_dir = Path(config.site_dir)
    check_site(site_dir, hashes)
    text = policy(hashes)
    (site_dir / HEADERS_FILE).write_text(headers_file(text), encoding="utf-8")
    return text
