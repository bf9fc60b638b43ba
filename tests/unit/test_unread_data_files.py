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
