"""data/datapackage.json describes every data file, and every file meets its schema."""

import csv
import json

import pytest
from frictionless import Package

from conftest import ROOT

DATA = ROOT / "data"
PACKAGE = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
RESOURCES = PACKAGE["resources"]


def test_every_data_file_is_described():
    described = {r["path"] for r in RESOURCES}
    on_disk = {p.relative_to(DATA).as_posix() for p in DATA.glob("*/*.csv")}
    assert on_disk == described


@pytest.mark.parametrize("resource", RESOURCES, ids=lambda r: r["name"])
def test_schema_fields_match_the_header(resource):
    with open(DATA / resource["path"], encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    assert header == [field["name"] for field in resource["schema"]["fields"]]


def test_package_validates():
    report = Package(str(DATA / "datapackage.json")).validate()
    errors = [f"{task.name}: {err.message}" for task in report.tasks for err in task.errors]
    assert report.valid, "\n".join(errors[:20])
