"""``pip install .`` gives a ``likertkit`` command that needs no clone: the report notebook ships in the package.

The venv sees the build environment's packages (a ``.pth`` file naming their folder), so only this project is
installed into it (``--no-deps``); the command then runs from another folder, with nothing of the checkout on its
path.
"""

import os
import subprocess
import sysconfig
import venv
from pathlib import Path

import pytest
from conftest import ROOT

EXAMPLE = ROOT / "examples" / "made-up-survey"


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    home = tmp_path_factory.mktemp("installed")
    venv.create(home / "venv", with_pip=True)
    purelib = subprocess.run([home / "venv" / "bin" / "python", "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True).stdout.strip()
    (Path(purelib) / "build-environment.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "LIKERTKIT_PROJECT_ROOT")}
    env["JUPYTER_PATH"] = str(Path(sysconfig.get_paths()["data"]) / "share" / "jupyter")  # the borrowed packages' data
    pip = subprocess.run([home / "venv" / "bin" / "python", "-m", "pip", "install", "--quiet", "--no-deps",
                          "--disable-pip-version-check", str(ROOT)], capture_output=True, text=True, env=env,
                         cwd=home)
    assert pip.returncode == 0, pip.stderr[-3000:]
    return home, env


def test_pip_install_gives_the_command_and_its_help(installed):
    home, env = installed
    command = home / "venv" / "bin" / "likertkit"
    version = subprocess.run([command, "--version"], capture_output=True, text=True, env=env, cwd=home)
    assert version.returncode == 0 and version.stdout.startswith("likertkit ")
    top = subprocess.run([command, "--help"], capture_output=True, text=True, env=env, cwd=home).stdout
    usage = subprocess.run([command, "report", "--help"], capture_output=True, text=True, env=env, cwd=home).stdout
    for option in ("--out", "--items", "--scale", "--id", "--group", "--weight", "--min-group", "--missing",
                   "--encoding", "--delimiter", "--positive", "--order", "--title", "--palette", "--overwrite"):
        assert option in top and option in usage, option


def test_the_installed_command_writes_a_report_without_the_checkout(installed):
    home, env = installed
    out = home / "report of mine"
    run = subprocess.run([home / "venv" / "bin" / "likertkit", "report", EXAMPLE / "responses.csv", "--items",
                          EXAMPLE / "items.csv", "--scale", EXAMPLE / "scale.csv", "--missing", "9", "--out", out],
                         capture_output=True, text=True, env=env, cwd=home)
    assert run.returncode == 0, run.stderr[-3000:]
    assert (out / "report.html").stat().st_size > 10_000 and (out / "data" / "processed" / "table1.csv").exists()
    where = subprocess.run([home / "venv" / "bin" / "python", "-c", "import likertkit; print(likertkit.__file__)"],
                           capture_output=True, text=True, env=env, cwd=home).stdout
    assert str(home / "venv") in where, "the installed package, not the checkout's src/"
    bad = subprocess.run([home / "venv" / "bin" / "likertkit", "report", home / "absent.csv", "--out", home / "x"],
                         capture_output=True, text=True, env=env, cwd=home)
    assert bad.returncode == 2 and bad.stderr.startswith("error: absent.csv: file not found")
