"""Old page addresses that must keep working after an id is renamed.

data/redirects.yml maps an old address to the new one, e.g.
`conditions/stiff-neck: conditions/neck-pain`. The build turns each into a
redirect page (mkdocs-redirects), so links on paper and in health records
never break.
"""

from __future__ import annotations

import re
from pathlib import Path

from . import input_limits
from .data_errors import DataError
from .model import KIND_FOLDERS
from .yaml_source import read_yaml_file

FILE_NAME = "redirects.yml"
_FOLDER_KIND = {folder: kind for kind, folder in KIND_FOLDERS.items() if kind != "source"}
_ADDRESS = re.compile(r"^(%s)/([a-z0-9]+(?:-[a-z0-9]+)*)$" % "|".join(_FOLDER_KIND))


def load_redirects(data_dir: Path, kb) -> list[DataError]:
    """Read data/redirects.yml into kb.redirects (old -> new address); return its errors."""
    path = Path(data_dir) / FILE_NAME
    if path.is_symlink():
        return []  # refused, by name, with every other file data/ must not hold (data_files.py)
    if not path.exists():
        return []
    shown_as = path.relative_to(Path(data_dir).parent).as_posix()
    data, lines, errors = read_yaml_file(path, shown_as, input_limits.REDIRECTS_MAX_FILE_BYTES,
                                         input_limits.REDIRECTS_MAX_FIELDS)
    if errors:
        return [e for e in errors if "the file is empty" not in e.message]
    if not isinstance(data, dict):
        return [DataError(shown_as, 1, "", "write one 'old address: new address' pair per line")]
    for old, new in data.items():
        line = lines.get((old,), 1)
        problem = _problem(kb, str(old), str(new))
        if problem:
            errors.append(DataError(shown_as, line, str(old), problem))
        else:
            kb.redirects[str(old)] = str(new)
    return errors


def _problem(kb, old: str, new: str) -> str | None:
    for address in (old, new):
        if not _ADDRESS.match(address):
            return f"'{address}' is not a page address: write it like conditions/neck-pain"
    old_kind, old_id = _kind_and_id(old)
    if old_id in kb[old_kind]:
        return f"'{old}' is a live page: a redirect would hide it; remove this line or rename the page"
    new_kind, new_id = _kind_and_id(new)
    if new_id not in kb[new_kind]:
        return f"'{new}' does not exist, so the old address would lead nowhere"
    return None


def _kind_and_id(address: str) -> tuple[str, str]:
    folder, entity_id = address.split("/")
    return _FOLDER_KIND[folder], entity_id


def redirect_maps(redirects: dict[str, str]) -> dict[str, str]:
    """The same pairs as mkdocs-redirects wants them: docs paths of Markdown files."""
    return {f"{old}.md": f"{new}.md" for old, new in redirects.items()}


# mkdocs-redirects' own page keeps #anchors with an inline script, which the
# site's Content-Security-Policy blocks; this page does the same with the meta
# refresh alone (anchors are dropped), and tells the reader where it went.
REDIRECT_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>This page has moved</title>
<meta name="robots" content="noindex">
<meta name="referrer" content="same-origin">
<link rel="canonical" href="{url}">
<meta http-equiv="refresh" content="0; url={url}">
</head>
<body>
<main>
<h1>This page has moved</h1>
<p><a href="{url}">Go to the new page</a>.</p>
</main>
</body>
</html>
"""


def use_script_free_redirect_pages() -> None:
    import mkdocs_redirects.plugin

    mkdocs_redirects.plugin.HTML_TEMPLATE = REDIRECT_PAGE
