"""The engine that turns data/ into the site's pages (see README, "How it works"), and
the mkdocs-macros plugin's module (`module_name: macros` in mkdocs.yml).

define_env registers the one table of macros, filters and variables
(render/page_macros.py) with this build's data, loaded from the project root.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def define_env(env):
    # Imported here, not on loading the package, so that the editors' tools
    # (`python -m macros.cli.check`, ...) run without the plugin.
    from .site.site_build import macros_for

    table = macros_for(ROOT)
    for name, macro in table.macros.items():
        env.macro(macro, name)
    for name, function in table.filters.items():
        env.filter(function, name)
    env.variables.update(table.variables)
