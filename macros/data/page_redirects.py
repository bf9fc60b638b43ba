"""Old page addresses that must keep working after an id is renamed: read and checked here.

data/redirects.yml maps an old address to the new one, e.g.
`conditions/stiff-neck: conditions/neck-pain`. The build adds a page at each old
address that sends the reader on (render/redirect_pages.py), so links on paper
and in health records never break. An old address may not be one
a page owns: a live entity, a kind's A to Z page (`conditions/index`), or any
other page of the site (checked again when the pages are known).
"""

from __future__ import annotations

import re
from pathlib import Path

from . import input_limits
from .data_errors import DataError
from .kinds import KIND_FOLDERS, PAGE_KINDS
from .yaml_source import read_optional_file, read_yaml_file

FILE_NAME = "redirects.yml"
_FOLDER_KIND = {KIND_FOLDERS[kind]: kind for kind in PAGE_KINDS}
_ADDRESS = re.compile(r"^(%s)/([a-z0-9]+(?:-[a-z0-9]+)*)$" % "|".join(_FOLDER_KIND))


def load_redirects(data_dir: Path, kb) -> list[DataError]:
    """Read data/redirects.yml into kb.redirects (old -> new address); return its errors."""
    shown_as, data, lines, errors = read_optional_file(data_dir, FILE_NAME, input_limits.REDIRECTS_MAX_FILE_BYTES,
                                                       input_limits.REDIRECTS_MAX_FIELDS)
    if errors or data is None:
        return errors
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
    if old_id == "index":
        return f"'{old}' is the {old.split('/')[0]} A to Z page: a redirect would replace it; remove this line"
    if old_id in kb[old_kind]:
        return f"'{old}' is a live page: a redirect would hide it; remove this line or rename the page"
    new_kind, new_id = _kind_and_id(new)
    if new_id not in kb[new_kind]:
        return f"'{new}' does not exist, so the old address would lead nowhere"
    return None


def _kind_and_id(address: str) -> tuple[str, str]:
    folder, entity_id = address.split("/")
    return _FOLDER_KIND[folder], entity_id


def owned_addresses(redirects: dict[str, str], page_exists, data_dir: Path) -> list[str]:
    """`file:line: old: message` for each old address that a page of the site owns."""
    owned = [old for old in redirects if page_exists(f"{old}.md") or page_exists(f"{old}/index.md")]
    if not owned:
        return []
    path = Path(data_dir) / FILE_NAME
    _, lines, _ = read_yaml_file(path, path.name)
    return [f"data/{FILE_NAME}:{lines.get((old,), 1)}: {old}: '{old}' is the address of a page of the site: "
            "a redirect would replace it; remove this line" for old in owned]
