"""mkdocs-macros entry point: registers the macros and nothing else.

The logic lives in the modules beside this file; each macro only asks this
build's renderer for a page.
"""

from .site_build import site_for


def define_env(env):
    def renderer():
        return site_for(env.conf).renderer

    @env.macro
    def entity_page(kind: str, entity_id: str) -> str:
        return renderer().entity_page(kind, entity_id)

    @env.macro
    def index_page(kind: str) -> str:
        return renderer().index_page(kind)

    @env.macro
    def sources_page() -> str:
        return renderer().sources_page()

    @env.macro
    def conditions_by_body_area() -> str:
        return renderer().by_body_area()

    @env.macro
    def checklist_page() -> str:
        return renderer().checklist_page()

    @env.macro
    def connect_page() -> str:
        return renderer().connect_page()

    @env.macro
    def diagnosis_codes_page() -> str:
        return renderer().diagnosis_codes_page()

    @env.macro
    def diagnosis_code_page(prefix: str) -> str:
        return renderer().diagnosis_code_page(prefix)
