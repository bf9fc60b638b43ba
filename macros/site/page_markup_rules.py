"""What a page may carry, checked at build time: docs/ is edited by pull request too.

Markdown lets a prose page hold raw HTML, and its front matter can send readers
elsewhere. The build refuses, naming the file:

- a symlink anywhere in docs/ (MkDocs would copy what it points to, such as
  .git/config, into the published site);
- in a page's content: a <script> of any type but the data types the site uses,
  <form>, <base>, <meta http-equiv> (a refresh there is a redirect), frames and
  plugins, inline event handlers (on...=) and script addresses (javascript:);
- a `redirect_to:` that is not a page of this site, written relative to the page;
- a built page that still holds {{ or {% (a macro that never ran);
- a file in docs/ that a browser would open as a page of its own without going
  through the theme (and so without its policy): .html and the like, and an .svg
  that carries a script, an event handler or a script address.

Tags are found with regular expressions, as content_security_policy.py does, so the
check stays linear and cheap on every page; it errs towards refusing.
"""

from __future__ import annotations

import os
import posixpath
import re
from pathlib import Path

# The only <script type> values a page may carry besides none (runnable, and then
# allowed by hash only): the theme's configuration and the pages' structured data.
DATA_SCRIPT_TYPES = ("application/json", "application/ld+json")

_REFUSED_TAGS = {
    "form": "forms are not allowed: link to the page that does the job instead",
    "base": "<base> is not allowed: it changes where every link on the page goes",
    "meta": "<meta> is not allowed in a page's text (a refresh there is a redirect)",
    "iframe": "frames are not allowed", "frame": "frames are not allowed",
    "object": "plugins are not allowed", "embed": "plugins are not allowed",
}
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcdoc"}
_NEXT = re.compile(r"<(!--|[a-zA-Z][^\s/>]*)")
_SKIP = re.compile(r"[\s/]*")
_NAME = re.compile(r"[^\s/>][^\s/>=]*")
_EQUALS = re.compile(r"\s*=\s*")
_UNQUOTED = re.compile(r"[^\s>]*")
_COMMENT_END = re.compile(r"--!?>")
_SCRIPT_END = re.compile(r"</script[\s/>]", re.I)
_SCRIPT_URL = re.compile(r"^(javascript|vbscript|data):", re.I)
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


def markup_problems(html: str) -> list[str]:
    """What in this HTML a page's text may not carry, one message per tag."""
    problems = []
    for tag, attrs, text, _ in start_tags(html):
        shown = text if len(text) <= 80 else text[:77] + "..."
        if tag in _REFUSED_TAGS:
            problems.append(f"{shown}: {_REFUSED_TAGS[tag]}")
        elif tag == "script":
            kind = attrs.get("type", "").strip().lower()
            if kind not in DATA_SCRIPT_TYPES:
                problems.append(f"{shown}: scripts are not allowed in a page's text "
                                f"(only data: type {' or '.join(DATA_SCRIPT_TYPES)})")
        for name, value in attrs.items():
            if name.startswith("on"):
                problems.append(f"{shown}: inline event handlers ({name}=) are not allowed")
            elif name in _URL_ATTRIBUTES and _SCRIPT_URL.match(_INVISIBLE.sub("", value)):
                problems.append(f"{shown}: {name}= may not be a javascript:, vbscript: or data: address")
    return problems


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


# Files a browser shows as a page, which MkDocs would copy as they are.
RAW_PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".xht", ".mht", ".mhtml")


def static_file_problem(name: str, read_text) -> str | None:
    """Why the docs/ file `name` (not Markdown) may not be published, or None."""
    lowered = name.lower()
    if lowered.endswith(RAW_PAGE_SUFFIXES):
        return "HTML files are not allowed in docs/: write the page in Markdown (.md)"
    if lowered.endswith((".svg", ".svgz", ".xml", ".xsl")):
        problems = [p for p in markup_problems(read_text()) if "scripts" in p or "handlers" in p or "address" in p]
        for tag, _, _, _ in start_tags(read_text()):
            if tag.rsplit(":", 1)[-1] in ("script", "foreignobject", "iframe", "object", "embed"):
                problems.append(f"<{tag}> is not allowed in an image")
        if problems:
            return "an image may not carry scripts: " + "; ".join(problems[:5])
    return None


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
                          + "\n".join(f"  docs/{link}: replace the link with the file itself, or remove it"
                                      for link in links))


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


def check_static_files(files, docs_dir) -> None:
    """Refuse the docs/ files that a browser would open as pages of their own (see above)."""
    problems = []
    docs = Path(docs_dir).resolve()
    for file in files:
        if file.generated_by or file.is_documentation_page() or not file.abs_src_path \
                or docs not in Path(file.abs_src_path).resolve().parents:
            continue  # the theme's own files are not input
        problem = static_file_problem(file.src_uri,
                                      lambda: Path(file.abs_src_path).read_text(encoding="utf-8", errors="replace"))
        if problem:
            problems.append(f"  docs/{file.src_uri}: {problem}")
    if problems:
        raise PageRefused("Files in docs/ that would be published as pages outside the site's theme and policy:\n"
                          + "\n".join(problems))


def check_content(html: str, page) -> None:
    problems = markup_problems(html)
    if problems:
        raise PageRefused(f"{source_name(page.file)}: this page's text carries markup the site does not allow:\n"
                          + "\n".join(f"  {p}" for p in problems[:20]))


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
