"""Every file under data/ is either read or refused by name: nothing is ignored
silently, nothing replaces a generated page, nothing is read from outside."""

from __future__ import annotations

import os

from conftest import errors_for


def test_a_file_in_a_subfolder_is_refused(fixture_data):
    extra = fixture_data / "conditions" / "extra"
    extra.mkdir()
    (extra / "stiff-back.yml").write_text((fixture_data / "conditions" / "sore-back.yml").read_text())
    [error] = errors_for(fixture_data)
    assert error.startswith("data/conditions/extra/stiff-back.yml:1: ")
    assert "files in a subfolder are never read: move it to data/conditions/" in error


def test_a_misspelled_kind_folder_is_refused(fixture_data):
    folder = fixture_data / "condition"
    folder.mkdir()
    (folder / "stiff-back.yml").write_text((fixture_data / "conditions" / "sore-back.yml").read_text())
    [error] = errors_for(fixture_data)
    assert error.startswith("data/condition/stiff-back.yml:1: ")
    assert "'condition' is not a kind folder (did you mean 'conditions'?)" in error


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
