"""Script injection through the data: every payload in every field is either refused
with a message that says where, or reaches the built HTML as text, inert."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from xss_corpus import PAYLOADS, corpus_for

_SCRIPT_URL = re.compile(r"^\s*(javascript|vbscript|data\s*:\s*text/html)", re.IGNORECASE)
_URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "data", "srcdoc")
_RUNNABLE_SCRIPT = (None, "", "text/javascript", "application/javascript", "module")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return corpus_for(tmp_path_factory)


def pages(site):
    for html in sorted(site.rglob("*.html")):
        yield html.relative_to(site).as_posix(), BeautifulSoup(html.read_text(encoding="utf-8"), "lxml")


def live_markup(page: str, soup) -> list[str]:
    """Everything in a page that a browser would run."""
    found = []
    for element in soup.find_all(True):
        for name, value in element.attrs.items():
            value = " ".join(value) if isinstance(value, list) else value
            if name.lower().startswith("on"):
                found.append(f"{page}: <{element.name} {name}=...> (an inline event handler)")
            if name.lower() in _URL_ATTRIBUTES and _SCRIPT_URL.match(value or ""):
                found.append(f"{page}: <{element.name} {name}={value[:60]!r}> (a script URL)")
        if element.name == "script" and element.get("type") in _RUNNABLE_SCRIPT and not element.get("src") \
                and "alert(" in element.get_text():
            found.append(f"{page}: <script>{element.get_text()[:60]}</script>")
    return found


def test_the_corpus_covers_every_kind_of_field(corpus):
    names = {[part for part in f.path if isinstance(part, str)][-1] for f in corpus.fields}
    assert {"name", "summary", "finding", "url", "title", "claim", "what_to_do", "checklist",
            "heading", "body", "publisher", "authors", "sources", "intervention", "outcome_phrase", "signs",
            "measured"} <= names
    assert len(corpus.outcomes) == len(corpus.fields) * len(PAYLOADS)


def test_every_rejection_names_file_line_and_field(corpus):
    vague = []
    for o in corpus.outcomes:
        if o.rejected_with is None:
            continue
        where = f"{o.field.file}:{o.field.line}: {o.field.name}:"
        if not any(line.startswith(where) for line in o.rejected_with.splitlines()) or "Traceback" in o.rejected_with:
            vague.append(f"{o.payload_name} in {o.field.file} {o.field.name}: expected {where!r}, got:\n"
                         f"    {o.rejected_with}")
    assert not vague, "rejections that do not say where:\n" + "\n".join(vague[:20])


def test_markup_and_template_code_are_refused_in_every_field(corpus):
    """The payloads that carry markup or template code can never reach a page."""
    always_refused = ["script element", "img onerror", "javascript: URL", "svg onload after a quote",
                      "Jinja expression", "Jinja statement", "Markdown javascript: link"]
    let_through = [f"{o.payload_name} accepted in {o.field.file} {o.field.name}"
                   for o in corpus.accepted() if o.payload_name in always_refused]
    assert not let_through, "\n".join(let_through)


def test_accepted_payloads_build(corpus):
    assert not corpus.build_errors, corpus.build_errors
    assert corpus.accepted(), "no payload reached a page: the HTML half of this test would prove nothing"


def test_accepted_payloads_reach_the_html_as_inert_text(corpus):
    report, shown = [], {}
    for payload_name, site in corpus.sites.items():
        texts = []
        for page, soup in pages(site):
            report += live_markup(page, soup)
            attribute_values = [" ".join(v) if isinstance(v, list) else v
                                for element in soup.find_all(True) for v in element.attrs.values()]
            texts.append(soup.get_text() + "\n" + "\n".join(attribute_values))
        everything = "\n".join(texts)
        for o in corpus.accepted(payload_name):
            if o.payload in everything:
                shown[(o.field.file, o.field.name, payload_name)] = "escaped"
            elif o.marker in everything:
                report.append(f"{o.field.file} {o.field.name}: {payload_name} reached the HTML changed "
                              f"(not as the text written): {o.payload!r}")
            else:
                shown[(o.field.file, o.field.name, payload_name)] = "not published"
    assert not report, "payloads that became live markup:\n" + "\n".join(report[:30])
    escaped = [k for k, v in shown.items() if v == "escaped"]
    assert escaped, "no accepted payload was found in any page, so none was shown to be escaped"
    # Which: every accepted payload is accounted for, as escaped text or not published at all.
    assert len(shown) == len(corpus.accepted())


def test_make_tests_two_processes_build_the_corpus_once(tmp_path, monkeypatch):
    """With XSS_CORPUS_DIR set (as `make test` sets it for both its processes), the first asker
    builds into that folder and a later one reads what it built instead of building again."""
    import xss_corpus

    built = []

    def build(root):
        built.append(root)
        return xss_corpus.Corpus(fields=[], outcomes=[], sites={"script element": root / "site"})

    monkeypatch.setattr(xss_corpus, "build_corpus", build)
    first = xss_corpus._shared_corpus(tmp_path)
    second = xss_corpus._shared_corpus(tmp_path)
    assert built == [tmp_path / "corpus"]
    assert second == first and second is not first
