""".ci/apt-install, which `make test` calls for missing Debian packages: as root it runs apt-get
itself, as a user with passwordless sudo (GitHub's runner) it runs it with `sudo -n`, and with
neither it names the packages, failing under CI=true. Run with stand-ins for `id`, `sudo` and
`apt-get` that record what they were asked to do, so nothing is installed."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT

SCRIPT = ROOT / ".ci" / "apt-install"


def stand_ins(folder: Path, uid: int, sudo_works: bool) -> Path:
    log = folder / "log"
    tools = {
        "id": f'#!/bin/sh\n[ "$1" = -u ] && echo {uid}\n',
        "sudo": ("#!/bin/sh\n"
                 f'[ "$1" = -n ] && [ "$2" = true ] && exit {0 if sudo_works else 1}\n'
                 f'echo "sudo $*" >> {log}\n[ "$1" = -n ] && shift\nexec "$@"\n'),
        "apt-get": f'#!/bin/sh\necho "apt-get $* (DEBIAN_FRONTEND=$DEBIAN_FRONTEND)" >> {log}\n',
    }
    for name, text in tools.items():
        (folder / name).write_text(text)
        (folder / name).chmod(0o755)
    return log


def run(tmp_path: Path, uid: int, sudo_works: bool, ci: bool):
    log = stand_ins(tmp_path, uid, sudo_works)
    env = {"PATH": f"{tmp_path}:/usr/bin:/bin", "HOME": str(tmp_path)}
    if ci:
        env["CI"] = "true"
    done = subprocess.run(["bash", str(SCRIPT), "zbar-tools", "poppler-utils"], env=env,
                          capture_output=True, text=True, timeout=30)
    return done, (log.read_text() if log.exists() else "")


def test_as_root_it_runs_apt_get_itself(tmp_path):
    done, log = run(tmp_path, uid=0, sudo_works=False, ci=True)
    assert done.returncode == 0, done.stderr
    assert "sudo" not in log
    assert "apt-get update -q" in log
    assert "apt-get install -y -q --no-install-recommends zbar-tools poppler-utils (DEBIAN_FRONTEND=noninteractive)" in log


def test_as_a_user_with_passwordless_sudo_it_uses_sudo(tmp_path):
    done, log = run(tmp_path, uid=1001, sudo_works=True, ci=True)
    assert done.returncode == 0, done.stderr
    assert "sudo -n apt-get update -q" in log
    assert "sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install" in log
    assert "apt-get install -y -q --no-install-recommends zbar-tools poppler-utils" in log


@pytest.mark.parametrize("ci, code", [(True, 1), (False, 0)])
def test_without_sudo_it_names_the_packages_and_fails_only_under_ci(tmp_path, ci, code):
    done, log = run(tmp_path, uid=1001, sudo_works=False, ci=ci)
    assert done.returncode == code
    assert "Missing Debian packages: zbar-tools poppler-utils" in done.stderr
    assert "sudo apt-get install zbar-tools poppler-utils" in done.stderr
    assert log == "", "nothing may be installed without root or sudo"


def test_the_script_is_what_make_calls():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "bash .ci/apt-install $$missing" in makefile
    assert os.access(SCRIPT, os.R_OK)
