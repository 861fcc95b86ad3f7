"""Notebook files, byte-stable: read, write, and the metadata that changes on every run stripped.

Standard library only, so that a build tool can use it before any environment exists.
"""

from __future__ import annotations

import json
from pathlib import Path

__all__ = ["PYTHON3_KERNELSPEC", "read", "strip_volatile", "write"]

# Metadata that changes on every run without changing what the notebook says.
_VOLATILE_CELL_METADATA = ("papermill", "execution", "ExecuteTime")


def read(path) -> dict:
    """A notebook file as a dict (its JSON)."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def write(nb: dict, path) -> None:
    """Write a notebook exactly as nbformat does, so rewrites are byte-stable."""
    text = json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False, separators=(",", ": "))
    Path(path).write_text(text + "\n", encoding="utf-8")


# The kernel an executed notebook names when the caller names none: this Python's.
PYTHON3_KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def strip_volatile(nb: dict, kernelspec: dict | None = None) -> dict:
    """Drop the run timestamps, durations and random ids papermill records; name ``kernelspec`` as the kernel."""
    nb["metadata"]["kernelspec"] = dict(kernelspec or PYTHON3_KERNELSPEC)
    for cell in nb["cells"]:
        for key in _VOLATILE_CELL_METADATA:
            cell.get("metadata", {}).pop(key, None)
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            cell["id"] = "injected-parameters"  # papermill draws a random id for the cell it adds
    papermill = nb["metadata"].pop("papermill", {})
    if papermill.get("parameters"):
        nb["metadata"]["papermill"] = {"parameters": papermill["parameters"]}
    return nb
