"""The table of macros and the check of every {{ }} and {% %} of a page (render/page_macros.py,
render/page_check.py), on the small test data: what a page may write, and what each
refusal says, at the line of the file it is on."""

from __future__ import annotations

import pytest
from jinja2.exceptions import SecurityError, UndefinedError

from conftest import FIXTURE_DATA
from macros.render import page_check
from macros.render.docs_tree import Settings
from macros.render.page_macros import ENTRIES, TABLE, MacroError, load_macros

HEAD = "---\ntitle: A page\nrender_macros: true\n---\n\nSome text.\n"
LINE = 7  # the line after HEAD


@pytest.fixture(scope="module")
def macros():
    settings = Settings(site_url="https://example.org/guide/", edit_uri="", site_name="Test",
                        root=FIXTURE_DATA.parent, nginx_headers=lambda: "add_header X-Test 1;")
    return load_macros(settings)


def problems(macros, body: str, head: str = HEAD) -> list[str]:
    return [str(p) for p in page_check.page_problems("docs/page.md", head + body + "\n", macros)]


@pytest.mark.parametrize("body", [
    '{{ claim_verdict("less-pain") }}',
    "{{ claim_verdict('less-pain') }}",
    '{{ claim_verdict(benefit="less-pain") }}',
    "{{ condition_count }}",
    "{{ technique_count | in_words }}",
    "{{ 3 | in_words }}",
    '{{ entity_page("condition", "sore-back") }}',
    "{{ conditions_by_body_area() }}",
    "{# an editor's note #}",
    "Text with no macro at all.",
])
def test_what_a_page_may_write(macros, body):
    assert problems(macros, body) == []


@pytest.mark.parametrize("body, message", [
    # An unknown macro, an unknown id, a wrong argument: one sentence, the closest match.
    ('{{ claim_verdic("less-pain") }}', "claim_verdic: unknown macro (did you mean 'claim_verdict'?)"),
    ('{{ claim_verdict("less-pian") }}', "claim_verdict: unknown benefit 'less-pian' (did you mean 'less-pain'?)"),
    ('{{ entity_page("condition", "sore-bak") }}', "entity_page: unknown condition 'sore-bak' (did you mean 'sore-back'?)"),
    ('{{ entity_page("conditon", "sore-back") }}', "entity_page: unknown kind of page 'conditon' (did you mean 'condition'?)"),
    ("{{ claim_verdict(3) }}", 'claim_verdict: benefit must be an id in quotes, such as "pain-relief", not 3'),
    ("{{ claim_verdict(true) }}", 'claim_verdict: benefit must be an id in quotes, such as "pain-relief", not true'),
    ("{{ claim_verdict(True) }}", 'claim_verdict: benefit must be an id in quotes, such as "pain-relief", not true'),
    ("{{ claim_verdict() }}", 'claim_verdict: needs its benefit, such as "pain-relief"'),
    ('{{ claim_verdict("less-pain", "x") }}', "claim_verdict: takes 1 argument (benefit), not 2"),
    ('{{ claim_verdict(benefits="less-pain") }}', "claim_verdict: has no argument 'benefits' (did you mean 'benefit'?)"),
    ('{{ "abc" | in_words }}', 'in_words: number must be a number, such as 5, not "abc"'),
    ("{{ claim_verdict }}", 'claim_verdict: a macro is called with its arguments, such as {{ claim_verdict("pain-relief") }}'),
    ("{{ in_words(3) }}", "in_words: a filter is not called: write it as {{ technique_count | in_words }}"),
    # Attribute walks, item access, names outside the table, imports, tags, other filters.
    ("{{ lipsum.__globals__['os'].popen('id').read() }}", "lipsum: attribute access (.__globals__) is not allowed"),
    ("{{ cycler.__init__.__globals__.os }}", "cycler: attribute access (.__init__) is not allowed"),
    ("{{ claim_verdict.__globals__ }}", "claim_verdict: attribute access (.__globals__) is not allowed"),
    ("{{ config }}", "config: unknown variable"),
    ("{{ config.site_name }}", "config: attribute access (.site_name) is not allowed"),
    ("{{ self }}", "self: unknown variable"),
    ("{{ self._TemplateReference__context }}", "self: attribute access (._TemplateReference__context) is not allowed"),
    ("{{ page['title'] }}", "page: item access ([...]) is not allowed"),
    ("{% import 'os' as os %}", "import tag: not allowed"),
    ("{% from 'x.md' import y %}", "import tag: not allowed"),
    ("{% include 'x.md' %}", "include tag: not allowed"),
    ("{% for x in range(3) %}{{ x }}{% endfor %}", "for tag: not allowed"),
    ("{% set x = config %}", "set tag: not allowed"),
    ("{{ technique_count | upper }}", "upper: unknown filter"),
    ("{{ condition_count | attr('__class__') }}", "attr: unknown filter"),
    ("{{ claim_verdict(config) }}", "claim_verdict: write each argument out, as text in quotes or a number"),
    ("{{ claim_verdict('less-' ~ 'pain') }}", "claim_verdict: write each argument out"),
    ("{{ claim_verdict(*['less-pain']) }}", "claim_verdict: write each argument out: no * or **"),
    ('{{ "text" }}', "text: a {{ }} shows a macro or a variable"),
    ("{% raw %}{{ x }}{% endraw %}", "raw: braces in a raw block would reach readers as text"),
    ("{{ claim_verdict( }}", "syntax: unexpected '}'"),
    ("## A heading {#anchor}", "syntax: Missing end of comment tag"),
])
def test_each_refusal_names_the_file_the_line_and_what_is_wrong(macros, body, message):
    [problem] = problems(macros, body)
    assert problem.startswith(f"docs/page.md:{LINE}: {message}"), problem
    assert "Traceback" not in problem


def test_the_line_is_the_files_own_after_blank_lines_and_front_matter(macros):
    body = "\n\n\nOne.\n\n{{ claim_verdict('x') }}"
    [problem] = problems(macros, body)
    assert problem.startswith(f"docs/page.md:{LINE + 5}: claim_verdict: unknown benefit 'x'")


def test_every_problem_of_a_page_in_one_pass(macros):
    found = problems(macros, "{{ config }}\n{{ claim_verdict('x') }}\n{% import 'os' as os %}")
    assert [p.split(": ")[0] for p in found] == [f"docs/page.md:{LINE}", f"docs/page.md:{LINE + 1}",
                                                 f"docs/page.md:{LINE + 2}"]


@pytest.mark.parametrize("value", ["true", "True", "TRUE", "yes"])
def test_render_macros_is_read_as_yaml_reads_it(macros, value):
    head = HEAD.replace("render_macros: true", f"render_macros: {value}")
    assert page_check.renders_macros(head)
    assert problems(macros, "{{ claim_verdict('less-pian') }}", head) == [
        f"docs/page.md:{LINE}: claim_verdict: unknown benefit 'less-pian' (did you mean 'less-pain'?)"]


def test_render_macros_must_be_true_or_false(macros):
    head = HEAD.replace("render_macros: true", "render_macros: 'true'")
    assert problems(macros, "{{ condition_count }}", head) == [
        'docs/page.md:3: render_macros: write true or false, not "true"']


@pytest.mark.parametrize("head, line", [(HEAD.replace("render_macros: true\n", ""), LINE - 1),
                                        (HEAD.replace("render_macros: true", "render_macros: false"), LINE), ("", 1)])
def test_braces_on_a_page_that_does_not_render_macros_would_reach_readers(macros, head, line):
    [problem] = problems(macros, "{{ condition_count }}", head)
    assert problem.startswith(f"docs/page.md:{line}: render_macros: the page has {{{{ or {{% but its front matter")


def test_no_template_in_the_front_matter(macros):
    head = HEAD.replace("title: A page", "title: \"{{ lipsum.__globals__ }}\"")
    assert problems(macros, "Text.", head) == [
        "docs/page.md:2: title: no {{ or {% in the front matter: macros run only in the page's text"]


def test_a_page_that_failed_shows_its_problems_and_nothing_that_runs(macros):
    found = page_check.page_problems("docs/page.md", HEAD + "{{ claim_verdict('<b>x</b>') }}\n", macros)
    notice = page_check.problems_notice(found)
    assert "unknown benefit &#39;&lt;b&gt;x&lt;/b&gt;&#39;" in notice
    assert "{" not in notice and "<b>" not in notice


def test_the_table_checks_arguments_when_called(macros):
    assert "verdict" in macros.macros["claim_verdict"]("less-pain")
    assert macros.macros["claim_verdict"](benefit="less-pain") == macros.macros["claim_verdict"]("less-pain")
    with pytest.raises(MacroError, match=r"^claim_verdict: unknown benefit 'less-pian' \(did you mean 'less-pain'\?\)$"):
        macros.macros["claim_verdict"]("less-pian")
    assert macros.filters["in_words"](5) == "five" and macros.filters["in_words"](12) == "12"
    assert macros.variables["condition_count"] == 1


def test_expansion_runs_in_jinjas_sandbox_with_the_table_alone(macros):
    """Even without the check, the expansion `make markdown` makes reaches nothing but the table."""
    assert macros.expand("{{ technique_count | in_words }} way") == "one way"
    with pytest.raises(SecurityError):
        macros.expand("{{ claim_verdict.__globals__ }}")
    for name in ("lipsum", "cycler", "range", "config", "self.__init__"):
        with pytest.raises((UndefinedError, SecurityError)):
            macros.expand("{{ %s }}" % name)
    with pytest.raises(Exception, match="No filter named 'upper'"):
        macros.expand("{{ condition_count | upper }}")


def test_every_entry_of_the_table_has_what_the_data_reference_shows():
    for entry in TABLE:
        assert entry.category in ("macro", "filter", "variable"), entry.name
        assert entry.shows.endswith("."), entry.name
        assert len(entry.example) == len(entry.arguments), entry.name
        assert all(a.about for a in entry.arguments), entry.name
    assert set(ENTRIES) == {e.name for e in TABLE}
