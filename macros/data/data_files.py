"""Which files under data/ are read, and a clear refusal for every other one.

The loader reads data/<kind folder>/<id>.yml, data/redirects.yml and data/reviewers.yml, nothing
else. A file anywhere else would be ignored silently (a subfolder, a misspelled
kind folder), a symbolic link could publish a file from outside the repository,
and some ids belong to pages the site makes itself. Each is refused by name.
"""

from __future__ import annotations

import os
from pathlib import Path

from .data_errors import DataError, did_you_mean
from .kinds import KIND_FOLDERS

# Ids the build gives to pages it makes in every kind folder: <folder>/index.md is the A to Z page.
RESERVED_IDS = frozenset({"index"})
TOP_LEVEL_FILES = ("redirects.yml", "reviewers.yml")


def is_hidden(path: Path) -> bool:
    return path.name.startswith(".")


def symlink_error(path: Path, root: Path) -> DataError:
    return DataError(_shown(path, root), 1, "", "is a symbolic link: data files must be real files in data/; "
                     "copy the file in instead of linking to it")


def reserved_id_error(shown_as: str, entity_id: str) -> DataError:
    return DataError(shown_as, 1, "", f"'{entity_id}' is the address of a page the site makes (the A to Z "
                     "page): choose another file name")


def hidden_error(path: Path, root: Path) -> DataError:
    return DataError(_shown(path, root), 1, "", "files and folders whose name starts with '.' are never read: "
                     "remove it, or rename it without the '.'")


def folder_named_like_a_file_error(path: Path, root: Path) -> DataError:
    return DataError(_shown(path, root), 1, "", "is a folder, not a file: a data file is a file named "
                     f"like this; remove the folder (and move any file in it to data/{path.parent.name}/)"
                     if path.parent != root / "data" else "is a folder, not a file: remove the folder")


def files_never_read(data_dir: Path) -> list[DataError]:
    """Every file or folder under data/ that the loader would skip or must not follow."""
    root = data_dir.parent
    errors: list[DataError] = []
    folders = list(KIND_FOLDERS.values())
    for entry in sorted(data_dir.iterdir()):
        if is_hidden(entry):
            errors.append(hidden_error(entry, root))
        elif entry.is_symlink():
            errors.append(symlink_error(entry, root))
        elif entry.is_dir() and entry.name in folders:
            errors += _inside_kind_folder(entry, root)
        elif entry.is_dir() and entry.name.endswith(".yml"):
            errors.append(folder_named_like_a_file_error(entry, root))
        elif entry.is_dir():
            hint = did_you_mean(entry.name, folders)
            message = (f"'{entry.name}' is not a kind folder{hint}: files here are never read; "
                       f"kind folders: {', '.join(folders)}")
            errors += [DataError(_shown(f, root), 1, "", message) for f in _all_files(entry)] or \
                [DataError(_shown(entry, root), 1, "", message)]
        elif entry.name not in TOP_LEVEL_FILES:
            errors.append(DataError(_shown(entry, root), 1, "", "files at the top of data/ are never read: "
                                    f"move it into one of {', '.join(folders)}"))
    return errors


def _inside_kind_folder(folder: Path, root: Path) -> list[DataError]:
    errors = []
    for entry in sorted(folder.iterdir()):
        if is_hidden(entry):
            errors.append(hidden_error(entry, root))
            continue
        if not entry.is_dir() or entry.is_symlink():
            continue  # files and links are judged one by one as they are loaded
        if entry.name.endswith(".yml"):
            errors.append(folder_named_like_a_file_error(entry, root))
            continue
        message = f"files in a subfolder are never read: move it to data/{folder.name}/"
        errors += [DataError(_shown(f, root), 1, "", message) for f in _all_files(entry)] or \
            [DataError(_shown(entry, root), 1, "", message)]
    return errors


def _all_files(folder: Path) -> list[Path]:
    """Files and links under a folder, without following links to folders."""
    found = []
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        found += [Path(dirpath) / name for name in filenames]
        found += [Path(dirpath) / name for name in dirnames if (Path(dirpath) / name).is_symlink()]
    return sorted(found)


def _shown(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()
