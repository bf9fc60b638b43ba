"""The site's name as the header shows it on a phone: a short form, the full name everywhere else.

The theme's header prints config.site_name, which at 375 px is cut off ("Medical Massage G...").
overrides/main.html renders the theme's own header with this view of the config, which differs
from the real one in site_name only; the page title, search engines and feeds keep the full name.
"""

from __future__ import annotations


class WithShortName:
    """The MkDocs config, read-only, with site_name replaced by extra.short_name (when set)."""

    def __init__(self, config):
        self._config = config
        self.site_name = (config.get("extra") or {}).get("short_name") or config["site_name"]

    def __getattr__(self, name):
        return getattr(self._config, name)

    def __getitem__(self, key):
        return self.site_name if key == "site_name" else self._config[key]

    def get(self, key, default=None):
        return self.site_name if key == "site_name" else self._config.get(key, default)
