"""The pins live in requirements*.txt; environment.yml must carry the same ones."""

import re

from conftest import ROOT


def pins_from_requirements(*names):
    pins = {}
    for name in names:
        for line in (ROOT / name).read_text().splitlines():
            line = line.split("#")[0].strip()
            if line and not line.startswith("-"):
                package, version = line.split("==")
                pins[package.strip().lower().replace("_", "-")] = version.strip()
    return pins


def pins_from_environment_yml():
    pins = {}
    for match in re.finditer(r"^\s+- ([A-Za-z0-9_.-]+)==([^\s#]+)", (ROOT / "environment.yml").read_text(), re.M):
        pins[match[1].lower().replace("_", "-")] = match[2]  # conda-forge's jupyter_client is PyPI's jupyter-client
    return pins


def test_every_requirement_is_pinned_exactly():
    for name in ("requirements.txt", "requirements-site.txt", "requirements-lab.txt", "requirements-bench.txt"):
        for line in (ROOT / name).read_text().splitlines():
            line = line.split("#")[0].strip()
            assert not line or "==" in line, f"{name}: {line!r} is not an exact pin"


# What only the tests use: kept out of the class's environment (environment.yml).
TEST_ONLY = {"pytest", "nbval", "ruff", "pingouin"}


def test_environment_yml_is_the_class_environment_with_the_same_pins():
    """environment.yml holds requirements.txt's and requirements-lab.txt's pins, less the test-only packages; none
    of the site's or the benchmark's (issue 30)."""
    class_pins = {name: version for name, version in
                  pins_from_requirements("requirements.txt", "requirements-lab.txt").items() if name not in TEST_ONLY}
    assert pins_from_environment_yml() == class_pins
