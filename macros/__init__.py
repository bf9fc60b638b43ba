"""mkdocs-macros entry point: registers the macros and nothing else.

The logic lives in the modules beside this file; each macro only asks this
build's renderer for a page.
"""


def define_env(env):
    # Imported here, not on loading the package, so that the editors' tools
    # (`python -m macros.check`, `macros.new_entity`, ...) run without MkDocs.
    from . import content_security_policy, editor_pages
    from .site_build import site_for

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

    @env.macro
    def whats_new_page() -> str:
        return editor_pages.whats_new_page(renderer())

    @env.macro
    def data_reference_page() -> str:
        return editor_pages.data_reference_page(renderer())

    @env.macro
    def editors_status_page() -> str:
        return editor_pages.editors_status_page(renderer(), env.conf.get("edit_uri") or "")

    @env.macro
    def nginx_security_headers() -> str:
        return content_security_policy.nginx_headers(content_security_policy.policy_for(env.conf))
