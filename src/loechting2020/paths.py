"""Where everything of the compendium lives: the one place its paths are set.

The project is the checkout holding this package (``src/loechting2020/paths.py`` -> two folders up), unless
``LIKERTKIT_PROJECT_ROOT`` names a copy of it (``make test`` runs the notebooks in a scratch copy, so that no
test rewrites a tracked file). Its ``data/processed/`` and ``figures/`` are laid out as any results folder of
:mod:`likertkit` (:class:`likertkit.report.layout.Layout`), with the raw data, notebooks and build scratch beside.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from likertkit.report.layout import Layout

SOURCE_ROOT = Path(__file__).resolve().parents[2]
PROJECT_ROOT = Path(os.environ.get("LIKERTKIT_PROJECT_ROOT") or SOURCE_ROOT)


@dataclass(frozen=True)
class Project(Layout):
    """The compendium's folders below one root."""

    root: Path = PROJECT_ROOT

    @property
    def raw(self) -> Path:
        return self.root / "data" / "raw"

    @property
    def notebooks(self) -> Path:
        return self.root / "notebooks"

    @property
    def build(self) -> Path:
        return self.root / "build"


PROJECT = Project()
