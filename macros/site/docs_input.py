"""docs/ is input from pull requests too: every file in it is checked before MkDocs reads it.

The build (build_hooks.py) and `make markdown` (macros/cli/markdown_tree.py) run the same
checks, and each problem names its file and line, as a data mistake does:

- only the file types listed in ALLOWED_SUFFIXES are published; a symbolic link is refused
  (page_markup_rules.py), and so is every other type: a browser opens .html, .xml, .xslt,
  .rss, .atom or .rdf as a document of its own, outside the theme and its policy;
- an SVG image is parsed (lxml, with no entities resolved and no network) and refused if it
  holds a script, an event handler, a foreign object, an animation of an address, a
  processing instruction (an XSLT stylesheet), an entity declaration, an element from
  outside SVG (XHTML, XSLT) or any javascript: or data: address (url_schemes.py);
- a page's front matter is plain data (yaml_safety.py), holds only the fields listed in
  FrontMatter, and what the theme prints (title, description) and what the search index
  carries (search_terms, each at most as long as a data file's) is plain text: the theme
  writes title raw into the header and the navigation, and would print subtitle and status
  (and take template, icon...) raw in every page's navigation;
- a page holds no hidden character (hidden_characters.py);
- a page's HTML holds no markup the site refuses (page_markup_rules.py), reported at the
  line of the page that carries it.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError

from . import page_markup_rules
from ..data import url_schemes
from ..data.data_errors import DataError, annotate_pull_request, did_you_mean, field_path
from ..data.hidden_characters import find_hidden_characters, hidden_character_message
from ..data.model import PlainText, StrictModel
from ..data.yaml_source import line_of, read_yaml_text

# What docs/ may publish. Everything else is refused by name.
ALLOWED_SUFFIXES = (".md", ".css", ".js", ".json", ".txt", ".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp",
                    ".ico", ".woff2")
MAX_SVG_BYTES = 512 * 1024

# As MkDocs reads front matter (mkdocs.utils.meta): YAML between '---' lines at the very top.
_YAML_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
# Without it, MkDocs reads "Key: value" lines at the top of a page as front matter too.
_LOOSE_FRONT_MATTER = re.compile(r"^[ ]{0,3}[A-Za-z0-9_-]+:")


class SearchOptions(StrictModel):
    exclude: bool = False
    boost: float = Field(default=1.0, ge=0.1, le=10)


class FrontMatter(StrictModel):
    """The front matter a page in docs/ may carry. The theme prints title and description."""

    title: PlainText | None = Field(default=None, description="The page's title, in the header and the menu.")
    description: PlainText | None = Field(default=None, description="One sentence for search engines.")
    last_reviewed: dt.date | None = None
    next_review: dt.date | None = None
    render_macros: bool = Field(default=False, description="The page shows data (docs_tree.py).")
    redirect_to: str | None = Field(default=None, description="Checked against the site's pages "
                                    "(page_markup_rules.redirect_problem).")
    hide: list[Literal["navigation", "toc", "footer", "path", "feedback"]] = []
    search: SearchOptions | None = None
    search_terms: list[PlainText] = Field(
        default=[], description="Words readers may type to find this page, as a data file's search_terms: "
        "not shown on the page; the site search weighs them as it weighs the data's (reader_search.py).")


def front_matter_text(text: str) -> tuple[str | None, int]:
    """(the YAML of a page's front matter, or None; the line of the page its YAML starts on)."""
    found = _YAML_FRONT_MATTER.match(text)
    return (found.group(1), 2) if found else (None, 1)


def docs_page_errors(relative: str, text: str) -> list[DataError]:
    """A docs/ page's hidden characters and front matter, each at its line."""
    shown = f"docs/{relative}"
    errors = [DataError(shown, line, "", hidden_character_message(char))
              for line, char in find_hidden_characters(text)]
    yaml_text, first_line = front_matter_text(text)
    if yaml_text is None:
        first = text.split("\n", 1)[0]
        if _LOOSE_FRONT_MATTER.match(first):
            errors.append(DataError(shown, 1, "", f"'{first[:60]}' at the top of a page is read as front matter: "
                                    "write front matter between two '---' lines, or start the page with a heading"))
        return errors
    data, lines, read_errors = read_yaml_text(yaml_text, shown, first_line=first_line)
    if read_errors:
        return errors + [e for e in read_errors if "invisible or control character" not in e.message]
    if not isinstance(data, dict):
        return errors + [DataError(shown, first_line, "", "front matter is a set of 'field: value' lines")]
    try:
        FrontMatter.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(err["loc"])
            errors.append(DataError(shown, line_of(lines, loc) if loc else first_line, field_path(loc),
                                    _front_matter_message(err, loc)))
    return errors


def _front_matter_message(err: dict, loc: tuple) -> str:
    if err["type"] == "extra_forbidden":
        allowed = list(FrontMatter.model_fields) if len(loc) == 1 else list(SearchOptions.model_fields)
        return (f"unknown field '{loc[-1]}'{did_you_mean(str(loc[-1]), allowed)}: a page's front matter may hold "
                f"{', '.join(allowed)} (the theme would print other fields as they are)")
    return err["msg"].removeprefix("Value error, ")


def static_file_problem(name: str, read_bytes) -> str | None:
    """Why the docs/ file `name` (not a page) may not be published, or None. `read_bytes` reads it."""
    suffix = Path(name).suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        if suffix in page_markup_rules.RAW_PAGE_SUFFIXES:
            return "HTML files are not allowed in docs/: write the page in Markdown (.md)"
        return (f"'{suffix or Path(name).name}' files are not published from docs/ (a browser may open one as a "
                f"document of its own): docs/ takes only {', '.join(ALLOWED_SUFFIXES)}")
    if suffix == ".svg":
        problems = svg_problems(read_bytes())
        if problems:
            return "an image may not carry scripts: " + "; ".join(problems[:5])
    return None


_SVG = "http://www.w3.org/2000/svg"
_REFUSED_NAMESPACES = {"http://www.w3.org/1999/xhtml": "XHTML", "http://www.w3.org/1999/XSL/Transform": "XSLT"}
_REFUSED_SVG_ELEMENTS = {"script", "foreignobject", "handler", "listener", "iframe", "object", "embed"}
_ANIMATIONS = {"animate", "set", "animatemotion", "animatetransform", "animatecolor"}
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]*)", re.I)


def svg_problems(content: bytes) -> list[str]:
    """What in an SVG image could run a script when the image is opened on its own, each at its line."""
    from lxml import etree

    if len(content) > MAX_SVG_BYTES:
        return [f"the image is {len(content) // 1024} KB; an SVG image may be at most {MAX_SVG_BYTES // 1024} KB"]
    if b"<!ENTITY" in content or re.search(rb"<!DOCTYPE[^>\[]*\[", content):
        return ["line 1: a DOCTYPE with declarations (entities) is not allowed: an entity can hide a script address"]
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(content, parser)
    except etree.XMLSyntaxError as exc:
        return [f"line {exc.lineno or 1}: the image is not well-formed XML: {exc.msg}"]
    problems = []

    def at(node, what):
        problems.append(f"line {node.sourceline or 1}: {what}")

    if not isinstance(root.tag, str) or etree.QName(root).namespace != _SVG or etree.QName(root).localname != "svg":
        at(root, "the image does not start with <svg xmlns=\"http://www.w3.org/2000/svg\">")
    for node in root.iter():
        if isinstance(node, etree._ProcessingInstruction):
            at(node, f"<?{node.target} ...?> is not allowed in an image (a stylesheet there can run a script)")
            continue
        if not isinstance(node.tag, str):
            continue  # comments
        name = etree.QName(node)
        local = name.localname.lower()
        if name.namespace in _REFUSED_NAMESPACES:
            at(node, f"{_REFUSED_NAMESPACES[name.namespace]} elements (<{name.localname}>) are not allowed in an image")
        elif local in _REFUSED_SVG_ELEMENTS:
            at(node, f"<{name.localname}> is not allowed in an image")
        elif local in _ANIMATIONS and "href" in (node.get("attributeName") or "").lower():
            at(node, f"<{name.localname}> may not change an address (attributeName=\"{node.get('attributeName')}\")")
        if local == "style":
            problems += [f"line {node.sourceline}: {url_schemes.scheme_message(s)}"
                         for s in _css_schemes(node.text or "")]
        for attribute, value in node.attrib.items():
            attribute_name = etree.QName(attribute).localname.lower()
            if attribute_name.startswith("on"):
                at(node, f"inline event handlers ({attribute_name}=) are not allowed")
                continue
            scheme = url_schemes.refused_scheme(value)
            schemes = [scheme] if scheme else _css_schemes(value) if attribute_name == "style" else []
            problems += [f"line {node.sourceline}: {attribute_name}=: {url_schemes.scheme_message(s)}"
                         for s in schemes]
    # Before the root (an <?xml-stylesheet?> on the first lines): lxml keeps them as the root's siblings.
    sibling = root.getprevious()
    while sibling is not None:
        if isinstance(sibling, etree._ProcessingInstruction):
            at(sibling, f"<?{sibling.target} ...?> is not allowed in an image (a stylesheet there can run a script)")
        sibling = sibling.getprevious()
    return problems


def _css_schemes(css: str) -> list[str]:
    return [s for s in (url_schemes.refused_scheme(found) for found in _CSS_URL.findall(css)) if s]


def docs_file_errors(docs_dir: Path, relative: str) -> list[DataError]:
    """Every problem of one file of docs/ (a page or any other file), each with its line."""
    path = Path(docs_dir) / relative
    if relative.lower().endswith(".md"):
        text = path.read_bytes().decode("utf-8", errors="replace")
        return docs_page_errors(relative, text)
    problem = static_file_problem(relative, path.read_bytes)
    if problem is None:
        return []
    found = re.match(r"an image may not carry scripts: line (\d+):", problem)
    return [DataError(f"docs/{relative}", int(found.group(1)) if found else 1, "", problem)]


def docs_tree_errors(docs_dir: Path) -> list[DataError]:
    """Every file of docs/ checked (symbolic links refused first, never followed)."""
    docs_dir = Path(docs_dir)
    links = page_markup_rules.symlinks_in(docs_dir)
    errors = [DataError(f"docs/{link}", 1, "", page_markup_rules.SYMLINK_MESSAGE) for link in links]
    for relative in published_files(docs_dir, links):
        errors += docs_file_errors(docs_dir, relative)
    return errors


def published_files(docs_dir: Path, links=()) -> list[str]:
    """The files of docs/ that are published: not under a symbolic link, not hidden (MkDocs leaves out
    every name that starts with '.')."""
    found = []
    for path in sorted(Path(docs_dir).rglob("*")):
        relative = path.relative_to(docs_dir).as_posix()
        if path.is_symlink() or not path.is_file() or any(part.startswith(".") for part in relative.split("/")) \
                or any(relative == link or relative.startswith(link + "/") for link in links):
            continue
        found.append(relative)
    return found


def line_in_page(source: str, tag_text: str, values) -> int:
    """The line of a page's Markdown that carries a tag found in its HTML: where the tag is written
    (raw HTML), else where one of its attribute values is (a Markdown link), else 1."""
    for needle in (tag_text, *sorted((v for v in values if len(v) >= 4), key=len, reverse=True)):
        at = source.find(needle)
        if at >= 0:
            return source.count("\n", 0, at) + 1
    return 1


def page_html_errors(relative: str, source: str, html: str) -> list[DataError]:
    """What a page's HTML carries that the site refuses, each at the line of the page's Markdown."""
    return [DataError(f"docs/{relative}", line_in_page(source, text, attrs.values()), "",
                      f"{page_markup_rules.shown_tag(text)}: {problem}")
            for text, attrs, problem in page_markup_rules.markup_findings(html)]


def title_error(relative: str, title: str | None) -> DataError | None:
    """A page's title as the theme prints it (raw, in the menu and the header) must be plain text."""
    if title and "<" in title:
        return DataError(f"docs/{relative}", 1, "title", f"'{title[:60]}': a title is plain text: remove the markup")
    return None


# What the build hooks call (build_hooks.py): the same checks, on the build's own files.

def _refuse(head: str, errors: list[DataError]) -> None:
    if errors:
        annotate_pull_request(errors)
        raise page_markup_rules.PageRefused(head + "\n" + "\n".join(f"  {error}" for error in sorted(set(errors))))


def check_docs_folder(docs_dir) -> None:
    """Stop the build, naming each file and line, if any file of docs/ is refused."""
    _refuse("Files in docs/ that the site does not publish as they are:", docs_tree_errors(Path(docs_dir)))


def check_page_content(html: str, page) -> None:
    """Stop the build if a page's HTML carries what the site refuses, or its title is not plain text."""
    file = page.file
    if file.generated_by:  # made by the engine from the data: named by its data file, with no line
        problems = page_markup_rules.markup_problems(html)
        if problems:
            raise page_markup_rules.PageRefused(
                f"{page_markup_rules.source_name(file)}: this page's text carries markup the site does not allow:\n"
                + "\n".join(f"  {p}" for p in problems[:20]))
        return
    errors = page_html_errors(file.src_uri, file.content_string, html)
    title = title_error(file.src_uri, page.title)
    _refuse(f"docs/{file.src_uri}: this page carries what the site does not allow:",
            errors + ([title] if title else []))


# What `make markdown` (macros/cli/markdown_tree.py) calls: the same checks without MkDocs'
# build, each page's Markdown rendered with the extensions mkdocs.yml lists.

def page_url(path: str) -> str:
    """A page's address as MkDocs gives it with directory URLs: about.md -> about/, a/index.md -> a/."""
    stem = path[: -len(".md")]
    if stem == "index":
        return ""
    return stem[: -len("index")] if stem.endswith("/index") else stem + "/"


def written_pages(docs_dir) -> frozenset[str]:
    """The addresses of the pages written in docs/ itself, not made from the data: about/, myths/ ...
    and "" for the home page."""
    return frozenset(page_url(p.name) for p in Path(docs_dir).glob("*.md"))


def markdown_renderer(markdown_extensions: list):
    """Python-Markdown with the extensions of mkdocs.yml, and those MkDocs always adds."""
    import markdown

    names, configs = ["toc", "tables", "fenced_code"], {}
    for entry in markdown_extensions or []:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names.append(name)
        if options:
            configs[name] = options
    return markdown.Markdown(extensions=list(dict.fromkeys(names)), extension_configs=configs)


def docs_tree_errors_with_pages(docs_dir: Path, markdown_extensions: list, page_urls: set[str]) -> list[DataError]:
    """Every check the build runs on docs/: the files, then each page's HTML, title and redirect."""
    docs_dir = Path(docs_dir)
    errors = docs_tree_errors(docs_dir)
    renderer = markdown_renderer(markdown_extensions)
    for relative in published_files(docs_dir):
        if not relative.endswith(".md"):
            continue
        text = (docs_dir / relative).read_text(encoding="utf-8", errors="replace")
        yaml_text, _ = front_matter_text(text)
        meta = _plain_front_matter(yaml_text)
        body = text[_YAML_FRONT_MATTER.match(text).end():] if yaml_text is not None else text
        renderer.reset()
        html = renderer.convert(body)
        errors += page_html_errors(relative, text, html)
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
        title = meta.get("title") if isinstance(meta.get("title"), str) else \
            (re.sub(r"<[^>]*>", "", heading.group(1)).strip() if heading else None)
        problem = title_error(relative, title)
        errors += [problem] if problem else []
        if "redirect_to" in meta:
            problem = page_markup_rules.redirect_problem(meta["redirect_to"], page_url(relative), page_urls)
            errors += [redirect_error(relative, text, problem)] if problem else []
    return errors


def redirect_error(relative: str, text: str, problem: str) -> DataError:
    """A refused redirect_to, at its line of the page's front matter."""
    yaml_text, first_line = front_matter_text(text)
    _, lines, _ = read_yaml_text(yaml_text or "", "front matter", first_line=first_line)
    return DataError(f"docs/{relative}", lines.get(("redirect_to",), 1), "redirect_to",
                     problem.removeprefix("redirect_to: "))


def _plain_front_matter(yaml_text: str | None) -> dict:
    if yaml_text is None:
        return {}
    data, _, errors = read_yaml_text(yaml_text, "front matter")
    return data if not errors and isinstance(data, dict) else {}


def check_redirect(page, files) -> None:
    """Stop the build if a docs/ page's redirect_to is refused (page_markup_rules.redirect_problem)."""
    try:
        page_markup_rules.check_redirect(page, files)
    except page_markup_rules.PageRefused as exc:
        if page.file.generated_by:
            raise
        problem = str(exc).removeprefix(f"{page_markup_rules.source_name(page.file)}: ")
        _refuse(f"docs/{page.file.src_uri}: this page's redirect is refused:",
                [redirect_error(page.file.src_uri, page.file.content_string, problem)])
