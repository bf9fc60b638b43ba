"""What a page may carry, checked at build time: docs/ is edited by pull request too.

Markdown lets a prose page hold raw HTML, and its front matter can send readers
elsewhere. The build refuses, naming the file:

- a symlink anywhere in docs/ (MkDocs would copy what it points to, such as
  .git/config, into the published site);
- in a page's content: a <script> of any type but the data types the site uses,
  <form>, <base>, <meta http-equiv> (a refresh there is a redirect), frames and
  plugins, inline event handlers (on...=) and script addresses (javascript:,
  vbscript:, data:, judged once decoded by url_schemes.py);
- a `redirect_to:` that is not a page of this site, written relative to the page;
- <link> (a stylesheet, or a dns-prefetch or preconnect to another host);
- a built page that still holds {{ or {% (a macro that never ran).

Files of docs/ other than pages (file types, SVG images), front matter and hidden
characters are judged in docs_input.py, which reports each problem at its line.

Tags are found with regular expressions, as content_security_policy.py does, so the
check stays linear and cheap on every page; it errs towards refusing.
"""

from __future__ import annotations

import os
import posixpath
import re
from pathlib import Path

from ..data import url_schemes
from ..data.data_errors import DataError

# The only <script type> values a page may carry besides none (runnable, and then
# allowed by hash only): the theme's configuration and the pages' structured data.
DATA_SCRIPT_TYPES = ("application/json", "application/ld+json")

_REFUSED_TAGS = {
    "form": "forms are not allowed: link to the page that does the job instead",
    "base": "<base> is not allowed: it changes where every link on the page goes",
    "meta": "<meta> is not allowed in a page's text (a refresh there is a redirect)",
    "iframe": "frames are not allowed", "frame": "frames are not allowed",
    "object": "plugins are not allowed", "embed": "plugins are not allowed",
    "link": "<link> is not allowed in a page's text: it can load a stylesheet or contact another site "
            "(dns-prefetch, preconnect); the theme links what every page needs",
}
# Attributes whose value a browser may follow or load (SVG's animation values included).
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcdoc", "srcset",
                   "ping", "background", "cite", "codebase", "manifest", "lowsrc", "dynsrc", "values", "to",
                   "from", "by"}
_NEXT = re.compile(r"<(!--|[a-zA-Z][^\s/>]*)")
_SKIP = re.compile(r"[\s/]*")
_NAME = re.compile(r"[^\s/>][^\s/>=]*")
_EQUALS = re.compile(r"\s*=\s*")
_UNQUOTED = re.compile(r"[^\s>]*")
_COMMENT_END = re.compile(r"--!?>")
_SCRIPT_END = re.compile(r"</script[\s/>]", re.I)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def start_tags(html: str, find=None):
    """Yield (tag name, attributes, the tag's text, script text or None) for each start tag.

    Read roughly as a browser reads it, in one pass (linear, whatever the input):
    comments are skipped (`<!-->` ends one at once), a quoted value may hold `>`, the
    text of a <script> runs to its first `</script`, and an unfinished tag, comment
    or script runs to the end (a browser shows nothing of it). Attribute names are
    lower-cased; of two with one name, the first wins, as in a browser. `find` (a
    pattern whose group 1 is the tag name) looks only at some tags, and then skips no
    comments: a comment's start inside another tag's quoted value cannot hide them.
    """
    pos, size, find = 0, len(html), find or _NEXT
    while True:
        found = find.search(html, pos)
        if found is None:
            return
        start = found.start()
        if found.group(1) == "!--":
            if html.startswith(("<!-->", "<!--->"), start):
                pos = html.index(">", start) + 1
                continue
            end = _COMMENT_END.search(html, start + 4)
            if end is None:
                return
            pos = end.end()
            continue
        pos, attrs = found.end(), {}
        while True:
            pos = _SKIP.match(html, pos).end()
            if pos >= size:
                return
            if html[pos] == ">":
                pos += 1
                break
            name = _NAME.match(html, pos)
            pos, value = name.end(), ""
            equals = _EQUALS.match(html, pos)
            if equals:
                pos = equals.end()
                if pos < size and html[pos] in "\"'":
                    close = html.find(html[pos], pos + 1)
                    if close == -1:
                        return
                    value, pos = html[pos + 1:close], close + 1
                else:
                    unquoted = _UNQUOTED.match(html, pos)
                    value, pos = unquoted.group(0), unquoted.end()
            attrs.setdefault(name.group(0).lower(), value)
        name, text = found.group(1).lower(), html[start:pos]
        if name != "script":
            yield name, attrs, text, None
            continue
        end = _SCRIPT_END.search(html, pos)
        yield name, attrs, text, html[pos:end.start() if end else size]
        if end is None:
            return
        pos = end.start()


def attributes(text: str) -> dict[str, str]:
    """A tag's attributes (the text of one start tag, or what follows its name)."""
    text = text if text.lstrip().startswith("<") else "<x " + text + ">"
    for _, attrs, _, _ in start_tags(text):
        return attrs
    return {}


def markup_findings(html: str) -> list[tuple[str, dict[str, str], str]]:
    """(the tag's text, its attributes, what is wrong) for each thing this HTML may not carry."""
    found = []
    for tag, attrs, text, _ in start_tags(html):
        if tag in _REFUSED_TAGS:
            found.append((text, attrs, _REFUSED_TAGS[tag]))
        elif tag == "script":
            kind = attrs.get("type", "").strip().lower()
            if kind not in DATA_SCRIPT_TYPES:
                found.append((text, attrs, "scripts are not allowed in a page's text "
                                           f"(only data: type {' or '.join(DATA_SCRIPT_TYPES)})"))
        for name, value in attrs.items():
            if name.startswith("on"):
                found.append((text, attrs, f"inline event handlers ({name}=) are not allowed"))
            elif name in _URL_ATTRIBUTES and url_schemes.refused_scheme(value):
                found.append((text, attrs, f"{name}=: {url_schemes.scheme_message(url_schemes.refused_scheme(value))}"))
    return found


def markup_problems(html: str) -> list[str]:
    """What in this HTML a page's text may not carry, one message per tag."""
    return [f"{shown_tag(text)}: {problem}" for text, _, problem in markup_findings(html)]


def shown_tag(text: str) -> str:
    return text if len(text) <= 80 else text[:77] + "..."


def redirect_problem(target, page_url: str, page_urls: set[str]) -> str | None:
    """Why `redirect_to: target` on the page at page_url is refused, or None.

    A redirect leads to a page of this site, written relative to the page
    (`../../conditions/neck-pain/`); page_urls are the site's page addresses.
    """
    if not isinstance(target, str) or not target.strip():
        return "redirect_to: write the address of a page of this site, like ../conditions/neck-pain/"
    if _SCHEME.match(target) or target.startswith(("/", "\\")) or "//" in target or "\\" in target \
            or _INVISIBLE.search(target):
        return (f"redirect_to: '{target[:80]}' leaves this site or is not a relative address: "
                "redirects may only lead to a page of this site, like ../conditions/neck-pain/")
    path = target.split("#", 1)[0]
    folder = page_url if page_url == "" or page_url.endswith("/") else posixpath.dirname(page_url) + "/"
    resolved = posixpath.normpath(posixpath.join(folder, path)) if path else folder.rstrip("/")
    resolved = "" if resolved == "." else resolved
    if resolved.startswith(".."):
        return f"redirect_to: '{target}' points above the site's top folder"
    if resolved.strip("/") not in {u.strip("/") for u in page_urls}:
        return f"redirect_to: '{target}' is not a page of this site"
    return None


def symlinks_in(folder: Path) -> list[str]:
    """Every symbolic link under folder (files and folders), relative to it, without following any."""
    found = []
    for parent, dirs, files in os.walk(folder, followlinks=False):
        for name in dirs + files:
            path = Path(parent, name)
            if path.is_symlink():
                found.append(path.relative_to(folder).as_posix())
    return sorted(found)


# Files a browser shows as a page, which MkDocs would copy as they are (docs_input.py refuses them).
RAW_PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".xht", ".mht", ".mhtml")


SYMLINK_MESSAGE = "is a symbolic link: replace the link with the file itself, or remove it"


class PageRefused(Exception):
    """A page carries what the site does not allow; the message names its file."""


def source_name(file) -> str:
    """The file an editor would fix: docs/<page>.md, or the data file a generated page comes from."""
    if getattr(file, "generated_by", None):
        return f"{file.edit_uri or file.src_uri} (generated page {file.src_uri})"
    return f"docs/{file.src_uri}"


def refuse_symlinks(docs_dir) -> None:
    links = symlinks_in(Path(docs_dir))
    if links:
        raise PageRefused("Symbolic links are not allowed in docs/ (the build would publish what they point to):\n"
                          + "\n".join(f"  {DataError(f'docs/{link}', 1, '', SYMLINK_MESSAGE)}" for link in links))


# The page addresses of the build under way, listed once per build (its Files object).
_page_urls: tuple[object, set[str]] = (None, set())


def check_redirect(page, files) -> None:
    target = (page.meta or {}).get("redirect_to")
    if target is None:
        return
    global _page_urls
    if _page_urls[0] is not files:
        _page_urls = (files, {f.url for f in files.documentation_pages()})
    problem = redirect_problem(target, page.url, _page_urls[1])
    if problem:
        raise PageRefused(f"{source_name(page.file)}: {problem}")


_TEMPLATE_LEFT = re.compile(r"{{|{%")


def check_no_template_left(html: str, page) -> None:
    """A built page may not still hold {{ or {%: a macro that never ran (its page did not say
    render_macros: true, or a template wrote the braces), which readers would see as code."""
    found = _TEMPLATE_LEFT.search(html)
    if found:
        end = html.find("}}" if found.group() == "{{" else "%}", found.start())
        near = " ".join(html[found.start(): end + 2 if 0 < end - found.start() < 60 else found.start() + 60].split())
        raise PageRefused(f"{source_name(page.file)}: the built page still holds '{near}': a macro was not run. "
                          "A page that calls macros says render_macros: true in its front matter; "
                          "to show braces, write them as &#123; and &#125;")
