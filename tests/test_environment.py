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
        pins[match[1].lower().replace("_", "-")] = match[2]
    return pins


def test_every_requirement_is_pinned_exactly():
    for name in ("requirements.txt", "requirements-site.txt", "requirements-lab.txt", "requirements-bench.txt"):
        for line in (ROOT / name).read_text().splitlines():
            line = line.split("#")[0].strip()
            assert not line or "==" in line, f"{name}: {line!r} is not an exact pin"


def test_environment_yml_matches_requirements():
    assert pins_from_environment_yml() == pins_from_requirements("requirements.txt", "requirements-site.txt",
                                                                 "requirements-lab.txt", "requirements-bench.txt")
