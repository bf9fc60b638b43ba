"""The engine that turns data/ into the site's pages (see README, "How it works").

Prose pages in docs/ that show data (`render_macros: true` in their front matter)
are filled in by the engine too (docs_tree.prose_functions), so no MkDocs plugin
renders anything.
"""
