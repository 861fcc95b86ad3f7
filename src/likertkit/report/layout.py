"""The folders of a results folder: ``data/processed/`` for tables and ``figures/`` for charts, below one root.

A survey's ``OUT`` has this layout, so a report (and a compendium built on this package) finds its tables and
figures in the same places wherever the root is.

Examples
--------
>>> out = Layout("/tmp/results")
>>> out.processed.as_posix(), out.relative(out.figures / "fig1.svg")
('/tmp/results/data/processed', 'figures/fig1.svg')
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["Layout", "layout"]


@dataclass(frozen=True)
class Layout:
    """The result folders below ``root``."""

    root: Path

    def __post_init__(self):
        object.__setattr__(self, "root", Path(self.root).resolve())

    @property
    def processed(self) -> Path:
        return self.root / "data" / "processed"

    @property
    def figures(self) -> Path:
        return self.root / "figures"

    def relative(self, path) -> str:
        """A path as shown to readers: relative to the root, with forward slashes."""
        return Path(path).resolve().relative_to(self.root).as_posix()


def layout(out_root) -> Layout:
    """The layout of a results folder."""
    return Layout(out_root)
