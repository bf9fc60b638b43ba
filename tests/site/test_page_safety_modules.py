"""The small modules the build hook runs over every page: external links, urgent
callouts, and the Content-Security-Policy's script hashes."""

from __future__ import annotations

import base64
import hashlib

import pytest

from conftest import FIXTURE_DATA, copy_project, run_build
from macros.site import content_security_policy as csp
from macros.site.external_links import add_rel_to_external_links
from macros.site.urgent_callouts import announce_urgent_callouts


@pytest.mark.parametrize("before, after", [
    ('<a href="https://example.org/x">x</a>', '<a href="https://example.org/x" rel="noopener noreferrer">x</a>'),
    ('<a href="http://example.org">x</a>', '<a href="http://example.org" rel="noopener noreferrer">x</a>'),
    ('<a href="//cdn.example.org/x">x</a>', '<a href="//cdn.example.org/x" rel="noopener noreferrer">x</a>'),
    ('<a class="b" href=\'HTTPS://Example.org\' title="t">x</a>',
     '<a class="b" href=\'HTTPS://Example.org\' title="t" rel="noopener noreferrer">x</a>'),
    ('<a href="https://e.org/edit" title="Edit" rel="edit">x</a>',
     '<a href="https://e.org/edit" title="Edit" rel="edit noopener noreferrer">x</a>'),
    ('<a href="https://e.org" target="_blank" rel="noopener">x</a>',
     '<a href="https://e.org" target="_blank" rel="noopener noreferrer">x</a>'),
    ('<a href="https://e.org" rel="noopener noreferrer">x</a>', '<a href="https://e.org" rel="noopener noreferrer">x</a>'),
])
def test_external_links_get_noopener_noreferrer(before, after):
    assert add_rel_to_external_links(before) == after


@pytest.mark.parametrize("html", [
    '<a href="../conditions/sciatica/">x</a>', '<a href="#ref-1">1</a>', '<a href="/guide/">x</a>',
    '<a href="mailto:editors@example.org">x</a>', '<abbr title="https://x.org">x</abbr>', '<a name="x">x</a>',
    '<aside class="https://x"></aside>',
])
def test_links_within_the_site_are_left_alone(html):
    assert add_rel_to_external_links(html) == html


def test_urgent_callout_becomes_a_named_region():
    html = ('<div class="admonition danger">\n<p class="admonition-title">Urgent advice</p>\n'
            '<p>Get help now.</p>\n</div>')
    out = announce_urgent_callouts(html)
    assert out.startswith('<div class="admonition danger" role="region" aria-label="Urgent advice">\n'
                          '<p class="admonition-title">Urgent advice</p>')


def test_urgent_callout_name_is_the_title_as_text():
    html = '<div class="admonition danger">\n<p class="admonition-title">Call 911 &amp; <em>stop</em> "now"</p>\n</div>'
    assert 'aria-label="Call 911 &amp; stop &quot;now&quot;"' in announce_urgent_callouts(html)


def test_other_callouts_are_left_alone():
    html = '<div class="admonition warning">\n<p class="admonition-title">Check first</p>\n</div>'
    assert announce_urgent_callouts(html) == html


def test_script_hash_is_the_csp_sha256_of_the_exact_text():
    expected = base64.b64encode(hashlib.sha256(b"var a=1;").digest()).decode()
    assert csp.script_hash("var a=1;") == f"'sha256-{expected}'"


def test_only_inline_runnable_scripts_are_hashed():
    html = ('<script>one()</script><script src="x.js"></script><script type="application/json">{"a":1}</script>'
            '<script type="application/ld+json">{}</script><script type="module">two()</script>')
    assert csp.inline_scripts(html) == ["one()", "two()"]


def test_policy_allows_scripts_only_by_hash_and_self():
    text = csp.policy(["'sha256-AAA='", "'sha256-BBB='"])
    assert "script-src 'self' 'sha256-AAA=' 'sha256-BBB='" in text
    assert "default-src 'none'" in text and "frame-ancestors 'none'" in text
    assert "unsafe-inline" not in text and "unsafe-eval" not in text and "*" not in text


def test_check_site_names_the_page_with_an_unlisted_inline_script(tmp_path):
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "index.html").write_text("<script>fine()</script>")
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "index.html").write_text("<script>fine()</script><script>evil()</script>")
    csp.check_site(tmp_path / "ok", [csp.script_hash("fine()")])
    with pytest.raises(csp.PolicyError, match=r"bad/index.html: inline script not allowed .*evil\(\)"):
        csp.check_site(tmp_path, [csp.script_hash("fine()")])


def test_headers_file_format():
    text = csp.headers_file("default-src 'none'")
    assert text.splitlines()[0] == "/*"
    assert "  Content-Security-Policy: default-src 'none'" in text.splitlines()
    assert "  Referrer-Policy: same-origin" in text.splitlines()


def test_build_stops_when_the_theme_scope_is_not_fixed(tmp_path):
    """Without extra.scope, Material's first script differs by page depth: the build must say so."""
    project = copy_project(tmp_path / "p", data=FIXTURE_DATA)
    config = (project / "mkdocs.yml").read_text()
    assert "\n  scope: /\n" in config
    (project / "mkdocs.yml").write_text(config.replace("\n  scope: /\n", "\n  scope_unset: /\n"))
    result = run_build(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "conditions/sore-back/index.html: inline script not allowed by the Content-Security-Policy" in output
    assert "Traceback" not in output


@pytest.mark.parametrize("tag", ['<link rel="dns-prefetch" href="//tracker.example">',
                                 '<link rel="preconnect" href="https://tracker.example">',
                                 '<LINK REL="DNS-Prefetch" HREF="HTTPS://tracker.example/">',
                                 '<link rel="preconnect" href="&#x2F;&#x2F;tracker.example">',
                                 '<link rel="prefetch stylesheet" href="http://cdn.example/x.css">',
                                 '<link rel=preload href=\\\\tracker.example\\x as=script>'])
def test_check_site_refuses_hints_and_loads_from_other_hosts(tmp_path, tag):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(f"<head>{tag}</head>")
    with pytest.raises(csp.PolicyError, match=r"(?i)a/index.html: <link .* is not allowed: a reader's browser"):
        csp.check_site(tmp_path, [])


def test_check_site_lets_the_site_s_own_links_pass(tmp_path):
    (tmp_path / "index.html").write_text('<link rel="stylesheet" href="assets/extra.css">'
                                         '<link rel="canonical" href="https://medical-massage-guide.github.io/guide/">'
                                         '<link rel="alternate" type="application/atom+xml" href="feed.xml">'
                                         '<link rel="icon" href="assets/images/favicon.png">')
    csp.check_site(tmp_path, [])
