"""``pip install likertkit`` gives a ``likertkit`` command that needs no clone (the report notebook ships in the
package), declares what it needs as ranges that the compendium's lock lies within, and brings no test-only package.

The wheel is built once, then installed into a fresh venv *with* dependency resolution (``--no-index``: nothing is
downloaded). The venv sees the build environment's packages but this project (a ``.pth`` file naming a folder of links to
them), so pip resolves
every requirement against them and installs only this project; the command then runs from another folder, with
nothing of the checkout on its path.
"""

import os
import re
import subprocess
import sys
import sysconfig
import tomllib
import venv
import zipfile
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from conftest import ROOT

EXAMPLE = ROOT / "examples" / "made-up-survey"
# What only the compendium's tests and build use: never brought by installing the library.
TEST_ONLY = {"pytest", "nbval", "frictionless", "pingouin", "jupyterlab", "selenium", "sphinx", "polars", "duckdb",
             "plot-likert", "papermill"}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    folder = tmp_path_factory.mktemp("wheel")
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--disable-pip-version-check",
                            "-w", str(folder), str(ROOT)], capture_output=True, text=True, cwd=folder)
    assert build.returncode == 0, build.stderr[-3000:]
    return next(folder.glob("likertkit-*.whl"))


@pytest.fixture(scope="module")
def installed(tmp_path_factory, wheel):
    home = tmp_path_factory.mktemp("installed")
    venv.create(home / "venv", with_pip=True)
    purelib = subprocess.run([home / "venv" / "bin" / "python", "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True).stdout.strip()
    borrowed = home / "borrowed"  # the build environment's packages, less this project's own editable install
    borrowed.mkdir()
    for entry in Path(sysconfig.get_paths()["purelib"]).iterdir():
        if not entry.name.startswith(("likertkit", "__editable__")) and entry.suffix != ".pth":
            (borrowed / entry.name).symlink_to(entry)
    (Path(purelib) / "build-environment.pth").write_text(f"{borrowed}\n")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "LIKERTKIT_PROJECT_ROOT")}
    pip = subprocess.run([home / "venv" / "bin" / "python", "-m", "pip", "install", "--no-index", "--find-links",
                          str(wheel.parent), "--disable-pip-version-check", "likertkit"], capture_output=True, text=True,
                         env=env, cwd=home)
    assert pip.returncode == 0, pip.stderr[-3000:]
    assert "Successfully installed likertkit-" in pip.stdout and "already satisfied: numpy" in pip.stdout, pip.stdout
    home.joinpath("pip.log").write_text(pip.stdout)
    return home, env, Path(purelib)


def _requires(wheel: Path) -> list:
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        text = archive.read(name).decode()
    return [Requirement(line.split(":", 1)[1].strip()) for line in text.splitlines() if line.startswith("Requires-Dist:")]


def _closure(requirements: list) -> set:
    """Every distribution installing ``requirements`` brings, by the installed packages' own metadata."""
    seen, todo = set(), list(requirements)
    while todo:
        requirement = todo.pop()
        if requirement.marker and not requirement.marker.evaluate({"extra": ""}):
            continue
        name = canonicalize_name(requirement.name)
        if name in seen:
            continue
        seen.add(name)
        todo += [Requirement(r) for r in metadata.distribution(requirement.name).requires or []]
    return seen


def test_the_wheel_declares_ranges_and_brings_no_test_only_package(wheel, installed):
    requirements = _requires(wheel)
    core = [r for r in requirements if not r.marker]
    assert core and all(str(r.specifier).startswith(">=") and "==" not in str(r.specifier) for r in core), core
    brought = _closure(core)
    assert brought.isdisjoint(TEST_ONLY), brought & TEST_ONLY
    # The report writes its own page and runs its notebook in the process: no converter, kernel client or server.
    assert brought.isdisjoint({"nbconvert", "nbformat", "jupyter-client", "pyzmq", "tornado"}), brought
    home, _, purelib = installed
    into_venv = {canonicalize_name(p.name.split("-")[0]) for p in purelib.glob("*.dist-info")}
    assert into_venv - {"pip", "setuptools"} == {"likertkit"}, into_venv
    extras = {m for r in requirements if r.marker for m in re.findall(r'extra == "([a-z]+)"', str(r.marker))}
    assert {"fast", "spss", "r", "pdf", "notebooks"} <= extras


def test_the_lock_lies_within_the_declared_ranges():
    declared = {canonicalize_name(Requirement(r).name): Requirement(r)
                for r in tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]}
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    for group in extras.values():
        for r in map(Requirement, group):
            if canonicalize_name(r.name) != "likertkit":
                declared[canonicalize_name(r.name)] = r
    locked = dict(re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)", (ROOT / "requirements.txt").read_text(), re.M))
    locked = {canonicalize_name(name): version for name, version in locked.items()}
    for name, requirement in declared.items():
        assert name in locked, f"{name} is declared but not locked in requirements.txt"
        assert requirement.specifier.contains(locked[name]), (name, str(requirement.specifier), locked[name])


def test_pip_install_gives_the_command_and_its_help(installed):
    home, env, _ = installed
    command = home / "venv" / "bin" / "likertkit"
    version = subprocess.run([command, "--version"], capture_output=True, text=True, env=env, cwd=home)
    assert version.returncode == 0 and version.stdout.startswith("likertkit ")
    top = subprocess.run([command, "--help"], capture_output=True, text=True, env=env, cwd=home).stdout
    usage = subprocess.run([command, "report", "--help"], capture_output=True, text=True, env=env, cwd=home).stdout
    for option in ("--out", "--items", "--scale", "--id", "--group", "--weight", "--min-group", "--missing",
                   "--encoding", "--delimiter", "--positive", "--order", "--title", "--palette", "--overwrite"):
        assert option in top and option in usage, option


def test_the_installed_command_writes_a_report_without_the_checkout(installed):
    home, env, _ = installed
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
