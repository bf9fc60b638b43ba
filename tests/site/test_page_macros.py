"""Every page through the one table of macros, with the real macros plugin and real builds:
macro mistakes stop a strict build at their file and line with no traceback, `make check`
says the same before any build, a {{ left in the HTML stops the build, `make serve` goes on
after a macro mistake, and the data reference lists the table."""

from __future__ import annotations

import os
import re
import shlex
import socket
import subprocess
import time
import urllib.request

import pytest

from conftest import FIXTURE_DATA, MKDOCS, ROOT, copy_project, edit, run_build
from macros.cli import check
from macros.render.page_macros import TABLE

GOOD_PAGE = """---
title: Claims
render_macros: {render}
---

# Claims

The guide has {{{{ condition_count | in_words }}}} condition.

- Less pain: {call}.
"""


def page(call: str = '{{ claim_verdict("less-pain") }}', render: str = "true") -> str:
    return GOOD_PAGE.format(render=render, call=call)


CALL_LINE = 10  # the line of {call} in the page


def fixture_project(tmp_path, pages: dict[str, str]):
    project = copy_project(tmp_path / "project", FIXTURE_DATA)
    for name, text in pages.items():
        (project / "docs" / name).write_text(text)
    return project


# Each kind of mistake, on a page of its own: file, line, what is wrong.
MISTAKES = {
    "unknown-macro.md": (page('{{ claim_verdic("less-pain") }}'),
                         "claim_verdic: unknown macro (did you mean 'claim_verdict'?)"),
    "unknown-id.md": (page('{{ claim_verdict("less-pian") }}'),
                      "claim_verdict: unknown benefit 'less-pian' (did you mean 'less-pain'?)"),
    "wrong-type.md": (page("{{ claim_verdict(3) }}"),
                      'claim_verdict: benefit must be an id in quotes, such as "pain-relief", not 3'),
    "true-argument.md": (page("{{ claim_verdict(true) }}"),
                         'claim_verdict: benefit must be an id in quotes, such as "pain-relief", not true'),
    "capital-true.md": (page('{{ claim_verdict("less-pian") }}', render="True"),
                        "claim_verdict: unknown benefit 'less-pian' (did you mean 'less-pain'?)"),
    "os-walk.md": (page("{{ lipsum.__globals__['os'].popen('id').read() }}"),
                   "lipsum: attribute access (.__globals__) is not allowed"),
    "import.md": (page("{% import 'os' as os %}"), "import tag: not allowed"),
    "filter.md": (page("{{ condition_count | upper }}"), "upper: unknown filter"),
}


@pytest.fixture(scope="module")
def broken_build(tmp_path_factory):
    project = fixture_project(tmp_path_factory.mktemp("broken"), {n: text for n, (text, _) in MISTAKES.items()})
    return project, run_build(project)


@pytest.mark.parametrize("name", MISTAKES)
def test_a_macro_mistake_stops_the_strict_build_at_its_file_and_line(broken_build, name):
    _, result = broken_build
    assert result.returncode != 0
    assert f"ERROR   -  docs/{name}:{CALL_LINE}: {MISTAKES[name][1]}" in result.stderr, result.stderr[-3000:]


def test_every_mistake_is_listed_in_one_build_with_no_traceback(broken_build):
    project, result = broken_build
    output = result.stdout + result.stderr
    assert f"Aborted with {len(MISTAKES)} errors in strict mode!" in output, output[-3000:]
    assert "Traceback" not in output and "Macro Rendering Error" not in output
    assert not (project / "site" / "os-walk").exists() or "uid=" not in (
        project / "site" / "os-walk" / "index.html").read_text()


def test_a_quiet_build_stops_too(tmp_path):
    """`mkdocs build -q` hides warnings from strict mode's count; the mistakes are errors."""
    project = fixture_project(tmp_path, {"unknown-id.md": MISTAKES["unknown-id.md"][0]})
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([str(MKDOCS), "build", "--strict", "-q"], cwd=project, env=env, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode != 0 and "docs/unknown-id.md:10: claim_verdict: unknown benefit" in result.stderr


def test_make_check_says_the_same_before_any_build(tmp_path, capsys):
    project = fixture_project(tmp_path, {n: text for n, (text, _) in MISTAKES.items()})
    assert check.main([str(project / "data"), str(project / "docs")]) == 1
    error = capsys.readouterr().err
    assert error.startswith(f"{len(MISTAKES)} problems in the pages of docs/:")
    for name, (_, message) in MISTAKES.items():
        assert f"  docs/{name}:{CALL_LINE}: {message}" in error
    assert "Traceback" not in error


def test_make_check_passes_the_real_pages(capsys):
    assert check.main([]) == 0
    assert "problems in the pages" not in capsys.readouterr().err


def test_a_page_that_calls_macros_renders_them_with_true_or_True(tmp_path):
    project = fixture_project(tmp_path, {"lower.md": page(), "capital.md": page(render="True")})
    result = run_build(project)
    assert result.returncode == 0, result.stderr[-3000:]
    for name in ("lower", "capital"):
        html = (project / "site" / name / "index.html").read_text()
        assert "The guide has one condition." in html and 'class="verdict verdict--' in html, name
        assert "{{" not in html and "render_macros" not in html


def test_a_template_left_in_the_html_stops_the_build(tmp_path):
    """The last line of defence: a theme block that writes {{ (the page check cannot see templates)."""
    project = copy_project(tmp_path / "project", FIXTURE_DATA)
    edit(project / "overrides" / "main.html", "{% block extrahead %}\n  {{ super() }}",
         "{% block extrahead %}\n  {{ super() }}{{ '{{ claim_verdict() }}' }}")
    result = run_build(project)
    assert result.returncode != 0
    assert "the built page still holds '{{ claim_verdict() }}': a macro was not run" in result.stderr, \
        result.stderr[-3000:]


def test_the_check_of_the_html_finds_each_kind_of_template(tmp_path):
    from macros.site.page_markup_rules import PageRefused, check_no_template_left

    class File:
        generated_by, src_uri, edit_uri = None, "x.md", None

    class Page:
        file = File()

    check_no_template_left("<p>{ a } {#id} &#123;&#123; x &#125;&#125;</p>", Page())
    for left in ("<p>{{ x }}</p>", "<p>{% if x %}</p>", '<meta content="{{ x }}">'):
        with pytest.raises(PageRefused, match=r"^docs/x\.md: the built page still holds"):
            check_no_template_left(left, Page())


# ---- make serve --------------------------------------------------------------------------

def _serve_command(port: int) -> list[str]:
    """`make serve`'s own mkdocs command line, read from the Makefile, on another port."""
    line = next(line for line in (ROOT / "Makefile").read_text().splitlines() if "mkdocs serve" in line)
    words = shlex.split(line.strip())
    assert "127.0.0.1:8000" in words, line
    return [str(MKDOCS), *(w.replace("127.0.0.1:8000", f"127.0.0.1:{port}") for w in words[words.index("serve"):])]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=20) as response:
        return response.status, response.read().decode("utf-8")


def _wait_for(log_path, text: str, start: int, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if text in log_path.read_text()[start:]:
            return
        time.sleep(0.3)
    raise AssertionError(f"`{text}` not logged in {timeout} s:\n{log_path.read_text()[-3000:]}")


def test_make_serve_survives_a_macro_mistake_and_shows_it(tmp_path):
    project = fixture_project(tmp_path, {"claims.md": page()})
    port = _free_port()
    command = _serve_command(port)
    log = tmp_path / "serve.log"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    with open(log, "w") as out:
        server = subprocess.Popen(command, cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        _wait_for(log, "Serving on", 0)
        url = f"http://127.0.0.1:{port}/guide/claims/"
        status, html = _get(url)
        assert status == 200 and 'class="verdict verdict--' in html
        mark = len(log.read_text())
        edit(project / "docs" / "claims.md", '"less-pain"', '"less-pian"')
        _wait_for(log, "docs/claims.md:10: claim_verdict: unknown benefit 'less-pian'", mark)
        _wait_for(log, "Reloading browsers", mark)
        assert server.poll() is None, "the preview stopped"
        status, html = _get(url)
        assert status == 200 and "This page was not made: its macros have problems" in html
        assert "unknown benefit &#39;less-pian&#39;" in html and "{{" not in html
        mark = len(log.read_text())
        edit(project / "docs" / "claims.md", '"less-pian"', '"less-pain"')
        _wait_for(log, "Reloading browsers", mark)
        status, html = _get(url)
        assert status == 200 and 'class="verdict verdict--' in html and "not made" not in html
        assert "Traceback" not in log.read_text()
    finally:
        server.terminate()
        server.wait(timeout=30)


# ---- The table on the real site ----------------------------------------------------------

def test_the_data_reference_lists_every_macro_with_its_arguments_and_an_example(built_pages):
    section = built_pages.soup("editors/data-reference").find(id="macros")
    assert section is not None
    text = " ".join(" ".join(el.get_text() for el in section.find_all_next(["dt", "dd"])).split())
    for entry in TABLE:
        assert f"{entry.name} {entry.shows}" in text, entry.name
        assert " ".join(entry.example_text().split()) in text, entry.name
        for argument in entry.arguments:
            assert f"{argument.name}: {argument.about}" in text, (entry.name, argument.name)
    raw = built_pages.text("editors/data-reference")
    assert "{{" not in raw and "&#123;&#123; claim_verdict(&#34;pain-relief&#34;) &#125;&#125;" in raw


def test_every_example_of_the_table_is_valid_on_the_real_data():
    from macros.render.docs_tree import project_settings
    from macros.render.page_check import page_problems
    from macros.render.page_macros import load_macros

    macros = load_macros(project_settings(ROOT, lambda: "headers"))
    for entry in TABLE:
        text = "---\nrender_macros: true\n---\n" + entry.example_text() + "\n"
        assert page_problems("docs/x.md", text, macros) == [], entry.name
        assert macros.expand(entry.example_text()).strip(), entry.name


def test_prose_pages_show_their_data(built_pages, graph):
    myths = built_pages.text("myths")
    assert myths.count('class="verdict verdict--') >= 10 and "{{" not in myths
    headers = built_pages.soup("privacy-and-security").select_one("div.highlight code").get_text()
    assert re.search(r'add_header Content-Security-Policy "default-src', headers)
