"""mkdocs-macros entry point: registers the macros and nothing else.

Pages made from the data are rendered by site_build before MkDocs reads them;
these macros serve the few prose pages in docs/ that show data. Each only asks
this build's renderer (or a module beside this file) for its text.
"""


def define_env(env):
    # Imported here, not on loading the package, so that the editors' tools
    # (`python -m macros.check`, `macros.new_entity`, ...) run without MkDocs.
    from . import content_security_policy
    from .site_build import site_for

    @env.macro
    def conditions_by_body_area() -> str:
        return site_for(env.conf).renderer.by_body_area()

    @env.macro
    def claim_verdict(benefit_id: str) -> str:
        """A claimed benefit's verdict, as its own page shows it: direction and certainty, never one alone."""
        return site_for(env.conf).renderer.claim_verdict(benefit_id)

    @env.macro
    def nginx_security_headers() -> str:
        return content_security_policy.nginx_headers(content_security_policy.policy_for(env.conf))
