"""MkDocs hooks: thin calls into site_build.

MkDocs loads this file by path, not as part of the package, so the project
root goes on sys.path first to import the package beside it.
"""

import os
import sys

_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

from mkdocs.plugins import event_priority  # noqa: E402

from macros import search_index, site_build  # noqa: E402


def on_config(config):
    site_build.prepare(config)
    return config


# Before the plugins (hooks run after them by default): mkdocs-redirects checks
# redirect targets against the file list, which must hold the generated pages.
@event_priority(50)
def on_files(files, config):
    return site_build.add_generated_pages(files, config)


def on_post_template(output_content, template_name, config):
    if template_name == "sitemap.xml":
        return site_build.sitemap_without_private_pages(output_content, config)
    return output_content


def on_post_build(config):
    # Hooks run after the plugins, so the search plugin has written its index by now.
    search_index.trim_search_index(config["site_dir"])
