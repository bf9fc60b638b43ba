"""MkDocs hooks: thin calls into site_build and the page checks.

They load the data (before the macros plugin registers the table of macros with
it), hand MkDocs the pages made from it, check each prose page's macros before
the plugin renders the page, and check and finish the HTML.

MkDocs loads this file by path, not as part of the package, so the project
root goes on sys.path first to import the package beside it.
"""

import os
import sys

_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402

from macros.site import content_security_policy, docs_input, external_links, page_markup_rules, search_index, short_site_name, site_build, urgent_callouts  # noqa: E402

from macros.render import reader_search  # noqa: E402


def on_startup(command, dirty):
    content_security_policy.started(command)


# Before the macros plugin's on_config, whose define_env takes the data loaded here.
@event_priority(100)
def on_config(config):
    _refused(page_markup_rules.refuse_symlinks, config["docs_dir"])
    site_build.prepare(config)
    return config


def on_env(env, config, files):
    # Every page has been read by now (its front matter too), none written yet.
    site_build.record_guide_pages(files, config)
    # Static hosts such as GitHub Pages send no headers: every page carries the policy itself.
    env.globals["content_security_policy"] = content_security_policy.meta_policy_for(config)
    env.globals["header_config"] = short_site_name.WithShortName(config)
    return env


# Before the plugins (hooks run after them by default): the macros plugin and search
# must see the generated pages in the file list.
@event_priority(50)
def on_files(files, config):
    _refused(docs_input.check_docs_folder, config["docs_dir"])
    files = site_build.add_generated_pages(files, config)
    return files


# Before the macros plugin renders the page: it renders only what the check let through.
@event_priority(50)
def on_page_markdown(markdown, page, config, files):
    _refused(docs_input.check_redirect, page, files)
    return site_build.checked_markdown(markdown, page, config)


def on_page_content(html, page, config, files):
    _refused(docs_input.check_page_content, html, page)
    return urgent_callouts.announce_urgent_callouts(html)


def on_post_page(output, page, config):
    _refused(page_markup_rules.check_no_template_left, output, page)
    return external_links.add_rel_to_external_links(output)


def on_post_template(output_content, template_name, config):
    if template_name == "sitemap.xml":
        return site_build.sitemap_without_private_pages(output_content, config)
    if template_name.endswith(".html"):  # 404.html
        return external_links.add_rel_to_external_links(output_content)
    return output_content


def on_post_build(config):
    # Hooks run after the plugins, so the search plugin has written its index by now.
    # The theme's index file is left empty: readers' search loads search/reader_index.json when used.
    def reader_index(docs):
        site = site_build.site_for(config)
        reader_search.write_reader_index(config["site_dir"], docs, site.graph.kb, site.guide_pages)
        return []

    search_index.trim_search_index(config["site_dir"], then=reader_index)
    try:
        content_security_policy.write_headers(config)
    except content_security_policy.PolicyError as exc:
        raise PluginError(str(exc)) from None


def _refused(check, *args):
    try:
        check(*args)
    except page_markup_rules.PageRefused as exc:
        raise PluginError(str(exc)) from None
