"""Every file under data/ is either read or refused by name: nothing is ignored
silently, nothing replaces a generated page, nothing is read from outside."""

from __future__ import annotations

import os

import pytest

from conftest import errors_for


@pytest.mark.parametrize("folder, words", [
    ("conditions/extra", "files in a subfolder are never read: move it to data/conditions/"),
    ("condition", "'condition' is not a kind folder (did you mean 'conditions'?)"),
])
def test_a_data_file_in_a_folder_that_is_never_read_is_refused(fixture_data, folder, words):
    (fixture_data / folder).mkdir()
    (fixture_data / folder / "stiff-back.yml").write_text((fixture_data / "conditions" / "sore-back.yml").read_text())
    [error] = errors_for(fixture_data)
    assert error.startswith(f"data/{folder}/stiff-back.yml:1: ")
    assert words in error


def test_a_stray_file_at_the_top_of_data_is_refused(fixture_data):
    (fixture_data / "sore-back.yml").write_text("name: x\n")
    [error] = errors_for(fixture_data)
    assert error.startswith("data/sore-back.yml:1: ") and "never read" in error


def test_index_is_reserved_for_the_a_to_z_page(fixture_data):
    (fixture_data / "conditions" / "index.yml").write_text(
        (fixture_data / "conditions" / "sore-back.yml").read_text())
    [error] = errors_for(fixture_data)
    assert error.startswith("data/conditions/index.yml:1: ")
    assert "'index' is the address of a page the site makes" in error


def test_index_is_reserved_in_every_kind_folder(fixture_data):
    (fixture_data / "cautions" / "index.yml").write_text(
        (fixture_data / "cautions" / "blood-clot.yml").read_text())
    [error] = errors_for(fixture_data)
    assert error.startswith("data/cautions/index.yml:1: ")


def test_a_symlink_to_a_file_outside_the_repository_is_refused(fixture_data, tmp_path):
    secret = tmp_path / "secret.yml"
    secret.write_text((fixture_data / "conditions" / "sore-back.yml").read_text().replace("Sore back", "Secret"))
    os.symlink(secret, fixture_data / "conditions" / "stiff-back.yml")
    [error] = errors_for(fixture_data)
    assert error.startswith("data/conditions/stiff-back.yml:1: ")
    assert "is a symbolic link" in error


def test_a_symlinked_folder_is_refused(fixture_data, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "stiff-back.yml").write_text((fixture_data / "conditions" / "sore-back.yml").read_text())
    os.symlink(outside, fixture_data / "conditions" / "more")
    errors = errors_for(fixture_data)
    assert any(e.startswith("data/conditions/more:1: ") and "is a symbolic link" in e for e in errors)


def test_a_symlinked_redirects_file_is_refused(fixture_data, tmp_path):
    outside = tmp_path / "r.yml"
    outside.write_text("conditions/old-back: conditions/sore-back\n")
    os.symlink(outside, fixture_data / "redirects.yml")
    [error] = errors_for(fixture_data)
    assert error.startswith("data/redirects.yml:1: ") and "is a symbolic link" in error


@pytest.mark.parametrize("folder", ["reviewers.yml", "redirects.yml", "other.yml", "conditions/stiff-back.yml",
                                    "sources/new-source.yml"])
def test_a_folder_named_like_a_data_file_is_refused_without_a_crash(fixture_data, folder):
    (fixture_data / folder).mkdir()
    [error] = errors_for(fixture_data)
    assert error.startswith(f"data/{folder}:1: is a folder, not a file"), error


def test_a_folder_named_like_a_data_file_is_refused_by_make_check(fixture_data, capsys):
    """`make check` once stopped with a traceback on data/reviewers.yml/."""
    from macros.cli import check

    (fixture_data / "reviewers.yml").mkdir()
    (fixture_data / "conditions" / "x.yml").mkdir()
    assert check.main([str(fixture_data)]) == 1
    err = capsys.readouterr().err
    assert "data/reviewers.yml:1: is a folder, not a file" in err
    assert "data/conditions/x.yml:1: is a folder, not a file" in err


@pytest.mark.parametrize("name", [".hidden.yml", "conditions/.stiff-back.yml", "conditions/.drafts", ".gitkeep"])
def test_a_hidden_file_or_folder_is_reported(fixture_data, name):
    path = fixture_data / name
    if name.endswith("drafts"):
        path.mkdir()
        (path / "stiff-back.yml").write_text("name: x\n")
    else:
        path.write_text("name: x\n")
    [error] = errors_for(fixture_data)
    assert error.startswith(f"data/{name}:1: files and folders whose name starts with '.' are never read"), error


def test_make_schema_lines_skips_folders_and_links(fixture_data, tmp_path):
    from macros.editors.json_schemas import link_data_files

    (fixture_data / "conditions" / "x.yml").mkdir()
    outside = tmp_path / "outside.yml"
    outside.write_text("name: x\n")
    os.symlink(outside, fixture_data / "conditions" / "linked.yml")
    link_data_files(fixture_data)
    assert outside.read_text() == "name: x\n", "a symbolic link was written through"
